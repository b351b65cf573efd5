package pdf

import (
	"bytes"
	"strconv"
	"strings"

	"codeberg.org/go-pdf/fpdf"

	"github.com/edition-project/edition/content"
	"github.com/edition-project/edition/edition"
)

// The contents page of a whole edition: the masthead (the edition's
// picture, or its title set in type), its subtitle and date, then every
// section's title and its articles, each with its headline, standfirst,
// byline and the page it starts on. The page numbers are known only once
// the whole edition is paginated: the rows are laid out with room for
// them, and their draw functions, which run after pagination, print them.

var (
	mastheadFont        = font{serif: true, bold: true, size: 30, leading: 35}
	mastheadSubFont     = font{serif: true, italic: true, size: 11.5, leading: 15, color: [3]int{60, 60, 60}}
	mastheadDateFont    = font{size: 9, leading: 13, color: grey}
	contentsTitleFont   = font{size: 15, leading: 19, bold: true}
	contentsSectionFont = font{size: 9, leading: 12, bold: true, color: accent}
	entryHeadlineFont   = font{size: 12.5, leading: 15.5, bold: true}
	entryStandfirstFont = font{serif: true, size: 9.5, leading: 13, color: [3]int{55, 55, 55}}
	entryBylineFont     = font{size: 8, leading: 11, bold: true, color: grey}
)

// folioWidth is the room kept right of an entry for its page number.
const folioWidth = 36

// contents lays out the contents page, which may run over several pages.
func (r *renderer) contents() {
	f := r.front
	ed := r.b.Edition
	c := ctx{x: r.left, w: r.width, font: bodyFont, art: &head{kind: contentsPage}}
	// place puts rows in the contents for the page list (edition.TextPos).
	place := func(rows []*row, article, block int) {
		for _, rw := range rows {
			rw.pos = edition.TextPos{Part: edition.InContents, Article: article, Block: block}
			rw.hasPos = true
		}
	}
	start := len(r.rows)
	r.masthead(c)
	title := r.text(plain(f.l.Contents), c, contentsTitleFont, left, 0)
	title[0].before = 14
	r.emit(c, title...)
	place(r.rows[start:], 0, 0)
	first := r.rows[start]
	first.newPage = true
	draw := first.draw
	first.draw = func(y float64) {
		r.outline(f.l.Contents, 0, y)
		draw(y)
	}

	i := 0
	for si, s := range ed.Sections {
		for j, a := range s.Articles {
			if a == nil {
				i++
				continue
			}
			if j == 0 && f.shift > 0 {
				rule := r.hrule(c, 16, 0.4, c.w)
				t := r.text(plain(strings.ToUpper(sectionTitle(s, si))), c, contentsSectionFont, left, 0)
				t[0].before = 4
				rows := append([]*row{rule}, t...)
				for _, rw := range rows {
					rw.keep = true // with the first entry
				}
				place(rows, i, 0)
				r.emit(c, rows...)
			}
			rows := r.contentsEntry(a, i, c)
			place(rows, i, 1)
			r.emit(c, rows...)
			i++
		}
	}
}

// masthead lays out the top of the first contents page.
func (r *renderer) masthead(c ctx) {
	ed := r.b.Edition
	name := strings.TrimSpace(ed.Title)
	if name == "" {
		name = strings.TrimSpace(ed.Publisher)
	}
	if name == "" {
		name = r.b.Title
	}
	if pic := r.mastheadPicture(c); pic != nil {
		r.emit(c, pic)
	} else {
		r.emit(c, r.text(plain(name), c, mastheadFont, center, 0)...)
	}
	if s := strings.TrimSpace(ed.Subtitle); s != "" {
		rows := r.text(plain(s), c, mastheadSubFont, center, 0)
		rows[0].before = 4
		r.emit(c, rows...)
	}
	if !r.b.Date.IsZero() {
		rows := r.text(plain(r.front.l.Date(r.b.Date)), c, mastheadDateFont, center, 0)
		rows[0].before = 3
		r.emit(c, rows...)
	}
	r.emit(c, &row{before: 8, h: 6, draw: func(y float64) {
		r.pdf.SetDrawColor(accent[0], accent[1], accent[2])
		r.pdf.SetLineWidth(1.8)
		r.pdf.Line(c.x, y+1, c.x+c.w, y+1)
	}})
}

// mastheadPicture returns the row that draws the edition's masthead
// picture, at most the column's width and 26 mm high, or nil when there is
// none fpdf can read.
func (r *renderer) mastheadPicture(c ctx) *row {
	m := r.b.Masthead
	if m == nil || len(m.PDF.Data) == 0 {
		return nil
	}
	tp := imageType(m.PDF.MediaType)
	if tp == "" {
		return nil
	}
	opt := fpdf.ImageOptions{ImageType: tp}
	info := r.pdf.RegisterImageOptionsReader("masthead", opt, bytes.NewReader(m.PDF.Data))
	if err := r.pdf.Error(); err != nil || info == nil || info.Width() <= 0 || info.Height() <= 0 {
		r.pdf.ClearError()
		return nil
	}
	w := c.w
	h := w * info.Height() / info.Width()
	if maxH := 26 * mm; h > maxH {
		h, w = maxH, maxH*info.Width()/info.Height()
	}
	x := c.x + (c.w-w)/2
	return &row{h: h, draw: func(y float64) {
		r.pdf.ImageOptions("masthead", x, y, w, h, false, opt, 0, "")
	}}
}

// contentsEntry lays out one article's entry: its headline, linked to the
// article, with the article's first page on the right, then its
// standfirst and byline, kept together on one page.
func (r *renderer) contentsEntry(a *content.Article, index int, c ctx) []*row {
	l := edition.LabelsFor(a.Language)
	in := c
	in.w = c.w - folioWidth
	rows := r.text(plain(a.Headline), in, entryHeadlineFont, left, 0)
	if len(rows) == 0 {
		return nil
	}
	rows[0].before = 11
	hlHeight := 0.0
	for _, rw := range rows {
		hlHeight += rw.h
	}
	draw := rows[0].draw
	rows[0].draw = func(y float64) {
		draw(y)
		if first := r.front.first[index]; first != nil && first.page > 0 {
			num := strconv.Itoa(first.page)
			r.setFont(sansBold, entryHeadlineFont.size)
			r.pdf.SetTextColor(0, 0, 0)
			r.drawRaw(c.x+c.w-r.textWidth(num), y+entryHeadlineFont.leading*0.76, num)
		}
		if link := r.front.links[index]; link != 0 {
			r.pdf.Link(c.x, y, c.w, hlHeight, link)
		}
	}
	if sf := content.WithoutNotes(a.Standfirst); strings.TrimSpace(content.PlainText(sf)) != "" {
		t := r.text(sf, in, entryStandfirstFont, left, 0)
		t[0].before = 2
		rows = append(rows, t...)
	}
	if len(a.Byline) > 0 {
		t := r.text(plain(l.By+" "+l.Names(a.Byline)), in, entryBylineFont, left, 0)
		t[0].before = 2
		rows = append(rows, t...)
	}
	for _, rw := range rows[:len(rows)-1] {
		rw.keep = true
	}
	return rows
}
