package epub

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/edition-project/edition/content"
	"github.com/edition-project/edition/edition"
)

func TestWrapsFor(t *testing.T) {
	ar := "مرحبا بكم"
	for _, tc := range []struct {
		name string
		ins  []content.Inline
		base string
		want []wrap
	}{
		{"one direction", txt("Plain English, 2024."), "ltr", nil},
		{"no analysis without a direction", txt("He said " + ar + " today."), "", nil},
		{"rtl in ltr", txt("He said " + ar + " today."), "ltr", []wrap{{start: 8, end: 17, dir: "rtl"}}},
		{"digits after Arabic go with it", txt("He said " + ar + " 2024 today."), "ltr",
			[]wrap{{start: 8, end: 22, dir: "rtl"}}},
		{"punctuation between directions stays out", txt("(" + ar + ")."), "ltr",
			[]wrap{{start: 1, end: 10, dir: "rtl"}}},
		{"Hebrew with digits", txt("In שלום 12 it"), "ltr", []wrap{{start: 3, end: 10, dir: "rtl"}}},
		{"ltr in rtl", txt("قال John Smith 2024 إن"), "rtl", []wrap{{start: 4, end: 19, dir: "ltr"}}},
		{"digits alone in rtl need no span", txt("عام 2024 م"), "rtl", nil},
		{"across styles", []content.Inline{{Text: "See مرحبا "}, {Text: "بكم", Style: content.Strong}, {Text: " now"}}, "ltr",
			[]wrap{{start: 4, end: 13, dir: "rtl"}}},
		{"a lang span", []content.Inline{{Text: "He said "}, {Text: "bonjour", Lang: "fr"}, {Text: "."}}, "ltr",
			[]wrap{{start: 8, end: 15, lang: "fr", depth: 2}}},
		{"lang and direction on one span", []content.Inline{{Text: "He said "}, {Text: ar, Lang: "ar"}, {Text: "."}}, "ltr",
			[]wrap{{start: 8, end: 17, dir: "rtl", lang: "ar"}}},
		{"lang span cut by a direction", []content.Inline{{Text: "le mot " + ar, Lang: "fr"}, {Text: " ici"}}, "ltr",
			[]wrap{{start: 0, end: 7, lang: "fr", depth: 2}, {start: 7, end: 16, dir: "rtl", lang: "fr"}}},
		{"explicit direction", []content.Inline{{Text: "a "}, {Text: "x y", Dir: "rtl"}, {Text: " b"}}, "ltr",
			[]wrap{{start: 2, end: 5, dir: "rtl"}, {start: 2, end: 5, dir: "ltr", depth: 1}}},
		{"explicit span inside a run", []content.Inline{{Text: ar + " "}, {Text: "abc", Dir: "ltr"}, {Text: " " + ar}}, "ltr",
			[]wrap{{start: 0, end: 23, dir: "rtl"}, {start: 10, end: 13, dir: "ltr"}}},
		{"explicit lang without direction context", []content.Inline{{Text: "x"}, {Text: "y", Lang: "de"}}, "",
			[]wrap{{start: 1, end: 2, lang: "de", depth: 2}}},
		{"note marker is one unit", []content.Inline{{Text: ar}, {Text: "1", Note: 1}, {Text: " end"}}, "ltr",
			[]wrap{{start: 0, end: 10, dir: "rtl"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, wrapsFor(tc.ins, tc.base))
		})
	}
}

func TestInlinesNest(t *testing.T) {
	w := &xw{dir: "ltr"}
	w.inlines([]content.Inline{
		{Text: "He wrote "},
		{Text: "مرحبا ", Link: "https://example.com/a"},
		{Text: "بكم", Style: content.Strong | content.Emphasis, Lang: "ar"},
		{Text: " and "},
		{Text: "merci", Lang: "fr"},
		{Text: "."},
	}, nil, nil)
	assert.Equal(t, `He wrote <span dir="rtl"><a href="https://example.com/a">مرحبا </a>`+
		`<span lang="ar" xml:lang="ar"><strong><em>بكم</em></strong></span></span> and `+
		`<span lang="fr" xml:lang="fr">merci</span>.`, w.String())
}

