package edition

import (
	"bytes"
	"context"
	"image"
	"image/jpeg"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/edition-project/edition/content"
)

// withCodeVersion makes the code's version v for the test: test binaries
// carry no version, so without this nothing is cached.
func withCodeVersion(t *testing.T, v string) {
	old := codeVersion
	codeVersion = func() string { return v }
	t.Cleanup(func() { codeVersion = old })
}

func buildCached(t *testing.T, c Cache) *Book {
	t.Helper()
	ed := &content.Edition{Sections: []*content.Section{{Articles: []*content.Article{testArticle(testAssets(t))}}}}
	b, err := Build(context.Background(), ed, Options{Cache: c})
	require.NoError(t, err)
	return b
}

func cacheFiles(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if os.IsNotExist(err) {
		return nil
	}
	require.NoError(t, err)
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

// TestCoverCache builds the same article with a cache folder: the first
// build paints the cover and keeps it, the next takes it from the folder
// (shown by planting another picture under its key), a damaged file is
// painted again and replaced, and the cover is the same bytes throughout.
func TestCoverCache(t *testing.T) {
	withCodeVersion(t, "go1.x test")
	dir := t.TempDir()
	c := DirCache{Dir: dir}
	uncached := buildCached(t, nil).Cover.EPUB.Data

	first := buildCached(t, c)
	assert.Equal(t, uncached, first.Cover.EPUB.Data, "a cached build makes the same cover")
	files := cacheFiles(t, dir)
	require.Len(t, files, 1)
	key := files[0]
	kept, err := os.ReadFile(filepath.Join(dir, key))
	require.NoError(t, err)
	assert.Equal(t, uncached, kept)

	// A picture planted under the key is what the next build uses.
	planted := image.NewRGBA(image.Rect(0, 0, coverWidth, coverHeight))
	for i := range planted.Pix {
		planted.Pix[i] = 0x80
	}
	var buf bytes.Buffer
	require.NoError(t, jpeg.Encode(&buf, planted, nil))
	require.NoError(t, os.WriteFile(filepath.Join(dir, key), buf.Bytes(), 0o644))
	assert.Equal(t, buf.Bytes(), buildCached(t, c).Cover.EPUB.Data, "the cover comes from the cache")

	// A damaged file, or a picture of another size, is not used: the
	// cover is painted again and the file replaced.
	for name, data := range map[string][]byte{
		"truncated": kept[:len(kept)/2],
		"garbage":   []byte("not a picture"),
		"wrong size": func() []byte {
			var b bytes.Buffer
			require.NoError(t, jpeg.Encode(&b, image.NewGray(image.Rect(0, 0, 16, 24)), nil))
			return b.Bytes()
		}(),
	} {
		t.Run(name, func(t *testing.T) {
			require.NoError(t, os.WriteFile(filepath.Join(dir, key), data, 0o644))
			assert.Equal(t, uncached, buildCached(t, c).Cover.EPUB.Data)
			again, err := os.ReadFile(filepath.Join(dir, key))
			require.NoError(t, err)
			assert.Equal(t, uncached, again, "the damaged file is replaced")
		})
	}

	// Other content, another key.
	a := testArticle(testAssets(t))
	a.Headline = "Another headline"
	_, err = Build(context.Background(), &content.Edition{Sections: []*content.Section{{Articles: []*content.Article{a}}}}, Options{Cache: c})
	require.NoError(t, err)
	assert.Len(t, cacheFiles(t, dir), 2)
}

func TestCoverCacheNeedsAVersion(t *testing.T) {
	withCodeVersion(t, "")
	dir := t.TempDir()
	buildCached(t, DirCache{Dir: dir})
	assert.Empty(t, cacheFiles(t, dir), "code of unknown version caches nothing")
}

func TestDirCache(t *testing.T) {
	dir := t.TempDir()
	c := DirCache{Dir: filepath.Join(dir, "covers"), MaxFiles: 2}
	key := func(ch string) string { return strings.Repeat(ch, 64) }
	for _, bad := range []string{"", "../x", strings.Repeat("A", 64), strings.Repeat("g", 64), key("a")[:63]} {
		c.Put(bad, []byte("x"))
		_, ok := c.Get(bad)
		assert.False(t, ok, "key %q", bad)
	}
	assert.Empty(t, cacheFiles(t, c.Dir), "bad keys write nothing")

	old := time.Now().Add(-time.Hour)
	c.Put(key("a"), []byte("A"))
	c.Put(key("b"), []byte("B"))
	require.NoError(t, os.Chtimes(filepath.Join(c.Dir, key("a")), old, old))
	require.NoError(t, os.Chtimes(filepath.Join(c.Dir, key("b")), old.Add(time.Minute), old.Add(time.Minute)))
	got, ok := c.Get(key("a")) // used: now the most recent
	require.True(t, ok)
	assert.Equal(t, []byte("A"), got)
	c.Put(key("c"), []byte("C"))
	assert.ElementsMatch(t, []string{key("a"), key("c")}, cacheFiles(t, c.Dir), "the least recently used goes")

	// A folder that cannot be written only loses the value.
	ro := DirCache{Dir: filepath.Join(dir, "file")}
	require.NoError(t, os.WriteFile(ro.Dir, nil, 0o644))
	ro.Put(key("d"), []byte("D"))
	_, ok = ro.Get(key("d"))
	assert.False(t, ok)
}

func TestVersionOf(t *testing.T) {
	vcs := func(rev, modified string) []debug.BuildSetting {
		return []debug.BuildSetting{{Key: "vcs.revision", Value: rev}, {Key: "vcs.modified", Value: modified}}
	}
	main := debug.Module{Path: modulePath, Version: "(devel)"}
	for _, tc := range []struct {
		name string
		bi   debug.BuildInfo
		want string
	}{
		{"clean checkout", debug.BuildInfo{GoVersion: "go1.26", Main: main, Settings: vcs("abc123", "false")}, "go1.26 abc123"},
		{"modified checkout", debug.BuildInfo{GoVersion: "go1.26", Main: main, Settings: vcs("abc123", "true")}, ""},
		{"no vcs", debug.BuildInfo{GoVersion: "go1.26", Main: main}, ""},
		{"stamped dirty", debug.BuildInfo{GoVersion: "go1.26", Main: debug.Module{Path: modulePath, Version: "v0.0.0-2026-abc+dirty"}, Settings: vcs("abc", "true")}, ""},
		{"installed", debug.BuildInfo{GoVersion: "go1.26", Main: debug.Module{Path: modulePath, Version: "v1.2.0", Sum: "h1:x"}}, "go1.26 v1.2.0 h1:x"},
		{"dependency", debug.BuildInfo{GoVersion: "go1.26", Main: debug.Module{Path: "example.com/app"},
			Deps: []*debug.Module{{Path: modulePath, Version: "v1.2.0", Sum: "h1:y"}}}, "go1.26 v1.2.0 h1:y"},
		{"replaced dependency", debug.BuildInfo{GoVersion: "go1.26", Main: debug.Module{Path: "example.com/app"},
			Deps: []*debug.Module{{Path: modulePath, Version: "v1.2.0", Replace: &debug.Module{Path: "../edition"}}}}, ""},
		{"not used", debug.BuildInfo{GoVersion: "go1.26", Main: debug.Module{Path: "example.com/app"}}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, versionOf(&tc.bi))
		})
	}
}

