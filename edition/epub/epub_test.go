package epub

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/binary"
	"encoding/xml"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/edition-project/edition/check"
	"github.com/edition-project/edition/content"
	"github.com/edition-project/edition/edition"
	"github.com/edition-project/edition/internal/testtool"
)

func renderBytes(t testing.TB, b *edition.Book) []byte {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, Render(context.Background(), &buf, b))
	return buf.Bytes()
}

// unzipped is an EPUB's entries, in archive order.
type unzipped struct {
	names []string
	files map[string][]byte
	zr    *zip.Reader
}

func unzipEPUB(t testing.TB, data []byte) *unzipped {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	require.NoError(t, err)
	u := &unzipped{files: map[string][]byte{}, zr: zr}
	for _, f := range zr.File {
		rc, err := f.Open()
		require.NoError(t, err)
		body, err := io.ReadAll(rc)
		require.NoError(t, err)
		require.NoError(t, rc.Close())
		u.names = append(u.names, f.Name)
		u.files[f.Name] = body
	}
	return u
}

// opf is the part of the package document the tests look at.
type opf struct {
	Lang     string `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	Metadata struct {
		Identifier  string   `xml:"http://purl.org/dc/elements/1.1/ identifier"`
		Title       string   `xml:"http://purl.org/dc/elements/1.1/ title"`
		Creators    []string `xml:"http://purl.org/dc/elements/1.1/ creator"`
		Publisher   string   `xml:"http://purl.org/dc/elements/1.1/ publisher"`
		Language    string   `xml:"http://purl.org/dc/elements/1.1/ language"`
		Date        string   `xml:"http://purl.org/dc/elements/1.1/ date"`
		Description string   `xml:"http://purl.org/dc/elements/1.1/ description"`
		Source      string   `xml:"http://purl.org/dc/elements/1.1/ source"`
		Metas       []struct {
			Property string `xml:"property,attr"`
			Value    string `xml:",chardata"`
		} `xml:"meta"`
	} `xml:"metadata"`
	Items []struct {
		ID         string `xml:"id,attr"`
		Href       string `xml:"href,attr"`
		MediaType  string `xml:"media-type,attr"`
		Properties string `xml:"properties,attr"`
	} `xml:"manifest>item"`
	Itemrefs []struct {
		IDRef string `xml:"idref,attr"`
	} `xml:"spine>itemref"`
}

func (o *opf) meta(property string) []string {
	var vs []string
	for _, m := range o.Metadata.Metas {
		if m.Property == property {
			vs = append(vs, m.Value)
		}
	}
	return vs
}

func parseOPF(t testing.TB, data []byte) *opf {
	t.Helper()
	var o opf
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	require.NoError(t, d.Decode(&o))
	return &o
}

// htmlRoot parses an XHTML document strictly and returns its root's
// attributes.
func htmlRoot(t testing.TB, name string, data []byte) map[string]string {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	attrs := map[string]string{}
	root := true
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		require.NoError(t, err, name)
		if se, ok := tok.(xml.StartElement); ok && root {
			root = false
			require.Equal(t, "html", se.Name.Local, name)
			for _, a := range se.Attr {
				key := a.Name.Local
				if a.Name.Space == "http://www.w3.org/XML/1998/namespace" {
					key = "xml:" + key
				}
				attrs[key] = a.Value
			}
		}
	}
	return attrs
}

func TestRenderAleppo(t *testing.T) {
	b := aleppoBook(t)
	data := renderBytes(t, b)

	findings, err := check.EPUB(bytes.NewReader(data), int64(len(data)))
	require.NoError(t, err)
	assert.Empty(t, findings)

	u := unzipEPUB(t, data)
	assert.Equal(t, []string{
		"mimetype", "META-INF/container.xml", "EPUB/package.opf",
		"EPUB/css/edition.css", "EPUB/images/cover.jpg", "EPUB/images/photo-1.jpg",
		"EPUB/nav.xhtml", "EPUB/xhtml/cover.xhtml", "EPUB/xhtml/syrians-aleppo.xhtml",
	}, u.names)

	// The mimetype entry as readers find it: first, stored, no extra field.
	first := u.zr.File[0]
	assert.Equal(t, zip.Store, first.Method)
	assert.Equal(t, "application/epub+zip", string(u.files["mimetype"]))
	assert.Equal(t, uint16(0), binary.LittleEndian.Uint16(data[28:30]), "local extra field length")
	assert.Equal(t, "mimetypeapplication/epub+zip", string(data[30:58]))
	for _, f := range u.zr.File {
		assert.Empty(t, f.Extra, f.Name)
		assert.Zero(t, f.Flags&0x8, "%s: data descriptor", f.Name)
		assert.Equal(t, time.Date(2016, 12, 12, 22, 28, 0, 0, time.UTC), f.Modified.UTC(), f.Name)
	}

	o := parseOPF(t, u.files["EPUB/package.opf"])
	md := o.Metadata
	assert.Equal(t, "en-AU", o.Lang)
	assert.Equal(t, b.ID, md.Identifier)
	assert.Regexp(t, `^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`, md.Identifier)
	assert.Equal(t, "Syrians Are Posting Heartbreaking Messages As Aleppo Is Seized", md.Title)
	assert.Equal(t, []string{"Lara Example", "Sam Reporter"}, md.Creators)
	assert.Equal(t, "HuffPost Australia", md.Publisher)
	assert.Equal(t, "en-AU", md.Language)
	assert.Equal(t, "2016-12-12T21:26:00Z", md.Date)
	assert.Equal(t, "\u2018I am very sad no one is helping us in this world, no one is evacuating me\u2019.", md.Description)
	assert.Equal(t, b.Edition.Articles()[0].Source, md.Source)
	assert.Equal(t, []string{"2016-12-12T22:28:00Z"}, o.meta("dcterms:modified"))
	assert.Equal(t, []string{"textual", "visual"}, o.meta("schema:accessMode"))
	assert.Equal(t, []string{"textual,visual", "textual"}, o.meta("schema:accessModeSufficient"))
	assert.Equal(t, []string{"structuralNavigation", "tableOfContents", "readingOrder", "displayTransformability", "alternativeText"},
		o.meta("schema:accessibilityFeature"))
	assert.Equal(t, []string{"none"}, o.meta("schema:accessibilityHazard"))
	require.Len(t, o.meta("schema:accessibilitySummary"), 1)
	assert.Contains(t, o.meta("schema:accessibilitySummary")[0], "The photo has a text description")
	assert.Empty(t, o.meta("dcterms:conformsTo"))
	assert.NotContains(t, string(u.files["EPUB/package.opf"]), "ncx")

	hrefs := map[string]string{}
	ids := map[string]string{}
	for _, it := range o.Items {
		hrefs[it.Href] = it.Properties
		ids[it.ID] = it.Href
	}
	assert.Equal(t, map[string]string{
		"css/edition.css": "", "images/cover.jpg": "cover-image", "images/photo-1.jpg": "",
		"nav.xhtml": "nav", "xhtml/cover.xhtml": "", "xhtml/syrians-aleppo.xhtml": "",
	}, hrefs)
	var spine []string
	for _, ref := range o.Itemrefs {
		spine = append(spine, ids[ref.IDRef])
	}
	assert.Equal(t, []string{"xhtml/cover.xhtml", "nav.xhtml", "xhtml/syrians-aleppo.xhtml"}, spine)

	nav := string(u.files["EPUB/nav.xhtml"])
	assert.Contains(t, nav, `<nav id="toc" epub:type="toc" role="doc-toc"`)
	// The cover leads the contents, so that every spine item is in it.
	assert.Contains(t, nav, "<h1 id=\"toc-title\">Contents</h1>\n<ol>\n<li><a href=\"xhtml/cover.xhtml\">Cover</a></li>")
	assert.Contains(t, nav, `<li><a href="xhtml/syrians-aleppo.xhtml#h-1">Messages from inside the city</a>`)
	assert.Contains(t, nav, `<li><a href="xhtml/syrians-aleppo.xhtml#background">Background</a></li>`)
	assert.Contains(t, nav, `<a epub:type="cover" href="xhtml/cover.xhtml">`)
	assert.Contains(t, nav, `<a epub:type="toc" href="nav.xhtml#toc">`)
	assert.Contains(t, nav, `<a epub:type="bodymatter" href="xhtml/syrians-aleppo.xhtml">`)

	for name, body := range u.files {
		if strings.HasSuffix(name, ".xhtml") {
			attrs := htmlRoot(t, name, body)
			assert.Equal(t, "en-AU", attrs["lang"], name)
			assert.Equal(t, "en-AU", attrs["xml:lang"], name)
			assert.Equal(t, "ltr", attrs["dir"], name)
			assert.NotContains(t, string(body), "&amp;", name) // numeric references only
		}
	}
	art := string(u.files["EPUB/xhtml/syrians-aleppo.xhtml"])
	assert.Contains(t, art, `<time datetime="2016-12-13T08:26:00+11:00">13 December 2016, 8:26 am AEDT</time>`)
	assert.Contains(t, art, `<img src="../images/photo-1.jpg" alt="A crowd of people`)
	assert.Contains(t, art, `<span class="credit">Photo: Abdalrhman Ismail / Reuters</span>`)
	assert.Contains(t, art, `epub:type="noteref" role="doc-noteref"`)
	assert.Contains(t, string(u.files["EPUB/xhtml/cover.xhtml"]), `alt="Cover: Syrians Are Posting`)
}

