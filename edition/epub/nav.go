package epub

import (
	"strconv"
	"strings"
)

// navDocument returns the navigation document: the table of contents
// (sections, articles, and inside each article its subheadings, background
// and notes) and the landmarks. It replaces the one go-epub writes, which
// has neither nesting below articles nor landmarks nor language.
func (p *plan) navDocument() []byte {
	w := &xw{}
	w.WriteString(xmlDecl)
	w.open("html", "xmlns", nsXHTML, "xmlns:epub", nsOPS, "lang", p.lang, "xml:lang", p.lang, "dir", p.dir)
	w.nl()
	w.WriteString("<head>")
	w.nl()
	w.elem("title", labelContents)
	w.nl()
	w.empty("link", "rel", "stylesheet", "type", "text/css", "href", cssDir+styleFile)
	w.nl()
	w.WriteString("</head>")
	w.nl()
	w.WriteString("<body>")
	w.nl()
	w.open("nav", "id", "toc", "epub:type", "toc", "role", "doc-toc", "aria-labelledby", "toc-title")
	w.nl()
	w.elem("h1", labelContents, "id", "toc-title")
	w.nl()
	tocList(w, p.toc)
	w.close("nav")
	w.nl()

	w.open("nav", "id", "landmarks", "epub:type", "landmarks", "aria-labelledby", "landmarks-title", "hidden", "")
	w.nl()
	w.elem("h2", labelLandmarks, "id", "landmarks-title")
	w.nl()
	w.WriteString("<ol>")
	w.nl()
	landmark := func(typ, href, title string) {
		w.WriteString("<li>")
		w.elem("a", title, "epub:type", typ, "href", href)
		w.WriteString("</li>")
		w.nl()
	}
	landmark("cover", xhtmlDir+coverFile, labelCover)
	landmark("toc", navFile+"#toc", labelContents)
	for _, d := range p.docs {
		if d.landmark == "bodymatter" {
			landmark("bodymatter", xhtmlDir+d.file, labelStart)
		}
	}
	w.WriteString("</ol>")
	w.nl()
	w.close("nav")
	w.nl()
	w.WriteString("</body>")
	w.nl()
	w.WriteString("</html>")
	w.nl()
	return []byte(w.String())
}

// tocList writes entries as a nested ordered list. An entry without a link
// (an edition's section) is a span, as the navigation document requires.
func tocList(w *xw, entries []*tocEntry) {
	w.WriteString("<ol>")
	w.nl()
	for _, e := range entries {
		w.WriteString("<li>")
		if e.href != "" {
			w.elem("a", e.title, "href", e.href)
		} else {
			w.elem("span", e.title)
		}
		if len(e.children) > 0 {
			w.nl()
			tocList(w, e.children)
		}
		w.WriteString("</li>")
		w.nl()
	}
	w.WriteString("</ol>")
	w.nl()
}

// ncxDocument returns the table of contents for EPUB 2 reading systems
// (toc.ncx), the same tree as the navigation document's. It replaces
// go-epub's, which is flat, lists the cover and has an empty author.
func (p *plan) ncxDocument() []byte {
	w := &xw{}
	w.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
	w.open("ncx", "xmlns", "http://www.daisy.org/z3986/2005/ncx/", "version", "2005-1", "xml:lang", p.lang)
	w.nl()
	w.WriteString("<head>")
	w.nl()
	w.empty("meta", "name", "dtb:uid", "content", clean(p.b.ID))
	w.nl()
	w.empty("meta", "name", "dtb:depth", "content", strconv.Itoa(depth(p.toc)))
	w.nl()
	w.empty("meta", "name", "dtb:totalPageCount", "content", "0")
	w.nl()
	w.empty("meta", "name", "dtb:maxPageNumber", "content", "0")
	w.nl()
	w.WriteString("</head>")
	w.nl()
	w.WriteString("<docTitle><text>")
	w.text(p.docs[0].title)
	w.WriteString("</text></docTitle>")
	w.nl()
	var names []string
	for _, a := range p.b.Authors {
		if a = clean(a); a != "" {
			names = append(names, a)
		}
	}
	if len(names) > 0 {
		w.WriteString("<docAuthor><text>")
		w.text(strings.Join(names, ", "))
		w.WriteString("</text></docAuthor>")
		w.nl()
	}
	w.WriteString("<navMap>")
	w.nl()
	n := 0
	var points func([]*tocEntry)
	points = func(entries []*tocEntry) {
		for _, e := range entries {
			n++
			w.open("navPoint", "id", "np-"+strconv.Itoa(n))
			w.WriteString("<navLabel><text>")
			w.text(e.title)
			w.WriteString("</text></navLabel>")
			w.empty("content", "src", firstHref(e))
			w.nl()
			points(e.children)
			w.WriteString("</navPoint>")
			w.nl()
		}
	}
	points(p.toc)
	w.WriteString("</navMap>")
	w.nl()
	w.WriteString("</ncx>")
	w.nl()
	return []byte(w.String())
}

// firstHref returns an entry's link, or for a section without one, its
// first article's: every NCX navPoint must point somewhere.
func firstHref(e *tocEntry) string {
	for e.href == "" && len(e.children) > 0 {
		e = e.children[0]
	}
	return e.href
}

func depth(entries []*tocEntry) int {
	d := 0
	for _, e := range entries {
		d = max(d, 1+depth(e.children))
	}
	return d
}
