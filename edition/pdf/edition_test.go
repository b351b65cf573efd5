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

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/edition-project/edition/check"
	"github.com/edition-project/edition/content"
	"github.com/edition-project/edition/edition"
)

// riverbend builds the three-section edition under testdata/editions.
func riverbend(t testing.TB, o edition.Options) *edition.Book {
	t.Helper()
	ed, err := content.ReadEditionFile(filepath.Join("..", "..", "testdata", "editions", "riverbend-weekly"))
	require.NoError(t, err)
	b, err := edition.Build(context.Background(), ed, o)
	require.NoError(t, err)
	return b
}

// layoutText returns page n as pdftotext -layout reads it, line by line.
func layoutText(t *testing.T, bin, path string, n int) []string {
	t.Helper()
	out, err := exec.Command(bin, "-layout", "-enc", "UTF-8", "-f", strconv.Itoa(n), "-l", strconv.Itoa(n), path, "-").Output()
	require.NoError(t, err)
	return strings.Split(string(out), "\n")
}

var trailingNumber = regexp.MustCompile(`\s(\d+)\s*$`)

// TestEditionPages renders a whole edition and reads it back: the cover
// first, a contents page whose page numbers lead to the articles, every
// article on a new page, sections as the outline's top level, running
// heads with the section and the page number.
func TestEditionPages(t *testing.T) {
	bin := tool(t, "pdftotext")
	for _, o := range []edition.Options{{}, {PageSize: edition.Letter}} {
		t.Run(string(o.PageSize)+"default", func(t *testing.T) {
			b := riverbend(t, o)
			var buf bytes.Buffer
			pg, err := RenderPages(context.Background(), &buf, b)
			require.NoError(t, err)
			doc := buf.Bytes()
			fs, err := check.PDF(bytes.NewReader(doc))
			require.NoError(t, err)
			assert.Empty(t, fs, "check.PDF (pdfcpu strict, metadata, fonts)")
			path := writeTemp(t, doc)
			fs, err = check.Qpdf(context.Background(), path)
			if err != nil {
				tool(t, "qpdf")
			}
			require.NoError(t, err)
			assert.Empty(t, fs, "qpdf --check")

			ctx := readContext(t, doc)
			arts := b.Edition.Articles()
			checkPagination(t, bin, path, b, pg, ctx.PageCount)
			// The cover, the masthead and the two photos.
			assert.Equal(t, 4, imageCount(ctx))

			// Page 1 is the cover: a picture and no text.
			assert.Empty(t, pageText(t, bin, path, 1))
			assert.Equal(t, edition.InCover, pg.Pages[0].Pos.Part)

			// Page 2 is the contents: every headline with the page its
			// article starts on, which shows that headline first.
			contents := layoutText(t, bin, path, 2)
			all := strings.Join(contents, "\n")
			for _, s := range []string{"14 September 2024", "Contents", "TOWN", "ARTS", "SPORT"} {
				assert.Contains(t, all, s)
			}
			firstPage := map[int]int{}
			for _, ps := range pg.Pages {
				if _, ok := firstPage[ps.Pos.Article]; !ok && ps.Pos.Part == edition.InText {
					firstPage[ps.Pos.Article] = ps.Page
				}
			}
			last := 0
			for i, a := range arts {
				line := -1
				for j, l := range contents {
					if strings.Contains(l, a.Headline) {
						line = j
						break
					}
				}
				require.GreaterOrEqual(t, line, last, "%q listed, after the one before", a.Headline)
				last = line
				m := trailingNumber.FindStringSubmatch(contents[line])
				require.NotNil(t, m, "a page number after %q: %q", a.Headline, contents[line])
				n, _ := strconv.Atoi(m[1])
				assert.Equal(t, firstPage[i], n, "%q", a.Headline)
				got := strings.Join(pageText(t, bin, path, n), " ")
				assert.Contains(t, got, a.Headline, "page %d starts the article", n)
				// The standfirst and byline are listed too.
				sf := strings.Fields(content.PlainText(a.Standfirst))
				assert.Contains(t, strings.Join(strings.Fields(all), " "), strings.Join(sf[:4], " "))
				assert.Contains(t, all, "By "+edition.LabelsFor("en").Names(a.Byline))
			}

			// Running heads: the section and the page number; on an
			// article's later pages its headline too.
			for _, ps := range pg.Pages[2:] {
				head := strings.Fields(layoutText(t, bin, path, ps.Page)[0])
				require.NotEmpty(t, head, "page %d", ps.Page)
				assert.Equal(t, strconv.Itoa(ps.Page), head[len(head)-1], "page %d: the number ends the head", ps.Page)
				section := ""
				for _, s := range b.Edition.Sections {
					for _, a := range s.Articles {
						if a == arts[ps.Pos.Article] {
							section = strings.ToUpper(s.Title)
						}
					}
				}
				assert.Equal(t, section, head[0], "page %d: the section starts the head", ps.Page)
			}

			// The outline: the contents, then the sections, their articles
			// and the articles' headings: three levels at most.
			bms, err := pdfcpu.Bookmarks(ctx)
			require.NoError(t, err)
			var got []string
			depth := 0
			var walk func([]pdfcpu.Bookmark, int)
			walk = func(bs []pdfcpu.Bookmark, d int) {
				for _, bm := range bs {
					depth = max(depth, d)
					got = append(got, strings.Repeat("  ", d-1)+bm.Title+" "+strconv.Itoa(bm.PageFrom))
					walk(bm.Kids, d+1)
				}
			}
			walk(bms, 1)
			assert.Equal(t, 3, depth, "%s", strings.Join(got, "\n"))
			page := func(i int) string { return strconv.Itoa(firstPage[i]) }
			want := []string{
				"Contents 2",
				"Town " + page(0),
				"  " + arts[0].Headline + " " + page(0),
				"  " + arts[1].Headline + " " + page(1),
			}
			for _, h := range []string{"What it cost", "Who paid", "What comes next"} {
				assert.Contains(t, got, "    "+h+" "+pageOf(t, bin, path, pg, h))
			}
			assert.Equal(t, want, got[:4])
			assert.Contains(t, got, "Arts "+page(2))
			assert.Contains(t, got, "Sport "+page(4))
			assert.Contains(t, got, "  "+arts[5].Headline+" "+page(5))
		})
	}
}

