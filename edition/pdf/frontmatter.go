package pdf

import (
	"bytes"
	"strconv"
	"strings"

	"codeberg.org/go-pdf/fpdf"

	"github.com/edition-project/edition/content"
	"github.com/edition-project/edition/edition"
)

// A whole edition (edition.Book.FrontMatter) prints its cover as the first
// page and a contents page after it (contents.go); its outline has the
// sections at the top, their articles under them and the articles'
// headings under those, never deeper; its running heads name the section
// and carry the page number. A single article has none of this.

// pageKind is what kind of page a row stands on, for the running heads.
type pageKind uint8

const (
	articlePage pageKind = iota
	coverPage
	contentsPage
)

// frontMatter is what a whole edition's rendering keeps besides the
// articles.
type frontMatter struct {
	l *edition.Labels // the edition's words
	// shift moves the articles' outline entries down a level, under their
	// section; 0 when the sections have no titles to show.
	shift int
	// By article index in Edition.Articles(): its first row (whose page is
	// its page number once paginated), the link to it from the contents,
	// and the title of the section it opens, if any.
	first    map[int]*row
	links    map[int]int
	sections map[int]string
}

// frontMatter lays out the cover page and the contents page.
func (r *renderer) frontMatter() {
	ed := r.b.Edition
	f := &frontMatter{l: edition.LabelsFor(r.b.Language), first: map[int]*row{}, links: map[int]int{}, sections: map[int]string{}}
	if len(ed.Sections) > 1 || len(ed.Sections) == 1 && strings.TrimSpace(ed.Sections[0].Title) != "" {
		f.shift = 1
	}
	i := 0
	for si, s := range ed.Sections {
		for j := range s.Articles {
			if j == 0 && f.shift > 0 {
				f.sections[i] = sectionTitle(s, si)
			}
			f.links[i] = r.pdf.AddLink()
			i++
		}
	}
	r.front = f
	r.coverPage()
	r.contents()
}

// sectionTitle is the name of the si-th section, "Section 2" when it has
// none, as the EPUB calls it.
func sectionTitle(s *content.Section, si int) string {
	if t := strings.TrimSpace(s.Title); t != "" {
		return t
	}
	return "Section " + strconv.Itoa(si+1)
}

// coverPage adds the cover picture as a page of its own, scaled to fit the
// page; a generated cover is framed in its own background colour. A book
// without a cover picture fpdf can read starts with its contents.
func (r *renderer) coverPage() {
	c := r.b.Cover
	if c == nil || len(c.PDF.Data) == 0 {
		return
	}
	var tp string
	switch c.PDF.MediaType {
	case "image/jpeg":
		tp = "JPG"
	case "image/png":
		tp = "PNG"
	default:
		return
	}
	opt := fpdf.ImageOptions{ImageType: tp}
	info := r.pdf.RegisterImageOptionsReader("cover", opt, bytes.NewReader(c.PDF.Data))
	if err := r.pdf.Error(); err != nil || info == nil || info.Width() <= 0 || info.Height() <= 0 {
		r.pdf.ClearError()
		return
	}
	scale := min(r.pageW/info.Width(), r.pageH/info.Height())
	w, h := info.Width()*scale, info.Height()*scale
	x, y := (r.pageW-w)/2, (r.pageH-h)/2
	bg, framed := r.b.CoverBackground()
	r.rows = append(r.rows, &row{
		h: r.bottom - r.top, newPage: true, art: &head{kind: coverPage},
		pos: edition.TextPos{Part: edition.InCover}, hasPos: true,
		draw: func(float64) {
			if framed {
				r.pdf.SetFillColor(int(bg.R), int(bg.G), int(bg.B))
				r.pdf.Rect(0, 0, r.pageW, r.pageH, "F")
			}
			r.pdf.ImageOptions("cover", x, y, w, h, false, opt, 0, "")
		},
	})
}

// outline adds an outline entry at a level, as it is.
func (r *renderer) outline(title string, level int, y float64) {
	r.setFont(serif, 10)
	r.pdf.Bookmark(title, level, y)
}

// articleStart is called when the first row of the current article is
// drawn: it opens the article's section in the outline and is where the
// contents page's link to the article leads.
func (r *renderer) articleStart(index int, y float64) {
	f := r.front
	if f == nil {
		return
	}
	if s, ok := f.sections[index]; ok {
		r.outline(s, 0, y)
	}
	if link := f.links[index]; link != 0 {
		r.pdf.SetLink(link, y, -1)
	}
}

// editionFurniture draws a whole edition's running head: the section (the
// article's headline after it on the article's later pages) on the left,
// the page number on the right. The cover has none; the first contents
// page, under the masthead, has only its page number at the foot.
func (r *renderer) editionFurniture(n int, h *head) {
	if h == nil || h.kind == coverPage {
		return
	}
	folio := strconv.Itoa(n)
	if h.kind == contentsPage && r.articleStarts[n] {
		r.setFont(sans, 8)
		r.pdf.SetTextColor(90, 90, 90)
		r.drawRaw(r.left+(r.width-r.textWidth(folio))/2, r.pageH-11*mm, folio)
		return
	}
	y := r.top - 9*mm
	section := h.section
	if h.kind == contentsPage {
		section = r.front.l.Contents
	}
	if section == "" {
		section = h.publication
	}
	r.setFont(sansBold, 9)
	numW := r.textWidth(folio)
	r.pdf.SetTextColor(40, 40, 40)
	r.drawRaw(r.left+r.width-numW, y, folio)
	x := r.left
	if section != "" {
		s := r.fitString(sansBold, 7.5, strings.ToUpper(section), r.width*0.4)
		r.pdf.SetTextColor(accent[0], accent[1], accent[2])
		r.drawString(sansBold, 7.5, x, y, s)
		x += r.stringWidth(sansBold, 7.5, s) + 8
	}
	if h.kind == articlePage && !r.articleStarts[n] && h.headline != "" {
		// The headline is on the article's first page in full.
		if room := r.left + r.width - numW - 16 - x; room > 40 {
			s := r.fitString(sans, 7.5, h.headline, room)
			r.pdf.SetTextColor(90, 90, 90)
			r.drawString(sans, 7.5, x, y, s)
		}
	}
	r.pdf.SetDrawColor(90, 90, 90)
	r.pdf.SetLineWidth(0.4)
	r.pdf.Line(r.left, y+4, r.left+r.width, y+4)
}
