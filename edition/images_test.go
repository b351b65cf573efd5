package edition

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io/fs"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/edition-project/edition/content"
)

// testJPEG is a w×h photo-like JPEG in the given tint.
func testJPEG(t testing.TB, w, h int, tint color.RGBA) []byte {
	t.Helper()
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			f := 0.6 + 0.4*float64(x+y)/float64(w+h)
			m.SetRGBA(x, y, color.RGBA{uint8(float64(tint.R) * f), uint8(float64(tint.G) * f), uint8(float64(tint.B) * f), 255})
		}
	}
	var b bytes.Buffer
	require.NoError(t, jpeg.Encode(&b, m, &jpeg.Options{Quality: 85}))
	return b.Bytes()
}

// testPNG is a w×h PNG, transparent on its left half.
func testPNG(t testing.TB, w, h int) []byte {
	t.Helper()
	m := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := w / 2; x < w; x++ {
			m.SetNRGBA(x, y, color.NRGBA{20, 120, 200, 255})
		}
	}
	var b bytes.Buffer
	require.NoError(t, png.Encode(&b, m))
	return b.Bytes()
}

// testArticle is the Aleppo report with a lead photo, a body figure, a
// background figure and a second use of the lead photo, read from assets.
func testArticle(assets fs.FS) *content.Article {
	p := func(text string) *content.Paragraph {
		return &content.Paragraph{Inlines: []content.Inline{{Text: text}}}
	}
	return &content.Article{
		File:       "aleppo/index.md",
		Slug:       "syrians-aleppo",
		Headline:   "Syrians Are Posting Heartbreaking Messages As Aleppo Is Seized",
		Standfirst: []content.Inline{{Text: "‘I am very sad no one is helping us in this world, no one is evacuating me’."}},
		Byline:     []string{"Eliza Berlage"},
		Published:  time.Date(2016, 12, 13, 8, 26, 0, 0, time.FixedZone("AEDT", 11*3600)),
		Updated:    time.Date(2016, 12, 13, 9, 28, 0, 0, time.FixedZone("AEDT", 11*3600)),
		Language:   "en-AU",
		Section:    "World",
		Publisher:  "The Huffington Post Australia",
		Photo: &content.Photo{Src: "photo.jpg", Alt: "A city's rooftops at dusk", Line: 9,
			Caption: []content.Inline{{Text: "People carry their belongings as they flee deeper into the remaining rebel-held areas of Aleppo"}},
			Credit:  []content.Inline{{Text: "Abdalrhman Ismail / Reuters"}}},
		Body: []content.Block{
			p("The Syrian army is in the \"final stages\" of retaking the warzone city of Aleppo from rebel groups."),
			&content.Figure{Photo: &content.Photo{Src: "pictures/map.png", Alt: "Map", Line: 21}},
			p("CNN managed to speak to Bana and her mother Fatemah yesterday."),
			&content.Figure{Photo: &content.Photo{Src: "./photo.jpg", Alt: "Again", Line: 25}},
		},
		Background: &content.Background{Body: []content.Block{
			p("The battle for Aleppo has raged since 2012."),
			&content.Figure{Photo: &content.Photo{Src: "big.jpg", Alt: "Wide", Line: 31}},
		}},
		Assets: assets,
	}
}

// testFiles are made once: encoding a 3000×2000 JPEG takes a while.
var testFiles = sync.OnceValue(func() map[string][]byte {
	t := &testing.T{}
	return map[string][]byte{
		"photo.jpg":        testJPEG(t, 900, 600, color.RGBA{200, 60, 40, 255}),
		"pictures/map.png": testPNG(t, 400, 300),
		"big.jpg":          testJPEG(t, 3000, 2000, color.RGBA{40, 90, 200, 255}),
	}
})

func testAssets(t testing.TB) fstest.MapFS {
	m := fstest.MapFS{}
	for name, data := range testFiles() {
		m[name] = &fstest.MapFile{Data: data}
	}
	return m
}

func buildOne(t testing.TB, a *content.Article) (*Book, error) {
	t.Helper()
	ed := &content.Edition{Sections: []*content.Section{{Articles: []*content.Article{a}}}}
	return Build(context.Background(), ed, Options{})
}

