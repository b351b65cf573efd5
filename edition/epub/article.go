package epub

import (
	"fmt"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/edition-project/edition/content"
	"github.com/edition-project/edition/edition"
)

// labelBacklink names a note's link back to where it is referred to. The
// other words around the content come from edition.LabelsFor and a11yFor.
const labelBacklink = "Back to reference "

// articleDoc renders one article's content document and its entry in the
// table of contents.
type articleDoc struct {
	p        *plan
	w        *xw
	l        *edition.Labels
	notes    noteRefs
	headings int

	// Page breaks (see pages.go): the article's by block, the number of
	// the next block and the block being written.
	file  string
	marks blockMarks
	next  int
	cur   *cursor
}

// article renders the n-th article (1-based, counting only those present),
// which is Edition.Articles()[index].
func (p *plan) article(a *content.Article, n, index int) (*doc, *tocEntry, error) {
	lang, dir, err := langDir(a.Language)
	if err != nil {
		return nil, nil, fmt.Errorf("epub: article %s: %w", articleName(a, n), err)
	}
	if a.Language == "" {
		lang, dir = p.lang, p.dir
	}
	d := &doc{file: p.docName(a.Slug, n), title: clean(a.Headline), lang: lang, dir: dir}
	if d.title == "" {
		d.title = "Article " + strconv.Itoa(n)
	}
	href := xhtmlDir + d.file
	entry := &tocEntry{title: d.title, href: href}

	r := &articleDoc{p: p, w: &xw{dir: dir}, l: edition.LabelsFor(lang), notes: noteRefs{valid: map[int]bool{}},
		file: d.file, marks: p.marks[index]}
	for _, note := range a.Notes {
		if note.N > 0 {
			r.notes.valid[note.N] = true
		}
	}
	w := r.w
	w.open("article", "aria-labelledby", "headline")
	w.nl()
	r.enter() // block 0, the header
	r.header(a, d.title)
	r.enter() // block 1, the lead photo, even when there is none
	if a.Photo != nil {
		r.figure(a.Photo, "lead")
	}
	entry.children = r.blocks(a.Body, 0, href)
	if bg := a.Background; bg != nil {
		title := clean(bg.Title)
		if title == "" {
			title = r.l.Background
		}
		if len(bg.Body) > 0 {
			r.breakBefore()
		}
		w.open("section", "class", "background", "aria-labelledby", "background")
		w.nl()
		w.elem("h2", title, "id", "background")
		w.nl()
		bgEntry := &tocEntry{title: title, href: href + "#background"}
		bgEntry.children = r.blocks(bg.Body, 1, href)
		entry.children = append(entry.children, bgEntry)
		w.close("section")
		w.nl()
	}
	if r.endnotes(a.Notes) {
		entry.children = append(entry.children, &tocEntry{title: r.l.Notes, href: href + "#notes"})
	}
	r.flushAll()
	w.close("article")
	d.body = w.String()
	return d, entry, nil
}

func articleName(a *content.Article, n int) string {
	if a.File != "" {
		return a.File
	}
	return "#" + strconv.Itoa(n)
}

// header writes the section name, headline, standfirst, byline and dates.
func (r *articleDoc) header(a *content.Article, headline string) {
	w := r.w
	w.open("header")
	w.nl()
	if s := clean(a.Section); s != "" {
		w.open("p", "class", "kicker")
		w.inlines([]content.Inline{{Text: s}}, nil, nil)
		w.close("p")
		w.nl()
	}
	w.open("h1", "id", "headline")
	w.inlines([]content.Inline{{Text: headline}}, nil, r.cur)
	w.close("h1")
	w.nl()
	if len(a.Standfirst) > 0 {
		w.open("p", "class", "standfirst")
		w.inlines(a.Standfirst, &r.notes, r.cur)
		w.close("p")
		w.nl()
	}
	names := bylineNames(a)
	if len(names) > 0 {
		w.open("p", "class", "byline")
		w.text(r.l.By + " ")
		for i, name := range names {
			w.text(r.l.NameSeparator(i, len(names)))
			w.open("span", "class", "author")
			w.inlines([]content.Inline{{Text: name}}, nil, nil)
			w.close("span")
		}
		w.close("p")
		w.nl()
	}
	if !a.Published.IsZero() || !a.Updated.IsZero() {
		w.open("p", "class", "dateline")
		if !a.Published.IsZero() {
			w.open("span")
			w.text(r.l.Published + " ")
			r.timeElem(a.Published)
			w.close("span")
		}
		if !a.Updated.IsZero() {
			if !a.Published.IsZero() {
				w.text(" ")
			}
			w.open("span", "class", "updated")
			w.text(r.l.Updated + " ")
			r.timeElem(a.Updated)
			w.close("span")
		}
		w.close("p")
		w.nl()
	}
	w.close("header")
	w.nl()
}

