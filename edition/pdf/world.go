package pdf

import (
	"strings"
	"unicode"

	"github.com/go-text/typesetting/segmenter"

	"github.com/edition-project/edition/content"
	"github.com/edition-project/edition/edition/pdf/layout"
)

// The script path sets a paragraph that holds text beyond Latin, Greek and
// Cyrillic, or any paragraph of a right-to-left article. It is chosen per
// paragraph (needsScripts), so Latin text never pays for it.
//
// It reads the paragraph's text as a whole: bidi levels for every
// character (bidi.go), a script for every character (common characters
// such as digits and punctuation take their neighbours'), a face for every
// character from the script and the inline style (a fallback chain over
// the shipped faces, then a visible replacement mark), and for Chinese and
// Japanese the line-break opportunities of UAX #14. Runs of one inline,
// face and level between spaces and break opportunities become boxes:
// shaped glyph runs for the shaped faces, plain text for the others.
// Spaces become glue as on the Latin path, and the places between
// ideographs where a line may break become glue of no width that may
// stretch a little, so justified Chinese lines are spaced evenly without
// adding spaces to the text.

// scriptPara is what the script path adds to a paragraph: for each item,
// parallel to para.items, its level and what to draw.
type scriptPara struct {
	rtl   bool // the paragraph runs right to left
	items []scriptItem
}

// scriptItem is the script path's view of one item.
type scriptItem struct {
	level  uint8     // bidi embedding level
	run    *glyphRun // shaped text, drawn instead of the piece's text
	actual string    // the text a replacement mark stands for
}

// fill gives the items added to p since the last call the item si.
func (sp *scriptPara) fill(p *para, si scriptItem) {
	for len(sp.items) < len(p.items) {
		sp.items = append(sp.items, si)
	}
}

// replaced marks, in faceOf, a character that no face can draw.
const replaced = numFaces

// cjkGlue is the stretch, in ems, of the glue between ideographs.
const cjkGlue = 0.05

// scriptParagraph is paragraph for the script path.
func (r *renderer) scriptParagraph(ins []content.Inline, ft font, width, indent float64) *para {
	s := r.scripts()
	p := &para{font: ft}
	sp := &scriptPara{}
	p.sx = sp

	// The text, with the inline each character belongs to.
	rs := s.runes[:0]
	var owner []int32
	for k, in := range ins {
		if in.Style&content.LineBreak != 0 {
			rs = append(rs, '\u2028') // PlainText has a space here: one character too
			owner = append(owner, int32(k))
			continue
		}
		for _, ch := range in.Text {
			rs = append(rs, ch)
			owner = append(owner, int32(k))
		}
	}
	s.runes = rs
	sp.rtl = s.rtl || firstStrongRTL(rs)
	base := uint8(0)
	if sp.rtl {
		base = 1
	}
	levels := s.bidiLevels(rs, sp.rtl)
	faces := r.chooseFaces(rs, owner, ins, ft)
	var breaks []bool
	if r.hasCJK(faces) {
		breaks = cjkBreaks(rs, faces)
	}

	if indent > 0 {
		p.add(layout.NewBox(indent), piece{})
	}
	sp.fill(p, scriptItem{level: base})
	for i := 0; i < len(rs); {
		in := ins[owner[i]]
		if in.Style&content.LineBreak != 0 {
			p.items = layout.Finish(p.items)
			p.pieces = append(p.pieces, piece{at: i}, piece{at: i})
			sp.fill(p, scriptItem{level: base})
			i++
			continue
		}
		pc := inlinePiece(in, ft)
		if breaking(rs[i]) {
			j := i + 1
			for j < len(rs) && breaking(rs[j]) && owner[j] == owner[i] {
				j++
			}
			if faces[i] != replaced {
				pc.face = faces[i]
			}
			r.glue(p, pc)
			sp.fill(p, scriptItem{level: levels[i]})
			i = j
			continue
		}
		j := i + 1
		for j < len(rs) && owner[j] == owner[i] && faces[j] == faces[i] && levels[j] == levels[i] &&
			!breaking(rs[j]) && (breaks == nil || !breaks[j]) && (faces[i] != replaced || continues(rs, j)) {
			j++
		}
		whole := (i == 0 || breaking(rs[i-1]) || owner[i-1] != owner[i]) &&
			(j == len(rs) || breaking(rs[j]) || owner[j] != owner[i])
		r.scriptBox(p, pc, faces[i], rs[i:j], levels[i], i, width, whole && !sp.rtl && levels[i] == 0)
		if j < len(rs) && breaks != nil && breaks[j] && !breaking(rs[j]) && owner[j] == owner[i] {
			p.add(layout.NewGlue(0, pc.size*cjkGlue, 0), piece{})
			sp.fill(p, scriptItem{level: levels[i]})
		}
		i = j
	}
	p.items = layout.Finish(p.items)
	p.pieces = append(p.pieces, piece{at: len(rs)}, piece{at: len(rs)})
	sp.fill(p, scriptItem{level: base})
	return p
}

