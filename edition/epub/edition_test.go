package epub

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/edition-project/edition/check"
	"github.com/edition-project/edition/content"
	"github.com/edition-project/edition/edition"
	"github.com/edition-project/edition/edition/pdf"
	"github.com/edition-project/edition/internal/testtool"
)

// riverbend builds the three-section edition under testdata/editions.
func riverbend(t testing.TB) *edition.Book {
	t.Helper()
	ed, err := content.ReadEditionFile(filepath.Join("..", "..", "testdata", "editions", "riverbend-weekly"))
	require.NoError(t, err)
	b, err := edition.Build(context.Background(), ed, edition.Options{})
	require.NoError(t, err)
	return b
}

// node is an element of an XHTML document, read strictly, with its text
// and its attributes (xml:lang keyed so).
type node struct {
	name     string
	attrs    map[string]string
	kids     []*node
	text     strings.Builder
	parent   *node
	position int // in document order
}

func (n *node) find(match func(*node) bool) []*node {
	var out []*node
	var walk func(*node)
	walk = func(x *node) {
		if match(x) {
			out = append(out, x)
		}
		for _, k := range x.kids {
			walk(k)
		}
	}
	walk(n)
	return out
}

func (n *node) byName(name string) []*node {
	return n.find(func(x *node) bool { return x.name == name })
}

func (n *node) words() string { return strings.Join(strings.Fields(n.text.String()), " ") }

// parseXHTML reads a document into a tree; text accumulates into every
// enclosing element.
func parseXHTML(t *testing.T, name string, data []byte) *node {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	root := &node{name: "#document"}
	cur, n := root, 0
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		require.NoError(t, err, name)
		switch tok := tok.(type) {
		case xml.StartElement:
			n++
			x := &node{name: tok.Name.Local, attrs: map[string]string{}, parent: cur, position: n}
			for _, a := range tok.Attr {
				key := a.Name.Local
				if a.Name.Space == "http://www.w3.org/XML/1998/namespace" {
					key = "xml:" + key // not to be taken for the HTML lang
				}
				x.attrs[key] = a.Value
			}
			cur.kids = append(cur.kids, x)
			cur = x
		case xml.EndElement:
			cur = cur.parent
		case xml.CharData:
			for x := cur; x != nil; x = x.parent {
				x.text.Write(tok)
			}
		}
	}
	return root
}

