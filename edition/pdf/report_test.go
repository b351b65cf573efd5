package pdf

import (
	"context"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"

	"codeberg.org/go-pdf/fpdf"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/edition-project/edition/content"
	"github.com/edition-project/edition/edition"
	"github.com/edition-project/edition/edition/pdf/layout"
	"github.com/edition-project/edition/examples"
)

// exampleBook builds the example article as `edition build` does.
func exampleBook(tb testing.TB) *edition.Book {
	tb.Helper()
	a, err := examples.Aleppo()
	require.NoError(tb, err)
	return buildArticle(tb, a)
}

func buildArticle(tb testing.TB, a *content.Article) *edition.Book {
	tb.Helper()
	b, err := edition.Build(context.Background(), content.SingleArticle(a), edition.Options{})
	require.NoError(tb, err)
	return b
}

// assertClean asserts what a reader should never find on a page.
func assertClean(t *testing.T, rep *Report, what string) {
	t.Helper()
	assert.Zero(t, rep.Overfull, "%s: overfull lines", what)
	assert.Zero(t, rep.Widows, "%s: widows", what)
	assert.Zero(t, rep.Orphans, "%s: orphans", what)
	assert.LessOrEqual(t, rep.MaxRatio, float64(maxJustify), "%s: justified lines within the limit", what)
}

func TestLayoutExample(t *testing.T) {
	b := exampleBook(t)
	kp, err := Layout(context.Background(), b)
	require.NoError(t, err)
	greedy, err := layoutReport(context.Background(), b, &typesetter{greedy: true, noHyphens: true})
	require.NoError(t, err)
	greedyHyph, err := layoutReport(context.Background(), b, &typesetter{greedy: true})
	require.NoError(t, err)
	t.Logf("Knuth–Plass with hyphenation: %v", kp)
	t.Logf("greedy, no hyphenation:       %v", greedy)
	t.Logf("greedy with hyphenation:      %v", greedyHyph)

	assertClean(t, kp, "example")
	assert.Positive(t, kp.Justified)
	assert.Less(t, kp.MaxRatio, greedy.MaxRatio, "total fit with hyphenation spaces the worst line more evenly than greedy")
	assert.Zero(t, kp.Loose)
}

// TestLayoutArticles lays out every test article in a script the
// hyphenation and breaking apply to (Latin, Cyrillic, Greek).
func TestLayoutArticles(t *testing.T) {
	dirs, err := filepath.Glob("../../testdata/articles/*")
	require.NoError(t, err)
	n := 0
	for _, d := range dirs {
		a, err := content.ReadArticleFile(d)
		if err != nil {
			continue // a README
		}
		if !europeanScripts(a) {
			continue
		}
		n++
		t.Run(filepath.Base(d), func(t *testing.T) {
			rep, err := Layout(context.Background(), buildArticle(t, a))
			require.NoError(t, err)
			t.Logf("%v", rep)
			assertClean(t, rep, filepath.Base(d))
		})
	}
	assert.GreaterOrEqual(t, n, 10, "articles laid out")
}

// europeanScripts reports whether every letter of the article's body is
// Latin, Cyrillic or Greek.
func europeanScripts(a *content.Article) bool {
	ok := true
	content.WalkBlocks(a.Body, func(b content.Block) bool {
		if p, isPara := b.(*content.Paragraph); isPara {
			for _, r := range content.PlainText(p.Inlines) {
				if unicode.IsLetter(r) && !unicode.In(r, unicode.Latin, unicode.Cyrillic, unicode.Greek) {
					ok = false
				}
			}
		}
		return ok
	})
	return ok
}

// TestHyphenatedTextReadsBack reads the words of hyphenated articles back
// with pdftotext: it joins a line ending in "-" to the next, so a word
// broken by a hyphen reads back whole.
func TestHyphenatedTextReadsBack(t *testing.T) {
	bin := tool(t, "pdftotext")
	for _, name := range []string{"11-en-long", "14-de-politik", "15-ru-novosti"} {
		t.Run(name, func(t *testing.T) {
			a, err := content.ReadArticleFile(filepath.Join("../../testdata/articles", name))
			require.NoError(t, err)
			b := buildArticle(t, a)
			rep, err := Layout(context.Background(), b)
			require.NoError(t, err)
			require.Positive(t, rep.Hyphenated, "some lines end in a hyphen")
			out, err := exec.Command(bin, "-enc", "UTF-8", writeTemp(t, renderBytes(t, b)), "-").Output()
			require.NoError(t, err)
			got := strings.Join(strings.Fields(string(out)), " ")
			at := 0
			for _, w := range blockWords(a.Body) {
				i := 0
				i, w = indexWord(got[at:], w)
				if !assert.GreaterOrEqual(t, i, 0, "word %q missing or out of order after …%s", w, got[max(0, at-80):at]) {
					return
				}
				at += i + len(w)
			}
		})
	}
}

