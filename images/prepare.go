package images

import (
	"bytes"
	"fmt"
	"image"
	"image/draw"
	"image/jpeg"
	"image/png"
	"math"
)

// Preparation settings.
const (
	ScreenMaxSide = 1600 // pixels on the long side of a screen picture
	ScreenQuality = 82   // JPEG quality for screens
	PrintQuality  = 90   // JPEG quality for print, when a JPEG must be re-encoded
)

// Encoded is an encoded picture.
type Encoded struct {
	Data          []byte
	MediaType     string // "image/jpeg" or "image/png"
	Width, Height int    // pixels
}

// Screen prepares the picture for screens (EPUB): upright, at most
// ScreenMaxSide pixels on the long side, a JPEG when it is opaque and a PNG
// when it has transparency. A JPEG that is already small enough and needs no
// rotation is kept as it is, less its metadata (see stripJPEGMetadata).
func (d *Decoded) Screen() (Encoded, error) {
	w, h := fit(d.Width, d.Height, ScreenMaxSide, ScreenMaxSide)
	// Keep the original only when it is not much heavier than a re-encode
	// would be (half a byte per pixel is about JPEG quality 95).
	if d.passthrough && w == d.Width && h == d.Height && int64(len(d.data)) <= int64(w)*int64(h)/2 {
		if data, ok := stripJPEGMetadata(d.data); ok {
			return Encoded{Data: data, MediaType: "image/jpeg", Width: w, Height: h}, nil
		}
	}
	if err := d.Load(); err != nil {
		return Encoded{}, err
	}
	return d.encode(d.render(image.Rect(0, 0, d.Width, d.Height), w, h), ScreenQuality)
}

// Print prepares the picture for print (PDF): upright, at most maxWidth
// pixels wide (its placed width at 300 ppi; 0 means no limit), as a JPEG or an
// 8-bit, non-interlaced PNG, the forms a PDF writer can embed. A JPEG in RGB
// or gray that needs neither rotation nor scaling keeps its compressed data
// as it is, less its metadata (see stripJPEGMetadata).
func (d *Decoded) Print(maxWidth int) (Encoded, error) {
	w, h := fit(d.Width, d.Height, maxWidth, 0)
	if d.passthrough && w == d.Width && h == d.Height {
		if data, ok := stripJPEGMetadata(d.data); ok {
			return Encoded{Data: data, MediaType: "image/jpeg", Width: w, Height: h}, nil
		}
	}
	if err := d.Load(); err != nil {
		return Encoded{}, err
	}
	return d.encode(d.render(image.Rect(0, 0, d.Width, d.Height), w, h), PrintQuality)
}

// Fill returns the upright picture scaled and cropped, about its centre, to
// fill w×h pixels, with its origin at 0,0: a cover's photo. It is an
// *image.YCbCr, *image.Gray or *image.RGBA (premultiplied), as the picture
// was decoded, so that drawing it is the only conversion. Transparent parts
// stay transparent. Call Load first: a picture whose pixels cannot be
// decoded fills with nothing (a transparent picture).
func (d *Decoded) Fill(w, h int) image.Image {
	if w <= 0 || h <= 0 || d.Load() != nil {
		return image.NewRGBA(image.Rect(0, 0, max(w, 0), max(h, 0)))
	}
	// The largest rectangle of the picture with the aspect ratio of w×h.
	cw, ch := d.Width, int(math.Round(float64(d.Width)*float64(h)/float64(w)))
	if ch > d.Height {
		cw, ch = int(math.Round(float64(d.Height)*float64(w)/float64(h))), d.Height
	}
	cw, ch = max(cw, 1), max(ch, 1)
	x0, y0 := (d.Width-cw)/2, (d.Height-ch)/2
	return d.render(image.Rect(x0, y0, x0+cw, y0+ch), w, h)
}

// render scales the part ur of the upright picture to w×h and returns it
// upright. Scaling happens before turning, on the stored pixels, so that the
// turn moves as few pixels as possible.
func (d *Decoded) render(ur image.Rectangle, w, h int) image.Image {
	sb := d.src.Bounds()
	sr := storedRect(d.Orientation, sb.Dx(), sb.Dy(), ur).Add(sb.Min)
	tw, th := w, h
	if d.Orientation >= 5 {
		tw, th = h, w
	}
	var m image.Image
	if sr.Dx() == tw && sr.Dy() == th && sr == sb && sb.Min == (image.Point{}) {
		m = d.src // nothing to scale; encoders and orient only read it
	} else {
		m = resize(d.src, sr, tw, th)
	}
	return orient(m, d.Orientation)
}

// encode writes m as a JPEG when the picture is opaque (gray when it has no
// colour) and as an 8-bit RGBA PNG when it has transparency.
func (d *Decoded) encode(m image.Image, quality int) (Encoded, error) {
	b := m.Bounds()
	e := Encoded{Width: b.Dx(), Height: b.Dy()}
	if d.Opaque {
		var buf bytes.Buffer
		buf.Grow(e.Width * e.Height / 6)
		if err := jpeg.Encode(&buf, m, &jpeg.Options{Quality: quality}); err != nil {
			return Encoded{}, fmt.Errorf("images: encoding JPEG: %w", err)
		}
		e.Data, e.MediaType = buf.Bytes(), "image/jpeg"
		return e, nil
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, toNRGBA(toRGBA(m))); err != nil {
		return Encoded{}, fmt.Errorf("images: encoding PNG: %w", err)
	}
	e.Data, e.MediaType = buf.Bytes(), "image/png"
	return e, nil
}

// toRGBA returns m as an RGBA picture with its origin at 0,0.
func toRGBA(m image.Image) *image.RGBA {
	if r, ok := m.(*image.RGBA); ok && r.Rect.Min == (image.Point{}) && r.Stride == 4*r.Rect.Dx() {
		return r
	}
	b := m.Bounds()
	r := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(r, r.Rect, m, b.Min, draw.Src)
	return r
}

// fit returns w×h scaled down, keeping its proportions, to at most maxW×maxH
// (a zero bound does not limit). Pictures are never scaled up.
func fit(w, h, maxW, maxH int) (int, int) {
	s := 1.0
	if maxW > 0 && w > maxW {
		s = float64(maxW) / float64(w)
	}
	if maxH > 0 && float64(h)*s > float64(maxH) {
		s = float64(maxH) / float64(h)
	}
	if s == 1 {
		return w, h
	}
	return max(1, int(math.Round(float64(w)*s))), max(1, int(math.Round(float64(h)*s)))
}

// toNRGBA undoes the premultiplication of m for the PNG encoder.
func toNRGBA(m *image.RGBA) *image.NRGBA {
	n := image.NewNRGBA(m.Rect)
	for i := 0; i+4 <= len(m.Pix) && i+4 <= len(n.Pix); i += 4 {
		r, g, b, a := m.Pix[i], m.Pix[i+1], m.Pix[i+2], m.Pix[i+3]
		switch a {
		case 0xff:
			n.Pix[i], n.Pix[i+1], n.Pix[i+2], n.Pix[i+3] = r, g, b, a
		case 0:
			// Fully transparent: colour is meaningless; zero compresses best.
		default:
			n.Pix[i] = uint8(min(255, (uint32(r)*255+uint32(a)/2)/uint32(a)))
			n.Pix[i+1] = uint8(min(255, (uint32(g)*255+uint32(a)/2)/uint32(a)))
			n.Pix[i+2] = uint8(min(255, (uint32(b)*255+uint32(a)/2)/uint32(a)))
			n.Pix[i+3] = a
		}
	}
	return n
}
