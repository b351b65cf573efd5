package pdf

import (
	"bytes"
	"slices"
	"sync"

	"github.com/go-text/typesetting/di"
	gtfont "github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"
)

// shaped reports whether text in f is shaped with HarfBuzz (go-text) and
// drawn by glyph (pua.go): Arabic, Hebrew, Devanagari and symbols. Chinese
// and Japanese need no shaping and are drawn by character, like Latin.
func (f face) shaped() bool { return f >= arabic && f != cjk }

// textFonts are the shaped faces parsed for the shaper, each the first time
// it is needed and once per process; a *gtfont.Font is safe for concurrent
// use (a *gtfont.Face, which caches, is not: each rendering has its own).
var textFonts [numFaces]struct {
	once sync.Once
	f    *gtfont.Font
}

func textFont(f face) *gtfont.Font {
	t := &textFonts[f]
	t.once.Do(func() {
		if fc, err := gtfont.ParseTTF(bytes.NewReader(faceFiles[f].Bytes())); err == nil {
			t.f = fc.Font
		}
	})
	return t.f
}

// glyphRun is text shaped in one face and one direction.
type glyphRun struct {
	face   face
	rtl    bool
	text   []rune  // the text, in logical order
	glyphs []glyph // in visual order, left to right
	adv    float64 // the advance of the whole run, in font units
	upem   float64 // font units per em
}

// glyph is one shaped glyph; lengths are in font units.
type glyph struct {
	id      uint16
	dx, dy  float32 // where the glyph sits relative to the pen
	adv     float32 // how far the pen moves after it
	cluster int32   // the index in text of the cluster's first character
	runes   int32   // the number of characters in the cluster
}

// spacing reports whether the glyph sits on the pen's baseline and moves
// it: a base letter rather than a mark.
func (g glyph) spacing() bool { return g.dx == 0 && g.dy == 0 && g.adv > 0 }

// width returns the run's advance at size points.
func (g *glyphRun) width(size float64) float64 { return g.adv * size / g.upem }

type shapeKey struct {
	f    face
	rtl  bool
	text string
}

// shape returns text shaped in f, or nil if the face cannot be read.
// Results are kept for the rendering: a word comes back many times.
func (s *scripts) shape(f face, text []rune, rtl bool) *glyphRun {
	key := shapeKey{f, rtl, string(text)}
	if g, ok := s.shaped[key]; ok {
		return g
	}
	ft := textFont(f)
	if ft == nil {
		return nil
	}
	if s.faces[f] == nil {
		s.faces[f] = gtfont.NewFace(ft)
	}
	dir := di.DirectionLTR
	if rtl {
		dir = di.DirectionRTL
	}
	upem := int(ft.Upem())
	// Shaping at one em per font unit gives positions in font units, the
	// same at every size, so a word is shaped once whatever its size.
	out := s.shaper.Shape(shaping.Input{
		Text: text, RunEnd: len(text), Direction: dir, Face: s.faces[f],
		Size: fixed.I(upem), Script: scriptTag(f, text), Language: s.lang,
	})
	g := &glyphRun{face: f, rtl: rtl, text: slices.Clone(text), upem: float64(upem),
		glyphs: make([]glyph, len(out.Glyphs))}
	for i, og := range out.Glyphs {
		id := og.GlyphID
		if id >= maxPUAGlyphs {
			id = 0 // cannot happen with the shipped faces (TestPUAFonts)
		}
		g.glyphs[i] = glyph{id: uint16(id), dx: float32(og.XOffset) / 64, dy: float32(og.YOffset) / 64,
			adv: float32(og.Advance) / 64, cluster: int32(og.ClusterIndex), runes: int32(og.RuneCount)}
		g.adv += float64(og.Advance) / 64
	}
	if s.shaped == nil {
		s.shaped = map[shapeKey]*glyphRun{}
	}
	s.shaped[key] = g
	return g
}