// timeElem writes a machine-readable time with its offset and a text for
// people in the time zone the newsroom gave.
func (r *articleDoc) timeElem(t time.Time) {
	r.w.open("time", "datetime", edition.MachineTime(t))
	r.w.inlines([]content.Inline{{Text: r.l.DateTime(t)}}, nil, nil) // "UTC+4" in Arabic text
	r.w.close("time")
}

// figure writes a photo with its caption and credit; without image data
// there is nothing to show, and a caption alone would describe a missing
// picture.
func (r *articleDoc) figure(ph *content.Photo, class string) {
	img := r.p.photo(ph)
	if img == nil {
		return
	}
	alt := clean(ph.Alt)
	r.p.photos++
	if alt != "" {
		r.p.photosWithAlt++
	}
	w := r.w
	if class != "" {
		w.open("figure", "class", class)
	} else {
		w.open("figure")
	}
	w.nl()
	attrs := []string{"src", fromContent + imageDir + img.file, "alt", alt}
	if img.enc.Width > 0 && img.enc.Height > 0 {
		attrs = append(attrs, "width", strconv.Itoa(img.enc.Width), "height", strconv.Itoa(img.enc.Height))
	}
	w.empty("img", attrs...)
	w.nl()
	caption := clean(content.PlainText(ph.Caption)) != ""
	credit := clean(content.PlainText(ph.Credit)) != ""
	if caption || credit {
		w.open("figcaption")
		if caption {
			w.inlines(ph.Caption, &r.notes, r.cur)
		}
		if credit {
			if caption {
				w.text(" ")
			}
			// The figure's text is the caption followed by the credit.
			r.cur.at = utf8.RuneCountInString(content.PlainText(ph.Caption))
			w.due(r.cur)
			w.open("span", "class", "credit")
			w.text(r.l.CreditPrefix(content.PlainText(ph.Credit)))
			w.inlines(ph.Credit, &r.notes, r.cur)
			w.close("span")
		}
		w.close("figcaption")
		w.nl()
	}
	w.close("figure")
	w.nl()
}

// blocks writes body blocks. shift moves headings down (the background's
// own title takes h2). It returns the table of contents entries of the
// headings, nested by level.
func (r *articleDoc) blocks(bs []content.Block, shift int, href string) []*tocEntry {
	var (
		top   []*tocEntry
		stack []struct {
			level int
			e     *tocEntry
		}
	)
	for _, b := range bs {
		h, ok := b.(*content.Heading)
		if !ok {
			r.block(b, shift)
			continue
		}
		r.enter()
		r.headings++
		id := "h-" + strconv.Itoa(r.headings)
		level := min(max(h.Level, 1)+1+shift, 6)
		tag := "h" + strconv.Itoa(level)
		r.w.open(tag, "id", id)
		r.w.inlines(h.Inlines, &r.notes, r.cur)
		r.w.close(tag)
		r.w.nl()
		title := clean(content.PlainText(h.Inlines))
		if title == "" {
			continue
		}
		e := &tocEntry{title: title, href: href + "#" + id}
		for len(stack) > 0 && stack[len(stack)-1].level >= level {
			stack = stack[:len(stack)-1]
		}
		if len(stack) == 0 {
			top = append(top, e)
		} else {
			parent := stack[len(stack)-1].e
			parent.children = append(parent.children, e)
		}
		stack = append(stack, struct {
			level int
			e     *tocEntry
		}{level, e})
	}
	return top
}

// block writes one block other than a top-level heading.
func (r *articleDoc) block(b content.Block, shift int) {
	r.enter()
	w := r.w
	switch b := b.(type) {
	case *content.Paragraph:
		w.open("p")
		w.inlines(b.Inlines, &r.notes, r.cur)
		w.close("p")
	case *content.Heading:
		// A heading inside a list or quote: not part of the outline.
		level := min(max(b.Level, 1)+1+shift, 6)
		tag := "h" + strconv.Itoa(level)
		w.open(tag)
		w.inlines(b.Inlines, &r.notes, r.cur)
		w.close(tag)
	case *content.List:
		tag := "ul"
		var attrs []string
		if b.Ordered {
			tag = "ol"
			if b.Start != 0 && b.Start != 1 {
				attrs = append(attrs, "start", strconv.Itoa(b.Start))
			}
		}
		w.open(tag, attrs...)
		w.nl()
		for _, it := range b.Items {
			w.open("li")
			if len(it.Blocks) == 1 {
				if p, ok := it.Blocks[0].(*content.Paragraph); ok {
					// A tight item: its text without a paragraph around it.
					r.enter()
					w.inlines(p.Inlines, &r.notes, r.cur)
					w.close("li")
					w.nl()
					continue
				}
			}
			for _, c := range it.Blocks {
				r.block(c, shift)
			}
			w.close("li")
			w.nl()
		}
		w.close(tag)
	case *content.Quote:
		w.open("blockquote")
		w.nl()
		for _, c := range b.Blocks {
			r.block(c, shift)
		}
		w.close("blockquote")
	case *content.Figure:
		r.figure(b.Photo, "") // body figures take figure's own style
		return
	case *content.Code:
		if w.dir == "rtl" {
			// Code reads left to right whatever the article's language.
			w.WriteString(`<pre dir="ltr">`)
		} else {
			w.WriteString("<pre>")
		}
		if lang := codeLanguage(b.Language); lang != "" {
			// Not class="language-…": a class without a rule in the
			// stylesheet draws an EPUBCheck note.
			w.open("code", "data-language", lang)
		} else {
			w.open("code")
		}
		w.runText(b.Text, nil, r.cur)
		w.WriteString("</code></pre>")
	case *content.Table:
		r.table(b)
	case *content.Rule:
		w.WriteString("<hr/>")
	default:
		return
	}
	w.nl()
}

