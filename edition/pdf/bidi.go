package pdf

import (
	"slices"

	gbidi "github.com/go-text/typesetting/bidi"
	"golang.org/x/text/unicode/bidi"

	"github.com/edition-project/edition/edition/pdf/layout"
)

// Bidirectional text follows the Unicode Bidirectional Algorithm (UAX #9)
// over whole paragraphs: the library resolves each character's direction
// in logical order, the paragraph is broken into lines in logical order,
// and each line's items are then put in visual order (rule L2, visualOrder)
// to be drawn left to right.
//
// The library is go-text's bidi (github.com/go-text/typesetting/bidi), the
// fork of golang.org/x/text/unicode/bidi that go-text's shaper uses: x/text
// v0.44.0 never pairs brackets (rule N0), so "مرحبا (hello) 42%" comes out
// as "…(hello) 42%)" with the brackets swapped. Both report runs of one
// direction, not every character's level. Without explicit embeddings,
// which news text does not use, the levels follow from the directions: in
// a right-to-left paragraph (level 1) right-to-left text is at level 1 and
// everything else at 2; in a left-to-right one, right-to-left text is at
// 1, numbers that follow right-to-left text at 2 (rule W7 leaves them
// European numbers) and the rest at 0.

// firstStrongRTL reports whether the first strong character of rs is
// right to left (rule P2).
func firstStrongRTL(rs []rune) bool {
	for _, ch := range rs {
		if ch < 0x41 {
			continue
		}
		p, _ := bidi.LookupRune(ch)
		switch p.Class() {
		case bidi.L:
			return false
		case bidi.R, bidi.AL:
			return true
		}
	}
	return false
}

// hasRTL reports whether rs holds right-to-left characters or Arabic
// numbers, the text that makes the algorithm's work worth doing.
func hasRTL(rs []rune) bool {
	for _, ch := range rs {
		if ch < 0x0590 {
			continue
		}
		p, _ := bidi.LookupRune(ch)
		switch p.Class() {
		case bidi.R, bidi.AL, bidi.AN, bidi.RLE, bidi.RLO, bidi.RLI:
			return true
		}
	}
	return false
}

// bidiLevels returns the embedding level of every character of rs in a
// paragraph whose direction is right to left when rtl.
func (s *scripts) bidiLevels(rs []rune, rtl bool) []uint8 {
	base := uint8(0)
	if rtl {
		base = 1
	}
	lv := slices.Grow(s.levels[:0], len(rs))[:len(rs)]
	s.levels = lv
	for i := range lv {
		lv[i] = base
	}
	if !rtl && !hasRTL(rs) {
		return lv
	}
	if !s.resolve(rs, rtl, lv) {
		// The library failed on this text: fall back to each strong
		// character's own direction.
		for i, ch := range rs {
			p, _ := bidi.LookupRune(ch)
			switch p.Class() {
			case bidi.R, bidi.AL:
				lv[i] = 1
			case bidi.L, bidi.EN, bidi.AN:
				lv[i] = base + base%2
			}
		}
	}
	return lv
}

// resolve sets lv from the library's runs and reports whether it could.
func (s *scripts) resolve(rs []rune, rtl bool, lv []uint8) (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	// A paragraph separator would end the library's paragraph early.
	text := append(s.bidiText[:0], rs...)
	s.bidiText = text
	for i, ch := range text {
		switch ch {
		case '\n', '\r', 0x1C, 0x1D, 0x1E, 0x85, 0x2029:
			text[i] = ' '
		}
	}
	dir := gbidi.LeftToRight
	if rtl {
		dir = gbidi.RightToLeft
	}
	runs := s.bidi.Segment(text, dir)
	for i := range runs.NumRuns() {
		run := runs.Run(i)
		if run.Start < 0 || run.End > len(lv) || run.Start > run.End {
			return false
		}
		l := uint8(0)
		switch {
		case !run.IsLeftToRight():
			l = uint8(min(run.Level, 125))
		case rtl:
			l = 2
		}
		for k := run.Start; k < run.End; k++ {
			lv[k] = l
		}
	}
	if !rtl {
		numbersAfterRTL(rs, lv)
	}
	return true
}