func TestRenderIsDeterministic(t *testing.T) {
	first := renderBytes(t, aleppoBook(t))
	assert.Equal(t, first, renderBytes(t, aleppoBook(t)), "a second build and render")

	// Concurrent renders share go-epub's storage; they must neither race
	// nor mix their files.
	b := aleppoBook(t)
	other := multiSectionBook(t)
	otherBytes := renderBytes(t, other)
	var wg sync.WaitGroup
	results := make([][]byte, 8)
	for i := range results {
		wg.Go(func() {
			book := b
			if i%2 == 1 {
				book = other
			}
			var buf bytes.Buffer
			if err := Render(context.Background(), &buf, book); err == nil {
				results[i] = buf.Bytes()
			}
		})
	}
	wg.Wait()
	for i, r := range results {
		want := first
		if i%2 == 1 {
			want = otherBytes
		}
		assert.Equal(t, want, r, "concurrent render %d", i)
	}
}

// TestRenderNeverReachesTheNetwork counts what go-epub asks its HTTP client
// for: go-epub tries HTTP before decoding a data: URL, so the client sees
// those, refuses them, and must see nothing else.
func TestRenderNeverReachesTheNetwork(t *testing.T) {
	var (
		mu      sync.Mutex
		schemes = map[string]int{}
	)
	spy := refuse{seen: func(r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		schemes[r.URL.Scheme]++
	}}
	var buf bytes.Buffer
	require.NoError(t, render(context.Background(), &buf, aleppoBook(t), Renderer{}, spy))
	for scheme, n := range schemes {
		assert.Equal(t, "data", scheme, "%d requests with scheme %q", n, scheme)
	}
	_, err := refuse{}.RoundTrip(&http.Request{})
	assert.ErrorIs(t, err, ErrNetwork)
}

