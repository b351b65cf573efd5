package pdf

import (
	"strconv"

	"github.com/edition-project/edition/edition"
)

// row is the unit placed on pages: a line of text, a picture, a rule. Rows
// are laid out first and placed afterwards, so that the number of pages is
// known before the first folio is drawn and a box's background can be
// painted before the text that sits on it.
type row struct {
	h      float64 // height
	before float64 // space above; dropped at the top of a page
	// keep keeps the row on the same page as the next one (a heading and
	// its first lines; a paragraph's first and last two lines).
	keep    bool
	newPage bool     // start a new page (an article's first row)
	frames  []*frame // boxes the row sits in, outermost first
	art     *head    // the article the row belongs to, for running heads
	draw    func(y float64)
	// off is, for a line of text, the rune offset where it starts in its
	// paragraph's text; pos, when hasPos, is where the row starts in the
	// edition's text (see edition.TextPos).
	off    int
	pos    edition.TextPos
	hasPos bool
	page   int // the 1-based page the row is placed on, once paginated
	// col marks a row of a two-column body (columns.go); column is the
	// column (1 or 2) it is placed in, 0 for a full-width row.
	col    bool
	column int
}

// frameKind is how a box is set off.
type frameKind uint8

const (
	shaded frameKind = iota // tinted background with rules above and below
	ruled                   // a rule on the left (block quotes)
	tinted                  // a plain tint (code)
)

// frame is a box around consecutive rows; it may continue across pages.
type frame struct {
	kind  frameKind
	x, w  float64
	pad   float64 // space between the box's edge and its rows
	label string  // shown at the top of a continued part
}

// head is what the running heads say about an article.
type head struct {
	publication, headline string
	// In a whole edition (frontmatter.go): the article's section, and
	// what kind of page the row is on.
	section string
	kind    pageKind
}

// placed is a row at its place on a page.
type placed struct {
	r *row
	y float64
}

// paginateAndDraw places the rows on pages and draws them, page by page.
func (r *renderer) paginateAndDraw() {
	if r.cols != nil {
		r.paginateColumns()
		return
	}
	var pages [][]placed
	var cur []placed
	y := r.top
	newPage := func(next *row) {
		if len(cur) > 0 {
			pages = append(pages, cur)
		}
		cur = nil
		y = r.top
		for _, f := range next.frames {
			y += f.pad
			if f.label != "" {
				y += 14
			}
		}
	}
	limit := func(rw *row) float64 {
		l := r.bottom
		for _, f := range rw.frames {
			l -= f.pad
		}
		return l
	}
	for i, rw := range r.rows {
		if rw.newPage && len(cur) > 0 {
			newPage(rw)
		}
		before := rw.before
		if len(cur) == 0 {
			before = 0
		}
		if rw.keep && len(cur) > 0 {
			// Keep the chain of kept rows and the row after it together,
			// unless the chain would not fit on a page of its own.
			chain := before + rw.h
			for j := i + 1; j < len(r.rows) && r.rows[j-1].keep && !r.rows[j].newPage; j++ {
				chain += r.rows[j].before + r.rows[j].h
			}
			if y+chain > limit(rw) && chain < (r.bottom-r.top)/2 {
				newPage(rw)
				before = 0
			}
		}
		if y+before+rw.h > limit(rw) && len(cur) > 0 {
			newPage(rw)
			before = 0
		}
		if rw.newPage {
			r.articleStarts[len(pages)+1] = true
		}
		rw.page = len(pages) + 1
		cur = append(cur, placed{rw, y + before})
		y += before + rw.h
	}
	if len(cur) > 0 {
		pages = append(pages, cur)
	}
	if !r.laidOut(pages) {
		return
	}
	for n, pg := range pages {
		r.pdf.AddPage()
		r.drawFrames(pg)
		for _, p := range pg {
			p.r.draw(p.y)
		}
		r.furniture(n+1, len(pages), pg[0].r.art)
	}
}

// laidOut takes the pages once they are known, in one column or two: it
// records where they start and how many there are, and reports whether they
// are to be drawn. Layout and Paginate stop here; drawing begins by planning
// the fonts the pages draw.
func (r *renderer) laidOut(pages [][]placed) bool {
	r.paginate(pages)
	r.countPages(pages)
	if r.tx.reportOnly || r.tx.pagesOnly {
		return false
	}
	r.planFonts(pages)
	return true
}

// pageStarts returns where each page starts in the text: at its first row
// that has a place there. A page with no such row (rules and spaces only)
// starts where the text resumes, or else where it left off.
func pageStarts(pages [][]placed) []edition.PageStart {
	first := func(pg []placed) (edition.TextPos, bool) {
		for _, p := range pg {
			if p.r.hasPos {
				return p.r.pos, true
			}
		}
		return edition.TextPos{}, false
	}
	out := make([]edition.PageStart, len(pages))
	var prev edition.TextPos
	for n, pg := range pages {
		pos, ok := first(pg)
		for m := n + 1; !ok && m < len(pages); m++ {
			pos, ok = first(pages[m])
		}
		if !ok {
			pos = prev
		}
		for _, p := range pg {
			if p.r.hasPos {
				prev = p.r.pos
			}
		}
		out[n] = edition.PageStart{Page: n + 1, Label: strconv.Itoa(n + 1), Pos: pos}
	}
	return out
}

