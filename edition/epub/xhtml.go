package epub

import (
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/edition-project/edition/content"
)

// xw builds XHTML markup. Every text and attribute value goes through
// clean and escape, so no input can break the document's well-formedness.
type xw struct {
	strings.Builder
	// dir is the direction of the document being written, "ltr" or
	// "rtl": inlines wraps text of the other direction (see dir.go). ""
	// wraps only what the author marked.
	dir string
}

// text writes s as character data.
func (w *xw) text(s string) { writeEscaped(&w.Builder, s, false) }

// attr writes ` name="value"`.
func (w *xw) attr(name, value string) {
	w.WriteByte(' ')
	w.WriteString(name)
	w.WriteString(`="`)
	writeEscaped(&w.Builder, value, true)
	w.WriteByte('"')
}

// open writes a start tag with attributes given as name, value pairs.
func (w *xw) open(tag string, attrs ...string) {
	w.tag(tag, attrs)
	w.WriteByte('>')
}

// empty writes a self-closed element.
func (w *xw) empty(tag string, attrs ...string) {
	w.tag(tag, attrs)
	w.WriteString("/>")
}

// tag writes "<tag" and the attributes, leaving the tag open.
func (w *xw) tag(tag string, attrs []string) {
	w.WriteByte('<')
	w.WriteString(tag)
	for i := 0; i+1 < len(attrs); i += 2 {
		w.attr(attrs[i], attrs[i+1])
	}
}

func (w *xw) close(tag string) {
	w.WriteString("</")
	w.WriteString(tag)
	w.WriteByte('>')
}

// elem writes <tag attrs>text</tag>.
func (w *xw) elem(tag, text string, attrs ...string) {
	w.open(tag, attrs...)
	w.text(text)
	w.close(tag)
}

func (w *xw) nl() { w.WriteByte('\n') }

// escapeString returns s cleaned and escaped for text and attributes.
func escapeString(s string) string {
	var b strings.Builder
	writeEscaped(&b, s, true)
	return b.String()
}

// writeEscaped writes s with the XML special characters escaped as numeric
// character references (XHTML in EPUB has no DTD, and EPUBCheck notes even
// the predefined entities) and
// without characters XML does not allow, including invalid UTF-8. In
// attributes, white space characters other than the space are written as
// references, because a parser would otherwise normalise them to spaces.
func writeEscaped(b *strings.Builder, s string, inAttr bool) {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == utf8.RuneError && size == 1:
			continue
		case !isXMLChar(r):
			continue
		case r == '&':
			b.WriteString("&#38;")
		case r == '<':
			b.WriteString("&#60;")
		case r == '>':
			b.WriteString("&#62;")
		case r == '"' && inAttr:
			b.WriteString("&#34;")
		case inAttr && (r == '\n' || r == '\r' || r == '\t'):
			b.WriteString("&#")
			b.WriteString(strconv.Itoa(int(r)))
			b.WriteByte(';')
		case r == '\r':
			// A raw CR in text is normalised away by parsers; keep it explicit.
			b.WriteString("&#13;")
		default:
			b.WriteRune(r)
		}
	}
}

// isXMLChar reports whether r is allowed by XML 1.0's Char production.
func isXMLChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}

