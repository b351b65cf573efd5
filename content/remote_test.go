package content_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/edition-project/edition/content"
)

// fakeWeb is a Fetch that serves fixed bytes by URL and counts calls.
type fakeWeb struct {
	pages map[string]string
	calls []string
}

func (w *fakeWeb) fetch(url string) ([]byte, error) {
	w.calls = append(w.calls, url)
	if s, ok := w.pages[url]; ok {
		return []byte(s), nil
	}
	return nil, errors.New("the server answered \"404 Not Found\"")
}

const remoteMD = `---
headline: Remote
published: 2024-05-01
photo:
  src: https://example.com/lead.jpg
  alt: The lead
---

Body.

![A figure](https://example.com/figure.png)

![The lead again](https://example.com/lead.jpg)

![A local one](local.jpg)
`

func TestLoaderFetchMarkdown(t *testing.T) {
	web := &fakeWeb{pages: map[string]string{
		"https://example.com/lead.jpg":   "lead bytes",
		"https://example.com/figure.png": "figure bytes",
	}}
	local := fstest.MapFS{"local.jpg": {Data: []byte("local bytes")}}
	a, err := content.Loader{Fetch: web.fetch}.ParseArticle("x/story.md", []byte(remoteMD), local)
	require.NoError(t, err)
	assert.Equal(t, []string{"https://example.com/lead.jpg", "https://example.com/figure.png"}, web.calls, "each URL once, in order")

	photos := a.Photos()
	require.Len(t, photos, 4)
	want := []string{"lead bytes", "figure bytes", "lead bytes", "local bytes"}
	for i, p := range photos {
		data, err := fs.ReadFile(a.Assets, p.Src)
		require.NoError(t, err, p.Src)
		assert.Equal(t, want[i], string(data), p.Src)
		assert.True(t, fs.ValidPath(p.Src), p.Src)
		info, err := fs.Stat(a.Assets, p.Src)
		require.NoError(t, err)
		assert.Equal(t, int64(len(want[i])), info.Size())
	}
	assert.True(t, strings.HasPrefix(photos[0].Src, "remote/") && strings.HasSuffix(photos[0].Src, ".jpg"), photos[0].Src)
	assert.Equal(t, photos[0].Src, photos[2].Src, "the same URL, the same name")
	assert.Equal(t, "local.jpg", photos[3].Src)

	// The names come from the URLs: the same article loads the same way.
	b, err := content.Loader{Fetch: web.fetch}.ParseArticle("x/story.md", []byte(remoteMD), local)
	require.NoError(t, err)
	assert.Equal(t, photos[1].Src, b.Photos()[1].Src)
}

func TestLoaderFetchError(t *testing.T) {
	web := &fakeWeb{}
	_, err := content.Loader{Fetch: web.fetch}.ParseArticle("x/story.md", []byte(remoteMD), nil)
	require.Error(t, err)
	var ce *content.Error
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, "x/story.md", ce.File)
	assert.Equal(t, 5, ce.Line)
	assert.Equal(t, "photo.src", ce.Field)
	assert.Contains(t, err.Error(), `cannot download "https://example.com/lead.jpg": the server answered "404 Not Found"`)
}

// TestLoaderNoFetch checks that without Fetch nothing is downloaded and a
// web address is an ErrRemoteImage in Markdown as in JSON-LD.
func TestLoaderNoFetch(t *testing.T) {
	_, err := content.ParseArticle("x/story.md", []byte(remoteMD), nil)
	assert.ErrorIs(t, err, content.ErrRemoteImage)
	assert.ErrorContains(t, err, `x/story.md:5: photo.src: "https://example.com/lead.jpg" is a web address`)

	body := "Body.\n\n![A figure](http://example.com/f.png)\n"
	_, err = content.ParseArticle("x/s.md", []byte("---\nheadline: H\npublished: 2024-05-01\n---\n"+body), nil)
	assert.ErrorIs(t, err, content.ErrRemoteImage)

	// Other schemes stay plain errors, with or without Fetch.
	for _, ld := range []content.Loader{{}, {Fetch: (&fakeWeb{}).fetch}} {
		_, err = ld.ParseArticle("x/s.md", []byte("---\nheadline: H\npublished: 2024-05-01\n---\n![A](ftp://example.com/f.png)\n"), nil)
		require.Error(t, err)
		assert.NotErrorIs(t, err, content.ErrRemoteImage)
		assert.ErrorContains(t, err, "is a URL")
	}
}

const remoteLD = `{"@context": "https://schema.org", "@type": "NewsArticle",
"headline": "H", "datePublished": "2020-01-02", "articleBody": "x",
"image": [
  {"@type": "ImageObject", "contentUrl": "https://example.com/a.webp", "description": "d", "caption": "c"},
  {"@type": "ImageObject", "url": "https://example.com/b", "description": "e"}
]}`

func TestLoaderFetchJSONLD(t *testing.T) {
	web := &fakeWeb{pages: map[string]string{"https://example.com/a.webp": "A", "https://example.com/b": "B"}}
	a, err := content.Loader{Fetch: web.fetch}.ParseJSONLD("x/s.json", []byte(remoteLD), nil)
	require.NoError(t, err)
	require.Len(t, a.Photos(), 2)
	for i, want := range []string{"A", "B"} {
		data, err := fs.ReadFile(a.Assets, a.Photos()[i].Src)
		require.NoError(t, err)
		assert.Equal(t, want, string(data))
	}
	assert.True(t, strings.HasSuffix(a.Photo.Src, ".webp"), a.Photo.Src)

	_, err = content.ParseJSONLD("x/s.json", []byte(remoteLD), nil)
	assert.ErrorIs(t, err, content.ErrRemoteImage)

	// A bare URL still lacks alt text, fetched or not.
	bare := `{"@type": "NewsArticle", "headline": "H", "datePublished": "2020-01-02", "articleBody": "x", "image": "https://example.com/a.jpg"}`
	_, err = content.Loader{Fetch: web.fetch}.ParseJSONLD("x/s.json", []byte(bare), nil)
	assert.ErrorContains(t, err, "no alt text")
}

// TestLoaderEdition checks that a Loader's Fetch reaches the articles a
// manifest lists.
func TestLoaderEdition(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "edition.yaml"), []byte("title: T\nsections:\n  - title: S\n    articles: [s.json, story.md]\n"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "s.json"), []byte(remoteLD), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "story.md"), []byte(strings.Replace(remoteMD, "![A local one](local.jpg)", "", 1)), 0o644))
	web := &fakeWeb{pages: map[string]string{
		"https://example.com/a.webp": "A", "https://example.com/b": "B",
		"https://example.com/lead.jpg": "L", "https://example.com/figure.png": "F",
	}}
	ed, err := content.Loader{Fetch: web.fetch}.ReadEditionFile(dir)
	require.NoError(t, err)
	require.Len(t, ed.Articles(), 2)
	assert.Len(t, web.calls, 4)

	_, err = content.ReadEditionFile(dir)
	assert.ErrorIs(t, err, content.ErrRemoteImage)
}
