package pdf

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/unicode/norm"

	"github.com/edition-project/edition/check"
	"github.com/edition-project/edition/content"
	"github.com/edition-project/edition/edition"
)

// articleBook builds the book of one test article under testdata/articles.
func articleBook(t testing.TB, dir string) *edition.Book {
	t.Helper()
	a, err := content.ReadArticleFile(filepath.Join("..", "..", "testdata", "articles", dir))
	require.NoError(t, err)
	b, err := edition.Build(context.Background(), content.SingleArticle(a), edition.Options{})
	require.NoError(t, err)
	return b
}

// pdfText returns what pdftotext reads from doc between the running head
// and the folio, so that a paragraph that runs on to the next page reads
// as one, normalised for comparison (extractText).
func pdfText(t *testing.T, doc []byte) string {
	t.Helper()
	exe := tool(t, "pdftotext")
	out, err := exec.Command(exe, "-enc", "UTF-8", "-x", "0", "-y", "55", "-W", "1000", "-H", "735",
		writeTemp(t, doc), "-").Output()
	require.NoError(t, err)
	return extractText(string(out))
}

// extractText normalises text for comparison: NFKC; format characters
// (the bidi embeddings pdftotext wraps right-to-left lines in, joiners)
// dropped; white space between two characters of scripts written without
// spaces (a line break in Chinese) dropped; other runs of white space made
// one space.
func extractText(s string) string {
	var b strings.Builder
	space := false
	var prev rune
	for _, ch := range s {
		switch {
		case unicode.Is(unicode.Cf, ch):
			continue
		case unicode.IsSpace(ch):
			space = true
			continue
		}
		if space && b.Len() > 0 && !(unspaced(prev) && unspaced(ch)) {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(ch)
		prev = ch
	}
	return norm.NFKC.String(b.String())
}

// unspaced reports whether ch belongs to a script written without spaces
// between words, or is the full-width punctuation that goes with it.
func unspaced(ch rune) bool {
	return unicode.In(ch, unicode.Han, unicode.Hiragana, unicode.Katakana) ||
		(ch >= 0x3000 && ch <= 0x303F) || (ch >= 0xFF00 && ch <= 0xFFEF)
}

// TestScriptArticles renders the articles in other scripts and checks
// that pdftotext returns every paragraph's text exactly, in logical order,
// and that the files stay valid. With EDITION_SCRIPT_OUT set to a
// directory, the PDFs are also written there, for a look.
func TestScriptArticles(t *testing.T) {
	for _, dir := range []string{"16-ar-akhbar", "17-he-hadashot", "18-zh-xinwen", "19-mixed-ar-en", "22-hi-samachar", "23-en-emoji"} {
		t.Run(dir, func(t *testing.T) {
			if _, err := os.Stat(filepath.Join("..", "..", "testdata", "articles", dir)); err != nil {
				t.Skip("no such article yet")
			}
			b := articleBook(t, dir)
			doc := renderBytes(t, b)
			if out := os.Getenv("EDITION_SCRIPT_OUT"); out != "" {
				require.NoError(t, os.WriteFile(filepath.Join(out, dir+".pdf"), doc, 0o644))
			}
			fs, err := check.PDF(bytes.NewReader(doc))
			require.NoError(t, err)
			assert.Empty(t, fs)
			got := pdfText(t, doc)
			a := b.Edition.Articles()[0]
			for _, want := range paragraphs(a) {
				assert.Contains(t, got, extractText(want))
			}
		})
	}
}

// paragraphs returns the text of the article's headline, standfirst,
// paragraphs and headings, in its body and its background.
func paragraphs(a *content.Article) []string {
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
	return text
}

// TestScriptArticlesFonts checks that the faces for other scripts are
// embedded and subset like the Latin ones, under their PostScript names.
func TestScriptArticlesFonts(t *testing.T) {
	exe := tool(t, "pdffonts")
	want := map[string][]string{
		"16-ar-akhbar":   {"NotoNaskhArabic-Regular", "NotoNaskhArabic-Bold"},
		"17-he-hadashot": {"NotoSerifHebrew-Regular", "NotoSansHebrew-Bold"},
		"18-zh-xinwen":   {"DroidSansFallback"},
		"22-hi-samachar": {"NotoSansDevanagari-Regular", "NotoSansDevanagari-Bold"},
		"23-en-emoji":    {"NotoSansSymbols2-Regular"},
	}
	for dir, names := range want {
		t.Run(dir, func(t *testing.T) {
			out, err := exec.Command(exe, writeTemp(t, renderBytes(t, articleBook(t, dir)))).Output()
			require.NoError(t, err)
			lines := strings.Split(strings.TrimSpace(string(out)), "\n")[2:]
			for _, l := range lines {
				f := strings.Fields(l)
				require.GreaterOrEqual(t, len(f), 7, l)
				assert.Regexp(t, `^[A-Z]{6}\+`, f[0], "subset tag")
				assert.Equal(t, []string{"yes", "yes", "yes"}, f[len(f)-5:len(f)-2], "%s: embedded, subset, ToUnicode", f[0])
			}
			for _, n := range names {
				assert.Contains(t, string(out), "+"+n+" ")
			}
		})
	}
}

// TestScriptPathOddText renders text that is hard on the script path:
// lone marks and joiners, bidi controls, mixed directions with numbers and
// brackets, unassigned and private-use characters, a word longer than the
// measure. None of it may fail the document or break its validity.
func TestScriptPathOddText(t *testing.T) {
	var ins []content.Inline
	for _, s := range []string{
		"\u064E\u0651 lone marks, \u200D\u200C joiners, \uFE0F selector",
		"\u202Bembedded \u202Aleft\u202C right\u202C and \u2067isolate\u2069 \u200F\u200E",
		"(١٢٣) [abc] «مرحبا (hello) 42%» ١٢,٥٠ ر.س — 3/4",
		"unassigned \U000E0100 \U0010FFFD private \uE000\uF8FF",
		"ארוךארוךארוךארוךארוךארוךארוךארוךארוךארוךארוךארוךארוךארוךארוךארוךארוךארוךארוךארוךארוךארוך",
		"emoji only 🙂🙂🙂 🇫🇷🇩 keycap 1\uFE0F\u20E3",
		"中文English混排，日本語のテキスト、한국어",
		"नमस्ते (hello) ۱۲۳ فارسی می\u200Cخواهم",
	} {
		ins = append(ins, content.Inline{Text: s}, content.Inline{Style: content.LineBreak})
	}
	a := aleppo(t)
	a.Headline = "مرحبا 🙂 (hello) ١٢٣"
	a.Body = []content.Block{&content.Paragraph{Inlines: ins}}
	for _, lang := range []string{"en", "ar"} {
		a.Language = lang
		doc := renderBytes(t, book(t, edition.Options{}, a))
		if out := os.Getenv("EDITION_SCRIPT_OUT"); out != "" {
			require.NoError(t, os.WriteFile(filepath.Join(out, "odd-"+lang+".pdf"), doc, 0o644))
		}
		fs, err := check.PDF(bytes.NewReader(doc))
		require.NoError(t, err)
		assert.Empty(t, fs, lang)
	}
}

// BenchmarkRenderScripts renders the articles in other scripts: shaping,
// bidi and the fonts they add (the first run parses them for the process).
func BenchmarkRenderScripts(b *testing.B) {
	for _, dir := range []string{"14-de-politik", "16-ar-akhbar", "18-zh-xinwen", "22-hi-samachar"} {
		bk := articleBook(b, dir)
		b.Run(dir, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				var buf bytes.Buffer
				if err := Render(context.Background(), &buf, bk); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
