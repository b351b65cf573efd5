package epub

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/edition-project/edition/content"
	"github.com/edition-project/edition/edition"
)

// Namespaces and fixed names of the package document and content documents.
const (
	nsOPF    = "http://www.idpf.org/2007/opf"
	nsDC     = "http://purl.org/dc/elements/1.1/"
	nsXHTML  = "http://www.w3.org/1999/xhtml"
	nsOPS    = "http://www.idpf.org/2007/ops"
	pubID    = "pub-id" // go-epub's unique-identifier, kept
	xmlDecl  = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n"
	w3cdtf   = "2006-01-02T15:04:05Z"
	minStamp = "1980-01-01T00:00:00Z" // the earliest time a zip entry can carry
)

// conformsTo is the conformance claim of Renderer.Certified, worded as
// EPUB Accessibility 1.1 asks.
const conformsTo = "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"

// stamp returns t in UTC, no earlier than 1980 (the zip format's epoch), so
// that the package metadata and the zip entries agree.
func stamp(t time.Time) time.Time {
	lo, _ := time.Parse(time.RFC3339, minStamp)
	if t.Before(lo) {
		return lo
	}
	if t.Year() > 2107 { // the zip format's last year
		return time.Date(2107, 12, 31, 23, 59, 58, 0, time.UTC)
	}
	return t.UTC().Truncate(time.Second)
}

// publisher returns the edition's publisher, or the first article's.
func publisher(b *edition.Book) string {
	if p := clean(b.Edition.Publisher); p != "" {
		return p
	}
	for _, a := range b.Edition.Articles() {
		if p := clean(a.Publisher); p != "" {
			return p
		}
	}
	return ""
}

// description returns the edition's subtitle, or the lead article's
// standfirst, as plain text.
func description(b *edition.Book) string {
	if s := clean(b.Edition.Subtitle); s != "" {
		return s
	}
	if arts := b.Edition.Articles(); len(arts) > 0 && arts[0] != nil {
		return clean(content.PlainText(arts[0].Standfirst))
	}
	return ""
}

// metadata returns the package document's <metadata> element: the book's
// identity and dates, and what a reader can rely on to read it
// (accessibility), as far as the content shows it. coverID is the manifest
// id of the cover picture, "" when there is none.
func (p *plan) metadata(coverID string) string {
	b := p.b
	w := &xw{}
	line := func() { w.WriteString("\n    ") }
	w.open("metadata", "xmlns:dc", nsDC)
	line()
	w.elem("dc:identifier", clean(b.ID), "id", pubID)
	line()
	title := clean(b.Title)
	if title == "" {
		title = p.docs[len(p.docs)-1].title
	}
	w.elem("dc:title", title)
	for i, name := range b.Authors {
		if name = clean(name); name == "" {
			continue
		}
		id := "creator-" + strconv.Itoa(i+1)
		line()
		w.elem("dc:creator", name, "id", id)
		line()
		w.elem("meta", "aut", "refines", "#"+id, "property", "role", "scheme", "marc:relators")
	}
	if pub := publisher(b); pub != "" {
		line()
		w.elem("dc:publisher", pub)
	}
	line()
	w.elem("dc:language", p.lang)
	if !b.Date.IsZero() {
		line()
		w.elem("dc:date", b.Date.UTC().Format(w3cdtf))
	}
	if d := description(b); d != "" {
		line()
		w.elem("dc:description", d)
	}
	var sources []string
	for _, a := range b.Edition.Articles() {
		if u := safeURL(a.Source); u != "" && !slices.Contains(sources, u) {
			sources = append(sources, u)
			line()
			w.elem("dc:source", u)
		}
	}
	if len(p.pages) > 0 {
		// EPUB Accessibility 1.1: the page numbers are the print edition's.
		line()
		w.elem("dc:source", clean(p.opts.Pages.Source), "id", "pdf-source")
		line()
		w.elem("meta", "pagination", "refines", "#pdf-source", "property", "source-of")
	}
	line()
	w.elem("meta", stamp(b.Modified).Format(w3cdtf), "property", "dcterms:modified")

	hasImages := len(p.images) > 0
	allAlt := p.photosWithAlt == p.photos // the cover always has its text
	meta := func(property, value string) {
		line()
		w.elem("meta", value, "property", property)
	}
	meta("schema:accessMode", "textual")
	if hasImages {
		meta("schema:accessMode", "visual")
		meta("schema:accessModeSufficient", "textual,visual")
	}
	if allAlt {
		meta("schema:accessModeSufficient", "textual")
	}
	for _, f := range []string{"structuralNavigation", "tableOfContents", "readingOrder", "displayTransformability"} {
		meta("schema:accessibilityFeature", f)
	}
	if hasImages && allAlt {
		meta("schema:accessibilityFeature", "alternativeText")
	}
	if len(p.pages) > 0 {
		meta("schema:accessibilityFeature", "printPageNumbers")
	}
	meta("schema:accessibilityHazard", "none")
	meta("schema:accessibilitySummary", p.summary())
	if c := clean(p.opts.Certified); c != "" {
		meta("dcterms:conformsTo", conformsTo)
		meta("a11y:certifiedBy", c)
	}
	if coverID != "" {
		line()
		// For EPUB 2 reading systems, which do not know cover-image.
		w.empty("meta", "name", "cover", "content", coverID)
	}
	w.WriteString("\n  </metadata>")
	return w.String()
}

// manifestItem is one <item> of the package manifest.
type manifestItem struct {
	id, href, mediaType, properties string
}

// manifest returns the <manifest> element for go-epub's items, sorted by
// file name (go-epub lists pictures and stylesheets in map order) and with
// the cover picture marked.
func (p *plan) manifest(items []manifestItem) string {
	items = slices.Clone(items)
	slices.SortFunc(items, func(a, b manifestItem) int { return strings.Compare(a.href, b.href) })
	w := &xw{}
	w.WriteString("<manifest>")
	for _, it := range items {
		if p.cover != nil && it.href == imageDir+p.cover.file {
			it.properties = "cover-image"
		}
		w.WriteString("\n    ")
		attrs := []string{"id", it.id, "href", it.href, "media-type", it.mediaType}
		if it.properties != "" {
			attrs = append(attrs, "properties", it.properties)
		}
		w.empty("item", attrs...)
	}
	w.WriteString("\n  </manifest>")
	return w.String()
}
