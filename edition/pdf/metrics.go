package pdf

import (
	"math"

	xfont "golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// metrics measures text the way fpdf does — the same widths, rounded the
// same way, so that the lines fpdf draws are exactly as long as the ones
// that were broken — but from the fonts parsed once per process (parsed,
// parsedScripts) instead of from the document's own copy. So laying out
// needs no font added to fpdf: fpdf parses a face when it is added, and
// that happens only when the face is first drawn.
//
// A metrics belongs to one rendering: its caches are not shared.
type metrics struct {
	buf    sfnt.Buffer
	widths [numFaces]map[rune]int32 // thousandths of an em; -1: no glyph
	miss   [numFaces]int32          // fpdf's width for a character the face lacks
}

// sfntFont returns the face's font parsed once per process, or nil.
func sfntFont(f face) *sfnt.Font {
	if f < numLatin {
		return parsed()[f]
	}
	return parsedScripts()[f-numLatin]
}

// width returns the width of s in face f, in thousandths of an em.
func (m *metrics) width(f face, s string) int {
	w := 0
	for _, r := range s {
		w += int(m.rune(f, r))
	}
	return w
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
