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
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/edition-project/edition/content"
	"github.com/edition-project/edition/edition"
	"github.com/edition-project/edition/examples"
)

// blockTexts returns the text of every block of a, numbered as
// edition.TextPos says, worked out from the content model alone. The
// header's text is its headline.
func blockTexts(a *content.Article) []string {
	photo := func(p *content.Photo) string {
		if p == nil {
			return ""
		}
		return content.PlainText(p.Caption) + content.PlainText(p.Credit)
	}
	texts := []string{a.Headline, photo(a.Photo)}
	walk := func(bs []content.Block) {
		content.WalkBlocks(bs, func(b content.Block) bool {
			s := ""
			switch b := b.(type) {
			case *content.Paragraph:
				s = content.PlainText(b.Inlines)
			case *content.Heading:
				s = content.PlainText(b.Inlines)
			case *content.Code:
				s = b.Text
			case *content.Figure:
				s = photo(b.Photo)
			case *content.Table:
				var sb strings.Builder
				for _, r := range append([][]content.Cell{b.Head}, b.Rows...) {
					for _, c := range r {
						sb.WriteString(content.PlainText(c.Inlines) + " ")
					}
				}
				s = sb.String()
			}
			texts = append(texts, s)
			return true
		})
	}
	walk(a.Body)
	if a.Background != nil {
		walk(a.Background.Body)
	}
	for _, n := range a.Notes {
		walk(n.Blocks)
	}
	return texts
}

// wordsAt returns up to n words of the text from pos on, running on into
// the next blocks while the block has no more (a list, a quote, a rule).
func wordsAt(texts []string, pos edition.TextPos, n int) []string {
	var ws []string
	for b := pos.Block; b < len(texts) && len(ws) == 0; b++ {
		s := texts[b]
		if b == pos.Block {
			rs := []rune(s)
			if pos.Offset > len(rs) {
				return nil
			}
			s = string(rs[pos.Offset:])
		}
		ws = strings.Fields(s)
	}
	return ws[:min(n, len(ws))]
}

// pageText returns the words of page n as pdftotext reads them.
func pageText(t *testing.T, bin, path string, n int) []string {
	t.Helper()
	out, err := exec.Command(bin, "-enc", "UTF-8", "-f", strconv.Itoa(n), "-l", strconv.Itoa(n), path, "-").Output()
	require.NoError(t, err)
	return strings.Fields(string(out))
}

var marker = regexp.MustCompile(`^(\d+\.|[•–·]|\(.*\)|.*…)$`)

