package edition

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/jpeg"
	pngenc "image/png"
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/edition-project/edition/content"
	"github.com/edition-project/edition/images"
)

func decodeCover(t *testing.T, b *Book) image.Image {
	t.Helper()
	require.NotNil(t, b.Cover)
	assert.Equal(t, "cover.jpg", b.Cover.Name)
	assert.Equal(t, b.Cover.EPUB, b.Cover.PDF)
	assert.Equal(t, "image/jpeg", b.Cover.EPUB.MediaType)
	m, err := jpeg.Decode(bytes.NewReader(b.Cover.EPUB.Data))
	require.NoError(t, err)
	require.Equal(t, image.Pt(coverWidth, coverHeight), m.Bounds().Size())
	assert.Equal(t, [2]int{coverWidth, coverHeight}, [2]int{b.Cover.EPUB.Width, b.Cover.EPUB.Height})
	return m
}

func nearRGB(c color.Color, want color.RGBA, tol int) bool {
	r, g, b, _ := c.RGBA()
	d := func(x uint32, y uint8) bool { return abs(int(x>>8)-int(y)) <= tol }
	return d(r, want.R) && d(g, want.G) && d(b, want.B)
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

func TestCoverWithPhoto(t *testing.T) {
	b, err := buildOne(t, testArticle(testAssets(t)))
	require.NoError(t, err)
	m := decodeCover(t, b)
	assert.True(t, nearRGB(m.At(800, 20), coverInk, 6), "masthead band on the dark page: %v", m.At(800, 20))
	// The lead photo (red) fills the upper part.
	r, g, _, _ := m.At(800, 600).RGBA()
	assert.Greater(t, r>>8, 100+g>>8, "photo area is the red lead photo: %v", m.At(800, 600))
	assert.True(t, nearRGB(m.At(1550, 2380), coverInk, 6), "bottom right is background")

	// Same content, same bytes.
	b2, err := buildOne(t, testArticle(testAssets(t)))
	require.NoError(t, err)
	assert.Equal(t, b.Cover.EPUB.Data, b2.Cover.EPUB.Data)
}

func TestCoverWithoutPhoto(t *testing.T) {
	a := testArticle(nil)
	a.Photo, a.Background = nil, nil
	a.Body = a.Body[:1]
	b, err := buildOne(t, a)
	require.NoError(t, err)
	m := decodeCover(t, b)
	assert.True(t, nearRGB(m.At(800, 600), coverInk, 6), "no photo: page colour where it would be: %v", m.At(800, 600))
	// The headline is there: some pixels in the text area are paper-light.
	light := 0
	for y := 700; y < 1900; y += 4 {
		for x := coverMargin; x < coverWidth-coverMargin; x += 4 {
			if nearRGB(m.At(x, y), coverPaper, 30) {
				light++
			}
		}
	}
	assert.Greater(t, light, 2000, "headline pixels")
}

func TestCoverPortraitAndTransparentPhotos(t *testing.T) {
	for name, data := range map[string][]byte{
		"portrait":    testJPEG(t, 300, 900, color.RGBA{30, 200, 60, 255}),
		"transparent": testPNG(t, 500, 300),
	} {
		t.Run(name, func(t *testing.T) {
			a := testArticle(fstest.MapFS{"p": {Data: data}})
			a.Photo.Src = "p"
			a.Body, a.Background = a.Body[:1], nil
			b, err := buildOne(t, a)
			require.NoError(t, err)
			decodeCover(t, b)
		})
	}
}

func TestCoverText(t *testing.T) {
	fs, err := coverFonts()
	require.NoError(t, err)
	bold := fs[0]

	t.Run("long headlines shrink, then are cut", func(t *testing.T) {
		short := "Aleppo Falls"
		long := strings.Repeat("Syrians are posting heartbreaking messages as Aleppo is seized ", 8)
		_, s1, l1, err := fitHeadline(bold, short, 1400, 700, 108, 5)
		require.NoError(t, err)
		f, s2, l2, err := fitHeadline(bold, long, 1400, 700, 108, 5)
		require.NoError(t, err)
		assert.Equal(t, 108, s1)
		assert.Len(t, l1, 1)
		assert.Less(t, s2, s1)
		assert.LessOrEqual(t, len(l2), 5)
		assert.True(t, strings.HasSuffix(l2[len(l2)-1], "…"), "cut short: %q", l2)
		for _, l := range l2 {
			assert.LessOrEqual(t, measure(f, l, 0), 1400, l)
		}
	})
	t.Run("a word wider than the page is broken", func(t *testing.T) {
		f, err := face(bold, 100)
		require.NoError(t, err)
		lines := wrap(f, strings.Repeat("x", 80), 1400)
		assert.Greater(t, len(lines), 1)
		for _, l := range lines {
			assert.LessOrEqual(t, measure(f, l, 0), 1400)
		}
	})
	t.Run("kerning grows with the size", func(t *testing.T) {
		// opentype's own Face.Kern is the same at every size (golang/go#46727).
		for _, px := range []int{38, 150} {
			f, err := face(bold, px)
			require.NoError(t, err)
			kern := measure(f, "A", 0) + measure(f, "V", 0) - measure(f, "AV", 0)
			assert.InDelta(t, float64(px)*0.04, kern, float64(px)*0.03, "AV at %d px", px)
		}
	})
	t.Run("scripts the font lacks are left off", func(t *testing.T) {
		assert.True(t, hasGlyphs(bold, "Syrians – “Aleppo” Ελλάδα Москва"))
		assert.False(t, hasGlyphs(bold, "حلب"))
		a := testArticle(nil)
		a.Photo, a.Background, a.Body = nil, nil, a.Body[:1]
		a.Headline, a.Section, a.Language = "سكان حلب ينشرون رسائل مؤثرة", "عالم", "ar"
		b, err := buildOne(t, a)
		require.NoError(t, err)
		decodeCover(t, b)
	})
	t.Run("dates", func(t *testing.T) {
		b := &Book{Edition: &content.Edition{}, Language: "en-AU", Date: testArticle(nil).Published}
		assert.Equal(t, "13 December 2016", coverTextOf(b, testArticle(nil)).Date)
		de := testArticle(nil)
		de.Language = "de"
		assert.Equal(t, "13. Dezember 2016", coverTextOf(b, de).Date, "in the lead article's language")
	})
}

func TestEncodeCoverInStrips(t *testing.T) {
	a := testArticle(testAssets(t))
	bk, err := buildOne(t, a)
	require.NoError(t, err)
	d, err := images.Decode(bk.Image(a.Photo).PDF.Data, images.Limits{})
	require.NoError(t, err)
	c, err := paintCover(coverTextOf(bk, a), d)
	require.NoError(t, err)
	m := c.image()

	// Painted strip by strip, the cover has the pixels of the whole.
	for _, y := range [][2]int{{0, 400}, {390, 410}, {1000, 1400}, {2300, 2400}} {
		band := c.band(y[0], y[1])
		whole := m.SubImage(band.Rect).(*image.RGBA)
		for row := y[0]; row < y[1]; row++ {
			require.True(t, bytes.Equal(band.Pix[band.PixOffset(0, row):band.PixOffset(coverWidth, row)],
				whole.Pix[whole.PixOffset(0, row):whole.PixOffset(coverWidth, row)]), "row %d", row)
		}
	}

	var whole bytes.Buffer
	require.NoError(t, jpeg.Encode(&whole, m, &jpeg.Options{Quality: coverQuality}))
	joined, err := encodeCover(c)
	require.NoError(t, err)
	assert.True(t, bytes.Contains(joined, []byte{0xff, 0xdd, 0, 4}), "strips joined with restart markers, not encoded whole")

	// Restarts only reset the DC predictions: the pixels are the same.
	w, err := jpeg.Decode(&whole)
	require.NoError(t, err)
	j, err := jpeg.Decode(bytes.NewReader(joined))
	require.NoError(t, err)
	wy, ok1 := w.(*image.YCbCr)
	jy, ok2 := j.(*image.YCbCr)
	require.True(t, ok1 && ok2)
	assert.Equal(t, wy.Rect, jy.Rect)
	assert.True(t, bytes.Equal(wy.Y, jy.Y) && bytes.Equal(wy.Cb, jy.Cb) && bytes.Equal(wy.Cr, jy.Cr), "same samples")

	t.Run("strips that do not match are refused", func(t *testing.T) {
		strip := func(q int) []byte {
			var buf bytes.Buffer
			require.NoError(t, jpeg.Encode(&buf, m.SubImage(image.Rect(0, 0, 64, 32)), &jpeg.Options{Quality: q}))
			return buf.Bytes()
		}
		_, err := joinJPEGStrips([][]byte{strip(85), strip(85)}, 64, 8)
		assert.NoError(t, err)
		_, err = joinJPEGStrips([][]byte{strip(85), strip(60)}, 64, 8)
		assert.Error(t, err, "different tables")
		for _, bad := range [][]byte{nil, {0xff, 0xd8, 0xff, 0xd9}, strip(85)[:40], append(strip(85)[:20:20], 0xff, 0xd9)} {
			_, err = joinJPEGStrips([][]byte{bad}, 32, 8)
			assert.Error(t, err)
		}
	})
}

// TestExamplePhoto checks the example article's generated stand-in photo.
func TestExamplePhoto(t *testing.T) {
	data, err := os.ReadFile("../examples/aleppo/photo.jpg")
	if os.IsNotExist(err) {
		t.Skip("examples/aleppo/photo.jpg is not there")
	}
	require.NoError(t, err)
	assert.Less(t, len(data), 150<<10)
	d, err := images.Decode(data, images.Limits{})
	require.NoError(t, err)
	assert.Equal(t, [2]int{1600, 1067}, [2]int{d.Width, d.Height})
}

func BenchmarkMakeCover(b *testing.B) {
	for _, withPhoto := range []bool{true, false} {
		name := "photo"
		if !withPhoto {
			name = "nophoto"
		}
		b.Run(name, func(b *testing.B) {
			a := testArticle(testAssets(b))
			if !withPhoto {
				a.Photo, a.Background, a.Body = nil, nil, a.Body[:1]
			}
			bk, err := buildOne(b, a)
			if err != nil {
				b.Fatal(err)
			}
			ctx := context.Background()
			b.ReportAllocs()
			for b.Loop() {
				if err := makeCover(ctx, bk); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkPrepareImages(b *testing.B) {
	a := testArticle(testAssets(b))
	ed := &content.Edition{Sections: []*content.Section{{Articles: []*content.Article{a}}}}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		bk := &Book{Edition: ed, images: map[*content.Photo]*Image{}}
		if err := prepareImages(ctx, bk); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEncodeCover compares ways of handing the painted cover to
// image/jpeg.
func BenchmarkEncodeCover(b *testing.B) {
	a := testArticle(testAssets(b))
	bk, err := buildOne(b, a)
	if err != nil {
		b.Fatal(err)
	}
	d, err := images.Decode(bk.Image(a.Photo).PDF.Data, images.Limits{})
	if err != nil {
		b.Fatal(err)
	}
	c, err := paintCover(coverTextOf(bk, a), d)
	if err != nil {
		b.Fatal(err)
	}
	m := c.image()
	b.Run("whole", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var buf bytes.Buffer
			if err := jpeg.Encode(&buf, m, &jpeg.Options{Quality: coverQuality}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("strips", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := encodeCover(c); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// TestManifestCover uses the edition's own cover picture instead of
// generating one, and says which file is wrong when it cannot.
func TestManifestCover(t *testing.T) {
	a := testArticle(testAssets(t))
	ed := content.SingleArticle(a)
	ed.File, ed.Cover = "weekly/edition.yaml", "front.jpg"
	ed.Assets = fstest.MapFS{"front.jpg": {Data: testJPEG(t, 800, 1200, color.RGBA{200, 30, 30, 255})}}
	b, err := Build(context.Background(), ed, Options{})
	require.NoError(t, err)
	require.NotNil(t, b.Cover)
	assert.Equal(t, "cover.jpg", b.Cover.Name)
	assert.Equal(t, [2]int{800, 1200}, [2]int{b.Cover.EPUB.Width, b.Cover.EPUB.Height})

	ed.Assets = fstest.MapFS{"front.jpg": {Data: []byte("not a picture")}}
	_, err = Build(context.Background(), ed, Options{})
	require.Error(t, err)
	assert.True(t, content.IsContentError(err))
	assert.Contains(t, err.Error(), `weekly/edition.yaml: cover: "front.jpg": `)
}

// riverbend loads the three-section edition under testdata/editions.
func riverbend(t *testing.T) *content.Edition {
	t.Helper()
	ed, err := content.ReadEditionFile("../testdata/editions/riverbend-weekly")
	require.NoError(t, err)
	return ed
}

// TestEditionCover checks a whole edition's generated cover: the edition's
// title and date, the first article with a photo as its lead story, and a
// line for the other sections' stories.
func TestEditionCover(t *testing.T) {
	ed := riverbend(t)
	b, err := Build(context.Background(), ed, Options{})
	require.NoError(t, err)
	require.True(t, b.FrontMatter())
	arts := ed.Articles()
	require.Nil(t, arts[0].Photo, "the fixture's first article has no photo")

	lead, photo, err := coverLead(b)
	require.NoError(t, err)
	assert.Same(t, arts[1], lead, "the first article with a photo leads")
	require.NotNil(t, photo)
	ct := coverTextOf(b, lead)
	assert.True(t, ct.Edition)
	assert.Equal(t, "The Riverbend Weekly", ct.Masthead)
	assert.Equal(t, "News, arts and sport from the Coorabin valley", ct.Subtitle)
	assert.Equal(t, "14 September 2024", ct.Date)
	assert.Equal(t, "Town", ct.Section)
	assert.Equal(t, arts[1].Headline, ct.Headline)
	assert.Equal(t, []coverLine{{"Town", arts[0].Headline}, {"Arts", arts[2].Headline}, {"Sport", arts[4].Headline}}, ct.Lines)

	m := decodeCover(t, b)
	assert.True(t, nearRGB(m.At(20, 20), coverInk, 6), "the nameplate stands on the dark page")
	assert.False(t, nearRGB(m.At(800, 600), coverInk, 30), "the lead photo fills the upper part: %v", m.At(800, 600))
	bg, ok := b.CoverBackground()
	assert.True(t, ok)
	assert.Equal(t, coverInk, bg)
	// The nameplate: light pixels across the top.
	light := 0
	for y := 90; y < 260; y += 3 {
		for x := coverMargin; x < coverWidth-coverMargin; x += 3 {
			if nearRGB(m.At(x, y), coverPaper, 40) {
				light++
			}
		}
	}
	assert.Greater(t, light, 1500, "nameplate pixels")

	// In the edition's language; without photos, the headline stands
	// alone in the middle.
	ed.Language = "de"
	for _, a := range arts {
		a.Photo = nil
	}
	b, err = Build(context.Background(), ed, Options{})
	require.NoError(t, err)
	lead, photo, err = coverLead(b)
	require.NoError(t, err)
	assert.Same(t, arts[0], lead)
	assert.Nil(t, photo)
	assert.Equal(t, "14. September 2024", coverTextOf(b, lead).Date)
	m = decodeCover(t, b)
	assert.True(t, nearRGB(m.At(800, 600), coverInk, 6), "no photo: %v", m.At(800, 600))
}

// TestMasthead prepares the manifest's masthead picture for both formats
// and says which file is wrong when it cannot.
func TestMasthead(t *testing.T) {
	ed := riverbend(t)
	b, err := Build(context.Background(), ed, Options{})
	require.NoError(t, err)
	require.NotNil(t, b.Masthead)
	assert.Equal(t, [2]int{1200, 200}, [2]int{b.Masthead.EPUB.Width, b.Masthead.EPUB.Height})
	assert.NotEmpty(t, b.Masthead.PDF.Data)

	ed.Masthead = ""
	b, err = Build(context.Background(), ed, Options{})
	require.NoError(t, err)
	assert.Nil(t, b.Masthead)

	ed.Masthead = "missing.png"
	_, err = Build(context.Background(), ed, Options{})
	require.Error(t, err)
	assert.True(t, content.IsContentError(err))
	assert.Contains(t, err.Error(), "masthead")
	assert.Contains(t, err.Error(), "missing.png")

	// The build's picture limits bound the masthead too.
	big := image.NewGray(image.Rect(0, 0, 2000, 2000))
	var png bytes.Buffer
	require.NoError(t, pngenc.Encode(&png, big))
	ed.Masthead, ed.Assets = "big.png", overlay(ed.Assets, "big.png", png.Bytes())
	_, err = Build(context.Background(), ed, Options{Limits: Limits{MaxImagePixels: 2000*2000 - 1}})
	require.Error(t, err)
	assert.True(t, content.IsContentError(err))
	assert.Contains(t, err.Error(), "masthead")
	assert.Contains(t, err.Error(), "more than the limit of 4.0 megapixels")

	// An edition's own cover is not framed.
	one := singleEdition(t)
	one.Cover, one.Assets = "front.jpg", fstest.MapFS{"front.jpg": {Data: testJPEG(t, 80, 120, color.RGBA{200, 30, 30, 255})}}
	b, err = Build(context.Background(), one, Options{})
	require.NoError(t, err)
	_, ok := b.CoverBackground()
	assert.False(t, ok)
}

// singleEdition is the test article as an edition of its own.
func singleEdition(t *testing.T) *content.Edition {
	return content.SingleArticle(testArticle(testAssets(t)))
}

func BenchmarkMakeEditionCover(b *testing.B) {
	ed, err := content.ReadEditionFile("../testdata/editions/riverbend-weekly")
	if err != nil {
		b.Fatal(err)
	}
	bk, err := Build(context.Background(), ed, Options{})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if err := makeCover(ctx, bk); err != nil {
			b.Fatal(err)
		}
	}
}

// overlay returns fsys with one more file, name.
func overlay(fsys fs.FS, name string, data []byte) fs.FS { return overlayFS{fsys, name, data} }

type overlayFS struct {
	fs.FS
	name string
	data []byte
}

func (o overlayFS) Open(name string) (fs.File, error) {
	if name == o.name {
		return fstest.MapFS{name: {Data: o.data}}.Open(name)
	}
	return o.FS.Open(name)
}