// inlinePiece returns the piece an inline's text is set in: the font's
// face for its style, its size, link, note and colour (as paragraph does).
func inlinePiece(in content.Inline, ft font) piece {
	pc := piece{face: ft.face(in.Style), size: ft.size, link: in.Link,
		strike: in.Style&content.Strike != 0, note: in.Note, color: ft.color}
	if in.Style&content.Mono != 0 {
		pc.size = ft.size * 0.9
	}
	if in.Note > 0 {
		pc.size = ft.size * 0.62
		pc.rise = ft.size * 0.36
	}
	return pc
}

// scriptBox adds the run text, characters of one inline, face and level
// starting at rune offset at, as one box (or several, if it is wider than
// the measure and not shaped, or hyphenated).
//
// A word of its own in a Latin face, left to right in a left-to-right
// paragraph (hyphenate), may be hyphenated as on the Latin path.
func (r *renderer) scriptBox(p *para, pc piece, f face, text []rune, level uint8, at int, width float64, hyphenate bool) {
	pc.at = at
	si := scriptItem{level: level}
	switch {
	case f == replaced:
		g, mark := r.cov.replacement(pc.face)
		pc.face, pc.text = g, mark
		si.actual = string(text)
		p.add(layout.NewBox(r.measure(pc.face, pc.size, mark)), pc)
	case f.shaped():
		run := r.scripts().shape(f, text, level%2 == 1)
		if run == nil {
			r.scriptBox(p, pc, replaced, text, level, at, width, false)
			return
		}
		pc.face = f
		si.run = run
		p.add(layout.NewBox(run.width(pc.size)), pc)
	default:
		pc.face = f
		pc.text = strings.Map(func(ch rune) rune {
			if ignorable(ch) {
				return -1
			}
			return ch
		}, string(text))
		if pc.text == "" {
			return
		}
		if hyphenate {
			r.word(p, pc, width, true)
		} else {
			r.box(p, pc, width)
		}
	}
	p.sx.fill(p, si)
}

// chooseFaces returns the face of every character of rs, or replaced.
func (r *renderer) chooseFaces(rs []rune, owner []int32, ins []content.Inline, ft font) []face {
	s := r.scripts()
	sc := s.sc[:0]
	for _, ch := range rs {
		sc = append(sc, scriptOf(ch))
	}
	// Marks go with the character before them, common characters with
	// the script before them (or after them, at the start).
	last := script(latin)
	for _, c := range sc {
		if c != common && c != inherited {
			last = c
			break
		}
	}
	for i, c := range sc {
		switch c {
		case common, inherited:
			sc[i] = last
		default:
			last = c
		}
	}
	s.sc = sc

	faces := s.faceOf[:0]
	for i, ch := range rs {
		base := ft.face(ins[owner[i]].Style)
		want := scriptFace(sc[i], base)
		faces = append(faces, r.faceFor(ch, want, base))
	}
	// A joiner, selector or modifier after a replaced character is part
	// of what the mark stands for.
	for i := 1; i < len(rs); i++ {
		if faces[i-1] == replaced && continues(rs, i) {
			faces[i] = replaced
		}
	}
	s.faceOf = faces
	return faces
}

// faceFor returns the face that draws ch: the one its script wants, else
// the first of a fallback chain over the shipped faces that has it, else
// replaced. Spaces, controls and invisible characters take the face
// wanted, whatever it has.
func (r *renderer) faceFor(ch rune, want, base face) face {
	if breaking(ch) || ignorable(ch) || unicode.IsControl(ch) {
		return want
	}
	c := r.cov
	if c.has(want, ch) {
		return want
	}
	alt := sans
	if base == sans || base == sansBold {
		alt = serif
	}
	for _, f := range [...]face{base, alt, mono, symbols, arabic, hebrewSerif, devanagari, cjk} {
		if c.has(f, ch) {
			return f
		}
	}
	return replaced
}

// hasCJK reports whether any character is set in the CJK face.
func (r *renderer) hasCJK(faces []face) bool {
	for _, f := range faces {
		if f == cjk {
			return true
		}
	}
	return false
}

// cjkBreaks returns, for each character, whether a line may break before
// it without a space: UAX #14's opportunities next to Chinese or Japanese
// text (the Latin path's rule, breaks at spaces only, holds elsewhere).
func cjkBreaks(rs []rune, faces []face) []bool {
	breaks := make([]bool, len(rs))
	var seg segmenter.Segmenter
	seg.Init(rs)
	it := seg.LineIterator()
	for it.Next() {
		l := it.Line()
		i := l.Offset
		if i <= 0 || i >= len(rs) || breaking(rs[i]) || breaking(rs[i-1]) {
			continue
		}
		if faces[i] == cjk || faces[i-1] == cjk {
			breaks[i] = true
		}
	}
	return breaks
}

