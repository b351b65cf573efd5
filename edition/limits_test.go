package edition_test

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/edition-project/edition/content"
	"github.com/edition-project/edition/edition"
	"github.com/edition-project/edition/images"
)

func TestLimitsDefaults(t *testing.T) {
	l := edition.Limits{}.WithDefaults()
	assert.Equal(t, edition.Limits{
		MaxTextBytes: edition.DefaultMaxTextBytes, MaxBlockBytes: edition.DefaultMaxBlockBytes,
		MaxBlocks: edition.DefaultMaxBlocks, MaxDepth: edition.DefaultMaxDepth,
		MaxImagePixels: images.DefaultMaxPixels, MaxImageBytes: images.DefaultMaxBytes,
	}, l)
	custom := edition.Limits{MaxDepth: 3, MaxImageBytes: 10}
	assert.Equal(t, 3, custom.WithDefaults().MaxDepth)
	assert.Equal(t, int64(10), custom.WithDefaults().MaxImageBytes)
}

// TestLimits builds articles just over each limit: the build fails with an
// error that matches edition.ErrLimit, is a content error naming the file,
// and says which limit; just under, it builds.
func TestLimits(t *testing.T) {
	photo := fstest.MapFS{"p.jpg": {Data: smallJPEG(t, 64, 48)}}
	cases := []struct {
		name     string
		body     string
		assets   fstest.MapFS
		front    string
		over, ok edition.Limits
		want     string
	}{
		{name: "text", body: strings.Repeat("Ten bytes.\n\n", 100),
			over: edition.Limits{MaxTextBytes: 500}, ok: edition.Limits{MaxTextBytes: 2000},
			want: "a.md: the edition holds 1001 bytes of text by this article, more than the limit of 500 bytes"},
		{name: "block", body: "Short.\n\n" + strings.Repeat("word ", 100) + "\n",
			over: edition.Limits{MaxBlockBytes: 400}, ok: edition.Limits{MaxBlockBytes: 600},
			want: `a.md: body: the paragraph "word word word word word word word word …" holds 499 bytes of text, more than the limit of 400 bytes for one block`},
		{name: "blocks", body: strings.Repeat("P.\n\n", 30),
			over: edition.Limits{MaxBlocks: 29}, ok: edition.Limits{MaxBlocks: 30},
			want: "a.md: body: the edition has more than 29 blocks"},
		{name: "depth", body: "- a\n  - b\n    > c\n",
			over: edition.Limits{MaxDepth: 2}, ok: edition.Limits{MaxDepth: 3},
			want: `a.md: body: the quote "c" has lists or quotes nested more than 2 deep`},
		{name: "background depth", body: "Text.\n", front: "background: |\n  > > > deep\n",
			over: edition.Limits{MaxDepth: 2}, ok: edition.Limits{MaxDepth: 3},
			want: `a.md: background.body: the quote "deep" has lists or quotes nested more than 2 deep`},
		{name: "image pixels", body: "Text.\n", front: "photo: {src: p.jpg, alt: x}\n", assets: photo,
			over: edition.Limits{MaxImagePixels: 64*48 - 1}, ok: edition.Limits{MaxImagePixels: 64 * 48},
			want: `a.md:4: photo.src: photo "p.jpg": images: picture too large: it is 64×48 pixels`},
		{name: "image bytes", body: "Text.\n", front: "photo: {src: p.jpg, alt: x}\n", assets: photo,
			over: edition.Limits{MaxImageBytes: int64(len(photo["p.jpg"].Data)) - 1}, ok: edition.Limits{MaxImageBytes: int64(len(photo["p.jpg"].Data))},
			want: `a.md:4: photo.src: photo "p.jpg": images: picture too large: the file is`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			src := "---\nheadline: H\npublished: 2024-05-01\n" + tc.front + "---\n\n" + tc.body
			a, err := content.ParseArticle("a.md", []byte(src), tc.assets)
			require.NoError(t, err)
			ed := content.SingleArticle(a)
			_, err = edition.Build(context.Background(), ed, edition.Options{Limits: tc.over})
			require.Error(t, err)
			assert.True(t, content.IsContentError(err), "%T %v", err, err)
			assert.Contains(t, err.Error(), tc.want)
			if !strings.HasPrefix(tc.name, "image") {
				assert.ErrorIs(t, err, edition.ErrLimit)
			}
			_, err = edition.Build(context.Background(), ed, edition.Options{Limits: tc.ok})
			assert.NoError(t, err)
		})
	}
}

// TestImageBytesAboveDefault gives a picture file larger than the default
// limit (30 MB): refused by default, read when the limit is raised.
func TestImageBytesAboveDefault(t *testing.T) {
	data := append(smallJPEG(t, 64, 48), make([]byte, images.DefaultMaxBytes)...)
	src := "---\nheadline: H\npublished: 2024-05-01\nphoto: {src: p.jpg, alt: x}\n---\n\nText.\n"
	a, err := content.ParseArticle("a.md", []byte(src), fstest.MapFS{"p.jpg": {Data: data}})
	require.NoError(t, err)
	ed := content.SingleArticle(a)
	_, err = edition.Build(context.Background(), ed, edition.Options{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), `photo "p.jpg": images: picture too large: the file is 30.0 MB, more than the limit of 30.0 MB`)
	_, err = edition.Build(context.Background(), ed, edition.Options{Limits: edition.Limits{MaxImageBytes: 2 * images.DefaultMaxBytes}})
	assert.NoError(t, err, "a raised limit lets the file in")
}
