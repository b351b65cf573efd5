package epub

import (
	"strconv"

	"github.com/edition-project/edition/content"
	"github.com/edition-project/edition/edition"
)

// A whole edition (edition.Book.FrontMatter) opens with a contents page
// after the cover: the masthead, then each section's title and its
// articles, each with its headline (a link to the article), standfirst and
// byline. Every article ends with a navigation line: the previous and next
// article, the article's section on the contents page, and the contents.
// A single article has neither: there is nothing to list or to go to.

// sectionEntry is a section of the edition as the contents page lists it.
type sectionEntry struct {
	title string
	id    string // the id of its title on the contents page
}

// listed is an article as the contents page and the navigation lines see
// it.
type listed struct {
	a       *content.Article
	index   int // in Edition.Articles()
	doc     *doc
	section *sectionEntry // nil when the edition's one section has no title
}

// contentsBody returns the contents page's markup.
func (p *plan) contentsBody() string {
	w := &xw{dir: p.dir}
	marks := p.frontMarks.contents
	first := -1
	if len(p.entries) > 0 {
		first = p.entries[0].index
	}
	// The page's start, for a print page that begins with the masthead.
	w.frontMarkers(marks[[2]int{first, 0}], contentsFile)
	p.masthead(w)
	w.open("nav", "class", "contents", "epub:type", "toc", "role", "doc-toc", "aria-labelledby", "contents-title")
	w.nl()
	w.elem("h1", p.l.Contents, "id", "contents-title")
	w.nl()
	var open *sectionEntry
	list := false
	closeList := func() {
		if list {
			w.WriteString("</ol>")
			w.nl()
			list = false
		}
	}
	for i, e := range p.entries {
		titled := false // a section title stands before the entry
		if e.section != open || i == 0 {
			closeList()
			if open != nil {
				w.close("section")
				w.nl()
			}
			open = e.section
			if open != nil {
				if e.index != first {
					w.frontMarkers(marks[[2]int{e.index, 0}], contentsFile)
				}
				w.open("section", "aria-labelledby", open.id)
				w.nl()
				w.elem("h2", open.title, "id", open.id)
				w.nl()
				titled = true
			}
		}
		if !titled && e.index != first {
			// No section title to go before: the entry starts there.
			w.frontMarkers(marks[[2]int{e.index, 0}], contentsFile)
		}
		if !list {
			w.WriteString("<ol>")
			w.nl()
			list = true
		}
		p.contentsEntry(w, e, marks[[2]int{e.index, 1}])
	}
	closeList()
	if open != nil {
		w.close("section")
		w.nl()
	}
	w.close("nav")
	w.nl()
	return w.String()
}

// contentsEntry writes one article's entry, a list item: headline,
// standfirst, byline, after the page breaks marks.
func (p *plan) contentsEntry(w *xw, e *listed, marks []*pageEntry) {
	a := e.a
	l := edition.LabelsFor(e.doc.lang)
	attrs := []string{"class", "entry"}
	if e.doc.lang != p.lang {
		attrs = append(attrs, "lang", e.doc.lang, "xml:lang", e.doc.lang, "dir", e.doc.dir)
	}
	w.open("li", attrs...)
	w.frontMarkers(marks, contentsFile)
	w.nl()
	// h3 under a section's h2; h2 when the edition's sections have no
	// titles.
	tag := "h3"
	if e.section == nil {
		tag = "h2"
	}
	w.open(tag, "class", "entry-headline")
	w.elem("a", e.doc.title, "href", e.doc.file)
	w.close(tag)
	w.nl()
	if sf := content.WithoutNotes(a.Standfirst); clean(content.PlainText(sf)) != "" {
		w.open("p", "class", "entry-standfirst")
		saved := w.dir
		w.dir = e.doc.dir // the entry's own direction, as in its article
		w.inlines(sf, nil, nil)
		w.dir = saved
		w.close("p")
		w.nl()
	}
	names := bylineNames(a)
	if len(names) > 0 {
		w.elem("p", l.By+" "+l.Names(names), "class", "entry-byline")
		w.nl()
	}
	w.close("li")
	w.nl()
}

