package epub

import (
	"archive/zip"
	"bytes"
	"image"
	_ "image/gif" // DecodeConfig of the GIF placeholder
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPlaceholders(t *testing.T) {
	ph, err := placeholders()
	require.NoError(t, err)
	for mt, format := range map[string]string{"image/jpeg": "jpeg", "image/png": "png", "image/gif": "gif"} {
		p := ph[mt]
		require.NotNil(t, p, mt)
		assert.True(t, sniffsAs(p.data, mt), mt)
		cfg, got, err := image.DecodeConfig(bytes.NewReader(p.data))
		require.NoError(t, err, mt)
		assert.Equal(t, format, got)
		assert.Equal(t, 1, cfg.Width*cfg.Height, mt)
		assert.True(t, strings.HasPrefix(p.url, "data:"+mt+";base64,"), mt)
	}
	assert.False(t, sniffsAs([]byte("\xFF\xD8\xFF"), "image/png"))
	apng := append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 29)...)
	assert.False(t, sniffsAs(append(apng, "acTL"...), "image/png"), "animated PNG")
	assert.True(t, sniffsAs(append(apng, "IDAT"...), "image/png"))
}

// TestPicturesPutBack checks that every picture in the EPUB holds the
// book's own bytes, not go-epub's placeholder.
func TestPicturesPutBack(t *testing.T) {
	b := aleppoBook(t)
	u := unzipEPUB(t, renderBytes(t, b))
	require.NotNil(t, b.Cover)
	p, err := newPlan(b, Renderer{})
	require.NoError(t, err)
	require.NotEmpty(t, p.images)
	ph, err := placeholders()
	require.NoError(t, err)
	for _, img := range p.images {
		got := u.files[contentDir+imageDir+img.file]
		assert.Equal(t, img.enc.Data, got, img.file)
		assert.NotEqual(t, ph[img.enc.MediaType].data, got, img.file)
	}
	types := map[string]string{}
	for _, it := range parseOPF(t, u.files[contentDir+pkgFile]).Items {
		types[it.Href] = it.MediaType
	}
	for _, img := range p.images {
		assert.Equal(t, img.enc.MediaType, types[imageDir+img.file], img.file)
	}
}

// TestPictureGoepubSniffs gives go-epub a picture whose bytes do not match
// its media type: it goes to go-epub itself, and the manifest says what
// go-epub finds.
func TestPictureGoepubSniffs(t *testing.T) {
	b := aleppoBook(t)
	b.Cover.EPUB.MediaType = "image/png" // the data is a JPEG
	u := unzipEPUB(t, renderBytes(t, b))
	var cover string
	for name := range u.files {
		if strings.HasPrefix(name, contentDir+imageDir) && strings.HasSuffix(name, ".png") {
			cover = name
		}
	}
	require.NotEmpty(t, cover)
	assert.Equal(t, b.Cover.EPUB.Data, u.files[cover])
	for _, it := range parseOPF(t, u.files[contentDir+pkgFile]).Items {
		if contentDir+it.Href == cover {
			assert.Equal(t, "image/jpeg", it.MediaType)
		}
	}
}

// TestFinishRefusesPlaceholders tampers with go-epub's output: a picture
// or a body that finish cannot put in makes it fail, and never leaves a
// placeholder in the book.
func TestFinishRefusesPlaceholders(t *testing.T) {
	b := aleppoBook(t)
	p, err := newPlan(b, Renderer{})
	require.NoError(t, err)
	raw, err := p.assemble(noNetwork)
	require.NoError(t, err)
	require.NoError(t, p.finish(raw, io.Discard))

	pic := contentDir + imageDir + p.images[0].file
	art := contentDir + xhtmlDir + p.docs[len(p.docs)-1].file
	for _, tc := range []struct {
		name, entry string
		with        []byte // nil drops the entry
		want        string
	}{
		{"picture missing", pic, nil, "go-epub did not write " + pic},
		{"picture changed", pic, []byte("GIF89a"), "did not write the placeholder"},
		{"body missing", art, []byte(`<html xmlns="http://www.w3.org/1999/xhtml"><head><title/></head><body></body></html>`),
			"did not write the body"},
		{"body twice", art, []byte(`<html xmlns="http://www.w3.org/1999/xhtml"><head><title/></head><body>` +
			bodyMarker + bodyMarker + `</body></html>`), "did not write the body"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			err := p.finish(rezip(t, raw, tc.entry, tc.with), &out)
			assert.ErrorContains(t, err, tc.want)
		})
	}
}

// TestBodyUsesEPUB reads bodies the way finish does.
func TestBodyUsesEPUB(t *testing.T) {
	uses, err := bodyUsesEPUB(`<section epub:type="chapter"><p>x</p></section>`)
	require.NoError(t, err)
	assert.True(t, uses)
	uses, err = bodyUsesEPUB(`<p>a</p><p class="b">b &amp; c</p>`)
	require.NoError(t, err)
	assert.False(t, uses)
	for _, bad := range []string{`<p>`, `</p>`, `<p>&nbsp;</p>`, `<p a="1>`} {
		_, err := bodyUsesEPUB(bad)
		assert.Error(t, err, bad)
	}
}

// rezip returns the zip src with entry replaced by with, or dropped when
// with is nil.
func rezip(t *testing.T, src []byte, entry string, with []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(src), int64(len(src)))
	require.NoError(t, err)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		if f.Name != entry {
			require.NoError(t, zw.Copy(f))
			continue
		}
		if with == nil {
			continue
		}
		w, err := zw.Create(f.Name)
		require.NoError(t, err)
		_, err = w.Write(with)
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	return buf.Bytes()
}