func TestPrepareImages(t *testing.T) {
	assets := testAssets(t)
	a := testArticle(assets)
	b, err := buildOne(t, a)
	require.NoError(t, err)
	ps := a.Photos()
	require.Len(t, ps, 4)

	lead := b.Image(ps[0])
	require.NotNil(t, lead)
	assert.Equal(t, "photo-1.jpg", lead.Name)
	assert.Equal(t, "image/jpeg", lead.EPUB.MediaType)
	assert.Equal(t, [2]int{900, 600}, [2]int{lead.EPUB.Width, lead.EPUB.Height})
	assert.Equal(t, assets["photo.jpg"].Data, lead.PDF.Data, "a JPEG that fits is embedded untouched")

	m := b.Image(ps[1])
	require.NotNil(t, m)
	assert.Equal(t, "photo-2.png", m.Name)
	assert.Equal(t, "image/png", m.EPUB.MediaType)
	assert.Equal(t, "image/png", m.PDF.MediaType)

	assert.Same(t, lead, b.Image(ps[2]), "the same picture is prepared once")

	big := b.Image(ps[3])
	require.NotNil(t, big)
	assert.Equal(t, "photo-3.jpg", big.Name)
	assert.Equal(t, [2]int{1600, 1067}, [2]int{big.EPUB.Width, big.EPUB.Height})
	assert.Equal(t, [2]int{2008, 1339}, [2]int{big.PDF.Width, big.PDF.Height}, "170 mm at 300 ppi")
	for _, e := range []Encoded{big.EPUB, big.PDF} {
		cfg, err := jpeg.DecodeConfig(bytes.NewReader(e.Data))
		require.NoError(t, err)
		assert.Equal(t, [2]int{e.Width, e.Height}, [2]int{cfg.Width, cfg.Height})
	}

	// Same content, same bytes and names.
	b2, err := buildOne(t, testArticle(assets))
	require.NoError(t, err)
	for i, p := range b2.Edition.Articles()[0].Photos() {
		assert.Equal(t, b.Image(ps[i]).Name, b2.Image(p).Name)
		assert.Equal(t, b.Image(ps[i]).EPUB.Data, b2.Image(p).EPUB.Data)
		assert.Equal(t, b.Image(ps[i]).PDF.Data, b2.Image(p).PDF.Data)
	}
}

func TestPrepareImagesLetter(t *testing.T) {
	assert.Equal(t, 2008, printWidth(A4))
	assert.Equal(t, 2078, printWidth(Letter))
}

func TestPrepareImagesErrors(t *testing.T) {
	tests := []struct {
		name   string
		src    string // of the lead photo, or of the body figure when figure is set
		figure bool
		assets fs.FS
		say    string
		is     error
	}{
		{name: "missing", src: "Photo.JPG", say: `"Photo.JPG": not found in the article's folder (aleppo): check the file name`, is: fs.ErrNotExist},
		{name: "missing figure", src: "nope.png", figure: true, say: `figure "nope.png": not found`, is: fs.ErrNotExist},
		{name: "outside the folder", src: "../secret.jpg", say: "without .. or a leading /"},
		{name: "absolute", src: "/etc/passwd", say: "without .. or a leading /"},
		{name: "url", src: "https://example.com/a.jpg", say: "never downloaded"},
		{name: "backslash", src: `pictures\map.png`, say: "forward slashes"},
		{name: "empty", src: "", say: "no file given"},
		{name: "folder", src: "pictures", say: "is a folder"},
		{name: "no assets", src: "photo.jpg", assets: nil, say: "no folder to read pictures from"},
		{name: "not a picture", src: "notes.txt", say: "not a supported picture format"},
		{name: "damaged", src: "cut.jpg", say: "damaged or cut short"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assets := testAssets(t)
			assets["notes.txt"] = &fstest.MapFile{Data: []byte("not a picture")}
			assets["cut.jpg"] = &fstest.MapFile{Data: assets["photo.jpg"].Data[:2000]}
			var fsys fs.FS = assets
			if tt.name == "no assets" {
				fsys = tt.assets
			}
			a := testArticle(fsys)
			line, field := 9, "photo.src"
			if tt.figure {
				a.Body[1].(*content.Figure).Photo.Src = tt.src
				line, field = 21, ""
			} else {
				a.Photo.Src = tt.src
			}
			_, err := buildOne(t, a)
			require.Error(t, err)
			var ce *content.Error
			require.True(t, errors.As(err, &ce), "a content error: %v", err)
			assert.Equal(t, "aleppo/index.md", ce.File)
			assert.Equal(t, line, ce.Line)
			assert.Equal(t, field, ce.Field)
			assert.Contains(t, err.Error(), tt.say)
			if tt.is != nil {
				assert.ErrorIs(t, err, tt.is)
			}
		})
	}
}

func TestPrepareImagesCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	ed := &content.Edition{Sections: []*content.Section{{Articles: []*content.Article{testArticle(testAssets(t))}}}}
	_, err := Build(ctx, ed, Options{})
	require.ErrorIs(t, err, context.Canceled)
	assert.False(t, content.IsContentError(err))
}

func TestPrepareImagesNoPhotos(t *testing.T) {
	a := testArticle(nil)
	a.Photo, a.Background = nil, nil
	a.Body = a.Body[:1]
	b, err := buildOne(t, a)
	require.NoError(t, err)
	assert.Empty(t, b.images)
}
