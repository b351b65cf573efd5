package pdf

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"codeberg.org/go-pdf/fpdf"

	"github.com/edition-project/edition/content"
	"github.com/edition-project/edition/edition"
)

// The type scale, in points.
var (
	bodyFont       = font{serif: true, size: 10.5, leading: 14.7}
	kickerFont     = font{size: 8.5, leading: 12, bold: true, color: accent}
	headlineFont   = font{size: 25, leading: 29, bold: true}
	standfirstFont = font{serif: true, italic: true, size: 13, leading: 18, color: [3]int{45, 45, 45}}
	bylineFont     = font{size: 9, leading: 12.5, bold: true}
	dateFont       = font{size: 8, leading: 11.5, color: grey}
	captionFont    = font{size: 8.5, leading: 11.5, color: [3]int{50, 50, 50}}
	creditFont     = font{size: 7, leading: 9.5, color: grey}
	headingFonts   = []font{
		{size: 12.5, leading: 16, bold: true},
		{size: 11, leading: 14.7, bold: true},
		{serif: true, size: 10.5, leading: 14.7, bold: true},
	}
	boxTitleFont = font{size: 11, leading: 15, bold: true}
	boxFont      = font{serif: true, size: 9.5, leading: 13.3}
	notesFont    = font{serif: true, size: 8.5, leading: 11.9}
	codeFont     = font{size: 8.5, leading: 11.5}
	tableFont    = font{size: 8.5, leading: 11.5}

	accent = [3]int{150, 25, 35}
	grey   = [3]int{105, 105, 105}
)

// ctx is where blocks are set: a column, a font and the boxes around.
type ctx struct {
	x, w   float64
	font   font
	frames []*frame
	art    *head
	level  int  // list nesting
	top    bool // the article's own body (headings go in the outline)
}

func (c ctx) in(f *frame) ctx {
	c.frames = append(c.frames[:len(c.frames):len(c.frames)], f)
	return c
}

// emit adds rows to the edition, in the boxes of c.
func (r *renderer) emit(c ctx, rows ...*row) {
	for _, rw := range rows {
		if len(c.frames) > 0 {
			rw.frames = c.frames
		}
		rw.art = c.art
		r.rows = append(r.rows, rw)
	}
}

// text lays out inlines as lines in c's column and returns the rows.
func (r *renderer) text(ins []content.Inline, c ctx, ft font, al align, indent float64) []*row {
	r.tx.justify = al == justify // hyphenate justified text only
	p := r.paragraph(ins, ft, c.w, indent)
	r.tx.justify = false
	return r.lines(p, c.x, c.w, al)
}

func plain(s string) []content.Inline { return []content.Inline{{Text: s}} }

// article lays out one article, starting on a new page.
func (r *renderer) article(a *content.Article, s *content.Section) {
	r.l = edition.LabelsFor(a.Language)
	r.setLanguage(a.Language)
	pub := a.Publisher
	if pub == "" {
		pub = r.b.Edition.Publisher
	}
	h := &head{publication: pub, headline: a.Headline, section: a.Section}
	if s != nil && r.front != nil && r.front.shift > 0 {
		h.section = s.Title // the section it stands in, as the outline says
	}
	c := ctx{x: r.left, w: r.width, font: bodyFont, art: h, top: true}
	r.noteLinks = map[int]int{}
	for _, n := range a.Notes {
		r.noteLinks[n.N] = r.pdf.AddLink()
	}
	start := len(r.rows)
	r.nextBlock = 0

	kicker := a.Section
	if kicker == "" && s != nil {
		kicker = s.Title
	}
	if kicker != "" {
		r.emit(c, r.text(plain(strings.ToUpper(kicker)), c, kickerFont, left, 0)...)
	}
	hl := r.text(plain(a.Headline), c, headlineFont, left, 0)
	if len(hl) > 0 {
		draw := hl[0].draw
		hl[0].draw = func(y float64) {
			r.bookmark(a.Headline, 0, y)
			draw(y)
		}
		if kicker != "" {
			hl[0].before = 2
		}
	}
	r.emit(c, hl...)
	if len(a.Standfirst) > 0 {
		rows := r.text(a.Standfirst, c, standfirstFont, left, 0)
		rows[0].before = 9
		r.emit(c, rows...)
	}
	r.meta(a, c)
	// The header is block 0 of the page list; its text has no offsets of
	// its own, so every row of it is at its start.
	for _, rw := range r.rows[start:] {
		rw.off = 0
	}
	r.mark(r.rows[start:], 0, 0)
	if a.Photo != nil {
		r.photo(a.Photo, c, (r.bottom-r.top)*0.5, 12, 1)
	}
	r.nextBlock = 2
	body := len(r.rows)
	if r.cols != nil {
		c.w = r.cols.w
	}
	r.blocks(a.Body, c, 14)
	if a.Background != nil {
		r.background(a.Background, c)
	}
	if len(a.Notes) > 0 {
		r.notes(a.Notes, c)
	}
	if r.cols != nil {
		for _, rw := range r.rows[body:] {
			rw.col = true
		}
	}
	if len(r.rows) > start {
		r.rows[start].newPage = true
		if r.front != nil {
			first, index := r.rows[start], r.artIndex
			r.front.first[index] = first
			draw := first.draw
			first.draw = func(y float64) {
				r.articleStart(index, y)
				draw(y)
			}
		}
	}
}