// clean returns s without characters XML does not allow, spaces collapsed
// and trimmed: for titles and metadata.
func clean(s string) string {
	var b strings.Builder
	space := false
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if r == utf8.RuneError && size == 1 || !isXMLChar(r) {
			continue
		}
		if r == ' ' || r == '\t' || r == '\n' || r == '\r' {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// safeURL returns the link target as a valid absolute URL, or "" when the
// link cannot stand in an EPUB: relative links point at files the EPUB does
// not hold, and other schemes (javascript:, file:) must not be followed.
func safeURL(link string) string {
	u, err := url.Parse(strings.TrimSpace(clean(link)))
	if err != nil {
		return ""
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		if u.Host == "" {
			return ""
		}
	case "mailto":
		if u.Opaque == "" {
			return ""
		}
	default:
		return ""
	}
	// url.URL keeps the query as written; escape what a URL cannot hold.
	u.RawQuery = escapeQuery(u.RawQuery)
	return u.String()
}

// looksLikeURL reports whether a link's text is an address rather than
// words (an autolink): "https://…", "www.…", "name@host".
func looksLikeURL(s string) bool {
	s = strings.TrimSpace(s)
	if strings.ContainsAny(s, " \t\n") {
		return false
	}
	return strings.Contains(s, "://") || strings.HasPrefix(strings.ToLower(s), "www.") ||
		strings.Contains(s, "@") && strings.Contains(s[strings.Index(s, "@"):], ".")
}

// escapeQuery percent-encodes the bytes of a query that are not allowed in
// a URL, keeping everything else (and so the query's meaning) as it is.
func escapeQuery(q string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(q); i++ {
		c := q[i]
		if c <= ' ' || c >= 0x7f || strings.IndexByte("\"<>\\^`{|}", c) >= 0 {
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// noteRefs numbers the references to each footnote inside one document, so
// that every reference gets a unique id and each note a backlink to its first.
type noteRefs struct {
	count map[int]int
	valid map[int]bool // notes the article defines
}

func (n *noteRefs) next(note int) string {
	if n.count == nil {
		n.count = map[int]int{}
	}
	n.count[note]++
	id := "fnref-" + strconv.Itoa(note)
	if c := n.count[note]; c > 1 {
		id += "-" + strconv.Itoa(c)
	}
	return id
}

// inlines writes a run of styled text, with the page breaks c holds (nil
// for none). Runs are flat: each carries its own style bits, so each opens
// and closes its own elements; a link spanning several runs becomes one <a>
// per run, which reads the same. Text in another language or direction
// goes inside spans around those elements (dir.go).
func (w *xw) inlines(ins []content.Inline, notes *noteRefs, c *cursor) {
	d := &wrapWriter{w: w, ws: wrapsFor(ins, w.dir)}
	at := 0 // runes of content.PlainText(ins) written
	for _, in := range ins {
		d.sync(at)
		w.due(c)
		if in.Style&content.LineBreak != 0 {
			at++
			w.WriteString("<br/>")
			if c != nil {
				c.at++ // content.PlainText makes it a space
			}
			continue
		}
		if in.Note > 0 && notes != nil && notes.valid[in.Note] {
			n := strconv.Itoa(in.Note)
			marker := in.Text
			if clean(marker) == "" {
				marker = n
			}
			w.open("sup", "class", "noteref")
			w.open("a", "id", notes.next(in.Note), "href", "#fn-"+n,
				"epub:type", "noteref", "role", "doc-noteref")
			w.text(marker)
			w.close("a")
			w.close("sup")
			if c != nil {
				// A break inside a note marker goes after it.
				c.at += utf8.RuneCountInString(in.Text)
			}
			at += utf8.RuneCountInString(in.Text)
			continue
		}
		var tags []tag
		if href := safeURL(in.Link); href != "" {
			attrs := []string{"href", href}
			if looksLikeURL(in.Text) {
				attrs = append(attrs, "class", "url") // not hyphenated
			}
			tags = append(tags, tag{"a", attrs})
		}
		for _, s := range []struct {
			bit content.Style
			tag string
		}{{content.Strong, "strong"}, {content.Emphasis, "em"}, {content.Strike, "s"}, {content.Mono, "code"}} {
			if in.Style&s.bit != 0 {
				tags = append(tags, tag{name: s.tag})
			}
		}
		n := utf8.RuneCountInString(in.Text)
		cuts := d.cuts(at, at+n)
		for k, piece := range splitAt(in.Text, relative(cuts, at)) {
			if k > 0 {
				d.sync(cuts[k-1])
			}
			for _, t := range tags {
				w.open(t.name, t.attrs...)
			}
			w.runText(piece, tags, c)
			for i := len(tags) - 1; i >= 0; i-- {
				w.close(tags[i].name)
			}
		}
		at += n
	}
	d.sync(at)
	d.finish()
}
