package pdf

import (
	"context"
	"errors"
	"iter"
	"math/bits"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/edition-project/edition/edition"
)

// runeSet is a set of codes of the Basic Multilingual Plane.
type runeSet [0x10000 / 64]uint64

func (s *runeSet) add(r rune) {
	if r >= 0 && r <= 0xFFFF {
		s[r>>6] |= 1 << (r & 63)
	}
}

func (s *runeSet) addString(str string) {
	for _, r := range str {
		s.add(r)
	}
}

func (s *runeSet) has(r rune) bool {
	return r >= 0 && r <= 0xFFFF && s[r>>6]&(1<<(r&63)) != 0
}

// all yields the codes in the set in increasing order.
func (s *runeSet) all() iter.Seq[rune] {
	return func(yield func(rune) bool) {
		for i, w := range s {
			for w != 0 {
				b := bits.TrailingZeros64(w)
				w &^= 1 << b
				if !yield(rune(i<<6 | b)) {
					return
				}
			}
		}
	}
}

// fontPlan is what a rendering gives fpdf of each face (subset.go).
type fontPlan struct {
	full   bool               // give the whole faces: the fallback
	ready  bool               // the characters are collected: drawing has begun
	sets   [numFaces]*runeSet // the characters (glyph codes, for shaped faces) collected
	given  [numFaces]*runeSet // the set each face added as a subset was made for
	cur    face               // the face last set
	missed bool               // a character was drawn that its face's subset lacks
}

// errSubsetMiss reports that a document drew a character missing from the
// subset of its face: it is laid out again with the whole faces.
var errSubsetMiss = errors.New("pdf: a character drawn is missing from its font subset")

// subsetFallbacks counts the documents laid out again with the whole faces,
// and wholeFaces the faces added whole to a document meant to have subsets
// (added before drawing began, or that could not be cut): for tests, both
// should stay 0.
var subsetFallbacks, wholeFaces atomic.Int64

// layOutWith lays b out as layOut does, setting justified text with tx,
// which collects the layout report. The faces are given to fpdf as subsets
// of what the document draws; should one lack a character drawn, the
// document is laid out again with the whole faces.
//
// paginated, when not nil, is called once with the pagination when the
// pages are known (see Renderer.Paginated): laying out again gives the
// same pages, which fpdf's fonts do not change.
func layOutWith(ctx context.Context, b *edition.Book, tx *typesetter, paginated func(*edition.Pagination)) ([]byte, *edition.Pagination, error) {
	again := *tx
	raw, pg, err := layOutFonts(ctx, b, tx, false, paginated)
	if !errors.Is(err, errSubsetMiss) {
		return raw, pg, err
	}
	subsetFallbacks.Add(1)
	*tx = again
	return layOutFonts(ctx, b, tx, true, nil)
}

// markerRunes are drawn by marker (article.go), measured only as they are
// drawn: list bullets (blocks.go), note numbers, and the ellipsis of
// shortened text.
var markerRunes = "•–·….0123456789"

// planFonts collects, once the pages are known and before the first is
// drawn, the characters the document draws in each face: every character
// measured in a face while laying out (what is drawn was measured, in the
// face it is drawn in), every glyph shaped, and the text of the running
// heads and folios, which is measured here as furniture will measure it.
func (r *renderer) planFonts(pages [][]placed) {
	p := &r.fonts
	if p.full || p.ready {
		return
	}
	r.measureFurniture(pages)
	set := func(f face) *runeSet {
		if p.sets[f] == nil {
			p.sets[f] = new(runeSet)
		}
		return p.sets[f]
	}
	for f := range numFaces {
		if f.shaped() || r.met.widths[f] == nil {
			continue
		}
		s := set(f)
		for ch := range r.met.widths[f] {
			s.add(ch)
			s.add(mirror(ch))
		}
	}
	for f := range numFaces {
		if f.shaped() {
			continue
		}
		s := set(f)
		for ch := rune(1); ch < 0x100; ch++ {
			s.add(ch)
		}
		s.addString(markerRunes)
		s.addString("\uFFFD\u25A1")
	}
	if r.sc != nil {
		for _, g := range r.sc.shaped {
			if g == nil || !g.face.shaped() {
				continue
			}
			s := set(g.face)
			for _, gl := range g.glyphs {
				s.add(rune(puaBase + int(gl.id)))
			}
		}
	}
	if planFilter != nil {
		for f, s := range p.sets {
			if s != nil {
				planFilter(face(f), s)
			}
		}
	}
	p.ready = true
}