// scriptTag returns the script HarfBuzz shapes text in f with.
func scriptTag(f face, text []rune) language.Script {
	switch f {
	case arabic, arabicBold:
		return language.Arabic
	case hebrewSerif, hebrewSerifBold, hebrewSans, hebrewSansBold:
		return language.Hebrew
	case devanagari, devanagariBold:
		return language.Devanagari
	}
	for _, r := range text {
		if sc := language.LookupScript(r); sc != language.Common && sc != language.Inherited {
			return sc
		}
	}
	return language.Common
}

// shapeWidth measures s, a word, shaped in f at size points.
func (r *renderer) shapeWidth(f face, size float64, s string) float64 {
	rs := []rune(s)
	g := r.scripts().shape(f, rs, f.rtl())
	if g == nil {
		return 0
	}
	return g.width(size)
}

// rtl reports whether f is a face of a right-to-left script.
func (f face) rtl() bool { return f >= arabic && f <= hebrewSansBold }

// clusters calls f for each cluster of g, left to right, with its glyphs
// and the text extraction should give for it: its characters, or in a
// right-to-left run a cluster of several characters (a letter and its
// vowel marks, a lam-alef ligature) in reverse. Extractors see text on the
// page in visual order, spread the characters of an /ActualText left to
// right over the glyphs of its span, and then reverse right-to-left runs
// (see extract.go) to get back to logical order.
func (g *glyphRun) clusters(f func(gs []glyph, text []rune)) {
	gs := g.glyphs
	var text []rune
	for i := 0; i < len(gs); {
		j := i + 1
		for j < len(gs) && gs[j].cluster == gs[i].cluster {
			j++
		}
		c, n := int(gs[i].cluster), int(gs[i].runes)
		if c < 0 || n < 0 || c+n > len(g.text) {
			c, n = 0, 0
		}
		text = append(text[:0], g.text[c:c+n]...)
		if g.rtl {
			slices.Reverse(text)
		}
		f(gs[i:j], text)
		i = j
	}
}

// clusterTexts returns the extraction text of each cluster of g, left to
// right (see clusters).
func (g *glyphRun) clusterTexts() [][]rune {
	var out [][]rune
	g.clusters(func(_ []glyph, text []rune) { out = append(out, slices.Clone(text)) })
	return out
}

// drawGlyphRun draws a shaped run with its left end at x and its baseline
// at y, in the current text colour.
//
// Unless the run is inside a span of the whole line (texts nil), every
// cluster goes in a marked-content span whose /ActualText is texts[i], its
// text as clusterTexts gives it (with bidi marks, extract.go): text
// extraction returns that instead of the private codes drawn. Marks that
// sit off the baseline go in a span of their own with an empty
// /ActualText: poppler takes a span's baseline from its first glyph and
// would otherwise cut the word at a raised mark.
func (r *renderer) drawGlyphRun(g *glyphRun, texts [][]rune, size, x, y float64) {
	r.setFont(g.face, size)
	sc := size / g.upem
	draw := func(gl glyph, pen float64) {
		r.drawRaw(pen+float64(gl.dx)*sc, y-float64(gl.dy)*sc, string(rune(puaBase+int(gl.id))))
	}
	k := 0
	g.clusters(func(gs []glyph, _ []rune) {
		spacing := 0
		for _, gl := range gs {
			if gl.spacing() {
				spacing++
			}
		}
		spans := texts != nil
		if spans {
			var t []rune
			if k < len(texts) {
				t = texts[k]
			}
			r.beginActualText(string(t))
		}
		k++
		pen := x
		for _, gl := range gs {
			if !spans || spacing == 0 || gl.spacing() {
				draw(gl, pen)
			}
			pen += float64(gl.adv) * sc
		}
		if spans {
			r.endMarked()
		}
		if spans && spacing > 0 && spacing < len(gs) {
			r.beginActualText("")
			pen = x
			for _, gl := range gs {
				if !gl.spacing() {
					draw(gl, pen)
				}
				pen += float64(gl.adv) * sc
			}
			r.endMarked()
		}
		x = pen
	})
}
