package edition_test

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/unicode/norm"

	"github.com/edition-project/edition/check"
	"github.com/edition-project/edition/content"
	"github.com/edition-project/edition/edition"
	"github.com/edition-project/edition/edition/epub"
	"github.com/edition-project/edition/edition/pdf"
	"github.com/edition-project/edition/examples"
	"github.com/edition-project/edition/internal/testtool"
)

// testArticles returns the example and every article under testdata/articles.
func testArticles(t *testing.T) map[string]*content.Article {
	t.Helper()
	arts := map[string]*content.Article{}
	a, err := examples.Aleppo()
	require.NoError(t, err)
	arts["example-aleppo"] = a
	dirs, err := filepath.Glob("../testdata/articles/*")
	require.NoError(t, err)
	for _, d := range dirs {
		if fi, err := os.Stat(d); err != nil || !fi.IsDir() {
			continue
		}
		a, err := content.ReadArticleFile(d)
		require.NoError(t, err, d)
		arts[filepath.Base(d)] = a
	}
	require.GreaterOrEqual(t, len(arts), 17)
	return arts
}

// TestArticlesEndToEnd builds every test article into both formats and runs
// every validator on what a reader would receive: the project's structural
// checks, EPUBCheck and DAISY Ace on the EPUB; pdfcpu and qpdf on the PDF,
// and pdftotext to read the words back.
func TestArticlesEndToEnd(t *testing.T) {
	for name, a := range testArticles(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			b, err := edition.Build(ctx, content.SingleArticle(a), edition.Options{})
			require.NoError(t, err)
			dir := t.TempDir()

			// As `edition build` does: the PDF first, its pages become the
			// EPUB's page list.
			var pb bytes.Buffer
			pages, err := pdf.Renderer{}.RenderPages(ctx, &pb, b)
			require.NoError(t, err)
			require.NotEmpty(t, pages.Pages)
			pdfPath := filepath.Join(dir, b.Slug+".pdf")
			require.NoError(t, os.WriteFile(pdfPath, pb.Bytes(), 0o644))
			fs, err := check.PDF(bytes.NewReader(pb.Bytes()))
			require.NoError(t, err)
			assert.Empty(t, fs, "pdfcpu (strict) and metadata findings in the PDF")

			var eb bytes.Buffer
			require.NoError(t, epub.Renderer{Pages: pages}.Render(ctx, &eb, b))
			epubPath := filepath.Join(dir, b.Slug+".epub")
			require.NoError(t, os.WriteFile(epubPath, eb.Bytes(), 0o644))
			fs, err = check.EPUB(bytes.NewReader(eb.Bytes()), int64(eb.Len()))
			require.NoError(t, err)
			assert.Empty(t, fs, "structural findings in the EPUB")
			assert.Equal(t, len(pages.Pages), countInXHTML(t, eb.Bytes(), `role="doc-pagebreak"`), "a page-break marker for every PDF page")

			testtool.ExternalChecks(t, epubPath, pdfPath)
			t.Run("pdftotext", func(t *testing.T) {
				exe := testtool.Path(t, "pdftotext", "apt-get install poppler-utils")
				out, err := exec.Command(exe, "-enc", "UTF-8", pdfPath, "-").Output()
				require.NoError(t, err)
				assertWordsInOrder(t, string(out), articleWords(a))
			})
		})
	}
}

// articleText returns the text of the article's headline, standfirst, body
// paragraphs and headings, and background, in reading order.
func articleText(a *content.Article) string {
	text := []string{a.Headline, content.PlainText(a.Standfirst)}
	collect := func(b content.Block) bool {
		switch b := b.(type) {
		case *content.Paragraph:
			text = append(text, content.PlainText(b.Inlines))
		case *content.Heading:
			text = append(text, content.PlainText(b.Inlines))
		}
		return true
	}
	content.WalkBlocks(a.Body, collect)
	if a.Background != nil {
		text = append(text, a.Background.Title)
		content.WalkBlocks(a.Background.Body, collect)
	}
	return strings.Join(text, " ")
}

// articleWords returns the words of articleText, in reading order, that
// pdftotext must give back: every word (a lone hyphen aside), and every
// character of the scripts written without spaces, which a line may end
// after.
func articleWords(a *content.Article) []string {
	var words []string
	for _, w := range strings.Fields(norm.NFKC.String(articleText(a))) {
		if strings.Trim(w, "-") == "" {
			continue
		}
		start := 0
		for i, r := range w {
			if unspaced(r) {
				if start < i {
					words = append(words, w[start:i])
				}
				words = append(words, string(r))
				start = i + utf8.RuneLen(r)
			}
		}
		if start < len(w) {
			words = append(words, w[start:])
		}
	}
	return words
}

// dropFormat returns s without format characters: the bidi embeddings
// pdftotext wraps right-to-left lines in, joiners.
func dropFormat(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Cf, r) {
			return -1
		}
		return r
	}, s)
}

// unspaced reports whether r belongs to a script written without spaces
// between words.
func unspaced(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana)
}

// countInXHTML counts s in the XHTML documents of an EPUB.
func countInXHTML(t *testing.T, data []byte, s string) int {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	require.NoError(t, err)
	n := 0
	for _, f := range zr.File {
		if !strings.HasSuffix(f.Name, ".xhtml") {
			continue
		}
		rc, err := f.Open()
		require.NoError(t, err)
		b, err := io.ReadAll(rc)
		require.NoError(t, err)
		rc.Close()
		n += strings.Count(string(b), s)
	}
	return n
}

// assertWordsInOrder checks that every word appears in got, in order,
// after Unicode normalisation (NFKC, and without the format characters
// pdftotext wraps right-to-left lines in). A word with a hyphen may come
// back without it: pdftotext joins a line that ends in a hyphen to the
// next and drops the hyphen.
func assertWordsInOrder(t *testing.T, got string, words []string) {
	t.Helper()
	got = dropFormat(norm.NFKC.String(got))
	pos := 0
	for i, w := range words {
		w = dropFormat(w)
		j := strings.Index(got[pos:], w)
		whole := w
		for k := range len(whole) {
			if whole[k] != '-' {
				continue
			}
			v := whole[:k] + whole[k+1:]
			if jv := strings.Index(got[pos:], v); jv >= 0 && (j < 0 || jv < j) {
				j, w = jv, v
			}
		}
		if j < 0 {
			ctx := strings.Join(words[max(0, i-5):min(len(words), i+5)], " ")
			t.Fatalf("word %d %q (in %q) is missing from the PDF's text after offset %d:\n%s", i, w, ctx, pos, got[pos:min(len(got), pos+300)])
		}
		pos += j + len(w)
	}
}