// mark places rows in the text of the current article: in block, at
// base plus each row's offset in its paragraph.
func (r *renderer) mark(rows []*row, block, base int) {
	for _, rw := range rows {
		rw.pos = edition.TextPos{Article: r.artIndex, Block: block, Offset: base + rw.off}
		rw.hasPos = true
	}
}

// bookmark adds an outline entry for an article (level 0) or its parts;
// in a whole edition they go under their section. fpdf converts its text
// to UTF-16 only while a Unicode font is selected.
func (r *renderer) bookmark(title string, level int, y float64) {
	if r.front != nil {
		level += r.front.shift
	}
	r.outline(title, level, y)
}

// meta lays out the byline and the dates between two rules.
func (r *renderer) meta(a *content.Article, c ctx) {
	var lines [][]*row
	if len(a.Byline) > 0 {
		lines = append(lines, r.text(plain(r.l.By+" "+r.l.Names(a.Byline)), c, bylineFont, left, 0))
	}
	var dates []string
	if !a.Published.IsZero() {
		dates = append(dates, r.l.Published+" "+r.l.DateTime(a.Published))
	}
	if !a.Updated.IsZero() && !a.Updated.Equal(a.Published) {
		dates = append(dates, r.l.Updated+" "+r.l.DateTime(a.Updated))
	}
	if len(dates) > 0 {
		lines = append(lines, r.text(plain(strings.Join(dates, "  ·  ")), c, dateFont, left, 0))
	}
	if len(lines) == 0 {
		return
	}
	r.emit(c, r.hrule(c, 12, 0.4, c.w))
	for i, rows := range lines {
		if i > 0 {
			rows[0].before = 1
		}
		r.emit(c, rows...)
	}
	rule := r.hrule(c, 5, 0.4, c.w)
	r.emit(c, rule)
}

// hrule returns a row holding a horizontal rule of length w.
func (r *renderer) hrule(c ctx, before, weight, w float64) *row {
	x := c.x + (c.w-w)/2
	return &row{before: before, h: weight + 5, draw: func(y float64) {
		r.pdf.SetDrawColor(60, 60, 60)
		r.pdf.SetLineWidth(weight)
		r.pdf.Line(x, y+weight/2, x+w, y+weight/2)
	}}
}

// photo lays out a picture at the column's width (no taller than maxH)
// with its caption and credit beneath. A photo without prepared image data
// keeps its caption and credit. block is its number in the page list,
// whose text is the caption followed by the credit.
func (r *renderer) photo(p *content.Photo, c ctx, maxH, before float64, block int) {
	var rows []*row
	if pic := r.picture(p, c, maxH); pic != nil {
		pic.before = before
		pic.keep = true // not parted from its caption
		r.mark([]*row{pic}, block, 0)
		rows = append(rows, pic)
		before = 5
	}
	if len(p.Caption) > 0 {
		cap := r.text(p.Caption, c, captionFont, left, 0)
		cap[0].before = before
		r.mark(cap, block, 0)
		rows = append(rows, cap...)
		before = 2
	}
	if len(p.Credit) > 0 {
		credit := p.Credit
		prefix := r.l.CreditPrefix(content.PlainText(p.Credit))
		if prefix != "" {
			credit = append([]content.Inline{{Text: prefix}}, p.Credit...)
		}
		cr := r.text(credit, c, creditFont, left, 0)
		cr[0].before = before
		// The prefix ("Photo: ") is not in the text.
		n := utf8.RuneCountInString(prefix)
		for _, rw := range cr {
			rw.off = max(0, rw.off-n)
		}
		r.mark(cr, block, utf8.RuneCountInString(content.PlainText(p.Caption)))
		rows = append(rows, cr...)
	}
	if len(rows) == 0 {
		return
	}
	for _, rw := range rows[:len(rows)-1] {
		rw.keep = true
	}
	r.emit(c, rows...)
}

