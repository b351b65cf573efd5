package pdf

import (
	"bytes"
	"context"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/edition-project/edition/check"
	"github.com/edition-project/edition/content"
	"github.com/edition-project/edition/edition"
)

// twoColumns is the book of a test article (or the example, for "") set
// in two columns.
func twoColumns(t *testing.T, dir string) *edition.Book {
	t.Helper()
	var a *content.Article
	if dir == "" {
		a = aleppo(t)
	} else {
		var err error
		a, err = content.ReadArticleFile(filepath.Join("..", "..", "testdata", "articles", dir))
		require.NoError(t, err)
	}
	b, err := edition.Build(context.Background(), content.SingleArticle(a), edition.Options{Columns: 2})
	require.NoError(t, err)
	return b
}

func TestColumnsLayout(t *testing.T) {
	for _, dir := range []string{"", "11-en-long"} {
		t.Run("example"+dir, func(t *testing.T) {
			b := twoColumns(t, dir)
			rep, err := Layout(context.Background(), b)
			require.NoError(t, err)
			one, err := Layout(context.Background(), buildArticle(t, b.Edition.Articles()[0]))
			require.NoError(t, err)
			t.Logf("two columns: %v", rep)
			t.Logf("one column:  %v", one)
			assertClean(t, rep, "two columns")
			assert.Greater(t, rep.Lines, one.Lines, "a narrower measure takes more lines")
		})
	}
}

func TestColumnsValid(t *testing.T) {
	for _, dir := range []string{"", "11-en-long"} {
		t.Run("example"+dir, func(t *testing.T) {
			doc := renderBytes(t, twoColumns(t, dir))
			fs, err := check.PDF(bytes.NewReader(doc))
			require.NoError(t, err)
			assert.Empty(t, fs, "check.PDF findings")

			api.DisableConfigDir()
			conf := model.NewDefaultConfiguration()
			conf.ValidationMode = model.ValidationStrict
			assert.NoError(t, api.Validate(bytes.NewReader(doc), conf))

			fs, err = check.Qpdf(context.Background(), writeTemp(t, doc))
			if err != nil {
				tool(t, "qpdf") // skips or fails with a clear message
			}
			require.NoError(t, err)
			assert.Empty(t, fs, "qpdf --check findings")
		})
	}
}

// wordBox is a word as pdftotext -bbox reads it.
type wordBox struct {
	xMin, xMax float64
	text       string
}

// pageWords returns the words of page n of the PDF at path with their
// horizontal extent, in points.
func pageWords(t *testing.T, path string, n int) []wordBox {
	t.Helper()
	out, err := exec.Command(tool(t, "pdftotext"), "-bbox", "-f", strconv.Itoa(n), "-l", strconv.Itoa(n), path, "-").Output()
	require.NoError(t, err)
	var ws []wordBox
	for _, line := range strings.Split(string(out), "\n") {
		line = strings.TrimSpace(line)
		if !strings.HasPrefix(line, "<word ") {
			continue
		}
		var w wordBox
		attr := func(name string) float64 {
			i := strings.Index(line, name+`="`)
			require.GreaterOrEqual(t, i, 0, line)
			s := line[i+len(name)+2:]
			v, err := strconv.ParseFloat(s[:strings.IndexByte(s, '"')], 64)
			require.NoError(t, err, line)
			return v
		}
		w.xMin, w.xMax = attr("xMin"), attr("xMax")
		w.text = line[strings.IndexByte(line, '>')+1 : strings.LastIndex(line, "</word>")]
		ws = append(ws, w)
	}
	return ws
}

// TestColumnsTwoBands checks that a body page of the long article is set
// in two columns: its words fall in two bands, none in the gutter.
func TestColumnsTwoBands(t *testing.T) {
	b := twoColumns(t, "11-en-long")
	path := writeTemp(t, renderBytes(t, b))
	left := 20 * mm
	cols := newColumns(2, 595.28-2*left)
	ws := pageWords(t, path, 2)
	require.NotEmpty(t, ws)
	var first, second int
	for _, w := range ws {
		switch {
		case w.xMin >= left-1 && w.xMax <= left+cols.w+1:
			first++
		case w.xMin >= left+cols.offset-1 && w.xMax <= left+cols.offset+cols.w+1:
			second++
		default:
			// Only the running head and folio cross the gutter.
			assert.Less(t, len(w.text), 40, "%q at %.1f–%.1f is in neither column", w.text, w.xMin, w.xMax)
		}
	}
	t.Logf("page 2: %d words in the first column, %d in the second", first, second)
	assert.Greater(t, first, 100)
	assert.Greater(t, second, 100)
}

var lineEndHyphen = regexp.MustCompile(`(\pL)- `)

// TestColumnsReadBack reads two-column PDFs back: pdftotext reads a
// column after the other, so the text comes back whole and in order.
func TestColumnsReadBack(t *testing.T) {
	bin := tool(t, "pdftotext")
	for _, dir := range []string{"", "11-en-long"} {
		t.Run("example"+dir, func(t *testing.T) {
			b := twoColumns(t, dir)
			a := b.Edition.Articles()[0]
			path := writeTemp(t, renderBytes(t, b))
			// -raw reads in the order of drawing, a column after the
			// other: pdftotext's own reading order puts a heading low in
			// the first column after the top of the second.
			out, err := exec.Command(bin, "-raw", path, "-").CombinedOutput()
			require.NoError(t, err, string(out))
			got := strings.Join(strings.Fields(string(out)), " ")
			// A word broken at a line's end reads back whole, as
			// pdftotext joins it without -raw.
			got = lineEndHyphen.ReplaceAllString(got, "$1")

			want := strings.Fields(a.Headline)
			want = append(want, strings.Fields(content.PlainText(a.Standfirst))...)
			if a.Photo != nil {
				want = append(want, strings.Fields(content.PlainText(a.Photo.Caption))...)
			}
			want = append(want, blockWords(a.Body)...)
			if a.Background != nil {
				want = append(want, blockWords(a.Background.Body)...)
			}
			for _, n := range a.Notes {
				want = append(want, blockWords(n.Blocks)...)
			}
			at := 0
			for _, w := range want {
				i := 0
				i, w = indexWord(got[at:], w)
				if !assert.GreaterOrEqual(t, i, 0, "word %q missing or out of order after …%s", w, got[max(0, at-60):at]) {
					return
				}
				at += i + len(w)
			}
		})
	}
}

// TestColumnsPages checks the page list of two-column PDFs: a page starts
// at its first column's first line.
func TestColumnsPages(t *testing.T) {
	bin := tool(t, "pdftotext")
	for _, dir := range []string{"", "11-en-long"} {
		t.Run("example"+dir, func(t *testing.T) {
			b := twoColumns(t, dir)
			var buf bytes.Buffer
			pg, err := Renderer{}.RenderPages(context.Background(), &buf, b)
			require.NoError(t, err)
			ctx := readContext(t, buf.Bytes())
			checkPagination(t, bin, writeTemp(t, buf.Bytes()), b, pg, ctx.PageCount)
		})
	}
}