// pageOf returns the number of the page whose text holds s, as text.
func pageOf(t *testing.T, bin, path string, pg *edition.Pagination, s string) string {
	t.Helper()
	for _, ps := range pg.Pages {
		if strings.Contains(strings.Join(pageText(t, bin, path, ps.Page), " "), s) {
			return strconv.Itoa(ps.Page)
		}
	}
	return "none"
}

// TestEditionTypographicMasthead sets the edition's title in type at the
// top of the contents when the manifest names no masthead picture.
func TestEditionTypographicMasthead(t *testing.T) {
	bin := tool(t, "pdftotext")
	b := riverbend(t, edition.Options{})
	b.Masthead = nil
	b.Language = "de"
	doc := renderBytes(t, b)
	assert.Equal(t, 3, imageCount(readContext(t, doc)), "the cover and two photos")
	got := strings.Join(pageText(t, bin, writeTemp(t, doc), 2), " ")
	assert.True(t, strings.HasPrefix(got, "The Riverbend Weekly News, arts and sport from the Coorabin valley 14. September 2024 Inhalt"), got)
}

// TestSingleArticleNoFrontMatter keeps a single article as it was: no
// cover page, no contents, its headline at the top of the outline.
func TestSingleArticleNoFrontMatter(t *testing.T) {
	b := book(t, edition.Options{})
	require.False(t, b.FrontMatter())
	var buf bytes.Buffer
	pg, err := RenderPages(context.Background(), &buf, b)
	require.NoError(t, err)
	for _, ps := range pg.Pages {
		assert.Equal(t, edition.InText, ps.Pos.Part)
	}
	bms, err := pdfcpu.Bookmarks(readContext(t, buf.Bytes()))
	require.NoError(t, err)
	require.Len(t, bms, 1)
	assert.Equal(t, b.Edition.Articles()[0].Headline, bms[0].Title)
	assert.Equal(t, 1, bms[0].PageFrom)
}

func BenchmarkRenderEdition(b *testing.B) { benchmarkRender(b, riverbend(b, edition.Options{})) }
