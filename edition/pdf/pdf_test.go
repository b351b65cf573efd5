package pdf

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/edition-project/edition/check"
	"github.com/edition-project/edition/content"
	"github.com/edition-project/edition/edition"
	"github.com/edition-project/edition/internal/testtool"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// tool returns the path of an external program, skipping the test when it
// is missing (failing when EDITION_REQUIRE_TOOLS=1).
func tool(t *testing.T, name string) string {
	t.Helper()
	return testtool.Path(t, name, "apt-get install poppler-utils qpdf")
}

func renderBytes(t testing.TB, b *edition.Book) []byte {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, Render(context.Background(), &buf, b))
	return buf.Bytes()
}

// writeTemp writes a PDF for the external tools.
func writeTemp(t *testing.T, doc []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "edition.pdf")
	require.NoError(t, os.WriteFile(path, doc, 0o600))
	return path
}

func readContext(t *testing.T, doc []byte) *model.Context {
	t.Helper()
	api.DisableConfigDir()
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	ctx, err := api.ReadContext(bytes.NewReader(doc), conf)
	require.NoError(t, err)
	require.NoError(t, api.ValidateContext(ctx))
	return ctx
}

func TestRendererContract(t *testing.T) {
	var r edition.Renderer = Renderer{}
	assert.Equal(t, "pdf", r.Name())
	var buf bytes.Buffer
	require.NoError(t, r.Render(context.Background(), &buf, book(t, edition.Options{})))
	assert.True(t, bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")))
	assert.Error(t, Render(context.Background(), &buf, nil))
}

// TestPaginated hands the pagination over before anything is written, once,
// and Paginate gives the same pages without the file.
func TestPaginated(t *testing.T) {
	for _, cols := range []int{1, 2} {
		b := book(t, edition.Options{Columns: cols})
		var buf bytes.Buffer
		var got []*edition.Pagination
		r := Renderer{Paginated: func(p *edition.Pagination) {
			assert.Zero(t, buf.Len(), "called before the file is written")
			got = append(got, p)
		}}
		pg, err := r.RenderPages(context.Background(), &buf, b)
		require.NoError(t, err)
		require.Len(t, got, 1, "called once")
		assert.Same(t, pg, got[0])
		require.NotEmpty(t, pg.Pages)
		assert.True(t, bytes.Equal(renderBytes(t, b), buf.Bytes()), "the same file as Render")

		only, err := Paginate(context.Background(), b)
		require.NoError(t, err)
		assert.Equal(t, pg, only, "%d columns", cols)
	}
	_, err := Paginate(context.Background(), nil)
	assert.Error(t, err)
}

func TestValid(t *testing.T) {
	doc := renderBytes(t, book(t, edition.Options{}))
	fs, err := check.PDF(bytes.NewReader(doc))
	require.NoError(t, err)
	assert.Empty(t, fs, "check.PDF findings")

	ctx := readContext(t, doc)
	assert.Equal(t, 2, ctx.PageCount)

	fs, err = check.Qpdf(context.Background(), writeTemp(t, doc))
	if err != nil {
		tool(t, "qpdf") // skips or fails with a clear message
	}
	require.NoError(t, err)
	assert.Empty(t, fs, "qpdf --check findings")
}

func TestPhotoPlaced(t *testing.T) {
	t.Run("book images", func(t *testing.T) {
		assert.Equal(t, 1, imageCount(readContext(t, renderBytes(t, book(t, edition.Options{})))))
	})
	t.Run("no images", func(t *testing.T) {
		// A photo the Book prepared no picture for keeps its caption and
		// credit but draws nothing.
		b := book(t, edition.Options{})
		a := b.Edition.Articles()[0]
		unprepared := *a.Photo
		a.Photo = &unprepared
		assert.Equal(t, 0, imageCount(readContext(t, renderBytes(t, b))))
	})
}

// imageCount counts the image XObjects of a PDF.
func imageCount(ctx *model.Context) int {
	n := 0
	for _, e := range ctx.Table {
		if e == nil || e.Free {
			continue
		}
		if sd, ok := e.Object.(types.StreamDict); ok && sd.Subtype() != nil && *sd.Subtype() == "Image" {
			n++
		}
	}
	return n
}

// TestStrict validates with pdfcpu in strict mode directly, so that a
// failure shows pdfcpu's own words.
func TestStrict(t *testing.T) {
	for _, o := range []edition.Options{{}, {PageSize: edition.Letter}} {
		doc := renderBytes(t, book(t, o, aleppo(t), aleppo(t)))
		api.DisableConfigDir()
		conf := model.NewDefaultConfiguration()
		conf.ValidationMode = model.ValidationStrict
		assert.NoError(t, api.Validate(bytes.NewReader(doc), conf), "page size %q", o.PageSize)
	}
}

func TestDeterministic(t *testing.T) {
	a := renderBytes(t, book(t, edition.Options{}))
	b := renderBytes(t, book(t, edition.Options{}))
	assert.True(t, bytes.Equal(a, b), "two renderings of the same book differ")
	id := regexp.MustCompile(`/ID \[<([0-9A-F]{32})> <([0-9A-F]{32})>\]`).FindSubmatch(a)
	require.NotNil(t, id, "a file identifier in the trailer")
	assert.Equal(t, id[1], id[2], "both halves of a new file's identifier are equal")

	other := book(t, edition.Options{})
	other.ID += "-other"
	c := renderBytes(t, other)
	idc := regexp.MustCompile(`/ID \[<([0-9A-F]{32})>`).FindSubmatch(c)
	require.NotNil(t, idc)
	assert.NotEqual(t, id[1], idc[1], "another book, another identifier")
}

func TestPageSize(t *testing.T) {
	dims := func(o edition.Options) types.Dim {
		ctx := readContext(t, renderBytes(t, book(t, o)))
		ds, err := ctx.PageDims()
		require.NoError(t, err)
		require.NotEmpty(t, ds)
		return ds[0]
	}
	a4, letter := dims(edition.Options{}), dims(edition.Options{PageSize: edition.Letter})
	assert.InDelta(t, 595.28, a4.Width, 0.01)
	assert.InDelta(t, 841.89, a4.Height, 0.01)
	assert.InDelta(t, 612, letter.Width, 0.01)
	assert.InDelta(t, 792, letter.Height, 0.01)
}

func TestOutlineAndInfo(t *testing.T) {
	b := book(t, edition.Options{})
	ctx := readContext(t, renderBytes(t, b))
	bms, err := pdfcpu.Bookmarks(ctx)
	require.NoError(t, err)
	require.Len(t, bms, 1)
	assert.Equal(t, "Syrians Are Posting Heartbreaking Messages As Aleppo Is Seized", bms[0].Title)
	var kids []string
	for _, k := range bms[0].Kids {
		kids = append(kids, k.Title)
	}
	assert.Equal(t, []string{"What the messages said", "Background", "Notes"}, kids)

	info := infoDict(t, ctx)
	assert.Equal(t, b.Title, info["Title"])
	assert.Equal(t, "Josh Butler", info["Author"])
	assert.Equal(t, "edition", info["Creator"])
	assert.Contains(t, info["Subject"], "no one is evacuating me")
	assert.Equal(t, "D:20161212212600Z00'00'", info["CreationDate"])
	assert.Equal(t, "en-AU", info["Lang"])
}

func infoDict(t *testing.T, ctx *model.Context) map[string]string {
	t.Helper()
	out := map[string]string{}
	require.NotNil(t, ctx.Info)
	d, err := ctx.DereferenceDict(*ctx.Info)
	require.NoError(t, err)
	for _, k := range []string{"Title", "Author", "Subject", "Keywords", "Creator", "Producer", "CreationDate", "ModDate"} {
		if o, ok := d.Find(k); ok {
			if s, err := types.StringOrHexLiteral(o); err == nil {
				out[k] = *s
			}
		}
	}
	cat, err := ctx.Catalog()
	require.NoError(t, err)
	if o, ok := cat.Find("Lang"); ok {
		if s, err := types.StringOrHexLiteral(o); err == nil {
			out["Lang"] = *s
		}
	}
	return out
}

func TestFontsEmbeddedSubsets(t *testing.T) {
	bin := tool(t, "pdffonts")
	path := writeTemp(t, renderBytes(t, book(t, edition.Options{})))
	out, err := exec.Command(bin, path).CombinedOutput()
	require.NoError(t, err, string(out))
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	require.Greater(t, len(lines), 2)
	sub := regexp.MustCompile(`^[A-Z]{6}\+(NotoSerif|NotoSans|DejaVuSansMono)\S*\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes\s`)
	for _, l := range lines[2:] {
		assert.Regexp(t, sub, l, "every font is an embedded Unicode subset")
	}
}

// words returns the words of blocks in reading order, leaving out note
// markers (they run into the word before them).
func blockWords(bs []content.Block) []string {
	var ws []string
	inl := func(ins []content.Inline) {
		for _, in := range ins {
			if in.Note == 0 {
				ws = append(ws, strings.Fields(in.Text)...)
			}
		}
	}
	content.WalkBlocks(bs, func(b content.Block) bool {
		switch b := b.(type) {
		case *content.Paragraph:
			inl(b.Inlines)
		case *content.Heading:
			inl(b.Inlines)
		case *content.Code:
			ws = append(ws, strings.Fields(b.Text)...)
		case *content.Table:
			for _, c := range b.Head {
				inl(c.Inlines)
			}
			for _, r := range b.Rows {
				for _, c := range r {
					inl(c.Inlines)
				}
			}
		}
		return true
	})
	return ws
}

func TestTextReadsBack(t *testing.T) {
	bin := tool(t, "pdftotext")
	a := aleppo(t)
	path := writeTemp(t, renderBytes(t, book(t, edition.Options{}, a)))
	out, err := exec.Command(bin, path, "-").CombinedOutput()
	require.NoError(t, err, string(out))
	got := strings.Join(strings.Fields(string(out)), " ")

	want := strings.Fields(a.Headline)
	want = append(want, strings.Fields(content.PlainText(a.Standfirst))...)
	want = append(want, strings.Fields(content.PlainText(a.Photo.Caption))...)
	want = append(want, blockWords(a.Body)...)
	want = append(want, blockWords(a.Background.Body)...)
	want = append(want, blockWords(a.Notes[0].Blocks)...)
	at := 0
	for _, w := range want {
		// 😢, which no shipped face has, is drawn as a replacement mark
		// whose /ActualText gives it back.
		i := 0
		i, w = indexWord(got[at:], w) // a hard hyphen at a line's end reads back joined
		if !assert.GreaterOrEqual(t, i, 0, "word %q missing or out of order after …%s", w, got[max(0, at-60):at]) {
			return
		}
		at += i + len(w)
	}
	for _, s := range []string{"‘I am", "me’.", "“final stages”", "Aleppo — those", "efforts – “you blew it”"} {
		assert.Contains(t, got, s)
	}
	assert.Contains(t, got, "Published 13 December 2016, 8:26 am UTC+11")
	assert.Contains(t, got, "Photo: Abdalrhman Ismail / Reuters")
	assert.Contains(t, got, "1 of 2")
	assert.Contains(t, got, "2 of 2")
}

func TestSeveralArticles(t *testing.T) {
	one, two := aleppo(t), aleppo(t)
	two.Headline = "A Second Report From Aleppo"
	two.Slug = "second"
	doc := renderBytes(t, book(t, edition.Options{}, one, two))
	ctx := readContext(t, doc)
	assert.Equal(t, 6, ctx.PageCount, "the cover, the contents and each article on new pages")
	bms, err := pdfcpu.Bookmarks(ctx)
	require.NoError(t, err)
	require.Len(t, bms, 2, "the contents and the section")
	assert.Equal(t, "Contents", bms[0].Title)
	assert.Equal(t, 2, bms[0].PageFrom)
	assert.Equal(t, "World", bms[1].Title)
	require.Len(t, bms[1].Kids, 2)
	assert.Equal(t, 3, bms[1].Kids[0].PageFrom)
	assert.Equal(t, 5, bms[1].Kids[1].PageFrom)
}

func TestAwkwardText(t *testing.T) {
	a := aleppo(t)
	a.Headline = "Emoji 😢🇸🇾, control\x07 chars, bad \xff UTF-8, Chinese 阿勒颇 and Arabic حلب"
	a.Body = []content.Block{
		p(txt(strings.Repeat("https://example.org/a-very-long-address-without-any-space/", 6))),
		&content.Code{Text: strings.Repeat("x", 300) + "\n\n\tindented"},
		&content.Table{Rows: [][]content.Cell{{{Inlines: []content.Inline{txt("lonely")}}}, {}}},
		&content.List{Ordered: true},
		&content.Heading{Level: 9, Inlines: []content.Inline{txt("Deep")}},
		&content.Figure{Photo: &content.Photo{Src: "aleppo.jpg", Caption: []content.Inline{txt("A figure")}}},
		&content.Figure{},
		p(),
	}
	a.Photo = nil
	a.Background.Body = nil
	a.Notes = nil
	doc := renderBytes(t, book(t, edition.Options{}, a))
	fs, err := check.PDF(bytes.NewReader(doc))
	require.NoError(t, err)
	assert.Empty(t, fs)

	a.Photo = &content.Photo{Src: "aleppo.jpg", Caption: []content.Inline{txt("Still captioned")}}
	bk := book(t, edition.Options{}, a)
	bk.Image(a.Photo).PDF = edition.Encoded{Data: []byte("not a jpeg"), MediaType: "image/jpeg"}
	doc = renderBytes(t, bk)
	fs, err = check.PDF(bytes.NewReader(doc))
	require.NoError(t, err)
	assert.Empty(t, fs, "an unreadable image costs the picture, not the edition")
}

func TestContextCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	assert.ErrorIs(t, Render(ctx, &bytes.Buffer{}, book(t, edition.Options{})), context.Canceled)
}