// indexWord returns where word first appears in text, and as what: a
// word with a hard hyphen may read back without it, for pdftotext joins a
// line that ends in a hyphen to the next and drops the hyphen, and the
// layout may break a line after a hard hyphen ("well-" / "known").
func indexWord(text, word string) (int, string) {
	i := strings.Index(text, word)
	if joined := strings.ReplaceAll(word, "-", ""); joined != word {
		if j := strings.Index(text, joined); j >= 0 && (i < 0 || j < i) {
			return j, joined
		}
	}
	return i, word
}

// longArticle generates an English article of n words in paragraphs of
// about 120, with a heading every eight paragraphs.
func longArticle(n int) *content.Article {
	vocab := strings.Fields(strings.Join(aleppoBody, " ") + " " + strings.Join(aleppoBackground, " "))
	var body []content.Block
	var para []string
	seed := uint32(7)
	for i := range n {
		seed = seed*1664525 + 1013904223 // a fixed sequence: the same article every run
		para = append(para, vocab[int(seed>>8)%len(vocab)])
		if len(para) >= 100+int(seed>>24)%40 || i == n-1 {
			body = append(body, p(txt(strings.Join(para, " "))))
			para = para[:0]
			if len(body)%9 == 8 {
				body = append(body, &content.Heading{Level: 2, Inlines: []content.Inline{txt("Another part of the story")}})
			}
		}
	}
	return &content.Article{Slug: "long", Headline: "A Very Long Report", Language: "en",
		Published: time.Date(2016, 12, 13, 8, 26, 0, 0, time.UTC), Byline: []string{"A. Reporter"}, Body: body}
}

func TestLayoutLongArticle(t *testing.T) {
	rep, err := Layout(context.Background(), buildArticle(t, longArticle(20000)))
	require.NoError(t, err)
	t.Logf("%v", rep)
	assertClean(t, rep, "20,000 words")
	assert.Positive(t, rep.Hyphenated)
}

func benchmarkLayout(b *testing.B, bk *edition.Book, tx func() *typesetter) {
	b.ReportAllocs()
	lines := 0
	for b.Loop() {
		rep, err := layoutReport(context.Background(), bk, tx())
		if err != nil {
			b.Fatal(err)
		}
		lines += rep.Lines
	}
	b.ReportMetric(float64(lines)/b.Elapsed().Seconds(), "lines/s")
}

// BenchmarkLayoutExample lays out the example article (its target: under
// 10 ms an operation).
func BenchmarkLayoutExample(b *testing.B) {
	bk := exampleBook(b)
	b.Run("KnuthPlass", func(b *testing.B) { benchmarkLayout(b, bk, func() *typesetter { return &typesetter{} }) })
	b.Run("Greedy", func(b *testing.B) {
		benchmarkLayout(b, bk, func() *typesetter { return &typesetter{greedy: true, noHyphens: true} })
	})
}

// BenchmarkSetExample sets the example's paragraphs (words measured,
// hyphenated, broken into lines), fonts already loaded: the part of the
// layout that is this package's own, without fpdf's font parsing.
func BenchmarkSetExample(b *testing.B) {
	bk := exampleBook(b)
	a := bk.Edition.Articles()[0]
	var paras [][]content.Inline
	collect := func(bl content.Block) bool {
		if p, ok := bl.(*content.Paragraph); ok {
			paras = append(paras, p.Inlines)
		}
		return true
	}
	content.WalkBlocks(a.Body, collect)
	content.WalkBlocks(a.Background.Body, collect)
	for _, name := range []string{"KnuthPlass", "Greedy"} {
		b.Run(name, func(b *testing.B) {
			r := &renderer{ctx: context.Background(), b: bk, pdf: fpdf.New("P", "pt", "A4", ""), breaker: layout.Greedy{},
				tx: &typesetter{greedy: name == "Greedy", noHyphens: name == "Greedy"}, cov: newCoverage(), articleStarts: map[int]bool{}}
			r.setLanguage(a.Language)
			c := ctx{x: r.left, w: 481.9, font: bodyFont}
			b.ReportAllocs()
			lines := 0
			for b.Loop() {
				for _, ins := range paras {
					lines += len(r.text(ins, c, bodyFont, justify, 0))
				}
				r.tx.pairs = r.tx.pairs[:0]
			}
			b.ReportMetric(float64(lines)/b.Elapsed().Seconds(), "lines/s")
		})
	}
}

// BenchmarkLayout20000Words lays out a generated English article of
// 20,000 words.
func BenchmarkLayout20000Words(b *testing.B) {
	bk := buildArticle(b, longArticle(20000))
	benchmarkLayout(b, bk, func() *typesetter { return &typesetter{} })
}