// parseSpans parses a document strictly and returns its root element and
// its spans, in document order.
func parseSpans(t *testing.T, name string, data []byte) (root *node, spans []*node) {
	t.Helper()
	doc := parseXHTML(t, name, data)
	require.NotEmpty(t, doc.kids, name)
	return doc.kids[0], doc.byName("span")
}

// lettersOutside returns the letters of a script found in text nodes not
// inside a span of direction dir: every such letter must be wrapped.
func lettersOutside(t *testing.T, data []byte, script *unicode.RangeTable, dir string) string {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(data))
	var stack []map[string]string
	var out strings.Builder
	body := false
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		require.NoError(t, err)
		switch tok := tok.(type) {
		case xml.StartElement:
			attrs := map[string]string{"name": tok.Name.Local}
			for _, a := range tok.Attr {
				attrs[a.Name.Local] = a.Value
			}
			stack = append(stack, attrs)
			body = body || tok.Name.Local == "body"
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if !body {
				continue
			}
			wrapped := false
			for _, a := range stack {
				wrapped = wrapped || a["name"] == "span" && a["dir"] == dir
			}
			if wrapped {
				continue
			}
			for _, r := range string(tok) {
				if unicode.Is(script, r) {
					out.WriteRune(r)
				}
			}
		}
	}
	return out.String()
}

// testArticle loads a test article of testdata/articles.
func testArticle(t *testing.T, dir string) *content.Article {
	t.Helper()
	a, err := content.ReadArticleFile(filepath.Join("..", "..", "testdata", "articles", dir))
	require.NoError(t, err)
	return a
}

func buildBook(t testing.TB, opts edition.Options, arts ...*content.Article) *edition.Book {
	t.Helper()
	ed := content.SingleArticle(arts[0])
	if len(arts) > 1 {
		ed = &content.Edition{Title: "Mixed", Sections: []*content.Section{{Articles: arts}}}
	}
	b, err := edition.Build(context.Background(), ed, opts)
	require.NoError(t, err)
	return b
}

// spineDirection returns the spine's page-progression-direction.
func spineDirection(t *testing.T, u *unzipped) string {
	t.Helper()
	var pkg struct {
		Spine struct {
			PPD string `xml:"page-progression-direction,attr"`
		} `xml:"spine"`
	}
	require.NoError(t, xml.Unmarshal(u.files[contentDir+pkgFile], &pkg))
	return pkg.Spine.PPD
}

// articleXHTML returns the one article document of a single-article EPUB.
func articleXHTML(t *testing.T, u *unzipped) []byte {
	t.Helper()
	var found []byte
	for name, data := range u.files {
		if strings.HasPrefix(name, contentDir+xhtmlDir) && !strings.HasSuffix(name, coverFile) {
			require.Nil(t, found, "one article document")
			found = data
		}
	}
	require.NotNil(t, found)
	return found
}

func TestMixedArabicEnglish(t *testing.T) {
	data := renderBytes(t, buildBook(t, edition.Options{}, testArticle(t, "19-mixed-ar-en")))
	u := unzipEPUB(t, data)
	doc := articleXHTML(t, u)
	root, spans := parseSpans(t, "article", doc)
	assert.Equal(t, "ltr", root.attrs["dir"])
	assert.Equal(t, "en", root.attrs["lang"])
	var texts []string
	for _, s := range spans {
		if s.attrs["dir"] != "" {
			assert.Equal(t, "rtl", s.attrs["dir"], "an English article wraps only right-to-left text")
			assert.Empty(t, s.attrs["lang"], "no language is guessed from the script")
			texts = append(texts, s.text.String())
		}
	}
	assert.Contains(t, texts, "الخط هندسة روحانية", "the span ends at the phrase: the comma after it is the English text's")
	assert.Contains(t, texts, "الألف هو أساس كل الحروف، فإذا استقام الألف استقام الخط كله",
		"Arabic punctuation inside the phrase stays in it")
	assert.Empty(t, lettersOutside(t, doc, unicode.Arabic, "rtl"), "every Arabic letter is inside a right-to-left span")
	assert.Empty(t, spineDirection(t, u), "an English edition turns pages left to right")
}