// TestEditionStructure renders a whole edition as `edition build` does (the
// PDF first, its pages into the EPUB's page list) and reads back its
// contents page, navigation document and the articles' navigation lines.
func TestEditionStructure(t *testing.T) {
	b := riverbend(t)
	require.True(t, b.FrontMatter())
	var pb bytes.Buffer
	pages, err := pdf.RenderPages(context.Background(), &pb, b)
	require.NoError(t, err)
	data := renderWith(t, Renderer{Pages: pages}, b)
	fs, err := check.EPUB(bytes.NewReader(data), int64(len(data)))
	require.NoError(t, err)
	assert.Empty(t, fs)
	u := unzipEPUB(t, data)
	arts := b.Edition.Articles()

	// The reading order: cover, contents, the articles; the navigation
	// document last, out of it.
	o := parseOPF(t, u.files["EPUB/package.opf"])
	hrefOf := map[string]string{}
	for _, it := range o.Items {
		hrefOf[it.ID] = it.Href
	}
	var spine []string
	for _, ref := range o.Itemrefs {
		spine = append(spine, hrefOf[ref.IDRef])
	}
	want := []string{"xhtml/cover.xhtml", "xhtml/contents.xhtml"}
	for _, a := range arts {
		want = append(want, "xhtml/"+a.Slug+".xhtml")
	}
	assert.Equal(t, append(want, "nav.xhtml"), spine)
	assert.Contains(t, string(u.files["EPUB/package.opf"]), `<itemref idref="nav" linear="no"/>`)

	docs := map[string]*node{}
	for name, body := range u.files {
		if strings.HasSuffix(name, ".xhtml") {
			docs[strings.TrimPrefix(name, "EPUB/")] = parseXHTML(t, name, body)
		}
	}
	// resolve checks that a link from a document leads to a document of
	// the book and, with a fragment, to an element with that id.
	resolve := func(from, href string) string {
		t.Helper()
		file, frag, _ := strings.Cut(href, "#")
		target := path.Join(path.Dir(from), file)
		doc := docs[target]
		if !assert.NotNil(t, doc, "%s links to %s, which is not in the book", from, href) {
			return ""
		}
		if frag != "" {
			assert.Len(t, doc.find(func(x *node) bool { return x.attrs["id"] == frag }), 1, "%s: no id %q in %s", from, frag, target)
		}
		return target
	}

	t.Run("contents page", func(t *testing.T) {
		c := docs["xhtml/contents.xhtml"]
		require.NotNil(t, c)
		mast := c.byName("header")
		require.Len(t, mast, 1)
		img := mast[0].byName("img")
		require.Len(t, img, 1, "the manifest's masthead picture")
		assert.Equal(t, "The Riverbend Weekly", img[0].attrs["alt"], "named by the publication")
		resolveImage := path.Join("xhtml", img[0].attrs["src"])
		assert.NotNil(t, u.files["EPUB/"+path.Clean(resolveImage)], "masthead picture %s", resolveImage)
		assert.Contains(t, mast[0].words(), "14 September 2024")

		nav := c.find(func(x *node) bool { return x.name == "nav" && x.attrs["role"] == "doc-toc" })
		require.Len(t, nav, 1)
		var sections, headlines, hrefs, standfirsts, bylines []string
		for _, h := range nav[0].byName("h2") {
			sections = append(sections, h.words())
		}
		for _, li := range nav[0].byName("li") {
			a := li.byName("a")
			require.Len(t, a, 1)
			headlines = append(headlines, a[0].words())
			hrefs = append(hrefs, resolve("xhtml/contents.xhtml", a[0].attrs["href"]))
			for _, p := range li.byName("p") {
				switch p.attrs["class"] {
				case "entry-standfirst":
					standfirsts = append(standfirsts, p.words())
				case "entry-byline":
					bylines = append(bylines, p.words())
				}
			}
		}
		assert.Equal(t, []string{"Town", "Arts", "Sport"}, sections)
		var wantHeadlines, wantHrefs, wantStandfirsts []string
		for _, a := range arts {
			wantHeadlines = append(wantHeadlines, a.Headline)
			wantHrefs = append(wantHrefs, "xhtml/"+a.Slug+".xhtml")
			wantStandfirsts = append(wantStandfirsts, content.PlainText(a.Standfirst))
		}
		assert.Equal(t, wantHeadlines, headlines, "every article, in order")
		assert.Equal(t, wantHrefs, hrefs)
		assert.Equal(t, wantStandfirsts, standfirsts)
		assert.Equal(t, "By Tom Okafor and Maree Dunstan", bylines[1])
		assert.Len(t, bylines, len(arts))
	})

	t.Run("navigation document", func(t *testing.T) {
		nav := docs["nav.xhtml"]
		toc := nav.find(func(x *node) bool { return x.name == "nav" && x.attrs["type"] == "toc" })
		require.Len(t, toc, 1)
		// Each list item's label and depth, in order.
		var got []string
		maxDepth := 0
		var walk func(ol *node, depth int)
		walk = func(ol *node, depth int) {
			maxDepth = max(maxDepth, depth)
			for _, li := range ol.kids {
				label := li.kids[0]
				got = append(got, strings.Repeat("  ", depth-1)+label.words())
				if label.name == "a" {
					resolve("nav.xhtml", label.attrs["href"])
				} else {
					assert.Equal(t, "span", label.name)
				}
				for _, k := range li.kids[1:] {
					if k.name == "ol" {
						walk(k, depth+1)
					}
				}
			}
		}
		walk(toc[0].byName("ol")[0], 1)
		assert.Equal(t, 3, maxDepth, "never deeper than three levels")
		assert.Equal(t, []string{
			"Cover", "Contents",
			"Town",
			"  Council sets a lean budget and keeps the pool open",
			"  The river walk opens, four years and two floods late",
			"    What it cost", "    What comes next", // "Who paid" is a fourth level: dropped
			"Arts", "  Three hundred kites over the showground", "  Library stays open until nine on Thursdays",
			"Sport", "  Riverbend Rays take the grand final by a single goal", "  Fun run raises $12,400 for the rescue boat",
		}, got)

		landmarks := map[string]string{}
		for _, a := range nav.find(func(x *node) bool { return x.name == "a" && x.attrs["type"] != "" }) {
			landmarks[a.attrs["type"]] = a.attrs["href"]
			resolve("nav.xhtml", a.attrs["href"])
		}
		assert.Equal(t, map[string]string{
			"cover": "xhtml/cover.xhtml", "toc": "xhtml/contents.xhtml",
			"bodymatter": "xhtml/council-budget.xhtml", "page-list": "nav.xhtml#page-list",
		}, landmarks)
	})

	t.Run("navigation lines", func(t *testing.T) {
		l := edition.LabelsFor("en-GB")
		sectionOf := map[string]string{}
		for si, s := range b.Edition.Sections {
			for _, a := range s.Articles {
				sectionOf[a.Slug] = "section-" + strconv.Itoa(si+1)
			}
		}
		for i, a := range arts {
			name := "xhtml/" + a.Slug + ".xhtml"
			doc := docs[name]
			lines := doc.find(func(x *node) bool { return x.name == "nav" && x.attrs["aria-label"] == l.ArticleNav })
			require.Len(t, lines, 1, name)
			assert.Greater(t, lines[0].position, doc.byName("article")[0].position, "%s: the line follows the article", name)
			var got []string
			for _, link := range lines[0].byName("a") {
				target := resolve(name, link.attrs["href"])
				_, frag, _ := strings.Cut(link.attrs["href"], "#")
				got = append(got, link.byName("span")[0].words()+" "+target+"#"+frag+" "+link.attrs["rel"])
			}
			var want []string
			if i > 0 {
				want = append(want, "Previous xhtml/"+arts[i-1].Slug+".xhtml# prev")
			}
			if i+1 < len(arts) {
				want = append(want, "Next xhtml/"+arts[i+1].Slug+".xhtml# next")
			}
			want = append(want, "Section xhtml/contents.xhtml#"+sectionOf[a.Slug]+" ", "Contents xhtml/contents.xhtml# ")
			assert.Equal(t, want, got, name)
		}
		assert.NotContains(t, string(u.files["EPUB/xhtml/cover.xhtml"]), "article-nav")
	})

	t.Run("page list", func(t *testing.T) {
		// One marker per PDF page, the cover's and the contents' in
		// their documents, every article's first page in the article.
		assert.Equal(t, len(pages.Pages), countMarkers(u), "a page-break marker for every PDF page")
		assert.Equal(t, edition.InCover, pages.Pages[0].Pos.Part)
		assert.Equal(t, edition.InContents, pages.Pages[1].Pos.Part)
		assert.Contains(t, string(u.files["EPUB/xhtml/cover.xhtml"]), `id="page-1"`)
		assert.Contains(t, string(u.files["EPUB/xhtml/contents.xhtml"]), `id="page-2"`)
		for _, ps := range pages.Pages {
			if ps.Pos.Part == edition.InText && ps.Pos.Block == 0 {
				file := "EPUB/xhtml/" + arts[ps.Pos.Article].Slug + ".xhtml"
				assert.Contains(t, string(u.files[file]), `id="page-`+strconv.Itoa(ps.Page)+`"`, file)
			}
		}
	})

	path := filepath.Join(t.TempDir(), "riverbend.epub")
	require.NoError(t, os.WriteFile(path, data, 0o644))
	t.Run("epubcheck", func(t *testing.T) { epubCheck(t, data, pageListNotes...) })
	t.Run("ace", func(t *testing.T) {
		fs, err := check.Ace(context.Background(), path)
		require.NoError(t, testtool.Check(t, err))
		assert.Empty(t, fs, "DAISY Ace findings")
	})
}