// imageType is fpdf's name for a picture's media type, or "" for one a PDF
// cannot hold as it is.
func imageType(mediaType string) string {
	switch mediaType {
	case "image/jpeg":
		return "JPG"
	case "image/png":
		return "PNG"
	}
	return ""
}

// picture registers the photo's image and returns the row that draws it,
// or nil when the photo has no image the PDF can hold.
func (r *renderer) picture(p *content.Photo, c ctx, maxH float64) *row {
	img := r.b.Image(p)
	if img == nil || len(img.PDF.Data) == 0 {
		return nil
	}
	tp := imageType(img.PDF.MediaType)
	if tp == "" {
		return nil
	}
	r.nImages++
	name := fmt.Sprintf("image-%d", r.nImages)
	opt := fpdf.ImageOptions{ImageType: tp}
	info := r.pdf.RegisterImageOptionsReader(name, opt, bytes.NewReader(img.PDF.Data))
	if err := r.pdf.Error(); err != nil || info == nil || info.Width() <= 0 || info.Height() <= 0 {
		// An image fpdf cannot read (an unusual PNG) costs the picture,
		// not the edition.
		r.pdf.ClearError()
		return nil
	}
	w := c.w
	h := w * info.Height() / info.Width()
	if h > maxH {
		h = maxH
		w = h * info.Width() / info.Height()
	}
	x := c.x + (c.w-w)/2
	return &row{h: h, draw: func(y float64) {
		r.pdf.ImageOptions(name, x, y, w, h, false, opt, 0, "")
	}}
}

// background lays out the explainer in a shaded box that may run on over
// pages.
func (r *renderer) background(bg *content.Background, c ctx) {
	title := bg.Title
	if title == "" {
		title = r.l.Background
	}
	const pad = 10
	f := &frame{kind: shaded, x: c.x, w: c.w, pad: pad, label: title + " (" + r.l.Continued + ")"}
	in := c.in(f)
	in.x, in.w = c.x+pad, c.w-2*pad
	in.font = boxFont
	in.top = false
	t := r.text(plain(title), in, boxTitleFont, left, 0)
	t[0].before = 22 + pad
	draw := t[0].draw
	t[0].draw = func(y float64) {
		r.bookmark(title, 1, y)
		draw(y)
	}
	for _, rw := range t {
		rw.keep = true
	}
	r.emit(in, t...)
	r.blocks(bg.Body, in, 4)
	// The next block keeps its distance from the box's bottom edge.
	r.emit(c, &row{h: pad, draw: func(float64) {}})
}

// notes lays out the footnotes under a rule and "Notes".
func (r *renderer) notes(ns []content.Note, c ctx) {
	r.emit(c, r.hrule(ctx{x: c.x, w: c.w / 3}, 20, 0.5, c.w/3))
	c.font = notesFont
	t := r.text(plain(r.l.Notes), c, font{size: 9, leading: 13, bold: true}, left, 0)
	t[0].before = 2
	draw := t[0].draw
	t[0].draw = func(y float64) {
		r.bookmark(r.l.Notes, 1, y)
		draw(y)
	}
	t[0].keep = true
	r.emit(c, t...)
	ind := 16.0
	for _, n := range ns {
		in := c
		in.x, in.w = c.x+ind, c.w-ind
		in.top = false
		first := len(r.rows)
		r.blocks(n.Blocks, in, 3)
		if len(r.rows) == first {
			continue
		}
		rw := r.rows[first]
		draw := rw.draw
		link, marker := r.noteLinks[n.N], fmt.Sprintf("%d.", n.N)
		rw.draw = func(y float64) {
			if link != 0 {
				r.pdf.SetLink(link, y, -1)
			}
			r.marker(marker, c.x, ind-4, y, notesFont)
			draw(y)
		}
	}
}

// marker draws a list or note marker right-aligned in a hanging indent.
func (r *renderer) marker(s string, x, w, y float64, ft font) {
	f := ft.face(0)
	r.pdf.SetTextColor(ft.color[0], ft.color[1], ft.color[2])
	r.drawString(f, ft.size, x+w-r.stringWidth(f, ft.size, s), y+ft.leading*0.76, s)
}
