package images

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/gif"
	"image/jpeg"
	"image/png"

	"golang.org/x/image/webp"
)

// Default limits, used for the zero fields of Limits.
const (
	DefaultMaxPixels       = 50_000_000 // 50 megapixels: a large camera's full frame
	DefaultMaxBytes  int64 = 30 << 20   // 30 MB
)

// Limits bound what Decode accepts, so that a hostile or careless file cannot
// exhaust memory. Zero fields take the defaults.
type Limits struct {
	MaxPixels int   // width × height
	MaxBytes  int64 // size of the encoded file
}

func (l Limits) withDefaults() Limits {
	if l.MaxPixels <= 0 {
		l.MaxPixels = DefaultMaxPixels
	}
	if l.MaxBytes <= 0 {
		l.MaxBytes = DefaultMaxBytes
	}
	return l
}

// Errors Decode wraps, for errors.Is.
var (
	ErrTooLarge = errors.New("images: picture too large")
	ErrFormat   = errors.New("images: not a supported picture format")
	ErrCorrupt  = errors.New("images: cannot decode picture")
)

// Decoded is a decoded picture, ready to be prepared for a format.
type Decoded struct {
	Format        string // "jpeg", "png", "gif" or "webp"
	Width, Height int    // pixels, upright (EXIF orientation applied)
	Orientation   int    // the EXIF orientation (1–8) that was applied; 1 for none
	Opaque        bool   // no pixel is transparent

	// src is the picture as stored (before orientation), normalised to one of
	// *image.YCbCr, *image.Gray or *image.RGBA (premultiplied, so that
	// scaling does not bleed the colour of transparent pixels).
	src  image.Image
	data []byte // the original file
	// passthrough: data may be embedded as it is when no scaling is needed
	// (a JPEG in YCbCr or gray that needs no rotation).
	passthrough bool
}