func TestRightToLeftArticles(t *testing.T) {
	for _, tc := range []struct{ dir, lang string }{{"16-ar-akhbar", "ar"}, {"17-he-hadashot", "he"}} {
		t.Run(tc.dir, func(t *testing.T) {
			u := unzipEPUB(t, renderBytes(t, buildBook(t, edition.Options{}, testArticle(t, tc.dir))))
			doc := articleXHTML(t, u)
			root, spans := parseSpans(t, "article", doc)
			assert.Equal(t, "rtl", root.attrs["dir"])
			assert.Equal(t, tc.lang, root.attrs["lang"])
			assert.Equal(t, tc.lang, root.attrs["xml:lang"])
			assert.Equal(t, "rtl", spineDirection(t, u))
			for _, s := range spans {
				if d := s.attrs["dir"]; d != "" {
					assert.Equal(t, "ltr", d, "a right-to-left article wraps only left-to-right text")
					assert.True(t, strings.IndexFunc(s.text.String(), unicode.IsLetter) >= 0,
						"digits alone are not wrapped: %q", s.text.String())
				}
			}
			assert.Empty(t, lettersOutside(t, doc, unicode.Latin, "ltr"), "every Latin letter is inside a left-to-right span")
			for name, data := range u.files {
				if strings.HasSuffix(name, ".xhtml") {
					r, _ := parseSpans(t, name, data)
					assert.Equal(t, "rtl", r.attrs["dir"], name)
				}
			}
		})
	}
	t.Run("ltr words", func(t *testing.T) {
		u := unzipEPUB(t, renderBytes(t, buildBook(t, edition.Options{}, testArticle(t, "16-ar-akhbar"))))
		_, spans := parseSpans(t, "article", articleXHTML(t, u))
		var texts []string
		for _, s := range spans {
			texts = append(texts, s.text.String())
		}
		assert.Contains(t, texts, "Wi-Fi")
	})
}

func TestProgression(t *testing.T) {
	ar, he, en := testArticle(t, "16-ar-akhbar"), testArticle(t, "17-he-hadashot"), testArticle(t, "10-en-short")
	for _, tc := range []struct {
		name string
		lang string
		arts []*content.Article
		want string
	}{
		{"all right-to-left, English edition", "en", []*content.Article{ar, he}, "rtl"},
		{"mixed", "", []*content.Article{en, ar}, ""},
		{"Arabic lead article gives the language", "", []*content.Article{ar, en}, "rtl"},
		{"Arabic edition", "ar", []*content.Article{en, ar}, "rtl"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ed := &content.Edition{Title: "Edition", Language: tc.lang, Sections: []*content.Section{{Articles: tc.arts}}}
			b, err := edition.Build(context.Background(), ed, edition.Options{})
			require.NoError(t, err)
			assert.Equal(t, tc.want, spineDirection(t, unzipEPUB(t, renderBytes(t, b))))
		})
	}
}

// spanArticle is an English article with spans marked by its author.
const spanArticle = `---
headline: A word in French
standfirst: "The mayor said [merci]{lang=fr}."
published: 2024-05-01
---
He greeted the crowd with [bonjour à *tous*]{lang=fr}, then read [مرحبا بكم]{lang=ar} from a card.

A [quoted line]{dir=rtl} and [un [Wort]{lang=de}]{lang=fr}.
`

func TestMarkedSpans(t *testing.T) {
	a, err := content.ParseArticle("span.md", []byte(spanArticle), nil)
	require.NoError(t, err)
	data := renderBytes(t, buildBook(t, edition.Options{}, a))
	require.Equal(t, data, renderBytes(t, buildBook(t, edition.Options{}, a)), "the same bytes twice")
	_, spans := parseSpans(t, "article", articleXHTML(t, unzipEPUB(t, data)))
	type span struct{ text, lang, xmlLang, dir string }
	var got []span
	for _, s := range spans {
		if s.attrs["lang"] == "" && s.attrs["dir"] == "" {
			continue // bylines, dates
		}
		got = append(got, span{s.text.String(), s.attrs["lang"], s.attrs["xml:lang"], s.attrs["dir"]})
	}
	assert.Equal(t, []span{
		{"merci", "fr", "fr", ""},
		{"bonjour à tous", "fr", "fr", ""},
		{"مرحبا بكم", "ar", "ar", "rtl"},
		{"quoted line", "", "", "rtl"},
		{"quoted line", "", "", "ltr"},
		{"un ", "fr", "fr", ""},
		{"Wort", "de", "de", ""},
	}, got)
}

