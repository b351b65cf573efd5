package pdf

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/edition-project/edition/content"
	"github.com/edition-project/edition/edition/pdf/layout"
)

// font is a typeface at a size, with its leading.
type font struct {
	serif   bool    // serif family, else sans
	size    float64 // points
	leading float64 // baseline to baseline, points
	bold    bool
	italic  bool
	color   [3]int
}

// face returns the face for the font with an inline style added.
func (ft font) face(st content.Style) face {
	bold := ft.bold || st&content.Strong != 0
	italic := ft.italic || st&content.Emphasis != 0
	switch {
	case st&content.Mono != 0:
		return mono
	case ft.serif || italic:
		// Noto Sans comes without italics: emphasis in sans text borrows
		// the serif italic, which still reads as emphasis.
		switch {
		case bold && italic:
			return serifBoldItalic
		case italic:
			return serifItalic
		case bold:
			return serifBold
		}
		return serif
	case bold:
		return sansBold
	}
	return sans
}

// piece is a box's content: text in one face.
type piece struct {
	face   face
	size   float64
	rise   float64 // baseline shift up, for note markers
	text   string
	link   string // URL, or "" when none
	note   int    // footnote number the piece refers to
	strike bool
	color  [3]int
	// at is the rune offset of the piece's text in the paragraph's plain
	// text (content.PlainText of its inlines), for the page list.
	at int
}

// para is a paragraph ready to break: items and, for every box, its piece.
type para struct {
	items  []layout.Item
	pieces []piece // pieces[i] belongs to items[i] when that is a box
	font   font
	sx     *scriptPara // set by the script path (world.go), else nil
}

func (p *para) add(it layout.Item, pc piece) {
	p.items = append(p.items, it)
	p.pieces = append(p.pieces, pc)
}

// glue adds a word space measured in the face and size of pc, unless the
// paragraph is empty or already ends in a space.
func (r *renderer) glue(p *para, pc piece) {
	n := len(p.items)
	if n == 0 || p.items[n-1].Kind != layout.Box {
		return
	}
	w := r.measure(pc.face, pc.size, " ")
	p.add(layout.NewGlue(w, w*0.6, w*0.28), piece{})
}

// paragraph turns inlines into a paragraph in font ft for a measure of
// width points. indent is the first line's indent.
func (r *renderer) paragraph(ins []content.Inline, ft font, width, indent float64) *para {
	if r.needsScripts(ins) {
		return r.scriptParagraph(ins, ft, width, indent)
	}
	p := &para{font: ft}
	if indent > 0 {
		p.add(layout.NewBox(indent), piece{})
	}
	var segs []segment
	at := 0 // rune offset of in.Text in content.PlainText(ins)
	for _, in := range ins {
		if in.Style&content.LineBreak != 0 {
			p.items = layout.Finish(p.items)
			p.pieces = append(p.pieces, piece{at: at}, piece{at: at})
			at++ // PlainText writes a line break as a space
			continue
		}
		base := piece{face: ft.face(in.Style), size: ft.size, link: in.Link,
			strike: in.Style&content.Strike != 0, note: in.Note, color: ft.color}
		if in.Style&content.Mono != 0 {
			base.size = ft.size * 0.9 // mono runs look large beside text
		}
		if in.Note > 0 {
			base.size = ft.size * 0.62
			base.rise = ft.size * 0.36
		}
		for word, space := range words(in.Text) {
			if space {
				r.glue(p, base)
				at += utf8.RuneCountInString(word)
				continue
			}
			segs = r.cov.segments(base.face, word, segs[:0])
			sat := at
			for _, sg := range segs {
				pc := base
				pc.face, pc.text, pc.at = sg.face, sg.text, sat
				r.word(p, pc, width, len(segs) == 1 && sg.text == word)
				// Segments replace or drop a character here and there: the
				// count is exact where lines start, at words.
				sat += utf8.RuneCountInString(sg.text)
			}
			at += utf8.RuneCountInString(word)
		}
	}
	p.items = layout.Finish(p.items)
	p.pieces = append(p.pieces, piece{}, piece{})
	return p
}

// box adds a piece of a word; one wider than the measure is cut where it
// must be so that no line runs into the margin.
func (r *renderer) box(p *para, pc piece, width float64) {
	w := r.measure(pc.face, pc.size, pc.text)
	if w <= width || width <= 0 {
		p.add(layout.NewBox(w), pc)
		return
	}
	var cur strings.Builder
	cw := 0.0
	at := pc.at
	for _, ch := range pc.text {
		rw := r.measure(pc.face, pc.size, string(ch))
		if cw+rw > width && cur.Len() > 0 {
			q := pc
			q.text, q.at = cur.String(), at
			p.add(layout.NewBox(cw), q)
			p.add(layout.NewPenalty(0, 0), piece{})
			at += utf8.RuneCountInString(q.text)
			cur.Reset()
			cw = 0
		}
		cur.WriteRune(ch)
		cw += rw
	}
	q := pc
	q.text, q.at = cur.String(), at
	p.add(layout.NewBox(cw), q)
}

// words yields the words and the runs of breaking white space of s; a
// no-break space belongs to its word.
func words(s string) func(yield func(string, bool) bool) {
	return func(yield func(string, bool) bool) {
		isSpace := func(r rune) bool { return unicode.IsSpace(r) && r != '\u00A0' && r != '\u202F' }
		start, inSpace := 0, false
		for i, ch := range s {
			sp := isSpace(ch)
			if i > start && sp != inSpace {
				if !yield(s[start:i], inSpace) {
					return
				}
				start = i
			}
			if i == start {
				inSpace = sp
			}
		}
		if start < len(s) {
			yield(s[start:], inSpace)
		}
	}
}

