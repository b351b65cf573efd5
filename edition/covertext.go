package edition

import (
	"fmt"
	"image"
	"image/color"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"github.com/edition-project/edition/fonts"
)

// coverFonts parses Noto Sans Bold and Regular once per process: parsing is
// the costly part. A parsed font is safe for concurrent use; faces are not,
// so each cover makes its own.
var coverFonts = sync.OnceValues(func() ([2]*opentype.Font, error) {
	var fs [2]*opentype.Font
	for i, f := range []fonts.Face{fonts.SansBold, fonts.Sans} {
		var err error
		if fs[i], err = opentype.Parse(f.Bytes()); err != nil {
			return fs, fmt.Errorf("edition: cover font %s: %w", f.File, err)
		}
	}
	return fs, nil
})

// kernedFace is an opentype face whose Kern is scaled for the face's size.
// opentype.Face.Kern (x/image v0.48.0) asks the font for kerning at one
// pixel per font unit, which makes it the same at every size and far too
// small for display type (golang/go#46727); the font's own Kern at the
// face's size is right. font.Drawer and font.MeasureString use this Kern.
type kernedFace struct {
	font.Face
	f    *opentype.Font
	ppem fixed.Int26_6
	buf  sfnt.Buffer
}

func (k *kernedFace) Kern(r0, r1 rune) fixed.Int26_6 {
	g0, err0 := k.f.GlyphIndex(&k.buf, r0)
	g1, err1 := k.f.GlyphIndex(&k.buf, r1)
	if err0 != nil || err1 != nil || g0 == 0 || g1 == 0 {
		return 0
	}
	kern, err := k.f.Kern(&k.buf, g0, g1, k.ppem, font.HintingNone)
	if err != nil {
		return 0 // no kerning for the pair
	}
	return kern
}

// face is f at px pixels to the em, unhinted: the cover is large enough
// that hinting would only disturb the shapes and the spacing.
func face(f *opentype.Font, px int) (font.Face, error) {
	fc, err := opentype.NewFace(f, &opentype.FaceOptions{Size: float64(px), DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		return nil, fmt.Errorf("edition: cover font at %d px: %w", px, err)
	}
	return &kernedFace{Face: fc, f: f, ppem: fixed.I(px)}, nil
}

// hasGlyphs reports whether f can draw every visible character of s.
func hasGlyphs(f *opentype.Font, s string) bool {
	var buf sfnt.Buffer
	for _, r := range s {
		if unicode.IsSpace(r) || unicode.Is(unicode.Cf, r) {
			continue
		}
		if i, err := f.GlyphIndex(&buf, r); err != nil || i == 0 {
			return false
		}
	}
	return true
}

// measure is the width of s in whole pixels, with tracking pixels between
// letters.
func measure(f font.Face, s string, tracking int) int {
	w := font.MeasureString(f, s)
	if n := len([]rune(s)); n > 1 {
		w += fixed.I(tracking * (n - 1))
	}
	return w.Ceil()
}

// textBlock is lines of one face and colour, gap pixels below what is above.
type textBlock struct {
	face       font.Face
	col        color.RGBA
	lines      []string
	size, lead int
	tracking   int
	gap        int
}

// height runs from the top of the capitals to below the descenders.
func (b textBlock) height() int {
	return (len(b.lines)-1)*b.lead + b.size
}

// fitHeadline finds the largest size, from maxSize down, at which the headline
// fits in width and height in at most maxLines lines; at the smallest size it
// cuts the headline short with an ellipsis. It returns the face at that size.
func fitHeadline(f *opentype.Font, s string, width, height, maxSize, maxLines int) (font.Face, int, []string, error) {
	const minSize = 60
	for size := maxSize; ; size -= 6 {
		fc, err := face(f, size)
		if err != nil {
			return nil, 0, nil, err
		}
		lines := wrap(fc, s, width)
		fits := len(lines) <= maxLines && (len(lines)-1)*size*110/100+size <= height
		for _, l := range lines {
			fits = fits && measure(fc, l, 0) <= width
		}
		if fits {
			return fc, size, lines, nil
		}
		if size-6 < minSize {
			n := min(maxLines, max(1, (height-size)/(size*110/100)+1))
			return fc, size, clip(fc, lines, n, width), nil
		}
	}
}

// wrap breaks s into lines no wider than width, between words; a word wider
// than width is broken between letters.
func wrap(f font.Face, s string, width int) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(s) {
		try := w
		if line != "" {
			try = line + " " + w
		}
		if measure(f, try, 0) <= width {
			line = try
			continue
		}
		if line != "" {
			lines = append(lines, line)
		}
		line = w
		for measure(f, line, 0) > width && len([]rune(line)) > 1 {
			r := []rune(line)
			n := len(r) - 1
			for n > 1 && measure(f, string(r[:n]), 0) > width {
				n--
			}
			lines = append(lines, string(r[:n]))
			line = string(r[n:])
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

// clip keeps the first n lines, ending the last with an ellipsis when text
// was cut.
func clip(f font.Face, lines []string, n, width int) []string {
	if len(lines) <= n {
		return lines
	}
	lines = append([]string(nil), lines[:n]...)
	last := []rune(lines[n-1])
	for len(last) > 0 && measure(f, strings.TrimRightFunc(string(last), unicode.IsSpace)+"…", 0) > width {
		last = last[:len(last)-1]
	}
	lines[n-1] = strings.TrimRightFunc(string(last), func(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) }) + "…"
	return lines
}

// text draws s with its baseline at y, letter-spaced by tracking pixels.
func (c *canvas) text(f font.Face, col color.RGBA, x, y int, s string, tracking int) {
	// The rows the glyphs' ink may reach (tracking only moves them
	// sideways), with a pixel to spare for antialiasing.
	b, _ := font.BoundString(f, s)
	c.add(y+b.Min.Y.Floor()-1, y+b.Max.Y.Ceil()+1, true, func(dst *image.RGBA) {
		d := font.Drawer{Dst: dst, Src: image.NewUniform(col), Face: f, Dot: fixed.P(x, y)}
		if tracking == 0 {
			d.DrawString(s)
			return
		}
		// The Drawer kerns within one call; letter by letter, kern here.
		prev := rune(-1)
		for _, r := range s {
			if prev >= 0 {
				d.Dot.X += f.Kern(prev, r) + fixed.I(tracking)
			}
			d.DrawString(string(r))
			prev = r
		}
	})
}

// textFit draws s on one line no wider than width, cut short if need be.
func (c *canvas) textFit(f font.Face, col color.RGBA, x, y int, s string, tracking, width int) {
	for r := []rune(s); measure(f, s, tracking) > width && len(r) > 1; {
		r = r[:len(r)-1]
		s = strings.TrimRightFunc(string(r), unicode.IsSpace) + "…"
	}
	c.text(f, col, x, y, s, tracking)
}
