package pdf

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/edition-project/edition/content"
)

// blocks lays out a sequence of blocks in c; before is the space above the
// first one.
func (r *renderer) blocks(bs []content.Block, c ctx, before float64) {
	prevPara := false
	for i, b := range bs {
		if err := r.ctx.Err(); err != nil {
			return
		}
		// Blocks are numbered as content.WalkBlocks visits them: this
		// one, then those inside it.
		n := r.nextBlock
		r.nextBlock++
		first := len(r.rows)
		sp := c.font.leading * 0.6
		if i == 0 {
			sp = before
		}
		isPara := false
		switch b := b.(type) {
		case *content.Paragraph:
			isPara = true
			indent := 0.0
			if prevPara && c.level == 0 {
				// Running text: paragraphs are told apart by an
				// indent, as in print, not by a blank line.
				indent, sp = c.font.size*1.2, 0
			}
			r.para(b.Inlines, c, sp, indent, n)
		case *content.Heading:
			r.heading(b, c, sp, n)
		case *content.List:
			r.list(b, c, sp)
		case *content.Quote:
			r.quote(b, c, sp)
		case *content.Figure:
			if b.Photo != nil {
				r.photo(b.Photo, c, (r.bottom-r.top)*0.6, sp+2, n)
			}
		case *content.Code:
			r.code(b, c, sp, n)
		case *content.Table:
			r.table(b, c, sp, n)
		case *content.Rule:
			rule := r.hrule(ctx{x: c.x, w: c.w}, sp+4, 0.5, c.w/4)
			r.mark([]*row{rule}, n, 0)
			r.emit(c, rule)
			r.emit(c, &row{h: 4, draw: func(float64) {}})
		}
		switch b.(type) {
		case *content.List, *content.Quote:
			// They hold no text: a page that starts with their first
			// row starts at them.
			if len(r.rows) > first {
				r.mark(r.rows[first:first+1], n, 0)
				r.rows[first].pos.Offset = 0
			}
		}
		prevPara = isPara
	}
}

// para lays out a justified paragraph; its first and last lines are kept
// with their neighbours so that no line is left alone on a page.
func (r *renderer) para(ins []content.Inline, c ctx, before, indent float64, block int) {
	rows := r.text(ins, c, c.font, justify, indent)
	if len(rows) == 0 {
		return
	}
	r.mark(rows, block, 0)
	rows[0].before = before
	if n := len(rows); n > 1 {
		rows[0].keep = true
		rows[n-2].keep = true
	}
	r.emit(c, rows...)
}

func (r *renderer) heading(h *content.Heading, c ctx, before float64, block int) {
	lvl := min(max(h.Level, 1), len(headingFonts)) - 1
	ft := headingFonts[lvl]
	rows := r.text(h.Inlines, c, ft, left, 0)
	if len(rows) == 0 {
		return
	}
	r.mark(rows, block, 0)
	rows[0].before = before + ft.leading*0.5
	for _, rw := range rows {
		rw.keep = true
	}
	if c.top {
		title := content.PlainText(h.Inlines)
		draw := rows[0].draw
		rows[0].draw = func(y float64) {
			r.bookmark(title, 1, y)
			draw(y)
		}
	}
	r.emit(c, rows...)
	r.emit(c, &row{h: 2, keep: true, draw: func(float64) {}})
}

// bullets are the unordered list markers by nesting level.
var bullets = []string{"•", "–", "·"}

// list lays out a list with hanging indents; nested lists indent further.
func (r *renderer) list(l *content.List, c ctx, before float64) {
	ind := c.font.size * 1.7
	in := c
	in.x, in.w = c.x+ind, c.w-ind
	in.level = c.level + 1
	in.top = false
	n := l.Start
	if l.Ordered && n == 0 {
		n = 1
	}
	for i, it := range l.Items {
		marker := bullets[c.level%len(bullets)]
		if l.Ordered {
			marker = fmt.Sprintf("%d.", n+i)
		}
		first := len(r.rows)
		sp := c.font.leading * 0.2
		if i == 0 {
			sp = before
		}
		r.blocks(it.Blocks, in, sp)
		if len(r.rows) == first {
			continue
		}
		rw := r.rows[first]
		draw, ft, x := rw.draw, c.font, c.x
		rw.draw = func(y float64) {
			r.marker(marker, x, ind-5, y, ft)
			draw(y)
		}
	}
}

// quote lays out a block quote, indented with a rule on its left.
func (r *renderer) quote(q *content.Quote, c ctx, before float64) {
	const ind = 16
	f := &frame{kind: ruled, x: c.x + 5, w: 0}
	in := c.in(f)
	in.x, in.w = c.x+ind, c.w-ind-8
	in.font.color = [3]int{45, 45, 45}
	in.top = false
	r.blocks(q.Blocks, in, before+2)
	r.emit(c, &row{h: 3, draw: func(float64) {}})
}

// code lays out preformatted text line by line, never justified; a line
// wider than the box is cut and continues on the next line.
func (r *renderer) code(cd *content.Code, c ctx, before float64, block int) {
	const pad = 6
	f := &frame{kind: tinted, x: c.x, w: c.w, pad: pad}
	in := c.in(f)
	in.x, in.w = c.x+pad, c.w-2*pad
	first := true
	lineAt := 0 // rune offset of the line in cd.Text
	for line := range strings.SplitSeq(strings.TrimRight(cd.Text, "\n"), "\n") {
		p := &para{font: codeFont}
		at := 0
		for _, sg := range r.cov.segments(mono, strings.TrimRight(strings.ReplaceAll(line, "\t", "    "), "\r"), nil) {
			r.box(p, piece{face: sg.face, size: codeFont.size, text: sg.text, at: at}, in.w)
			at += utf8.RuneCountInString(sg.text)
		}
		p.items = layoutFinish(p.items)
		p.pieces = append(p.pieces, piece{}, piece{})
		rows := r.lines(p, in.x, in.w, left)
		if len(rows) == 0 {
			rows = []*row{{h: codeFont.leading, draw: func(float64) {}}}
		}
		for _, rw := range rows {
			rw.off = untab(line, rw.off)
		}
		r.mark(rows, block, lineAt)
		lineAt += utf8.RuneCountInString(line) + 1
		if first {
			rows[0].before = before + pad
			first = false
		}
		r.emit(in, rows...)
	}
	r.emit(c, &row{h: pad, draw: func(float64) {}})
}

// untab maps a rune offset in line, its tabs expanded to four spaces, back
// to one in line itself.
func untab(line string, off int) int {
	n, x := 0, 0
	for _, ch := range line {
		w := 1
		if ch == '\t' {
			w = 4
		}
		if x+w > off {
			break
		}
		x += w
		n++
	}
	return n
}