func TestURLsAreNotHyphenated(t *testing.T) {
	a, err := content.ParseArticle("u.md", []byte("---\nheadline: H\npublished: 2024-05-01\n---\n"+
		"See https://example.com/a-long-path and [the report](https://example.com/r).\n"), nil)
	require.NoError(t, err)
	u := unzipEPUB(t, renderBytes(t, buildBook(t, edition.Options{}, a)))
	doc := string(articleXHTML(t, u))
	assert.Contains(t, doc, `<a href="https://example.com/a-long-path" class="url">https://example.com/a-long-path</a>`)
	assert.Contains(t, doc, `<a href="https://example.com/r">the report</a>`)
	css := string(u.files[contentDir+cssDir+styleFile])
	assert.Contains(t, css, ".url {")
	assert.Regexp(t, `(?s)body \{[^}]*-epub-hyphens: auto;[^}]*hyphens: auto;`, css)
	assert.Regexp(t, `(?s)h1, h2, h3, h4, h5, h6 \{[^}]*hyphens: manual;`, css)
	assert.Regexp(t, `(?s)pre, code, \.url \{[^}]*-webkit-hyphens: none;[^}]*-epub-hyphens: none;[^}]*hyphens: none;`, css)
}

func TestScriptsEPUBCheckAndAce(t *testing.T) {
	books := map[string][]byte{
		"mixed":  renderBytes(t, buildBook(t, edition.Options{}, testArticle(t, "19-mixed-ar-en"))),
		"arabic": renderBytes(t, buildBook(t, edition.Options{}, testArticle(t, "16-ar-akhbar"))),
		"hebrew": renderBytes(t, buildBook(t, edition.Options{}, testArticle(t, "17-he-hadashot"))),
	}
	a, err := content.ParseArticle("span.md", []byte(spanArticle), nil)
	require.NoError(t, err)
	books["spans"] = renderBytes(t, buildBook(t, edition.Options{}, a))
	for name, data := range books {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			epubCheck(t, data, "HTM-005")
			aceCheck(t, data)
		})
	}
}

// FuzzInlines writes runs of mixed scripts, languages and directions and
// wants well-formed markup that gives the text back.
func FuzzInlines(f *testing.F) {
	for _, s := range []string{"He said |مرحبا| بكم 2024|.", "قال |John| 12|!", "a|b|c", "(|שלום|) [1]", "x\u200fy|\u202bz"} {
		f.Add(s, uint8(0), uint8(1))
	}
	f.Fuzz(func(t *testing.T, s string, marks, styles uint8) {
		var ins []content.Inline
		for i, part := range strings.Split(s, "|") {
			in := content.Inline{Text: part}
			bit := uint8(1) << (i % 8)
			if marks&bit != 0 {
				in.Lang = []string{"fr", "ar", "he", "de"}[i%4]
			}
			if styles&bit != 0 {
				in.Dir = []string{"rtl", "ltr"}[i%2]
				in.Style = content.Strong
			}
			if i%5 == 4 {
				in = content.Inline{Style: content.LineBreak}
			}
			ins = append(ins, in)
		}
		for _, dir := range []string{"ltr", "rtl", ""} {
			w := &xw{dir: dir}
			w.inlines(ins, nil, nil)
			d := xml.NewDecoder(strings.NewReader("<p>" + w.String() + "</p>"))
			d.Strict = true
			var text strings.Builder
			for {
				tok, err := d.Token()
				if errors.Is(err, io.EOF) {
					break
				}
				require.NoError(t, err, w.String())
				if cd, ok := tok.(xml.CharData); ok {
					text.Write(cd)
				}
				if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "br" {
					text.WriteByte(' ')
				}
			}
			want := strings.Map(func(r rune) rune {
				if !isXMLChar(r) || r == '\r' {
					return -1
				}
				return r
			}, content.PlainText(validText(ins)))
			got := strings.ReplaceAll(text.String(), "\r", "")
			assert.Equal(t, want, got)
		}
	})
}

// validText returns ins with their invalid UTF-8 dropped, as the writer
// drops it, run by run.
func validText(ins []content.Inline) []content.Inline {
	out := make([]content.Inline, len(ins))
	for i, in := range ins {
		in.Text = strings.ToValidUTF8(in.Text, "")
		out[i] = in
	}
	return out
}