func TestRenderErrors(t *testing.T) {
	var buf bytes.Buffer
	assert.Error(t, Render(context.Background(), &buf, nil))
	assert.Error(t, Render(context.Background(), &buf, &edition.Book{}))

	b := aleppoBook(t)
	b.Language = "not a language tag!"
	assert.ErrorContains(t, Render(context.Background(), &buf, b), "BCP 47")

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	assert.ErrorIs(t, Render(ctx, &buf, aleppoBook(t)), context.Canceled)
	assert.Zero(t, buf.Len())
}

func TestRenderer(t *testing.T) {
	var r edition.Renderer = Renderer{}
	assert.Equal(t, "epub", r.Name())
	var buf bytes.Buffer
	require.NoError(t, r.Render(context.Background(), &buf, aleppoBook(t)))
	assert.Equal(t, renderBytes(t, aleppoBook(t)), buf.Bytes())
}

// TestHostileText feeds text no XML document may hold as is: markup,
// entities, control characters, invalid UTF-8, unsafe and relative links.
func TestHostileText(t *testing.T) {
	a := aleppoArticle(t)
	a.Headline = "Tom & Jerry <script>alert(1)</script> \"quoted\" \x00\x0b\x1b bad\xff\xfe UTF-8 \U0001F600"
	a.Standfirst = []content.Inline{
		{Text: "&nbsp; &amp; ]]> <![CDATA[ x ]]>"},
		{Text: "js", Link: "javascript:alert(1)"},
		{Text: "rel", Link: "../etc/passwd"},
		{Text: "quote\"attr", Link: "https://example.org/a b?q=\"x\"&y=<z>"},
		{Text: "note to nowhere", Note: 7},
	}
	a.Byline = []string{"O'Brien & <Sons>"}
	a.Slug = "Bad Slug/../x"
	ed := &content.Edition{Sections: []*content.Section{{Articles: []*content.Article{a}}}}
	b, err := edition.Build(context.Background(), ed, edition.Options{})
	require.NoError(t, err)
	data := renderBytes(t, b)
	findings, err := check.EPUB(bytes.NewReader(data), int64(len(data)))
	require.NoError(t, err)
	assert.Empty(t, findings)
	u := unzipEPUB(t, data)
	art := string(u.files["EPUB/xhtml/article-1.xhtml"])
	require.NotEmpty(t, art)
	assert.NotContains(t, art, "<script")
	assert.NotContains(t, art, "javascript:")
	assert.NotContains(t, art, "passwd\"")
	assert.NotContains(t, art, "\x00")
	assert.Contains(t, art, "Tom &#38; Jerry &#60;script&#62;")
	assert.Contains(t, art, `href="https://example.org/a%20b?q=%22x%22&#38;y=%3Cz%3E"`)
	epubCheck(t, data)
}

