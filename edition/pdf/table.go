package pdf

import (
	"unicode/utf8"

	"github.com/edition-project/edition/content"
	"github.com/edition-project/edition/edition/pdf/layout"
)

// table lays out a grid: a bold header row on a tint, cells set ragged in
// their columns, hairlines between. Each table row is one row on the page,
// so a long table breaks between rows. block is its number in the page
// list, whose text is every cell in row order, each followed by a space.
func (r *renderer) table(t *content.Table, c ctx, before float64, block int) {
	ncol := len(t.Head)
	for _, rw := range t.Rows {
		ncol = max(ncol, len(rw))
	}
	if ncol == 0 {
		return
	}
	const pad = 4
	head := tableFont
	head.bold = true
	widths := r.columns(t, ncol, c.w, pad)
	grid := append([][]content.Cell{}, t.Rows...)
	if t.Head != nil {
		grid = append([][]content.Cell{t.Head}, grid...)
	}
	at := 0 // rune offset of the row's first cell in the table's text
	for i, cells := range grid {
		isHead := i == 0 && t.Head != nil
		rowAt := at
		for _, cl := range cells {
			at += utf8.RuneCountInString(content.PlainText(cl.Inlines)) + 1
		}
		ft := tableFont
		if isHead {
			ft = head
		}
		type cell struct {
			rows []*row
			x    float64
		}
		var cs []cell
		h := 0.0
		x := c.x
		for j := range ncol {
			var ins []content.Inline
			if j < len(cells) {
				ins = cells[j].Inlines
			}
			al := left
			if j < len(t.Align) {
				switch t.Align[j] {
				case content.AlignCenter:
					al = center
				case content.AlignRight:
					al = right
				}
			}
			p := r.paragraph(ins, ft, widths[j]-2*pad, 0)
			rows := r.lines(p, x+pad, widths[j]-2*pad, al)
			cs = append(cs, cell{rows, x})
			h = max(h, float64(len(rows))*ft.leading)
			x += widths[j]
		}
		h += 2 * pad
		first, last := i == 0, i == len(grid)-1
		rw := &row{h: h, keep: isHead, draw: func(y float64) {
			if isHead {
				r.pdf.SetFillColor(236, 236, 236)
				r.pdf.Rect(c.x, y, c.w, h, "F")
			}
			for _, cl := range cs {
				ly := y + pad
				for _, l := range cl.rows {
					l.draw(ly)
					ly += l.h
				}
			}
			r.pdf.SetDrawColor(120, 120, 120)
			r.pdf.SetLineWidth(0.4)
			if first {
				r.pdf.Line(c.x, y, c.x+c.w, y)
			}
			if isHead || last {
				r.pdf.SetDrawColor(60, 60, 60)
				r.pdf.SetLineWidth(0.8)
			}
			r.pdf.Line(c.x, y+h, c.x+c.w, y+h)
			r.pdf.SetDrawColor(170, 170, 170)
			r.pdf.SetLineWidth(0.3)
			for _, cl := range cs[1:] {
				r.pdf.Line(cl.x, y, cl.x, y+h)
			}
		}}
		if first {
			rw.before = before + 2
		}
		r.mark([]*row{rw}, block, rowAt)
		r.emit(c, rw)
	}
	r.emit(c, &row{h: 4, draw: func(float64) {}})
}

// columns shares the width w among the columns: each gets at least its
// longest word, the rest goes by how much text each column holds.
func (r *renderer) columns(t *content.Table, ncol int, w, pad float64) []float64 {
	minW := make([]float64, ncol)
	natW := make([]float64, ncol)
	measure := func(cells []content.Cell, ft font) {
		for j, cl := range cells {
			p := r.paragraph(cl.Inlines, ft, 1e9, 0)
			word, line := 0.0, 0.0
			for _, it := range p.items {
				switch it.Kind {
				case layout.Box:
					word += it.Width
					line += it.Width
				case layout.Glue:
					line += it.Width
					minW[j] = max(minW[j], word)
					word = 0
				}
			}
			minW[j] = max(minW[j], word+2*pad)
			natW[j] = max(natW[j], min(line, 1e6)+2*pad)
		}
	}
	head := tableFont
	head.bold = true
	measure(t.Head, head)
	for _, rw := range t.Rows {
		measure(rw, tableFont)
	}
	sumMin, sumNat := 0.0, 0.0
	for j := range ncol {
		minW[j] = max(minW[j], 2*pad+6)
		natW[j] = max(natW[j], minW[j])
		sumMin += minW[j]
		sumNat += natW[j]
	}
	out := make([]float64, ncol)
	switch {
	case sumNat <= w:
		// Everything fits on one line: share out the spare width evenly.
		for j := range out {
			out[j] = natW[j] + (w-sumNat)/float64(ncol)
		}
	case sumMin >= w:
		for j := range out {
			out[j] = w * minW[j] / sumMin
		}
	default:
		for j := range out {
			out[j] = minW[j] + (w-sumMin)*(natW[j]-minW[j])/(sumNat-sumMin)
		}
	}
	return out
}