// Decode decodes a JPEG (baseline or progressive; CMYK and YCCK become RGB),
// PNG (any depth, palette, alpha), GIF (its first frame) or WebP picture.
// It checks the file size and the pixel count, from the header, before
// decoding, and turns JPEGs upright according to their EXIF orientation.
// Bad data gives an error, never a panic.
func Decode(data []byte, lim Limits) (d *Decoded, err error) {
	lim = lim.withDefaults()
	if int64(len(data)) > lim.MaxBytes {
		return nil, fmt.Errorf("%w: the file is %s, more than the limit of %s: export it smaller or at a lower quality",
			ErrTooLarge, megabytes(int64(len(data))), megabytes(lim.MaxBytes))
	}
	format, err := sniff(data)
	if err != nil {
		return nil, err
	}
	// The decoders are not expected to panic, but a picture is untrusted
	// input and one bad file must not bring down a whole build.
	defer func() {
		if r := recover(); r != nil {
			d, err = nil, fmt.Errorf("%w: the %s data is damaged (%v): open and save it again in an image editor", ErrCorrupt, format, r)
		}
	}()
	var decodeConfig func([]byte) (image.Config, error)
	var decode func([]byte) (image.Image, error)
	switch format {
	case "jpeg":
		decodeConfig = func(b []byte) (image.Config, error) { return jpeg.DecodeConfig(bytes.NewReader(b)) }
		decode = func(b []byte) (image.Image, error) { return jpeg.Decode(bytes.NewReader(b)) }
	case "png":
		decodeConfig = func(b []byte) (image.Config, error) { return png.DecodeConfig(bytes.NewReader(b)) }
		decode = func(b []byte) (image.Image, error) { return png.Decode(bytes.NewReader(b)) }
	case "gif":
		decodeConfig = func(b []byte) (image.Config, error) { return gif.DecodeConfig(bytes.NewReader(b)) }
		decode = func(b []byte) (image.Image, error) { return gif.Decode(bytes.NewReader(b)) }
	case "webp":
		decodeConfig = func(b []byte) (image.Config, error) { return webp.DecodeConfig(bytes.NewReader(b)) }
		decode = func(b []byte) (image.Image, error) { return webp.Decode(bytes.NewReader(b)) }
	}
	cfg, err := decodeConfig(data)
	if err != nil {
		return nil, fmt.Errorf("%w: the %s header is damaged (%v): open and save it again in an image editor", ErrCorrupt, format, err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return nil, fmt.Errorf("%w: the %s header says it is %d×%d pixels: open and save it again in an image editor", ErrCorrupt, format, cfg.Width, cfg.Height)
	}
	// Compare in 64 bits: width × height can overflow an int on 32-bit machines.
	if px := int64(cfg.Width) * int64(cfg.Height); px > int64(lim.MaxPixels) {
		return nil, fmt.Errorf("%w: it is %d×%d pixels (%.1f megapixels), more than the limit of %.1f megapixels: scale it down before adding it (3000 pixels on the long side is plenty for print)",
			ErrTooLarge, cfg.Width, cfg.Height, float64(px)/1e6, float64(lim.MaxPixels)/1e6)
	}
	m, err := decode(data)
	if err != nil {
		return nil, fmt.Errorf("%w: the %s data is damaged or cut short (%v): open and save it again in an image editor", ErrCorrupt, format, err)
	}
	if b := m.Bounds(); int64(b.Dx())*int64(b.Dy()) > int64(lim.MaxPixels) || b.Empty() {
		return nil, fmt.Errorf("%w: the %s decodes to %d×%d pixels, not what its header says", ErrCorrupt, format, b.Dx(), b.Dy())
	}

	d = &Decoded{Format: format, Orientation: 1, data: data}
	if format == "jpeg" {
		d.Orientation = jpegOrientation(data)
		// CMYK and Adobe RGB JPEGs are not passed through: not every PDF or
		// EPUB reader shows them right.
		rgb := cfg.ColorModel == color.YCbCrModel || cfg.ColorModel == color.GrayModel
		d.passthrough = rgb && d.Orientation == 1
	}
	d.src = normalise(m)
	d.Opaque = opaque(d.src)
	b := d.src.Bounds()
	d.Width, d.Height = b.Dx(), b.Dy()
	if d.Orientation >= 5 {
		d.Width, d.Height = d.Height, d.Width
	}
	return d, nil
}

// sniff names the format from the first bytes, with advice for formats that
// are common in newsrooms but not supported.
func sniff(b []byte) (string, error) {
	switch {
	case len(b) == 0:
		return "", fmt.Errorf("%w: the file is empty", ErrFormat)
	case bytes.HasPrefix(b, []byte("\xff\xd8\xff")):
		return "jpeg", nil
	case bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")):
		return "png", nil
	case bytes.HasPrefix(b, []byte("GIF87a")), bytes.HasPrefix(b, []byte("GIF89a")):
		return "gif", nil
	case len(b) >= 12 && string(b[:4]) == "RIFF" && string(b[8:12]) == "WEBP":
		return "webp", nil
	}
	what := "an unknown format"
	switch {
	case len(b) >= 12 && string(b[4:8]) == "ftyp" && (bytes.Contains(b[8:12], []byte("hei")) || bytes.Contains(b[8:12], []byte("mif")) || bytes.Contains(b[8:12], []byte("avi"))):
		what = "HEIC/AVIF"
	case bytes.HasPrefix(b, []byte("II*\x00")), bytes.HasPrefix(b, []byte("MM\x00*")):
		what = "TIFF"
	case bytes.HasPrefix(b, []byte("BM")):
		what = "BMP"
	case bytes.HasPrefix(b, []byte("%PDF")):
		what = "PDF"
	case bytes.Contains(b[:min(len(b), 512)], []byte("<svg")):
		what = "SVG"
	}
	return "", fmt.Errorf("%w: it is %s: convert it to JPEG (photos) or PNG (graphics)", ErrFormat, what)
}

// normalise converts m to a type the scaler handles: *image.YCbCr,
// *image.Gray or *image.RGBA.
func normalise(m image.Image) image.Image {
	switch m := m.(type) {
	case *image.YCbCr, *image.Gray, *image.RGBA:
		return m
	case *image.CMYK:
		return cmykToRGBA(m)
	case *image.Paletted:
		return palettedToRGBA(m)
	case *image.Gray16:
		g := image.NewGray(m.Bounds())
		draw.Draw(g, g.Rect, m, m.Rect.Min, draw.Src)
		return g
	}
	// NRGBA (PNG, lossless WebP), 16-bit PNGs, WebP with alpha: image/draw
	// premultiplies; it is slower for the rarer types, but correct.
	b := m.Bounds()
	r := image.NewRGBA(b)
	draw.Draw(r, b, m, b.Min, draw.Src)
	return r
}

func cmykToRGBA(m *image.CMYK) *image.RGBA {
	b := m.Bounds()
	out := image.NewRGBA(b)
	for y := b.Min.Y; y < b.Max.Y; y++ {
		si := m.PixOffset(b.Min.X, y)
		di := out.PixOffset(b.Min.X, y)
		for x := b.Min.X; x < b.Max.X; x, si, di = x+1, si+4, di+4 {
			r, g, bl := color.CMYKToRGB(m.Pix[si], m.Pix[si+1], m.Pix[si+2], m.Pix[si+3])
			out.Pix[di], out.Pix[di+1], out.Pix[di+2], out.Pix[di+3] = r, g, bl, 0xff
		}
	}
	return out
}

func palettedToRGBA(m *image.Paletted) *image.RGBA {
	// A palette entry outside the palette is black, as image.Paletted.At says.
	var lut [256][4]byte
	for i := range lut {
		if i < len(m.Palette) {
			r, g, b, a := m.Palette[i].RGBA()
			lut[i] = [4]byte{byte(r >> 8), byte(g >> 8), byte(b >> 8), byte(a >> 8)}
		} else {
			lut[i] = [4]byte{0, 0, 0, 0xff}
		}
	}
	b := m.Bounds()
	out := image.NewRGBA(b)
	for y := b.Min.Y; y < b.Max.Y; y++ {
		si := m.PixOffset(b.Min.X, y)
		di := out.PixOffset(b.Min.X, y)
		for x := b.Min.X; x < b.Max.X; x, si, di = x+1, si+1, di+4 {
			copy(out.Pix[di:di+4], lut[m.Pix[si]][:])
		}
	}
	return out
}

func opaque(m image.Image) bool {
	if o, ok := m.(interface{ Opaque() bool }); ok {
		return o.Opaque()
	}
	return true
}

func megabytes(n int64) string {
	return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
}