// TestGolden compares a readable dump of the PDF (pages, outline, fonts,
// metadata) with testdata/aleppo.golden; run with -update to rewrite it.
func TestGolden(t *testing.T) {
	doc := renderBytes(t, book(t, edition.Options{}))
	got := dump(t, doc)
	path := filepath.Join("testdata", "aleppo.golden")
	if *update {
		require.NoError(t, os.MkdirAll("testdata", 0o755))
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test -update to create the golden file")
	assert.Equal(t, string(want), got)
}

func dump(t *testing.T, doc []byte) string {
	ctx := readContext(t, doc)
	var b strings.Builder
	ds, err := ctx.PageDims()
	require.NoError(t, err)
	fmt.Fprintf(&b, "pages: %d\n", len(ds))
	for i, d := range ds {
		fmt.Fprintf(&b, "  page %d: %.2f x %.2f pt\n", i+1, d.Width, d.Height)
	}
	b.WriteString("outline:\n")
	bms, err := pdfcpu.Bookmarks(ctx)
	require.NoError(t, err)
	var walk func([]pdfcpu.Bookmark, int)
	walk = func(bs []pdfcpu.Bookmark, depth int) {
		for _, bm := range bs {
			fmt.Fprintf(&b, "  %s%s (page %d)\n", strings.Repeat("  ", depth), bm.Title, bm.PageFrom)
			walk(bm.Kids, depth+1)
		}
	}
	walk(bms, 0)
	b.WriteString("fonts:\n")
	var fonts []string
	for _, e := range ctx.Table {
		if e == nil || e.Free {
			continue
		}
		if d, ok := e.Object.(types.Dict); ok && d.Type() != nil && *d.Type() == "Font" {
			fonts = append(fonts, fmt.Sprintf("  %s %s", *d.Subtype(), *d.NameEntry("BaseFont")))
		}
	}
	slices.Sort(fonts)
	b.WriteString(strings.Join(fonts, "\n") + "\n")
	b.WriteString("info:\n")
	info := infoDict(t, ctx)
	keys := make([]string, 0, len(info))
	for k := range info {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		fmt.Fprintf(&b, "  %s: %s\n", k, info[k])
	}
	return b.String()
}

func BenchmarkRender(b *testing.B) { benchmarkRender(b, book(b, edition.Options{})) }

// benchmarkRender renders bk over and over, reporting the file's size.
func benchmarkRender(b *testing.B, bk *edition.Book) {
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