// breaking reports whether ch is white space a line may break at; no-break
// spaces belong to their word, and control characters count as spaces.
func breaking(ch rune) bool {
	if ch == '\u00A0' || ch == '\u202F' || ch == '\u2007' {
		return false
	}
	return unicode.IsSpace(ch) || (unicode.IsControl(ch) && ch != 0)
}

// ignorable reports whether ch has no glyph of its own: joiners, bidi
// marks, variation selectors and the like.
func ignorable(ch rune) bool {
	switch {
	case ch == '\u00AD', ch == '\u034F', ch == '\u061C', ch == '\u180E':
		return true
	case ch >= '\u200B' && ch <= '\u200F', ch >= '\u202A' && ch <= '\u202E', ch >= '\u2060' && ch <= '\u206F':
		return true
	case ch >= '\uFE00' && ch <= '\uFE0F', ch == '\uFEFF', ch >= 0xE0000 && ch <= 0xE0FFF:
		return true
	}
	return false
}

// continues reports whether rs[j] belongs to the character before it in
// an emoji sequence: a joiner, a variation selector, a skin tone, a keycap,
// a tag, or the second regional indicator of a flag.
func continues(rs []rune, j int) bool {
	ch := rs[j]
	if ch == '\u200D' || (ch >= '\uFE00' && ch <= '\uFE0F') || (ch >= 0x1F3FB && ch <= 0x1F3FF) ||
		ch == '\u20E3' || (ch >= 0xE0020 && ch <= 0xE007F) {
		return true
	}
	ri := func(r rune) bool { return r >= 0x1F1E6 && r <= 0x1F1FF }
	if !ri(ch) {
		return false
	}
	n := 0 // regional indicators before rs[j]
	for k := j - 1; k >= 0 && ri(rs[k]); k-- {
		n++
	}
	return n%2 == 1
}

// fontOf returns a font, and the inline style to set text in, whose face
// is f at size points.
func fontOf(f face, size float64) (font, content.Style) {
	ft := font{size: size, leading: size}
	var st content.Style
	switch f {
	case serif:
		ft.serif = true
	case serifItalic:
		ft.serif, ft.italic = true, true
	case serifBold:
		ft.serif, ft.bold = true, true
	case serifBoldItalic:
		ft.serif, ft.bold, ft.italic = true, true, true
	case sansBold:
		ft.bold = true
	case mono:
		st = content.Mono
		ft.size = size / 0.9 // inlinePiece sets mono at 0.9 of the font's size
	}
	return ft, st
}

// stringPara sets s on one unbroken line in face f at size points by the
// script path, in the current text colour.
func (r *renderer) stringPara(f face, size float64, s string) *para {
	ft, st := fontOf(f, size)
	ft.color[0], ft.color[1], ft.color[2] = r.pdf.GetTextColor()
	return r.scriptParagraph([]content.Inline{{Text: s, Style: st}}, ft, 0, 0)
}

// stringLine is the line of a paragraph made by stringPara: all of it but
// the paragraph's end.
func stringLine(p *para) layout.Line {
	return layout.Line{End: max(0, len(p.items)-2)}
}

// drawString draws s, text for one line (a running head, a folio, a
// label), in face f at size points with its left end at x and its
// baseline at y, in the current text colour; text beyond Latin goes by
// the script path, shaped and in visual order.
func (r *renderer) drawString(f face, size, x, y float64, s string) {
	if !r.needsScripts([]content.Inline{{Text: s}}) {
		r.setFont(f, size)
		r.drawText(f, size, x, y, s)
		return
	}
	p := r.stringPara(f, size, s)
	r.drawScriptLine(p, stringLine(p), 0, x, y)
}

// stringWidth measures s as drawString draws it.
func (r *renderer) stringWidth(f face, size float64, s string) float64 {
	if !r.needsScripts([]content.Inline{{Text: s}}) {
		return r.measure(f, size, s)
	}
	p := r.stringPara(f, size, s)
	w := 0.0
	for _, it := range p.items[:stringLine(p).End] {
		if it.Kind != layout.Penalty {
			w += it.Width
		}
	}
	return w
}

// fitString is fit for drawString: s, or as much of it as fits in w
// points followed by an ellipsis.
func (r *renderer) fitString(f face, size float64, s string, w float64) string {
	if !r.needsScripts([]content.Inline{{Text: s}}) {
		return r.fit(f, size, s, w)
	}
	if r.stringWidth(f, size, s) <= w {
		return s
	}
	rs := []rune(s)
	lo, hi := 1, len(rs)-1 // lo characters always go; find the most that fit
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if r.stringWidth(f, size, strings.TrimSpace(string(rs[:mid]))+"…") <= w {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return strings.TrimSpace(string(rs[:lo])) + "…"
}
