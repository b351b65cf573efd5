package pdf

import (
	"unicode/utf8"

	"github.com/edition-project/edition/edition/pdf/layout"
	"github.com/edition-project/edition/hyphen"
)

// breakAtHardHyphens would let a line end after the hyphen of "well-known".
// It is off: pdftotext (poppler) joins a line that ends in "-" to the next
// and drops the hyphen, so such a word would read back as "wellknown", and
// the text a reader copies or a screen reader speaks must be the text
// written. Soft hyphens read back right: there dropping is what is meant.
const breakAtHardHyphens = false

// typesetter holds how justified text is set: the breaker, the hyphenation
// of the current article's language, and the report of what came out.
type typesetter struct {
	// greedy sets justified text first-fit, and noHyphens leaves words
	// whole: the layout as it was, for comparison in tests and benchmarks.
	greedy, noHyphens bool
	// reportOnly and pagesOnly stop a layout when the pages are known,
	// before they are drawn (Layout, Paginate).
	reportOnly, pagesOnly bool

	justify bool               // the paragraph being built is justified
	looked  bool               // lang and hyph are set
	lang    string             // the language hyph was looked up for
	hyph    *hyphen.Hyphenator // for lang; nil when it has no patterns
	pts     []int              // scratch for hyphenation points

	hyphenFace face // the face and size hyphenWidth was measured in
	hyphenSize float64
	hyphenW    float64

	report Report
	pairs  []linePair // of justified paragraphs, for widows and orphans
}

// justifier returns the breaker for justified text.
func (tx *typesetter) justifier() layout.Breaker {
	if tx.greedy {
		return layout.Greedy{}
	}
	return layout.KnuthPlass{}
}

// breakerFor returns the breaker for a paragraph aligned al: total fit for
// justified text; ragged text is set first-fit, which is what ragged
// setting wants (no line shortened to even out another).
func (r *renderer) breakerFor(al align) layout.Breaker {
	if al == justify {
		return r.tx.justifier()
	}
	return r.breaker
}

// hyphenator returns the Hyphenator for the current article's language.
func (tx *typesetter) hyphenator(lang string) *hyphen.Hyphenator {
	if !tx.looked || tx.lang != lang {
		tx.lang, tx.hyph, tx.looked = lang, hyphen.For(lang), true
	}
	return tx.hyph
}

// word adds a word (or the part of one that a face draws) to a paragraph.
// In a justified paragraph in a language with patterns, a whole word is
// added as its syllables with a flagged penalty between each two, whose
// width is that of the hyphen drawn when the line breaks there; each
// syllable's piece is at its own offset in the text.
func (r *renderer) word(p *para, pc piece, width float64, whole bool) {
	tx := r.tx
	if !whole || !tx.justify || tx.noHyphens || pc.note > 0 || pc.face == mono {
		r.box(p, pc, width)
		return
	}
	h := tx.hyphenator(r.lang)
	if h == nil {
		r.box(p, pc, width)
		return
	}
	tx.pts = h.AppendPoints(tx.pts[:0], pc.text)
	if len(tx.pts) == 0 {
		r.box(p, pc, width)
		return
	}
	text := pc.text
	from, fromRune, n := 0, 0, 0 // where the syllable starts; the rune at i
	for i := range text {
		if len(tx.pts) == 0 {
			break
		}
		if n != tx.pts[0] {
			n++
			continue
		}
		tx.pts = tx.pts[1:]
		q := pc
		q.text, q.at = text[from:i], pc.at+fromRune
		r.box(p, q, width)
		last, _ := utf8.DecodeLastRuneInString(q.text)
		switch {
		case last == '-' || last == '\u2010':
			if breakAtHardHyphens {
				p.add(layout.NewHyphen(0), piece{at: q.at})
			}
		default:
			p.add(layout.NewHyphen(r.hyphenWidth(pc)), piece{face: pc.face, size: pc.size,
				rise: pc.rise, text: "-", color: pc.color, at: pc.at + n})
		}
		from, fromRune = i, n
		n++
	}
	q := pc
	q.text, q.at = text[from:], pc.at+fromRune
	r.box(p, q, width)
}

// hyphenWidth returns the width of "-" in pc's face and size.
func (r *renderer) hyphenWidth(pc piece) float64 {
	tx := r.tx
	if tx.hyphenFace != pc.face || tx.hyphenSize != pc.size || tx.hyphenW == 0 {
		tx.hyphenFace, tx.hyphenSize = pc.face, pc.size
		tx.hyphenW = r.measure(pc.face, pc.size, "-")
	}
	return tx.hyphenW
}

// joinSyllables returns the text and width of the box items[i] and of the
// boxes that continue it on the line in the same style (the other
// syllables of its word, with the unbroken hyphenation penalties between),
// and the index of the last of them.
func joinSyllables(p *para, i, end int) (string, float64, int) {
	pc, w := p.pieces[i], p.items[i].Width
	text, last := pc.text, i
	for j := i + 1; j < end; j++ {
		it := p.items[j]
		if it.Kind == layout.Penalty && it.Penalty < layout.Infinity && it.Flagged {
			continue
		}
		q := p.pieces[j]
		if it.Kind != layout.Box || q.text == "" || q.face != pc.face || q.size != pc.size || q.rise != pc.rise ||
			q.link != pc.link || q.note != pc.note || q.strike != pc.strike || q.color != pc.color {
			break
		}
		text += q.text
		w += it.Width
		last = j
	}
	return text, w, last
}

// drawHyphen draws the hyphen of a line that breaks inside a word, at x
// (just after the line's last box) on baseline y.
func (r *renderer) drawHyphen(p *para, l layout.Line, x, y float64) {
	if l.End >= len(p.items) || l.End >= len(p.pieces) || p.items[l.End].Kind != layout.Penalty {
		return
	}
	pc := p.pieces[l.End]
	if pc.text == "" {
		return
	}
	r.setFont(pc.face, pc.size)
	r.pdf.SetTextColor(pc.color[0], pc.color[1], pc.color[2])
	r.drawRaw(x, y-pc.rise, pc.text)
}
