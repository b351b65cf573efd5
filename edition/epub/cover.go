package epub

import (
	"strconv"
	"strings"
	"time"
)

// coverDoc returns the cover page: the cover picture when there is one, a
// title page otherwise.
func (p *plan) coverDoc() *doc {
	d := &doc{file: coverFile, title: clean(p.b.Title), lang: p.lang, dir: p.dir, landmark: "cover"}
	if d.title == "" {
		d.title = p.l.Cover
	}
	var w xw
	if c := p.cover; c != nil {
		w.open("div", "class", "cover")
		w.frontMarkers(p.frontMarks.cover, d.file)
		attrs := []string{"src", fromContent + imageDir + c.file, "alt", p.l.Cover + ": " + d.title,
			"epub:type", "cover", "role", "doc-cover"}
		if c.enc.Width > 0 && c.enc.Height > 0 {
			attrs = append(attrs, "width", strconv.Itoa(c.enc.Width), "height", strconv.Itoa(c.enc.Height))
		}
		w.empty("img", attrs...)
		w.close("div")
		d.body = w.String()
		return d
	}
	ed := p.b.Edition
	w.open("div", "class", "title-page")
	w.frontMarkers(p.frontMarks.cover, d.file)
	w.nl()
	w.elem("h1", d.title, "class", "title")
	w.nl()
	if s := clean(ed.Subtitle); s != "" {
		w.elem("p", s, "class", "subtitle")
		w.nl()
	}
	var names []string
	for _, a := range p.b.Authors {
		if a = clean(a); a != "" {
			names = append(names, a)
		}
	}
	if len(names) > 0 {
		w.elem("p", strings.Join(names, ", "), "class", "authors")
		w.nl()
	}
	if pub := publisher(p.b); pub != "" {
		w.elem("p", pub, "class", "publisher")
		w.nl()
	}
	if !p.b.Date.IsZero() {
		w.open("p", "class", "date")
		w.elem("time", p.l.Date(p.b.Date), "datetime", p.b.Date.Format(time.RFC3339))
		w.close("p")
		w.nl()
	}
	w.close("div")
	d.body = w.String()
	return d
}