// checkPagination checks that every page of the PDF at path starts with
// the words at its recorded place. Above them only furniture may stand:
// the running head, the kicker, a box's title or "continued" label, a list
// or note marker.
func checkPagination(t *testing.T, bin, path string, b *edition.Book, pg *edition.Pagination, pages int) {
	t.Helper()
	require.Len(t, pg.Pages, pages, "one entry per page")
	arts := b.Edition.Articles()
	for i, ps := range pg.Pages {
		assert.Equal(t, i+1, ps.Page)
		assert.Equal(t, strconv.Itoa(i+1), ps.Label)
		require.Less(t, ps.Pos.Article, len(arts))
		switch ps.Pos.Part {
		case edition.InCover:
			// A whole edition's cover: a picture, no text.
			assert.True(t, b.FrontMatter(), "page %d: a cover page in a single article", ps.Page)
			assert.Empty(t, pageText(t, bin, path, ps.Page), "page %d is the cover", ps.Page)
			continue
		case edition.InContents:
			// The contents page lists the article the page starts at.
			assert.True(t, b.FrontMatter(), "page %d: a contents page in a single article", ps.Page)
			got := strings.Join(pageText(t, bin, path, ps.Page), " ")
			hl := strings.Fields(arts[ps.Pos.Article].Headline)
			assert.Contains(t, got, strings.Join(hl[:min(4, len(hl))], " "), "page %d", ps.Page)
			continue
		}
		a := arts[ps.Pos.Article]
		texts := blockTexts(a)
		require.Less(t, ps.Pos.Block, len(texts), "page %d", ps.Page)
		want := wordsAt(texts, ps.Pos, 4)
		require.NotEmpty(t, want, "page %d: no text at %+v", ps.Page, ps.Pos)
		got := pageText(t, bin, path, ps.Page)

		// A whole edition's running head carries the page number.
		furniture := map[string]bool{strconv.Itoa(ps.Page): b.FrontMatter()}
		l := edition.LabelsFor(a.Language)
		for _, s := range []string{a.Headline, a.Publisher, b.Edition.Publisher, a.Section, l.Continued, l.Notes, l.Background} {
			for _, w := range strings.Fields(s) {
				furniture[w] = true
				furniture[strings.ToUpper(w)] = true
			}
		}
		if a.Background != nil {
			for _, w := range strings.Fields(a.Background.Title) {
				furniture[w] = true
			}
		}
		for _, s := range b.Edition.Sections {
			for _, w := range strings.Fields(s.Title) {
				furniture[strings.ToUpper(w)] = true
			}
		}
		at := -1
		for j := 0; j+len(want) <= len(got) && j < 40; j++ {
			if strings.Join(got[j:j+len(want)], " ") == strings.Join(want, " ") {
				at = j
				break
			}
		}
		if !assert.GreaterOrEqual(t, at, 0, "page %d should start with %q (at %+v), but reads %q", ps.Page, want, ps.Pos, strings.Join(got[:min(len(got), 40)], " ")) {
			continue
		}
		for _, w := range got[:at] {
			assert.True(t, furniture[w] || marker.MatchString(w),
				"page %d: %q stands above the page's first words %q: %q", ps.Page, w, want, strings.Join(got[:at], " "))
		}
	}
}

func TestRenderPages(t *testing.T) {
	bin := tool(t, "pdftotext")
	example, err := examples.Aleppo()
	require.NoError(t, err)
	long, err := content.ReadArticleFile(filepath.Join("..", "..", "testdata", "articles", "11-en-long"))
	require.NoError(t, err)
	two := aleppo(t)
	two.Headline = "A Second Report From Aleppo"
	two.Slug = "second"

	for _, tc := range []struct {
		name string
		b    *edition.Book
	}{
		{"example", buildBook(t, content.SingleArticle(example), edition.Options{})},
		{"example letter", buildBook(t, content.SingleArticle(example), edition.Options{PageSize: edition.Letter})},
		{"11-en-long", buildBook(t, content.SingleArticle(long), edition.Options{})},
		{"two articles", book(t, edition.Options{}, aleppo(t), two)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			var r Renderer
			pg, err := r.RenderPages(context.Background(), &buf, tc.b)
			require.NoError(t, err)
			size := "a4"
			if tc.b.Options.PageSize == edition.Letter {
				size = "letter"
			}
			assert.Equal(t, tc.b.ID+"#pdf-"+size, pg.Source)

			var plain bytes.Buffer
			require.NoError(t, Render(context.Background(), &plain, tc.b))
			assert.Equal(t, plain.Bytes(), buf.Bytes(), "RenderPages writes what Render writes")

			ctx := readContext(t, buf.Bytes())
			checkPagination(t, bin, writeTemp(t, buf.Bytes()), tc.b, pg, ctx.PageCount)
			if tc.name == "11-en-long" {
				assert.Greater(t, ctx.PageCount, 2, "a long article runs over several pages")
			}
		})
	}
}

func buildBook(t *testing.T, e *content.Edition, o edition.Options) *edition.Book {
	t.Helper()
	b, err := edition.Build(context.Background(), e, o)
	require.NoError(t, err)
	return b
}

func TestUntab(t *testing.T) {
	assert.Equal(t, 0, untab("\tx", 0))
	assert.Equal(t, 0, untab("\tx", 3), "inside the tab's spaces")
	assert.Equal(t, 1, untab("\tx", 4))
	assert.Equal(t, 3, untab("a\tbc", 6))
	assert.Equal(t, utf8.RuneCountInString("ab"), untab("ab", 9), "past the end")
}
