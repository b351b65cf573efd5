package pdf

import (
	"math"

	xfont "golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// metrics measures text the way fpdf does — the same widths, rounded the
// same way, so that the lines fpdf draws are exactly as long as the ones
// that were broken — plus the font's kerning, which drawText applies, but
// from the fonts parsed once per process (parsed,
// parsedScripts) instead of from the document's own copy. So laying out
// needs no font added to fpdf: fpdf parses a face when it is added, and
// that happens only when the face is first drawn.
//
// A metrics belongs to one rendering: its caches are not shared.
type metrics struct {
	buf    sfnt.Buffer
	widths [numFaces]map[rune]int32 // thousandths of an em; -1: no glyph
	miss   [numFaces]int32          // fpdf's width for a character the face lacks
	kerns  [numFaces]map[[2]rune]int32
}

// width returns the width of s in face f, in thousandths of an em, kerned
// (see kern): the width drawText gives it.
func (m *metrics) width(f face, s string) int {
	w := 0
	prev := rune(-1)
	for _, r := range s {
		w += int(m.rune(f, r))
		if prev >= 0 {
			w += int(m.kern(f, prev, r))
		}
		prev = r
	}
	return w
}

// plainWidth is width without kerning: what fpdf and a PDF viewer advance
// for s drawn in one piece.
func (m *metrics) plainWidth(f face, s string) int {
	w := 0
	for _, r := range s {
		w += int(m.rune(f, r))
	}
	return w
}

// kern returns the kerning between two characters in face f, in thousandths
// of an em, from the font's kerning table (0 when it has none for them).
// Only faces fpdf draws by character are kerned here; the shaper kerns the
// others.
func (m *metrics) kern(f face, a, b rune) int32 {
	if f.shaped() {
		return 0
	}
	c := m.kerns[f]
	if c == nil {
		c = map[[2]rune]int32{}
		m.kerns[f] = c
	}
	k, ok := c[[2]rune{a, b}]
	if ok {
		return k
	}
	if sf := sfntFont(f); sf != nil && a <= 0xFFFF && b <= 0xFFFF {
		ga, errA := sf.GlyphIndex(&m.buf, a)
		gb, errB := sf.GlyphIndex(&m.buf, b)
		if errA == nil && errB == nil && ga != 0 && gb != 0 {
			upem := int(sf.UnitsPerEm())
			if v, err := sf.Kern(&m.buf, ga, gb, fixed.I(upem), xfont.HintingNone); err == nil && v != 0 {
				k = int32(math.Round(1000 / float64(upem) * float64(v) / 64))
			}
		}
	}
	c[[2]rune{a, b}] = k
	return k
}

// rune returns the width of one character as fpdf's GetStringSymbolWidth
// counts it: the glyph's advance scaled to 1000 units an em and rounded; 0
// for a glyph of no width; for a character the face lacks (or beyond the
// BMP, which fpdf's width table does not reach), the width of the face's
// .notdef glyph, or 500 when that is 0.
func (m *metrics) rune(f face, r rune) int32 {
	c := m.widths[f]
	if c == nil {
		c = map[rune]int32{}
		m.widths[f] = c
		m.miss[f] = -1
	}
	if w, ok := c[r]; ok {
		if w < 0 {
			return m.missing(f)
		}
		return w
	}
	w := int32(-1)
	if sf := sfntFont(f); sf != nil && r <= 0xFFFF {
		if gi, err := sf.GlyphIndex(&m.buf, r); err == nil && gi != 0 {
			w = m.advance(sf, gi)
		}
	}
	c[r] = w
	if w < 0 {
		return m.missing(f)
	}
	return w
}

// missing returns fpdf's width for a character the face has no glyph for.
func (m *metrics) missing(f face) int32 {
	if m.miss[f] < 0 {
		m.miss[f] = 500
		if sf := sfntFont(f); sf != nil {
			if w := m.advance(sf, 0); w != 0 {
				m.miss[f] = w
			}
		}
	}
	return m.miss[f]
}

// advance is glyph gi's advance in thousandths of an em, rounded as fpdf
// rounds it (fpdf keeps 0 as "no width").
func (m *metrics) advance(sf *sfnt.Font, gi sfnt.GlyphIndex) int32 {
	upem := int(sf.UnitsPerEm())
	adv, err := sf.GlyphAdvance(&m.buf, gi, fixed.I(upem), xfont.HintingNone)
	if err != nil || adv < 0 {
		return 0
	}
	units := int(adv) >> 6 // at ppem = units per em, the advance in font units
	if units >= 1<<15 {
		units = 0 // as fpdf reads it
	}
	return int32(math.Round(1000 / float64(upem) * float64(units)))
}

// drawText draws s in face f at size points from x on the baseline y,
// kerned: the text is cut where a pair of characters is kerned and each
// piece drawn at its place, so it is exactly as wide as measure says.
// Faces are set by the caller (setFont).
func (r *renderer) drawText(f face, size, x, y float64, s string) {
	start, prev := 0, rune(-1)
	for i, ch := range s {
		if prev >= 0 {
			if k := r.met.kern(f, prev, ch); k != 0 {
				r.drawRaw(x, y, s[start:i])
				x += float64(r.met.plainWidth(f, s[start:i])+int(k)) * size / 1000
				start = i
			}
		}
		prev = ch
	}
	r.drawRaw(x, y, s[start:])
}
