package epub

// navDocument returns the navigation document: the table of contents (the
// cover, then sections, articles, and inside each article its subheadings,
// background and notes), the page list when the book has one, and the
// landmarks. It replaces the one go-epub writes, which has neither nesting
// below articles nor landmarks nor language.
func (p *plan) navDocument() []byte {
	t := a11yFor(p.lang)
	w := &xw{}
	w.WriteString(xmlDecl)
	w.open("html", "xmlns", nsXHTML, "xmlns:epub", nsOPS, "lang", p.lang, "xml:lang", p.lang, "dir", p.dir)
	w.nl()
	w.WriteString("<head>")
	w.nl()
	w.elem("title", p.l.Contents)
	w.nl()
	w.empty("link", "rel", "stylesheet", "type", "text/css", "href", cssDir+styleFile)
	w.nl()
	w.WriteString("</head>")
	w.nl()
	w.WriteString("<body>")
	w.nl()
	w.open("nav", "id", "toc", "epub:type", "toc", "role", "doc-toc", "aria-labelledby", "toc-title")
	w.nl()
	w.elem("h1", p.l.Contents, "id", "toc-title")
	w.nl()
	tocList(w, p.toc, 1)
	w.close("nav")
	w.nl()

	if len(p.pages) > 0 {
		// Hidden like the landmarks: reading systems offer it in their own
		// "go to page" control.
		w.open("nav", "id", "page-list", "epub:type", "page-list", "role", "doc-pagelist",
			"aria-labelledby", "page-list-title", "hidden", "")
		w.nl()
		w.elem("h2", t.pages, "id", "page-list-title")
		w.nl()
		w.WriteString("<ol>")
		w.nl()
		for _, pg := range p.pages {
			w.WriteString("<li>")
			w.elem("a", pg.label, "href", xhtmlDir+pg.doc+"#"+pg.id)
			w.WriteString("</li>")
			w.nl()
		}
		w.WriteString("</ol>")
		w.nl()
		w.close("nav")
		w.nl()
	}

	w.open("nav", "id", "landmarks", "epub:type", "landmarks", "aria-labelledby", "landmarks-title", "hidden", "")
	w.nl()
	w.elem("h2", t.landmarks, "id", "landmarks-title")
	w.nl()
	w.WriteString("<ol>")
	w.nl()
	landmark := func(typ, href, title string) {
		w.WriteString("<li>")
		w.elem("a", title, "epub:type", typ, "href", href)
		w.WriteString("</li>")
		w.nl()
	}
	landmark("cover", xhtmlDir+coverFile, p.l.Cover)
	if p.front {
		landmark("toc", xhtmlDir+contentsFile, p.l.Contents)
	} else {
		landmark("toc", navFile+"#toc", p.l.Contents)
	}
	for _, d := range p.docs {
		if d.landmark == "bodymatter" {
			landmark("bodymatter", xhtmlDir+d.file, t.start)
		}
	}
	if len(p.pages) > 0 {
		landmark("page-list", navFile+"#page-list", t.pages)
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

// maxTOCDepth is how deep the table of contents goes: an edition's
// sections, their articles and the articles' headings; a single article,
// its headings and subheadings. Deeper levels only make it hard to use.
const maxTOCDepth = 3

// tocList writes entries at depth (1 for the top) as a nested ordered
// list, down to maxTOCDepth. An entry without a link (a section of an
// edition without a contents page) is a span, as the navigation document
// requires.
func tocList(w *xw, entries []*tocEntry, depth int) {
	w.WriteString("<ol>")
	w.nl()
	for _, e := range entries {
		w.WriteString("<li>")
		if e.href != "" {
			w.elem("a", e.title, "href", e.href)
		} else {
			w.elem("span", e.title)
		}
		if len(e.children) > 0 && depth < maxTOCDepth {
			w.nl()
			tocList(w, e.children, depth+1)
		}
		w.WriteString("</li>")
		w.nl()
	}
	w.WriteString("</ol>")
	w.nl()
}