// measure measures text in a face and size, in points.
func (r *renderer) measure(f face, size float64, s string) float64 {
	if f.shaped() {
		return r.shapeWidth(f, size, s)
	}
	// As fpdf would measure it, without adding the face to the document.
	return float64(r.met.width(f, s)) * size / 1000
}

// align is how a paragraph's lines sit in the measure.
type align uint8

const (
	justify align = iota
	left
	center
	right
)

// lines breaks a paragraph and returns one row per line, x being the left
// edge of the measure.
func (r *renderer) lines(p *para, x, width float64, al align) []*row {
	ls := r.breakerFor(al).Break(p.items, func(int) float64 { return width })
	rows := make([]*row, 0, len(ls))
	for i, l := range ls {
		ratio := l.Ratio
		last := i == len(ls)-1 || ends(p.items, l.End)
		if ragged(al, last, ratio) {
			// The last line of a paragraph, and a line broken by a
			// line break, stay ragged; so does a line so loose
			// that justifying it would open rivers.
			ratio = min(ratio, 0)
		}
		off := 0.0
		switch al {
		case center:
			off = max(0, (width-l.Natural)/2)
		case right:
			off = max(0, width-l.Natural)
		}
		off = scriptOffset(p, al, off, width, l, ratio)
		l := l
		rows = append(rows, &row{h: p.font.leading, off: lineStart(p, l), draw: func(y float64) {
			r.drawLine(p, l, ratio, x+off, y+p.font.leading*0.76)
		}})
	}
	r.settle(p, ls, al, rows)
	return rows
}

// lineStart returns the rune offset in the paragraph's text where line l
// starts: that of its first piece of text.
func lineStart(p *para, l layout.Line) int {
	for i := l.Start; i < l.End && i < len(p.pieces); i++ {
		if p.items[i].Kind == layout.Box && p.pieces[i].text != "" {
			return p.pieces[i].at
		}
	}
	if l.Start < len(p.pieces) {
		return p.pieces[l.Start].at
	}
	return 0
}

// ends reports whether the line ending at items[end] was ended by force.
func ends(items []layout.Item, end int) bool {
	return end >= len(items) || (items[end].Kind == layout.Penalty && items[end].Penalty <= -layout.Infinity) ||
		(end+1 < len(items) && items[end].Kind == layout.Glue && items[end].Stretch >= 1e6)
}

// drawLine draws one line with its baseline at y.
func (r *renderer) drawLine(p *para, l layout.Line, ratio, x, y float64) {
	if p.sx != nil {
		r.drawScriptLine(p, l, ratio, x, y)
		return
	}
	var spans linkSpans
	for i := l.Start; i < l.End; i++ {
		it := p.items[i]
		switch it.Kind {
		case layout.Glue:
			if ratio >= 0 {
				x += it.Width + ratio*it.Stretch
			} else {
				x += it.Width + ratio*it.Shrink
			}
		case layout.Box:
			pc := p.pieces[i]
			if pc.text != "" {
				// A word set as syllables is drawn whole.
				pc.text, it.Width, i = joinSyllables(p, i, l.End)
				r.setFont(pc.face, pc.size)
				r.pdf.SetTextColor(pc.color[0], pc.color[1], pc.color[2])
				r.drawText(pc.face, pc.size, x, y-pc.rise, pc.text)
				if pc.strike {
					r.pdf.SetLineWidth(pc.size * 0.06)
					r.pdf.SetDrawColor(pc.color[0], pc.color[1], pc.color[2])
					r.pdf.Line(x, y-pc.size*0.3, x+it.Width, y-pc.size*0.3)
				}
				if pc.link != "" || pc.note > 0 {
					spans.add(pc.link, pc.note, x, x+it.Width, math.Inf(1))
				}
			}
			x += it.Width
		}
	}
	r.drawHyphen(p, l, x, y)
	r.drawLinks(spans, y, p.font.size)
}

// linkSpan is a stretch of a line that links to a web address or a note.
type linkSpan struct {
	link   string
	note   int
	x0, x1 float64
}

// linkSpans are a line's links, left to right on the page.
type linkSpans []linkSpan

// add adds the piece [x0, x1) that links to link or note: it lengthens the
// last span when that has the same target and ends at most gap before x0
// (pieces of one link a word space apart), else starts a new span.
func (s *linkSpans) add(link string, note int, x0, x1, gap float64) {
	if n := len(*s); n > 0 && (*s)[n-1].link == link && (*s)[n-1].note == note && (*s)[n-1].x1 >= x0-gap {
		(*s)[n-1].x1 = x1
		return
	}
	*s = append(*s, linkSpan{link, note, x0, x1})
}

// drawLinks makes the link annotations of a line set at size h with its
// baseline at y, shifted with the column (r.dx).
func (r *renderer) drawLinks(spans linkSpans, y, h float64) {
	for _, s := range spans {
		switch {
		case s.note > 0 && r.noteLinks[s.note] != 0:
			r.pdf.Link(r.dx+s.x0, y-h*0.9, s.x1-s.x0, h*1.15, r.noteLinks[s.note])
		case s.link != "":
			r.pdf.LinkString(r.dx+s.x0, y-h*0.9, s.x1-s.x0, h*1.15, s.link)
		}
	}
}

// layoutFinish ends a run of items like a paragraph's end.
func layoutFinish(items []layout.Item) []layout.Item { return layout.Finish(items) }