// countMarkers counts the page break markers of an EPUB's documents.
func countMarkers(u *unzipped) int {
	n := 0
	for name, body := range u.files {
		if strings.HasSuffix(name, ".xhtml") {
			n += strings.Count(string(body), `role="doc-pagebreak"`)
		}
	}
	return n
}

// TestEditionTypographicMasthead sets the edition's title in type when its
// manifest names no masthead picture, with its date in its language.
func TestEditionTypographicMasthead(t *testing.T) {
	b := riverbend(t)
	b.Masthead = nil
	b.Language = "de"
	u := unzipEPUB(t, renderBytes(t, b))
	c := parseXHTML(t, "contents", u.files["EPUB/xhtml/contents.xhtml"])
	mast := c.byName("header")[0]
	assert.Empty(t, mast.byName("img"))
	ps := mast.byName("p")
	require.Len(t, ps, 3)
	assert.Equal(t, "The Riverbend Weekly", ps[0].words())
	assert.Equal(t, "News, arts and sport from the Coorabin valley", ps[1].words())
	assert.Equal(t, "14. September 2024", ps[2].words())
	assert.Equal(t, "2024-09-14", ps[2].byName("time")[0].attrs["datetime"])
	assert.Contains(t, string(u.files["EPUB/xhtml/contents.xhtml"]), "<h1 id=\"contents-title\">Inhalt</h1>")
}