// numbersAfterRTL raises to level 2 the numbers of a left-to-right
// paragraph that x/text left left-to-right but that are not at level 0:
// European numbers after right-to-left text and Arabic numbers (rules W7
// and I1), with the separators and marks inside them.
func numbersAfterRTL(rs []rune, lv []uint8) {
	strongR := false
	for i, ch := range rs {
		p, _ := bidi.LookupRune(ch)
		switch c := p.Class(); c {
		case bidi.L:
			strongR = false
		case bidi.R, bidi.AL:
			strongR = true
		case bidi.EN, bidi.AN:
			if lv[i] == 0 && (strongR || c == bidi.AN) {
				lv[i] = 2
			}
		}
	}
	// Separators and terminators between or beside raised numbers, and
	// marks on them, go with them.
	for i, ch := range rs {
		if lv[i] != 0 {
			continue
		}
		p, _ := bidi.LookupRune(ch)
		switch p.Class() {
		case bidi.CS, bidi.ES, bidi.ET, bidi.NSM, bidi.BN:
			prev := i > 0 && lv[i-1] == 2
			next := i+1 < len(rs) && lv[i+1] == 2
			if (prev && next) || (prev && p.Class() != bidi.CS && p.Class() != bidi.ES) || (next && p.Class() == bidi.ET) {
				lv[i] = 2
			}
		}
	}
}

// visualOrder reorders idx, items in logical order with levels lv (lv[k]
// belongs to idx[k]), into visual order: from the highest level down to the
// lowest odd one, every maximal sequence at that level or above is
// reversed (rule L2).
func visualOrder(idx []int, lv []uint8) {
	var hi, loOdd uint8 = 0, 255
	for _, l := range lv {
		hi = max(hi, l)
		if l%2 == 1 {
			loOdd = min(loOdd, l)
		}
	}
	if loOdd == 255 {
		return
	}
	for level := hi; level >= loOdd; level-- {
		for i := 0; i < len(idx); {
			if lv[i] < level {
				i++
				continue
			}
			j := i
			for j < len(idx) && lv[j] >= level {
				j++
			}
			slices.Reverse(idx[i:j])
			slices.Reverse(lv[i:j])
			i = j
		}
		if level == 0 {
			break
		}
	}
}

// scriptOffset returns where, from the left of the measure, a line of a
// right-to-left paragraph starts: such paragraphs start at the right
// margin, so a line that does not fill the measure (a last line, a ragged
// one) sits against it. Centred lines stay centred, and off is returned
// as it is for every other paragraph.
func scriptOffset(p *para, al align, off, width float64, l layout.Line, ratio float64) float64 {
	if p.sx == nil || !p.sx.rtl || (al != left && al != justify) {
		return off
	}
	w := l.Natural
	for _, it := range p.items[l.Start:l.End] {
		if it.Kind != layout.Glue {
			continue
		}
		if ratio >= 0 {
			w += ratio * it.Stretch
		} else {
			w += ratio * it.Shrink
		}
	}
	return max(0, width-w)
}

// drawScriptLine draws one line of a paragraph set by the script path,
// its items in visual order, with its baseline at y.
func (r *renderer) drawScriptLine(p *para, l layout.Line, ratio, x, y float64) {
	s := r.scripts()
	idx := s.order[:0]
	lv := s.lineLevels[:0]
	bidiLine := p.sx.rtl
	for i := l.Start; i < l.End && i < len(p.items); i++ {
		if k := p.items[i].Kind; k == layout.Box || k == layout.Glue {
			idx = append(idx, i)
			lv = append(lv, p.sx.items[i].level)
			bidiLine = bidiLine || p.sx.items[i].level > 0
		}
	}
	visualOrder(idx, lv)
	s.order, s.lineLevels = idx, lv
	var units [][][]rune // per visual item, the texts of its spans
	var whole []rune     // the text of one span around the line
	if bidiLine {
		units, whole = r.extraction(p, l, idx)
		if whole != nil {
			r.beginActualText(string(whole))
		}
	}

	var spans linkSpans
	for k, i := range idx {
		it := p.items[i]
		if it.Kind == layout.Glue {
			if ratio >= 0 {
				x += it.Width + ratio*it.Stretch
			} else {
				x += it.Width + ratio*it.Shrink
			}
			continue
		}
		pc, si := p.pieces[i], p.sx.items[i]
		if pc.text != "" || si.run != nil {
			var texts [][]rune
			switch {
			case whole != nil:
			case units != nil:
				texts = units[k]
			case si.run != nil:
				texts = si.run.clusterTexts()
			}
			r.pdf.SetTextColor(pc.color[0], pc.color[1], pc.color[2])
			if si.run != nil {
				r.drawGlyphRun(si.run, texts, pc.size, x, y-pc.rise)
			} else {
				r.drawPlain(pc, si, texts, whole != nil, x, y-pc.rise)
			}
			if pc.strike {
				r.pdf.SetLineWidth(pc.size * 0.06)
				r.pdf.SetDrawColor(pc.color[0], pc.color[1], pc.color[2])
				r.pdf.Line(x, y-pc.size*0.3, x+it.Width, y-pc.size*0.3)
			}
			if pc.link != "" || pc.note > 0 {
				spans.add(pc.link, pc.note, x, x+it.Width, pc.size)
			}
		}
		x += it.Width
	}
	if whole != nil {
		r.endMarked()
	}
	if !p.sx.rtl {
		r.drawHyphen(p, l, x, y)
	}
	r.drawLinks(spans, y, p.font.size)
}

