package epub

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/edition-project/edition/check"
	"github.com/edition-project/edition/content"
	"github.com/edition-project/edition/edition"
	"github.com/edition-project/edition/internal/testtool"
)

// aleppoPages is a hand-made pagination of the Aleppo article. Its blocks:
// 0 header, 1 lead photo, 2-5 paragraphs, 6 heading, 7 paragraph, 8 list,
// 9-11 its items' paragraphs, 12 quote, 13 its paragraph, 14 paragraph,
// 15 heading, 16 table, 17 list, 18-19 items, 20 code, 21 rule,
// 22 paragraph, 23-24 background paragraphs, 25 the note's paragraph.
func aleppoPages() *edition.Pagination {
	pos := []edition.TextPos{
		{Block: 0},              // before the header
		{Block: 3, Offset: 14},  // "Syrian girl Ba|na Alabed": inside a link
		{Block: 11, Offset: 42}, // "cele|brating": inside strong and em
		{Block: 16, Offset: 13}, // the table's first body cell
		{Block: 20, Offset: 5},  // "curl |-s": inside code
		{Block: 23},             // the background, before its title
		{Block: 23, Offset: 50}, // mid-background
		{Block: 24},             // between background paragraphs
		{Block: 25},             // the notes, before their title
	}
	pg := &edition.Pagination{Source: "urn:uuid:c105ca2d-cc71-5316-972d-81262467e639#pdf-a4"}
	for i, p := range pos {
		pg.Pages = append(pg.Pages, edition.PageStart{Page: i + 1, Label: "", Pos: p})
	}
	return pg
}

func renderWith(t testing.TB, r Renderer, b *edition.Book) []byte {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, r.Render(context.Background(), &buf, b))
	return buf.Bytes()
}

// around reads an XHTML document back and returns, for each page break
// marker by id, the text before and after it in the body, white space
// collapsed.
func around(t *testing.T, doc []byte) map[string][2]string {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(doc))
	d.Strict = true
	var (
		text  strings.Builder
		ids   []string
		at    []int
		body  bool
		attrs = map[string]map[string]string{}
	)
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		require.NoError(t, err)
		switch tok := tok.(type) {
		case xml.StartElement:
			if tok.Name.Local == "body" {
				body = true
			}
			a := map[string]string{}
			for _, at := range tok.Attr {
				a[at.Name.Local] = at.Value
			}
			if a["type"] == "pagebreak" {
				ids = append(ids, a["id"])
				at = append(at, text.Len())
				attrs[a["id"]] = a
			}
		case xml.CharData:
			if body {
				text.Write(tok)
			}
		}
	}
	all := text.String()
	out := map[string][2]string{}
	for i, id := range ids {
		out[id] = [2]string{strings.Join(strings.Fields(all[:at[i]]), " "), strings.Join(strings.Fields(all[at[i]:]), " ")}
		assert.Equal(t, "doc-pagebreak", attrs[id]["role"], id)
		assert.Equal(t, strings.TrimPrefix(id, "page-"), attrs[id]["aria-label"], id)
	}
	return out
}