// masthead writes the top of the contents page: the edition's masthead
// picture, named by the publication's name, or else its title set in
// type; then its subtitle and date.
func (p *plan) masthead(w *xw) {
	ed := p.b.Edition
	w.open("header", "class", "masthead")
	w.nl()
	name := clean(ed.Title)
	if name == "" {
		name = publisher(p.b)
	}
	if name == "" {
		name = clean(p.b.Title)
	}
	if img := p.mastheadImage(); img != nil {
		attrs := []string{"class", "masthead-image", "src", img.file, "alt", name}
		if img.enc.Width > 0 && img.enc.Height > 0 {
			attrs = append(attrs, "width", strconv.Itoa(img.enc.Width), "height", strconv.Itoa(img.enc.Height))
		}
		w.open("p")
		w.empty("img", attrs...)
		w.close("p")
		w.nl()
	} else {
		w.elem("p", name, "class", "masthead-title")
		w.nl()
	}
	if s := clean(ed.Subtitle); s != "" {
		w.elem("p", s, "class", "masthead-subtitle")
		w.nl()
	}
	if !p.b.Date.IsZero() {
		w.open("p", "class", "masthead-date")
		w.elem("time", p.l.Date(p.b.Date), "datetime", p.b.Date.Format("2006-01-02"))
		w.close("p")
		w.nl()
	}
	w.close("header")
	w.nl()
}

// mastheadImage stores the masthead picture, or returns nil when the book
// has none the EPUB can hold. Its src is relative to the contents page.
func (p *plan) mastheadImage() *imageFile {
	m := p.b.Masthead
	if m == nil || len(m.EPUB.Data) == 0 || imageExt(m.EPUB.MediaType) == "" {
		return nil
	}
	f := &imageFile{file: p.imageName(m.Name, "masthead", m.EPUB.MediaType), enc: m.EPUB, src: m}
	p.images = append(p.images, f)
	return &imageFile{file: fromContent + imageDir + f.file, enc: f.enc, src: m}
}

// linkArticles ends every article with its navigation line.
func (p *plan) linkArticles() {
	for i, e := range p.entries {
		l := edition.LabelsFor(e.doc.lang)
		w := &xw{dir: e.doc.dir}
		w.nl()
		w.open("nav", "class", "article-nav", "aria-label", l.ArticleNav)
		w.nl()
		w.WriteString("<ul>")
		w.nl()
		// to is where the text's language and direction come from (the
		// article linked to, the edition); nil when there is no text.
		link := func(href, rel, label, text string, to *doc) {
			w.WriteString("<li>")
			attrs := []string{"href", href}
			if rel != "" {
				attrs = append(attrs, "rel", rel)
			}
			w.open("a", attrs...)
			w.elem("span", label, "class", "nav-label")
			switch {
			case text == "":
			case to != nil && to.lang != e.doc.lang:
				w.text(" ")
				w.elem("span", text, "lang", to.lang, "xml:lang", to.lang, "dir", to.dir)
			default:
				w.text(" ")
				w.text(text)
			}
			w.close("a")
			w.close("li")
			w.nl()
		}
		if i > 0 {
			prev := p.entries[i-1].doc
			link(prev.file, "prev", l.Previous, prev.title, prev)
		}
		if i+1 < len(p.entries) {
			next := p.entries[i+1].doc
			link(next.file, "next", l.Next, next.title, next)
		}
		if s := e.section; s != nil {
			link(contentsFile+"#"+s.id, "", l.Section, s.title, &doc{lang: p.lang, dir: p.dir})
		}
		link(contentsFile, "", l.Contents, "", nil)
		w.WriteString("</ul>")
		w.nl()
		w.close("nav")
		w.nl()
		e.doc.body += w.String()
	}
}