// The EPUBCheck usage notes every book gets, for choices made on purpose:
//   - CSS-023, a media query: the stylesheet's dark mode, which readers
//     who need light text on a dark screen rely on;
//   - NCX-003, no toc.ncx: EPUB 3 readers navigate with the navigation
//     document, and an NCX would draw HTM-010 instead.
var usageNotes = []string{"CSS-023", "NCX-003"}

// pageListNotes are EPUBCheck's notes that it found a page list (NAV-002)
// and page break markers (HTM-050); only books with pages get them.
var pageListNotes = []string{"HTM-050", "NAV-002"}

// epubCheck runs EPUBCheck and wants no message but the usage notes every
// book gets and those of extra.
func epubCheck(t *testing.T, data []byte, extra ...string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "book.epub")
	require.NoError(t, os.WriteFile(path, data, 0o644))
	fs, err := check.EPUBCheck(context.Background(), path)
	require.NoError(t, testtool.Check(t, err))
	expected := map[string]bool{}
	for _, code := range append(slices.Clone(usageNotes), extra...) {
		expected[code] = true
	}
	for _, f := range fs {
		if f.Severity <= check.Warning || !expected[f.Code] {
			t.Errorf("EPUBCheck: %s", f)
		} else {
			t.Logf("EPUBCheck: %s", f)
		}
	}
}

func TestEPUBCheck(t *testing.T) {
	books := map[string]func(testing.TB) *edition.Book{
		"aleppo":        aleppoBook,
		"multi-section": multiSectionBook,
		"arabic":        arabicBook,
		"no pictures": func(t testing.TB) *edition.Book {
			a := aleppoArticle(t)
			a.Photo, a.Notes, a.Background = nil, nil, nil
			ed := &content.Edition{Sections: []*content.Section{{Articles: []*content.Article{a}}}}
			b, err := edition.Build(context.Background(), ed, edition.Options{})
			require.NoError(t, err)
			b.Cover = nil
			return b
		},
	}
	// Render first (tests replace the image lookup), check in parallel:
	// EPUBCheck takes seconds per book.
	rendered := map[string][]byte{}
	for name, book := range books {
		rendered[name] = renderBytes(t, book(t))
	}
	for name, data := range rendered {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			epubCheck(t, data)
		})
	}
}

func BenchmarkRender(b *testing.B) {
	book := aleppoBook(b)
	b.ReportAllocs()
	for b.Loop() {
		if err := Render(context.Background(), io.Discard, book); err != nil {
			b.Fatal(err)
		}
	}
}
