package pdf

import (
	"bytes"
	"encoding/xml"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"codeberg.org/go-pdf/fpdf"

	"github.com/edition-project/edition/content"
	"github.com/edition-project/edition/edition"
)

// docInfo is what the document says about itself, in both the Info
// dictionary and the XMP metadata: the two must agree.
type docInfo struct {
	title, subject, keywords string
	authors                  []string
	creator, producer        string
	lang                     string
	created, modified        time.Time // UTC, whole seconds
}

// newDocInfo collects the metadata of b.
func newDocInfo(b *edition.Book) docInfo {
	d := docInfo{title: metaText(b.Title), creator: "edition", producer: "edition (go-pdf/fpdf)"}
	for _, a := range b.Authors {
		d.authors = append(d.authors, metaText(a))
	}
	arts := b.Edition.Articles()
	if len(arts) > 0 {
		d.subject = metaText(content.PlainText(arts[0].Standfirst))
	}
	var kw []string
	seen := map[string]bool{}
	addKW := func(s string) {
		if s = strings.TrimSpace(s); s != "" && !seen[s] {
			seen[s] = true
			kw = append(kw, s)
		}
	}
	for _, s := range b.Edition.Sections {
		addKW(s.Title)
		for _, a := range s.Articles {
			addKW(a.Section)
		}
	}
	addKW(b.Edition.Publisher)
	for _, a := range arts {
		addKW(a.Publisher)
	}
	addKW(b.Language)
	d.keywords = metaText(strings.Join(kw, ", "))
	// fpdf falls back to the clock for a zero date: never give it one.
	created, modified := b.Date, b.Modified
	if created.IsZero() {
		created = modified
	}
	if modified.IsZero() {
		modified = created
	}
	if created.IsZero() {
		created = time.Unix(0, 0)
		modified = created
	}
	// The Info dictionary holds whole seconds: so does the XMP.
	d.created = created.UTC().Truncate(time.Second)
	d.modified = modified.UTC().Truncate(time.Second)
	// fpdf writes /Lang unescaped: keep to what a BCP 47 tag may hold.
	d.lang = strings.Map(func(r rune) rune {
		if r == '-' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
			return r
		}
		return -1
	}, b.Language)
	return d
}

// metaText makes s fit for both the Info dictionary and XML: invalid UTF-8
// and non-characters become U+FFFD, control characters spaces.
func metaText(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == utf8.RuneError || r == 0xFFFE || r == 0xFFFF:
			return '\uFFFD'
		case unicode.IsControl(r):
			return ' '
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD"))
}

// metadata sets the document information dictionary, the XMP metadata and
// the catalog's language.
func metadata(pdf *fpdf.Fpdf, b *edition.Book) {
	d := newDocInfo(b)
	pdf.SetTitle(d.title, true)
	pdf.SetAuthor(strings.Join(d.authors, ", "), true)
	if d.subject != "" {
		pdf.SetSubject(d.subject, true)
	}
	pdf.SetKeywords(d.keywords, true)
	pdf.SetCreator(d.creator, true)
	pdf.SetProducer(d.producer, true)
	pdf.SetCreationDate(d.created)
	pdf.SetModificationDate(d.modified)
	if d.lang != "" {
		pdf.SetLang(d.lang)
	}
	pdf.SetXmpMetadata(d.xmp())
}

// xmp returns the XMP packet (ISO 16684-1) that says what the Info
// dictionary says, for tools that read only XMP (PDF/A and PDF/UA checkers,
// asset managers).
func (d docInfo) xmp() []byte {
	var b bytes.Buffer
	esc := func(s string) string {
		var e bytes.Buffer
		_ = xml.EscapeText(&e, []byte(s)) // writing to a bytes.Buffer cannot fail
		return e.String()
	}
	alt := func(name, s string) {
		b.WriteString("   <" + name + "><rdf:Alt><rdf:li xml:lang=\"x-default\">" + esc(s) + "</rdf:li></rdf:Alt></" + name + ">\n")
	}
	b.WriteString("<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n")
	b.WriteString("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n")
	b.WriteString("  <rdf:Description rdf:about=\"\"\n")
	b.WriteString("    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n")
	b.WriteString("    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n")
	b.WriteString("    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n")
	b.WriteString("   <dc:format>application/pdf</dc:format>\n")
	alt("dc:title", d.title)
	if len(d.authors) > 0 {
		b.WriteString("   <dc:creator><rdf:Seq>")
		for _, a := range d.authors {
			b.WriteString("<rdf:li>" + esc(a) + "</rdf:li>")
		}
		b.WriteString("</rdf:Seq></dc:creator>\n")
	}
	if d.subject != "" {
		alt("dc:description", d.subject)
	}
	if d.lang != "" {
		b.WriteString("   <dc:language><rdf:Bag><rdf:li>" + esc(d.lang) + "</rdf:li></rdf:Bag></dc:language>\n")
	}
	const stamp = "2006-01-02T15:04:05Z"
	b.WriteString("   <xmp:CreateDate>" + d.created.Format(stamp) + "</xmp:CreateDate>\n")
	b.WriteString("   <xmp:ModifyDate>" + d.modified.Format(stamp) + "</xmp:ModifyDate>\n")
	b.WriteString("   <xmp:MetadataDate>" + d.modified.Format(stamp) + "</xmp:MetadataDate>\n")
	b.WriteString("   <xmp:CreatorTool>" + esc(d.creator) + "</xmp:CreatorTool>\n")
	b.WriteString("   <pdf:Producer>" + esc(d.producer) + "</pdf:Producer>\n")
	if d.keywords != "" {
		b.WriteString("   <pdf:Keywords>" + esc(d.keywords) + "</pdf:Keywords>\n")
	}
	b.WriteString("  </rdf:Description>\n </rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"r\"?>")
	return b.Bytes()
}
