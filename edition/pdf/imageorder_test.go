package pdf

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/edition-project/edition/content"
	"github.com/edition-project/edition/edition"
)

// TestPicturesInOneOrder renders a book whose pictures share their width,
// which fpdf writes in map order, many times: the bytes never change.
func TestPicturesInOneOrder(t *testing.T) {
	a := aleppo(t)
	// A PNG with transparency (a picture with a soft mask) and a JPEG,
	// each as wide as the lead photo.
	lead, _, err := image.DecodeConfig(bytes.NewReader(testJPEG(t, 400, 300)))
	require.NoError(t, err)
	m := image.NewNRGBA(image.Rect(0, 0, lead.Width, 120))
	for y := range 120 {
		for x := range lead.Width {
			m.Set(x, y, color.NRGBA{uint8(x), 90, uint8(y), uint8(100 + y)})
		}
	}
	var pngData bytes.Buffer
	require.NoError(t, png.Encode(&pngData, m))
	assets := fstest.MapFS{"aleppo.jpg": {Data: testJPEG(t, 400, 300)}, "mask.png": {Data: pngData.Bytes()},
		"other.jpg": {Data: testJPEG(t, 400, 200)}}
	a.Assets = assets
	a.Photo.Src = "aleppo.jpg"
	a.Body = append(a.Body,
		&content.Figure{Photo: &content.Photo{Src: "mask.png", Alt: "A mask"}},
		&content.Figure{Photo: &content.Photo{Src: "other.jpg", Alt: "Another"}})
	b := book(t, edition.Options{}, a)
	first := renderBytes(t, b)
	assert.Equal(t, 4, imageCount(readContext(t, first)), "three pictures and a soft mask")
	for range 12 {
		require.Equal(t, first, renderBytes(t, b))
	}

	// The same pictures again in a second article: fpdf registers them
	// twice and writes them once.
	two := *a
	two.Slug, two.Headline = "again", "The Same Pictures Again"
	b = book(t, edition.Options{}, a, &two)
	first = renderBytes(t, b)
	assert.Equal(t, 5, imageCount(readContext(t, first)), "and the cover")
	for range 6 {
		require.Equal(t, first, renderBytes(t, b))
	}
}