func TestPageList(t *testing.T) {
	b := aleppoBook(t)
	data := renderWith(t, Renderer{Pages: aleppoPages()}, b)
	findings, err := check.EPUB(bytes.NewReader(data), int64(len(data)))
	require.NoError(t, err)
	assert.Empty(t, findings)

	u := unzipEPUB(t, data)
	got := around(t, u.files["EPUB/xhtml/syrians-aleppo.xhtml"])
	want := map[string][2]string{
		"page-1": {"", "World Syrians Are Posting"},
		"page-2": {"Syrian girl Ba", "na Alabed, whose tweets"},
		"page-3": {"were reported cele", "bratinginside Aleppo."},
		"page-4": {"Numbers FigureCount", "Civilians fled in a day"},
		"page-5": {"Fourth curl", "-s https://example.org"},
		"page-6": {"tagged #Aleppo.", "Background The battle"},
		"page-7": {"since 2012. The la", "rgest city in Syria"},
		"page-8": {"across the Middle East.", "Syria’s president"},
		"page-9": {"against his regime.", "Notes As reported"},
	}
	require.Len(t, got, len(want))
	for id, w := range want {
		assert.True(t, strings.HasSuffix(got[id][0], w[0]), "%s: text before is …%q, want …%q", id, tail(got[id][0]), w[0])
		assert.True(t, strings.HasPrefix(got[id][1], w[1]), "%s: text after is %q…, want %q…", id, head(got[id][1]), w[1])
	}
	// The styles and the link go on after the break.
	art := string(u.files["EPUB/xhtml/syrians-aleppo.xhtml"])
	assert.Contains(t, art, `<a href="https://twitter.com/AlabedBana">Ba</a><span epub:type="pagebreak" role="doc-pagebreak" id="page-2" aria-label="2"/><a href="https://twitter.com/AlabedBana">na Alabed</a>`)
	assert.Contains(t, art, `<strong><em>cele</em></strong><span epub:type="pagebreak" role="doc-pagebreak" id="page-3" aria-label="3"/><strong><em>brating</em></strong>`)

	nav := string(u.files["EPUB/nav.xhtml"])
	assert.Contains(t, nav, `<nav id="page-list" epub:type="page-list" role="doc-pagelist"`)
	for i := 1; i <= 9; i++ {
		n := strconv.Itoa(i)
		assert.Contains(t, nav, `<li><a href="xhtml/syrians-aleppo.xhtml#page-`+n+`">`+n+`</a></li>`)
	}
	assert.Contains(t, nav, `<a epub:type="page-list" href="nav.xhtml#page-list">Pages</a>`)

	o := parseOPF(t, u.files["EPUB/package.opf"])
	assert.Contains(t, o.meta("schema:accessibilityFeature"), "printPageNumbers")
	assert.Equal(t, []string{"pagination"}, o.meta("source-of"))
	opf := string(u.files["EPUB/package.opf"])
	assert.Contains(t, opf, `<dc:source id="pdf-source">urn:uuid:c105ca2d-cc71-5316-972d-81262467e639#pdf-a4</dc:source>`)
	assert.Contains(t, opf, `<meta refines="#pdf-source" property="source-of">pagination</meta>`)
	assert.Contains(t, o.meta("schema:accessibilitySummary")[0], "page list")

	// Without pages: none of it.
	plain := unzipEPUB(t, renderBytes(t, b))
	assert.NotContains(t, string(plain.files["EPUB/xhtml/syrians-aleppo.xhtml"]), "pagebreak")
	assert.NotContains(t, string(plain.files["EPUB/nav.xhtml"]), "page-list")
	po := parseOPF(t, plain.files["EPUB/package.opf"])
	assert.NotContains(t, po.meta("schema:accessibilityFeature"), "printPageNumbers")
	assert.NotContains(t, po.meta("schema:accessibilitySummary")[0], "page")
	assert.Empty(t, po.meta("source-of"))

	t.Run("epubcheck", func(t *testing.T) { epubCheck(t, data, pageListNotes...) })
	t.Run("ace", func(t *testing.T) { aceCheck(t, data) })
}

func tail(s string) string {
	r := []rune(s)
	return string(r[max(0, len(r)-30):])
}

func head(s string) string {
	r := []rune(s)
	return string(r[:min(len(r), 30)])
}

// TestPageListEveryBlock puts a break in the middle of every block of the
// Aleppo article and at every block's start: all land in the article, each
// once, and the document stays valid.
func TestPageListEveryBlock(t *testing.T) {
	b := aleppoBook(t)
	a := b.Edition.Articles()[0]
	n := countBlocks(a)
	assert.Equal(t, 26, n)
	pg := &edition.Pagination{Source: "x"}
	for blk := range n {
		for _, off := range []int{0, 3, 1000} {
			pg.Pages = append(pg.Pages, edition.PageStart{Page: len(pg.Pages) + 1,
				Pos: edition.TextPos{Block: blk, Offset: off}})
		}
	}
	data := renderWith(t, Renderer{Pages: pg}, b)
	findings, err := check.EPUB(bytes.NewReader(data), int64(len(data)))
	require.NoError(t, err)
	assert.Empty(t, findings)
	u := unzipEPUB(t, data)
	got := around(t, u.files["EPUB/xhtml/syrians-aleppo.xhtml"])
	assert.Len(t, got, len(pg.Pages))
	// Markers come in page order.
	art := string(u.files["EPUB/xhtml/syrians-aleppo.xhtml"])
	last := -1
	for i := range pg.Pages {
		at := strings.Index(art, `id="page-`+strconv.Itoa(i+1)+`"`)
		require.Positive(t, at, "page %d", i+1)
		assert.Greater(t, at, last, "page %d comes after page %d", i+1, i)
		last = at
	}
}