// planFilter, when set (by a test), changes what planFonts collected.
var planFilter func(face, *runeSet)

// measureFurniture measures the text furniture (flow.go) and
// editionFurniture (frontmatter.go) will draw on each page, and the labels
// of continued boxes, so that their characters and glyphs are collected.
func (r *renderer) measureFurniture(pages [][]placed) {
	for n, pg := range pages {
		for _, pl := range pg {
			for _, f := range pl.r.frames {
				if f.label != "" {
					r.stringWidth(sans, 7.5, f.label)
				}
			}
		}
		r.measureHeads(n+1, len(pages), pg[0].r.art)
	}
}

// measureHeads measures what furniture draws on page n of total, whose
// first row belongs to the article h describes.
func (r *renderer) measureHeads(n, total int, h *head) {
	if r.front != nil {
		if h == nil || h.kind == coverPage {
			return
		}
		folio := strconv.Itoa(n)
		section := h.section
		if h.kind == contentsPage {
			section = r.front.l.Contents
		}
		if section == "" {
			section = h.publication
		}
		x := r.left
		if section != "" {
			s := r.fitString(sansBold, 7.5, strings.ToUpper(section), r.width*0.4)
			x += r.stringWidth(sansBold, 7.5, s) + 8
		}
		if h.kind == articlePage && !r.articleStarts[n] && h.headline != "" {
			numW := float64(r.met.plainWidth(sansBold, folio)) * 9 / 1000
			if room := r.left + r.width - numW - 16 - x; room > 40 {
				r.stringWidth(sans, 7.5, r.fitString(sans, 7.5, h.headline, room))
			}
		}
		return
	}
	if h != nil && !r.articleStarts[n] {
		leftText, rightText := h.publication, h.headline
		if leftText == "" {
			leftText, rightText = h.headline, ""
		}
		r.stringWidth(sansBold, 7.5, r.fitString(sansBold, 7.5, leftText, r.width*0.45))
		if rightText != "" {
			r.stringWidth(sans, 7.5, r.fitString(sans, 7.5, rightText, r.width*0.5))
		}
	}
	r.stringWidth(sans, 8, edition.LabelsFor(r.b.Language).PageOf(n, total))
}

// fontBytes returns the font file fpdf is given for face f: the subset
// for the characters collected, once they are, else the whole face (a
// shaped face as its glyph-addressed copy, pua.go).
func (r *renderer) fontBytes(f face) []byte {
	p := &r.fonts
	if !p.full && p.ready && p.sets[f] != nil {
		if b, err := subsetFor(f, p.sets[f]); err == nil {
			p.given[f] = p.sets[f]
			return b
		}
	}
	if !p.full {
		wholeFaces.Add(1)
	}
	// A copy: fpdf writes into the file it is given (reading the metrics
	// of a glyph past hhea's numberOfHMetrics, it appends to a slice of it).
	if f.shaped() {
		return slices.Clone(puaFont(f))
	}
	return slices.Clone(faceBytes(f))
}

// drawRaw draws s at x, y in the face last set (setFont): every r.pdf.Text
// goes through here, and here each character is checked against the
// subset its face was given.
func (r *renderer) drawRaw(x, y float64, s string) {
	r.checkSubset(s)
	r.pdf.Text(x, y, s)
}

// textWidth is fpdf's width of s in the face last set, checked as drawRaw
// checks what it draws: a width taken from a subset that lacks a
// character would not be the face's.
func (r *renderer) textWidth(s string) float64 {
	r.checkSubset(s)
	return r.pdf.GetStringWidth(s)
}

// checkSubset notes when s has a character missing from the subset the
// face last set was given; the document is then laid out again with the
// whole faces (layOutWith).
func (r *renderer) checkSubset(s string) {
	p := &r.fonts
	set := p.given[p.cur]
	if set == nil || p.missed {
		return
	}
	for _, ch := range s {
		if !set.has(ch) {
			p.missed = true
			return
		}
	}
}