// drawFrames paints the boxes of a page's rows, outer boxes first, before
// the rows themselves.
func (r *renderer) drawFrames(pg []placed) {
	type extent struct {
		f          *frame
		top, bot   float64
		first      bool // the box starts on this page
		last       bool // the box ends on this page
		firstIndex int
	}
	var order []*extent
	byFrame := map[*frame]*extent{}
	for i, p := range pg {
		for _, f := range p.r.frames {
			e := byFrame[f]
			if e == nil {
				e = &extent{f: f, top: p.y, firstIndex: i}
				byFrame[f] = e
				order = append(order, e)
			}
			e.bot = p.y + p.r.h
		}
	}
	for _, e := range order {
		e.first = r.frameStarts(e.f, pg[e.firstIndex].r)
		e.last = r.frameEnds(e.f, pg, e.bot)
		f := e.f
		top, bot := e.top-f.pad, e.bot+f.pad
		if !e.first && f.label != "" {
			top -= 14
		}
		switch f.kind {
		case shaded:
			r.pdf.SetFillColor(241, 238, 231)
			r.pdf.Rect(f.x, top, f.w, bot-top, "F")
			r.pdf.SetDrawColor(40, 40, 40)
			if e.first {
				r.pdf.SetLineWidth(1.6)
				r.pdf.Line(f.x, top, f.x+f.w, top)
			}
			if e.last {
				r.pdf.SetLineWidth(0.5)
				r.pdf.Line(f.x, bot, f.x+f.w, bot)
			}
			if !e.first && f.label != "" {
				r.pdf.SetTextColor(110, 110, 110)
				r.drawString(sans, 7.5, f.x+f.pad, top+f.pad+6, f.label)
			}
		case ruled:
			r.pdf.SetDrawColor(150, 150, 150)
			r.pdf.SetLineWidth(1.2)
			r.pdf.Line(f.x, e.top, f.x, e.bot)
		case tinted:
			r.pdf.SetFillColor(244, 244, 244)
			r.pdf.Rect(f.x, top, f.w, bot-top, "F")
		}
	}
}

// frameStarts reports whether rw is the first row of f in the edition.
func (r *renderer) frameStarts(f *frame, rw *row) bool {
	for _, x := range r.rows {
		for _, g := range x.frames {
			if g == f {
				return x == rw
			}
		}
	}
	return true
}

// frameEnds reports whether f has no rows after this page.
func (r *renderer) frameEnds(f *frame, pg []placed, _ float64) bool {
	last := pg[len(pg)-1].r
	after := false
	for _, x := range r.rows {
		if after {
			for _, g := range x.frames {
				if g == f {
					return false
				}
			}
		}
		if x == last {
			after = true
		}
	}
	return true
}

// furniture draws the running head (not on an article's first page) and
// the folio.
func (r *renderer) furniture(n, total int, h *head) {
	if r.front != nil {
		r.editionFurniture(n, h)
		return
	}
	// The head is off on the first page of every article: its headline
	// is there in full.
	if h != nil && !r.articleStarts[n] {
		y := r.top - 9*mm
		r.pdf.SetTextColor(90, 90, 90)
		r.setFont(sansBold, 7.5)
		leftText := h.publication
		rightText := h.headline
		if leftText == "" {
			leftText, rightText = h.headline, ""
		}
		leftText = r.fitString(sansBold, 7.5, leftText, r.width*0.45)
		r.drawString(sansBold, 7.5, r.left, y, leftText)
		if rightText != "" {
			rightText = r.fitString(sans, 7.5, rightText, r.width*0.5)
			r.drawString(sans, 7.5, r.left+r.width-r.stringWidth(sans, 7.5, rightText), y, rightText)
		}
		r.pdf.SetDrawColor(90, 90, 90)
		r.pdf.SetLineWidth(0.4)
		r.pdf.Line(r.left, y+4, r.left+r.width, y+4)
	}
	folio := edition.LabelsFor(r.b.Language).PageOf(n, total)
	r.pdf.SetTextColor(90, 90, 90)
	r.drawString(sans, 8, r.left+(r.width-r.stringWidth(sans, 8, folio))/2, r.pageH-11*mm, folio)
}

// fit shortens s with an ellipsis until it fits in w points.
func (r *renderer) fit(f face, size float64, s string, w float64) string {
	s = r.clean(f, s)
	if r.measure(f, size, s) <= w {
		return s
	}
	rs := []rune(s)
	for len(rs) > 1 {
		rs = rs[:len(rs)-1]
		t := string(rs) + "…"
		if r.measure(f, size, t) <= w {
			return t
		}
	}
	return s
}

// clean returns s with every character the face cannot draw replaced, for
// single-font text (running heads).
func (r *renderer) clean(f face, s string) string {
	segs := r.cov.segments(f, s, nil)
	if len(segs) == 1 && segs[0].face == f {
		return segs[0].text
	}
	var b []byte
	for _, sg := range segs {
		if sg.face == f {
			b = append(b, sg.text...)
		} else {
			b = append(b, "\uFFFD"...)
		}
	}
	return string(b)
}