// TestStampedVersion: a build without version control information that was
// given a version at link time caches under it; version control wins.
func TestStampedVersion(t *testing.T) {
	bi := &debug.BuildInfo{GoVersion: "go1.26", Main: debug.Module{Path: modulePath, Version: "(devel)"}}
	assert.Equal(t, "", versionWith(bi, ""))
	assert.Equal(t, "go1.26 v9.9.9", versionWith(bi, "v9.9.9"))
	bi.Settings = []debug.BuildSetting{{Key: "vcs.revision", Value: "abc"}, {Key: "vcs.modified", Value: "false"}}
	assert.Equal(t, "go1.26 abc", versionWith(bi, "v9.9.9"))
}

// TestDeferCover leaves the cover to MakeCover, which makes the same cover
// Build makes, once.
func TestDeferCover(t *testing.T) {
	ed := &content.Edition{Sections: []*content.Section{{Articles: []*content.Article{testArticle(testAssets(t))}}}}
	b, err := Build(context.Background(), ed, Options{DeferCover: true})
	require.NoError(t, err)
	assert.Nil(t, b.Cover)
	require.NoError(t, b.MakeCover(context.Background()))
	require.NotNil(t, b.Cover)
	first := b.Cover
	require.NoError(t, b.MakeCover(context.Background()))
	assert.Same(t, first, b.Cover, "made once")
	whole, err := Build(context.Background(), ed, Options{})
	require.NoError(t, err)
	assert.Equal(t, whole.Cover, b.Cover)
}