// TestSingleArticleHasNoFrontMatter keeps a single article as it was: no
// contents page, no navigation line, the navigation document in the
// reading order after the cover.
func TestSingleArticleHasNoFrontMatter(t *testing.T) {
	b := aleppoBook(t)
	require.False(t, b.FrontMatter())
	u := unzipEPUB(t, renderBytes(t, b))
	assert.Nil(t, u.files["EPUB/xhtml/contents.xhtml"])
	assert.NotContains(t, string(u.files["EPUB/xhtml/syrians-aleppo.xhtml"]), "article-nav")
	assert.NotContains(t, string(u.files["EPUB/package.opf"]), "linear")

	// A page said to be in the contents of a book without one is refused.
	pg := &edition.Pagination{Source: "x", Pages: []edition.PageStart{{Page: 1, Pos: edition.TextPos{Part: edition.InContents}}}}
	err := Renderer{Pages: pg}.Render(context.Background(), io.Discard, b)
	assert.ErrorContains(t, err, "no cover page or contents page")
}

func BenchmarkRenderEdition(b *testing.B) {
	bk := riverbend(b)
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := Render(context.Background(), &buf, bk); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "bytes")
}

// TestNavLineLanguages marks a linked headline in another language than
// the article's, and words the line in the article's language.
func TestNavLineLanguages(t *testing.T) {
	b := riverbend(t)
	arts := b.Edition.Articles()
	arts[2].Language = "de"
	u := unzipEPUB(t, renderBytes(t, b))
	before := string(u.files["EPUB/xhtml/"+arts[1].Slug+".xhtml"])
	assert.Contains(t, before, `<span class="nav-label">Next</span> <span lang="de" xml:lang="de" dir="ltr">`+arts[2].Headline+`</span>`)
	de := string(u.files["EPUB/xhtml/"+arts[2].Slug+".xhtml"])
	assert.Contains(t, de, `<nav class="article-nav" aria-label="Navigation zwischen den Artikeln">`)
	assert.Contains(t, de, `<span class="nav-label">Rubrik</span> <span lang="en-GB" xml:lang="en-GB" dir="ltr">Arts</span>`)
	contents := string(u.files["EPUB/xhtml/contents.xhtml"])
	assert.Contains(t, contents, `<li class="entry" lang="de" xml:lang="de" dir="ltr">`)
}