var alignNames = map[content.Align]string{
	content.AlignLeft:   "left",
	content.AlignCenter: "center",
	content.AlignRight:  "right",
}

// codeLanguage keeps a code block's language when it is a plain word.
func codeLanguage(s string) string {
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '+') {
			return ""
		}
	}
	return s
}

func (r *articleDoc) table(t *content.Table) {
	w := r.w
	at := 0 // the table's text: cells in row order, each followed by a space
	cell := func(tag string, col int, c content.Cell) {
		var attrs []string
		if tag == "th" {
			attrs = append(attrs, "scope", "col")
		}
		if col < len(t.Align) {
			// Classes rather than style attributes, which readers' own
			// settings cannot override; the stylesheet gets only the rules
			// for the alignments the book uses.
			if a := alignNames[t.Align[col]]; a != "" {
				attrs = append(attrs, "class", "align-"+a)
				r.p.aligns[t.Align[col]] = true
			}
		}
		w.open(tag, attrs...)
		r.cur.at = at
		w.inlines(c.Inlines, &r.notes, r.cur)
		at += utf8.RuneCountInString(content.PlainText(c.Inlines)) + 1
		w.close(tag)
	}
	w.open("div", "class", "table")
	w.WriteString("<table>")
	w.nl()
	if len(t.Head) > 0 {
		w.WriteString("<thead><tr>")
		for i, c := range t.Head {
			cell("th", i, c)
		}
		w.WriteString("</tr></thead>")
		w.nl()
	}
	if len(t.Rows) > 0 {
		w.WriteString("<tbody>")
		w.nl()
		for _, row := range t.Rows {
			w.WriteString("<tr>")
			for i, c := range row {
				cell("td", i, c)
			}
			w.WriteString("</tr>")
			w.nl()
		}
		w.WriteString("</tbody>")
		w.nl()
	}
	w.WriteString("</table></div>")
}

// endnotes writes the article's footnotes, each with a link back to where
// it was first referred to. It reports whether it wrote any.
func (r *articleDoc) endnotes(notes []content.Note) bool {
	var valid []content.Note
	for _, n := range notes {
		if n.N > 0 {
			valid = append(valid, n)
		}
	}
	if len(valid) == 0 {
		return false
	}
	r.breakBefore()
	w := r.w
	w.open("section", "class", "notes", "epub:type", "endnotes", "role", "doc-endnotes", "aria-labelledby", "notes")
	w.nl()
	w.elem("h2", r.l.Notes, "id", "notes")
	w.nl()
	w.WriteString("<ol>")
	w.nl()
	// Note bodies may refer to other notes; render them before deciding
	// which notes have references to link back to.
	// Notes without a number are not shown, but their blocks count in
	// the page positions.
	bodies := make([]string, 0, len(valid))
	for _, n := range notes {
		if n.N <= 0 {
			r.skip(n.Blocks)
			continue
		}
		saved := r.w
		r.w = &xw{dir: saved.dir}
		for _, b := range n.Blocks {
			r.block(b, 1)
		}
		bodies = append(bodies, r.w.String())
		r.w = saved
	}
	for i, n := range valid {
		num := strconv.Itoa(n.N)
		// No epub:type="endnote" and role="doc-endnote": DPUB-ARIA 1.1
		// deprecates the role, and an epub:type goes with its role.
		w.open("li", "id", "fn-"+num, "value", num)
		w.nl()
		w.WriteString(bodies[i])
		if r.notes.count[n.N] > 0 {
			w.open("p", "class", "backlink")
			// No epub:type="backlink": EPUBCheck 4.2 does not know it; the role says it.
			w.open("a", "href", "#fnref-"+num, "role", "doc-backlink",
				"aria-label", labelBacklink+num)
			w.text("\u21a9\ufe0e")
			w.close("a")
			w.close("p")
			w.nl()
		}
		w.close("li")
		w.nl()
	}
	w.WriteString("</ol>")
	w.nl()
	w.close("section")
	w.nl()
	return true
}

// bylineNames returns the article's byline names fit for XHTML, empty ones
// left out.
func bylineNames(a *content.Article) []string {
	var names []string
	for _, name := range a.Byline {
		if name = clean(name); name != "" {
			names = append(names, name)
		}
	}
	return names
}