func TestPageListErrors(t *testing.T) {
	b := aleppoBook(t)
	tests := map[string]*edition.Pagination{
		"no source":     {Pages: []edition.PageStart{{Page: 1}}},
		"page 0":        {Source: "x", Pages: []edition.PageStart{{Page: 0}}},
		"duplicate":     {Source: "x", Pages: []edition.PageStart{{Page: 1}, {Page: 1}}},
		"no article":    {Source: "x", Pages: []edition.PageStart{{Page: 1, Pos: edition.TextPos{Article: 1}}}},
		"no block":      {Source: "x", Pages: []edition.PageStart{{Page: 1, Pos: edition.TextPos{Block: 26}}}},
		"negative":      {Source: "x", Pages: []edition.PageStart{{Page: 1, Pos: edition.TextPos{Offset: -1}}}},
		"negative page": {Source: "x", Pages: []edition.PageStart{{Page: -3}}},
	}
	for name, pg := range tests {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			err := Renderer{Pages: pg}.Render(context.Background(), &buf, b)
			assert.ErrorContains(t, err, "pagination")
		})
	}
	// An empty pagination is no pagination.
	assert.Equal(t, renderBytes(t, b), renderWith(t, Renderer{Pages: &edition.Pagination{}}, b))
}

func TestCertified(t *testing.T) {
	b := aleppoBook(t)
	const by = "edition, checked with EPUBCheck 4.2.6 and DAISY Ace 1.4.6"
	data := renderWith(t, Renderer{Certified: by}, b)
	o := parseOPF(t, unzipEPUB(t, data).files["EPUB/package.opf"])
	assert.Equal(t, []string{"EPUB Accessibility 1.1 - WCAG 2.2 Level AA"}, o.meta("dcterms:conformsTo"))
	assert.Equal(t, []string{by}, o.meta("a11y:certifiedBy"))
	assert.Empty(t, o.meta("a11y:certifierCredential"))

	plain := parseOPF(t, unzipEPUB(t, renderBytes(t, b)).files["EPUB/package.opf"])
	assert.Empty(t, plain.meta("dcterms:conformsTo"))
	assert.Empty(t, plain.meta("a11y:certifiedBy"))
	t.Run("epubcheck", func(t *testing.T) { epubCheck(t, data) })
	t.Run("ace", func(t *testing.T) { aceCheck(t, data) })
}

func TestSummaryLanguages(t *testing.T) {
	for _, lang := range []string{"en", "de", "fr", "es", "it", "pt", "nl", "ru", "el", "ar", "he", "zh"} {
		w, ok := a11yTexts[lang]
		require.True(t, ok, lang)
		for name, s := range map[string]string{"landmarks": w.landmarks, "start": w.start, "pages": w.pages,
			"order": w.order, "restyle": w.restyle, "noPhotos": w.noPhotos, "onlyCover": w.onlyCover,
			"photoAlt": w.photoAlt, "photosAlt": w.photosAlt, "someAlt": w.someAlt, "noAlt": w.noAlt,
			"pageList": w.pageList} {
			assert.NotEmpty(t, s, "%s %s", lang, name)
			if lang != "en" && name != "pages" {
				assert.NotEqual(t, englishA11y, w, lang)
			}
		}
	}
	assert.Equal(t, englishA11y.order, a11yFor("sw").order)
	assert.Equal(t, a11yTexts["de"].order, a11yFor("de-CH").order)

	b := aleppoBook(t)
	b.Language = "de"
	o := parseOPF(t, unzipEPUB(t, renderWith(t, Renderer{Pages: aleppoPages()}, b)).files["EPUB/package.opf"])
	assert.Equal(t, []string{a11yTexts["de"].order + " " + a11yTexts["de"].restyle + " " +
		a11yTexts["de"].photoAlt + " " + a11yTexts["de"].pageList}, o.meta("schema:accessibilitySummary"))
}

// TestSummaryTrue checks the summary speaks of text descriptions only as far
// as the photos have them.
func TestSummaryTrue(t *testing.T) {
	summary := func(b *edition.Book) string {
		o := parseOPF(t, unzipEPUB(t, renderBytes(t, b)).files["EPUB/package.opf"])
		require.Len(t, o.meta("schema:accessibilitySummary"), 1)
		return o.meta("schema:accessibilitySummary")[0]
	}
	assert.Contains(t, summary(aleppoBook(t)), englishA11y.photoAlt)
	multi := summary(multiSectionBook(t)) // one of two photos lacks its description
	assert.Contains(t, multi, englishA11y.someAlt)
	assert.NotContains(t, multi, "Every photo")

	a := aleppoArticle(t)
	a.Photo = nil
	ed := &content.Edition{Sections: []*content.Section{{Articles: []*content.Article{a}}}}
	b, err := edition.Build(context.Background(), ed, edition.Options{})
	require.NoError(t, err)
	b.Cover = nil
	assert.Contains(t, summary(b), englishA11y.noPhotos)
}

// aceCheck runs DAISY Ace on an EPUB and wants no findings.
func aceCheck(t *testing.T, data []byte) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "book.epub")
	require.NoError(t, os.WriteFile(path, data, 0o644))
	fs, err := check.Ace(context.Background(), path)
	require.NoError(t, testtool.Check(t, err))
	assert.Empty(t, fs, "DAISY Ace findings")
}
