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
	maxPixels   int   // the limit the header was checked against
	loadErr     error // why Load failed, once it has
}

// Decode decodes a JPEG (baseline or progressive; CMYK and YCCK become RGB),
// PNG (any depth, palette, alpha), GIF (its first frame) or WebP picture.
// It checks the file size and the pixel count, from the header, before
// decoding, and turns JPEGs upright according to their EXIF orientation.
// Bad data gives an error, never a panic.
func Decode(data []byte, lim Limits) (*Decoded, error) {
	d, err := Open(data, lim)
	if err != nil {
		return nil, err
	}
	if err := d.Load(); err != nil {
		return nil, err
	}
	return d, nil
}

// Open is Decode without decoding the pixels of a JPEG that may be used as it
// is: it reads the header, checks the limits and the file's structure, and
// leaves the pixels to Load, which Screen, Print and Fill call when they need
// them. A photo that is already the right size then costs no decoding at
// all. Other formats are decoded at once.
func Open(data []byte, lim Limits) (*Decoded, error) {
	lim = lim.withDefaults()
	if int64(len(data)) > lim.MaxBytes {
		return nil, fmt.Errorf("%w: the file is %s, more than the limit of %s: export it smaller or at a lower quality",
			ErrTooLarge, megabytes(int64(len(data))), megabytes(lim.MaxBytes))
	}
	format, err := sniff(data)
	if err != nil {
		return nil, err
	}
	d := &Decoded{Format: format, Orientation: 1, data: data, maxPixels: lim.MaxPixels}
	cfg, err := d.config()
	if err != nil {
		return nil, err
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return nil, fmt.Errorf("%w: the %s header says it is %d×%d pixels: open and save it again in an image editor", ErrCorrupt, format, cfg.Width, cfg.Height)
	}
	// Compare in 64 bits: width × height can overflow an int on 32-bit machines.
	if px := int64(cfg.Width) * int64(cfg.Height); px > int64(lim.MaxPixels) {
		return nil, fmt.Errorf("%w: it is %d×%d pixels (%.1f megapixels), more than the limit of %.1f megapixels: scale it down before adding it (3000 pixels on the long side is plenty for print)",
			ErrTooLarge, cfg.Width, cfg.Height, float64(px)/1e6, float64(lim.MaxPixels)/1e6)
	}
	d.Width, d.Height = cfg.Width, cfg.Height
	if format == "jpeg" {
		d.Orientation = jpegOrientation(data)
		// CMYK and Adobe RGB JPEGs are not passed through: not every PDF or
		// EPUB reader shows them right.
		rgb := cfg.ColorModel == color.YCbCrModel || cfg.ColorModel == color.GrayModel
		d.passthrough = rgb && d.Orientation == 1
		if d.Orientation >= 5 {
			d.Width, d.Height = d.Height, d.Width
		}
		if d.passthrough && jpegComplete(data) {
			d.Opaque = true // JPEG has no alpha channel
			return d, nil
		}
	}
	if err := d.Load(); err != nil {
		return nil, err
	}
	return d, nil
}

// config reads the picture's header.
func (d *Decoded) config() (cfg image.Config, err error) {
	// The decoders are not expected to panic, but a picture is untrusted
	// input and one bad file must not bring down a whole build.
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%w: the %s header is damaged (%v): open and save it again in an image editor", ErrCorrupt, d.Format, r)
		}
	}()
	r := bytes.NewReader(d.data)
	switch d.Format {
	case "jpeg":
		cfg, err = jpeg.DecodeConfig(r)
	case "png":
		cfg, err = png.DecodeConfig(r)
	case "gif":
		cfg, err = gif.DecodeConfig(r)
	default:
		cfg, err = webp.DecodeConfig(r)
	}
	if err != nil {
		return cfg, fmt.Errorf("%w: the %s header is damaged (%v): open and save it again in an image editor", ErrCorrupt, d.Format, err)
	}
	return cfg, nil
}

// Load decodes the pixels, once; Decode and Open have checked the header.
// It is safe to call more than once, but not from two goroutines at once.
func (d *Decoded) Load() (err error) {
	if d.src != nil {
		return nil
	}
	if d.loadErr != nil {
		return d.loadErr
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%w: the %s data is damaged (%v): open and save it again in an image editor", ErrCorrupt, d.Format, r)
		}
		d.loadErr = err
	}()
	r := bytes.NewReader(d.data)
	var m image.Image
	switch d.Format {
	case "jpeg":
		m, err = jpeg.Decode(r)
	case "png":
		m, err = png.Decode(r)
	case "gif":
		m, err = gif.Decode(r)
	default:
		m, err = webp.Decode(r)
	}
	if err != nil {
		return fmt.Errorf("%w: the %s data is damaged or cut short (%v): open and save it again in an image editor", ErrCorrupt, d.Format, err)
	}
	b := m.Bounds()
	w, h := b.Dx(), b.Dy()
	if d.Orientation >= 5 {
		w, h = h, w
	}
	if int64(b.Dx())*int64(b.Dy()) > int64(d.maxPixels) || b.Empty() || w != d.Width || h != d.Height {
		return fmt.Errorf("%w: the %s decodes to %d×%d pixels, not what its header says", ErrCorrupt, d.Format, b.Dx(), b.Dy())
	}
	d.src = normalise(m)
	d.Opaque = opaque(d.src)
	return nil
}

// jpegComplete reports whether a JPEG's segments are well formed up to its
// scan and the file ends with the end-of-image marker, as a file cut short
// does not: a cheap check of a JPEG that is passed through undecoded.
func jpegComplete(b []byte) bool {
	if _, ok := stripJPEGMetadata(b); !ok {
		return false
	}
	// Some writers pad the end; allow a little.
	end := bytes.TrimRight(b[max(0, len(b)-64):], "\x00\r\n ")
	return bytes.HasSuffix(end, []byte{0xFF, 0xD9})
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