// extraction plans how a line of bidirectional text is given to text
// extraction (see extract.go): the texts of the spans of each item, in
// visual order, or, when poppler would not read those back in logical
// order, the text of one span around the whole line.
func (r *renderer) extraction(p *para, l layout.Line, idx []int) ([][][]rune, []rune) {
	var e extractable
	var owner []int
	add := func(k int, t []rune, level uint8) {
		e.add(t, level)
		owner = append(owner, k)
	}
	for k, i := range idx {
		it, pc, si := p.items[i], p.pieces[i], p.sx.items[i]
		switch {
		case it.Kind == layout.Glue:
			if it.Width > 0 {
				add(k, []rune{' '}, si.level)
			}
		case si.run != nil:
			for _, t := range si.run.clusterTexts() {
				add(k, t, si.level)
			}
		case si.actual != "":
			add(k, []rune(si.actual), si.level)
		case pc.text == "":
		case si.level%2 == 1:
			rs := []rune(pc.text)
			for j := len(rs) - 1; j >= 0; j-- {
				add(k, rs[j:j+1:j+1], si.level)
			}
		default:
			add(k, []rune(pc.text), si.level)
		}
	}
	var logical []rune
	for i := l.Start; i < l.End && i < len(p.items); i++ {
		it, pc, si := p.items[i], p.pieces[i], p.sx.items[i]
		switch {
		case it.Kind == layout.Glue:
			if it.Width > 0 {
				logical = append(logical, ' ')
			}
		case it.Kind != layout.Box:
		case si.run != nil:
			logical = append(logical, si.run.text...)
		case si.actual != "":
			logical = append(logical, []rune(si.actual)...)
		default:
			logical = append(logical, []rune(pc.text)...)
		}
	}
	rtl := r.scripts().rtl
	e.marks(rtl)
	if !sameText(popplerOrder(e.text(), rtl), logical) {
		if x := craft(logical, rtl); sameText(popplerOrder(x, rtl), logical) {
			return nil, x
		}
	}
	units := make([][][]rune, len(idx))
	for u, k := range owner {
		units[k] = append(units[k], e.units[u])
	}
	return units, nil
}

// drawPlain draws text in a face fpdf draws by character, in a span whose
// /ActualText is texts[0] when that is not the text drawn, unless inLine
// (the line is in one span). In a right-to-left run (only neutral
// characters end up in one: letters go to their script's face) the
// characters are drawn one by one in reverse, mirrored where they have a
// mirror image, each in a span with its text.
func (r *renderer) drawPlain(pc piece, si scriptItem, texts [][]rune, inLine bool, x, y float64) {
	r.setFont(pc.face, pc.size)
	span := func(i int, drawn string) bool {
		if inLine {
			return false
		}
		if i < len(texts) {
			if t := string(texts[i]); t != drawn {
				r.beginActualText(t)
				return true
			}
			return false
		}
		if si.actual != "" {
			r.beginActualText(si.actual)
			return true
		}
		return false
	}
	if si.actual != "" || si.level%2 == 0 {
		open := span(0, pc.text)
		r.drawText(pc.face, pc.size, x, y, pc.text)
		if open {
			r.endMarked()
		}
		return
	}
	rs := []rune(pc.text)
	slices.Reverse(rs)
	for i, ch := range rs {
		s := string(ch)
		open := span(i, string(mirror(ch)))
		if !open && !inLine && mirror(ch) != ch && i >= len(texts) {
			r.beginActualText(s)
			open = true
		}
		r.drawRaw(x, y, string(mirror(ch)))
		if open {
			r.endMarked()
		}
		x += r.textWidth(s)
	}
}

// mirror returns the mirror image of a character drawn right to left
// (Bidi_Mirroring_Glyph, for the characters news text uses).
func mirror(ch rune) rune {
	switch ch {
	case '(':
		return ')'
	case ')':
		return '('
	case '[':
		return ']'
	case ']':
		return '['
	case '{':
		return '}'
	case '}':
		return '{'
	case '<':
		return '>'
	case '>':
		return '<'
	case '«':
		return '»'
	case '»':
		return '«'
	case '‹':
		return '›'
	case '›':
		return '‹'
	case '≤':
		return '≥'
	case '≥':
		return '≤'
	case '⁅':
		return '⁆'
	case '⁆':
		return '⁅'
	}
	return ch
}
