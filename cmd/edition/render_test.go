package main

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/jpeg"
	"io"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/edition-project/edition/content"
	"github.com/edition-project/edition/edition"
	"github.com/edition-project/edition/edition/epub"
	"github.com/edition-project/edition/edition/pdf"
	"github.com/edition-project/edition/examples"
)

// failRenderer stands in for a format that fails.
type failRenderer struct {
	name string
	err  error
}

func (r failRenderer) Name() string { return r.name }

func (r failRenderer) Render(ctx context.Context, w io.Writer, b *edition.Book) error {
	_, _ = io.WriteString(w, "part of a file")
	return r.err
}

// TestRenderFormatsTogether writes the formats at once: the EPUB gets the
// PDF's pages (or, alone, the same pages laid out for it), and when one
// format fails, its error is reported and no file is left.
func TestRenderFormatsTogether(t *testing.T) {
	a, err := examples.Aleppo()
	require.NoError(t, err)
	book, err := edition.Build(context.Background(), content.SingleArticle(a), edition.Options{})
	require.NoError(t, err)
	want, err := pdf.Paginate(context.Background(), book)
	require.NoError(t, err)
	require.NotEmpty(t, want.Pages)
	boom := errors.New("boom")
	ls := func(dir string) []string {
		es, err := os.ReadDir(dir)
		require.NoError(t, err)
		var names []string
		for _, e := range es {
			names = append(names, e.Name())
		}
		return names
	}

	for _, tc := range []struct {
		name      string
		renderers []edition.Renderer
		files     []string
		pages     bool
	}{
		{"both", []edition.Renderer{pdf.Renderer{}, epub.Renderer{}}, []string{"aleppo.epub", "aleppo.pdf"}, true},
		{"epub alone", []edition.Renderer{epub.Renderer{}}, []string{"aleppo.epub"}, true},
		{"pdf alone", []edition.Renderer{pdf.Renderer{}}, []string{"aleppo.pdf"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			w := writer{out: dir, renderers: tc.renderers}
			written, pages, err := w.render(context.Background(), book)
			require.NoError(t, err)
			assert.Equal(t, tc.files, ls(dir))
			require.Len(t, written, len(tc.renderers))
			for i, r := range tc.renderers {
				info, err := os.Stat(filepath.Join(dir, "aleppo."+r.Name()))
				require.NoError(t, err)
				assert.Equal(t, info.Size(), written[i])
			}
			if tc.pages {
				assert.Equal(t, want, pages, "the EPUB's page list is the PDF's pagination")
			} else {
				assert.Nil(t, pages)
			}
		})
	}

	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	for _, tc := range []struct {
		name      string
		ctx       context.Context
		renderers []edition.Renderer
		want      error
		file      string
	}{
		{"epub fails", context.Background(), []edition.Renderer{pdf.Renderer{}, failRenderer{"epub", boom}}, boom, "aleppo.epub"},
		{"pdf fails", context.Background(), []edition.Renderer{failRenderer{"pdf", boom}, epub.Renderer{}}, boom, "aleppo.pdf"},
		// The PDF stops before its pages are known: the EPUB, waiting for
		// them, gives up, and the PDF's error is the one reported.
		{"interrupted", cancelled, []edition.Renderer{pdf.Renderer{}, epub.Renderer{}}, context.Canceled, "aleppo.pdf"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			w := writer{out: dir, renderers: tc.renderers}
			_, _, err := w.render(tc.ctx, book)
			require.ErrorIs(t, err, tc.want)
			assert.NotErrorIs(t, err, errGaveUp)
			assert.Contains(t, err.Error(), tc.file)
			assert.Empty(t, ls(dir), "nothing is left, not even the format that was written")
		})
	}
}

// TestRenderCover makes a deferred cover only for the formats that show it:
// not for a single article's PDF alone; for its EPUB, while the PDF is
// rendered; for an edition, before its PDF, which opens with it.
func TestRenderCover(t *testing.T) {
	a, err := examples.Aleppo()
	require.NoError(t, err)
	whole, err := edition.Build(context.Background(), content.SingleArticle(a), edition.Options{})
	require.NoError(t, err)
	require.NotNil(t, whole.Cover)

	for _, tc := range []struct {
		name      string
		renderers []edition.Renderer
		cover     bool
	}{
		{"pdf alone", []edition.Renderer{pdf.Renderer{}}, false},
		{"epub alone", []edition.Renderer{epub.Renderer{}}, true},
		{"both", []edition.Renderer{pdf.Renderer{}, epub.Renderer{}}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			book, err := edition.Build(context.Background(), content.SingleArticle(a), edition.Options{DeferCover: true})
			require.NoError(t, err)
			require.Nil(t, book.Cover)
			_, _, err = writer{out: t.TempDir(), renderers: tc.renderers}.render(context.Background(), book)
			require.NoError(t, err)
			if tc.cover {
				require.NotNil(t, book.Cover)
				assert.Equal(t, whole.Cover.EPUB.Data, book.Cover.EPUB.Data)
			} else {
				assert.Nil(t, book.Cover, "a single article's PDF does not show the cover")
			}
		})
	}

	ed, err := content.ReadEditionFile("../../testdata/editions/riverbend-weekly")
	require.NoError(t, err)
	book, err := edition.Build(context.Background(), ed, edition.Options{DeferCover: true})
	require.NoError(t, err)
	dir := t.TempDir()
	_, _, err = writer{out: dir, renderers: []edition.Renderer{pdf.Renderer{}}}.render(context.Background(), book)
	require.NoError(t, err)
	assert.NotNil(t, book.Cover, "an edition's PDF opens with the cover")
}

// TestRenderCoverFails reports a cover that cannot be made as the build's
// error, as Build would (the lead photo, damaged in its compressed data,
// passes the cheap checks and fails only when the cover decodes it), and
// leaves no file.
func TestRenderCoverFails(t *testing.T) {
	m := image.NewRGBA(image.Rect(0, 0, 64, 48))
	for i := range m.Pix {
		m.Pix[i] = byte(i * 13)
	}
	var jb bytes.Buffer
	require.NoError(t, jpeg.Encode(&jb, m, nil))
	photo := jb.Bytes()
	sos := bytes.Index(photo, []byte{0xff, 0xda})
	require.Positive(t, sos)
	for i := sos + 20; i < len(photo)-2; i++ {
		if photo[i] != 0xff && photo[i-1] != 0xff {
			photo[i] = 0
		}
	}
	src := "---\nheadline: H\npublished: 2024-05-01\nphoto: {src: p.jpg, alt: x}\n---\n\nText.\n"
	a, err := content.ParseArticle("a.md", []byte(src), fstest.MapFS{"p.jpg": {Data: photo}})
	require.NoError(t, err)
	book, err := edition.Build(context.Background(), content.SingleArticle(a), edition.Options{DeferCover: true})
	require.NoError(t, err, "the photo passes the checks made before the cover")
	dir := t.TempDir()
	_, _, err = writer{out: dir, renderers: []edition.Renderer{pdf.Renderer{}, epub.Renderer{}}}.render(context.Background(), book)
	require.Error(t, err)
	assert.True(t, content.IsContentError(err), "%T %v", err, err)
	assert.Regexp(t, `^a\.md:4: photo\.src: photo "p\.jpg": images: cannot decode picture`, err.Error())
	es, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Empty(t, es)
}
