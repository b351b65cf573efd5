package pdf

import "sort"

// bodyColumns is the measure of a two-column body: an article's head stays
// across the page; its body, background box and notes are set in two
// columns, the first filled to the foot of the page before the second.
type bodyColumns struct {
	w      float64 // the measure of a column
	offset float64 // how far the second column stands right of the first
}

// gutter is the space between the columns.
const gutter = 5 * mm

// newColumns returns the columns for n (edition.Options.Columns), or nil
// when the body is set across the page.
func newColumns(n int, width float64) *bodyColumns {
	if n < 2 {
		return nil
	}
	w := (width - gutter) / 2
	return &bodyColumns{w: w, offset: w + gutter}
}

// slot is where a row is placed: its column (1 or 2, 0 across the page)
// and the y of its top.
type slot struct {
	column int
	y      float64
}

// paginateColumns places the rows on pages as paginateAndDraw does, a run
// of column rows going down the first column and then the second, and
// draws them. A run's last page is balanced: its columns are made as even
// as the keeps allow.
func (r *renderer) paginateColumns() {
	var pages [][]placed
	var cur []placed
	y := r.top
	flush := func() {
		if len(cur) > 0 {
			pages = append(pages, cur)
		}
		cur, y = nil, r.top
	}
	place := func(rw *row, s slot) {
		rw.page, rw.column = len(pages)+1, s.column
		cur = append(cur, placed{rw, s.y})
		if s.column == 0 {
			y = s.y + rw.h
		}
	}
	for i := 0; i < len(r.rows); {
		rw := r.rows[i]
		if len(cur) > 0 && cur[len(cur)-1].r.col {
			// Nothing is set across the page under columns.
			flush()
		}
		if rw.newPage && len(cur) > 0 {
			flush()
		}
		if rw.newPage {
			r.articleStarts[len(pages)+1] = true
		}
		if !rw.col {
			// Across the page, as in paginateAndDraw.
			before := rw.before
			if len(cur) == 0 {
				before, y = 0, columnTop(rw, r.top)
			}
			if rw.keep && len(cur) > 0 {
				chain := before + rw.h
				for j := i + 1; j < len(r.rows) && r.rows[j-1].keep && !r.rows[j].newPage && !r.rows[j].col; j++ {
					chain += r.rows[j].before + r.rows[j].h
				}
				if y+chain > r.limit(rw, r.bottom) && chain < (r.bottom-r.top)/2 {
					flush()
					continue
				}
			}
			if y+before+rw.h > r.limit(rw, r.bottom) && len(cur) > 0 {
				flush()
				continue
			}
			place(rw, slot{0, y + before})
			i++
			continue
		}
		// A run of column rows: up to the next article.
		end := i + 1
		for end < len(r.rows) && r.rows[end].col && !r.rows[end].newPage {
			end++
		}
		run := r.rows[i:end]
		top := r.top
		if len(cur) > 0 {
			// Under the head: the space above the body is the head's.
			top = y + run[0].before
		}
		slots, n := r.fillColumns(run, top, r.bottom)
		if n == 0 {
			// No room under the head for the body's first lines.
			flush()
			continue
		}
		if n == len(run) {
			slots = r.balance(run, top, slots)
		}
		for k, s := range slots[:n] {
			place(run[k], s)
		}
		i += n
		if i < end {
			flush()
		}
	}
	flush()
	if !r.laidOut(pages) {
		return
	}
	for n, pg := range pages {
		r.pdf.AddPage()
		var first, second []placed
		for _, p := range pg {
			if p.r.column == 2 {
				second = append(second, p)
			} else {
				first = append(first, p)
			}
		}
		r.drawFrames(first)
		if len(second) > 0 {
			r.shifted(func() { r.drawFrames(second) })
		}
		for _, p := range first {
			p.r.draw(p.y)
		}
		if len(second) > 0 {
			r.shifted(func() {
				for _, p := range second {
					p.r.draw(p.y)
				}
			})
		}
		r.furniture(n+1, len(pages), pg[0].r.art)
	}
}

// limit is the lowest a row may reach above bottom: the boxes around it
// keep their padding.
func (r *renderer) limit(rw *row, bottom float64) float64 {
	for _, f := range rw.frames {
		bottom -= f.pad
	}
	return bottom
}

// columnTop is where the first row of a column starts below top: inside
// its boxes, under a continued box's label.
func columnTop(rw *row, top float64) float64 {
	for _, f := range rw.frames {
		top += f.pad
		if f.label != "" {
			top += 14
		}
	}
	return top
}

// fillColumns places rows in the two columns of one page, from top down to
// bottom, with the keeps of paginateAndDraw counted within a column. It
// returns where each placed row goes and how many rows fit; 0 when the
// first does not fit below top but would on a fresh page.
func (r *renderer) fillColumns(rows []*row, top, bottom float64) ([]slot, int) {
	slots := make([]slot, 0, len(rows))
	column, inColumn := 1, 0
	y := columnTop(rows[0], top)
	roomier := top > r.top+1 // a fresh page would give a column more room
	next := func(rw *row) bool {
		if column == 2 {
			return false
		}
		if inColumn == 0 && roomier {
			return false // the second column is no taller than the first
		}
		column, inColumn, y = 2, 0, columnTop(rw, top)
		return true
	}
	for i := 0; i < len(rows); {
		rw := rows[i]
		before := rw.before
		if inColumn == 0 {
			before = 0
		}
		lim := r.limit(rw, bottom)
		if rw.keep && inColumn > 0 {
			chain := before + rw.h
			for j := i + 1; j < len(rows) && rows[j-1].keep; j++ {
				chain += rows[j].before + rows[j].h
			}
			if y+chain > lim && chain < (r.bottom-r.top)/2 {
				if !next(rw) {
					return slots, i
				}
				continue
			}
		}
		if y+before+rw.h > lim && (inColumn > 0 || roomier) {
			if !next(rw) {
				return slots, i
			}
			continue
		}
		slots = append(slots, slot{column, y + before})
		y += before + rw.h
		inColumn++
		i++
	}
	return slots, len(rows)
}

// balance sets the rows of a run's last page in two columns of about the
// same length, as short as the keeps allow, when that takes both columns;
// else it returns slots as they are.
func (r *renderer) balance(rows []*row, top float64, slots []slot) []slot {
	if len(slots) == 0 || slots[len(slots)-1].column != 2 {
		return slots
	}
	// The shortest bottom, to a tenth of a point, at which the rows still
	// fit in two columns.
	lo, hi := int(top*10), int(r.bottom*10)
	n := sort.Search(hi-lo+1, func(k int) bool {
		_, n := r.fillColumns(rows, top, float64(lo+k)/10)
		return n == len(rows)
	})
	if n > hi-lo {
		return slots
	}
	out, _ := r.fillColumns(rows, top, float64(lo+n)/10)
	return out
}

// shifted draws into the second column: draw's output is moved right by a
// column and its links with it. fpdf forgets nothing the PDF restores at
// the end of the move, so the colours and line width are set again.
func (r *renderer) shifted(draw func()) {
	r.pdf.TransformBegin()
	r.pdf.TransformTranslateX(r.cols.offset)
	r.dx = r.cols.offset
	draw()
	r.dx = 0
	r.pdf.TransformEnd()
	r.pdf.SetDrawColor(r.pdf.GetDrawColor())
	r.pdf.SetFillColor(r.pdf.GetFillColor())
	r.pdf.SetLineWidth(r.pdf.GetLineWidth())
}
