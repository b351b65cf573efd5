package images

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"image/color/palette"
	"image/gif"
	"os"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDecodeFormats(t *testing.T) {
	opaque := photo(64, 48)
	transparent := image.NewNRGBA(image.Rect(0, 0, 64, 48))
	for i := range transparent.Pix {
		transparent.Pix[i] = uint8(i) // varying alpha
	}
	rgba64 := image.NewRGBA64(image.Rect(0, 0, 64, 48))
	gray16 := image.NewGray16(image.Rect(0, 0, 64, 48))
	for y := 0; y < 48; y++ {
		for x := 0; x < 64; x++ {
			rgba64.Set(x, y, color.RGBA64{uint16(x * 1000), uint16(y * 1000), 0x8000, 0xffff})
			gray16.Set(x, y, color.Gray16{uint16(x * 1000)})
		}
	}
	pal := image.NewPaletted(image.Rect(0, 0, 64, 48), append(color.Palette{color.Transparent}, palette.Plan9[1:]...))
	for i := range pal.Pix {
		pal.Pix[i] = uint8(i % 7)
	}
	opaquePal := image.NewPaletted(image.Rect(0, 0, 64, 48), palette.Plan9)
	for i := range opaquePal.Pix {
		opaquePal.Pix[i] = uint8(i % 200)
	}
	var gifData bytes.Buffer
	require.NoError(t, gif.EncodeAll(&gifData, &gif.GIF{
		Image: []*image.Paletted{opaquePal, pal},
		Delay: []int{10, 10},
	}))
	webpLossy, err := os.ReadFile("testdata/video-001.lossy.webp")
	require.NoError(t, err)
	webpAlpha, err := os.ReadFile("testdata/gopher-doc.with-alpha.lossless.webp")
	require.NoError(t, err)

	tests := []struct {
		name   string
		data   []byte
		format string
		w, h   int
		opaque bool
	}{
		{"jpeg", encodeJPEG(t, opaque), "jpeg", 64, 48, true},
		{"jpeg gray", encodeJPEG(t, image.NewGray(image.Rect(0, 0, 30, 20))), "jpeg", 30, 20, true},
		{"jpeg progressive", minimalJPEG([]byte{255, 1, 1}, true, -1), "jpeg", 8, 8, true},
		{"jpeg cmyk", minimalJPEG([]byte{255, 1, 1, 255}, false, 0), "jpeg", 8, 8, true},
		{"jpeg ycck", minimalJPEG([]byte{255, 1, 1, 255}, false, 2), "jpeg", 8, 8, true},
		{"png opaque", encodePNG(t, opaque), "png", 64, 48, true},
		{"png alpha", encodePNG(t, transparent), "png", 64, 48, false},
		{"png 16-bit", encodePNG(t, rgba64), "png", 64, 48, true},
		{"png gray 16-bit", encodePNG(t, gray16), "png", 64, 48, true},
		{"png palette", encodePNG(t, pal), "png", 64, 48, false},
		{"gif first frame", gifData.Bytes(), "gif", 64, 48, true},
		{"webp lossy", webpLossy, "webp", 150, 103, true},
		{"webp alpha", webpAlpha, "webp", 75, 100, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Decode(tt.data, Limits{})
			require.NoError(t, err)
			assert.Equal(t, tt.format, d.Format)
			assert.Equal(t, tt.w, d.Width)
			assert.Equal(t, tt.h, d.Height)
			assert.Equal(t, tt.opaque, d.Opaque)

			// Both preparations give pictures a PDF writer and an EPUB
			// reader can show: JPEG when opaque, 8-bit PNG otherwise.
			for _, e := range []Encoded{must(d.Screen()), must(d.Print(2008))} {
				m := decodeAny(t, e)
				if tt.opaque {
					assert.Equal(t, "image/jpeg", e.MediaType)
					switch m.(type) {
					case *image.YCbCr, *image.Gray:
					default:
						t.Errorf("JPEG decodes to %T, want YCbCr or Gray", m)
					}
				} else {
					assert.Equal(t, "image/png", e.MediaType)
					assertPlainPNG(t, e.Data)
				}
			}
		})
	}
}

func must(e Encoded, err error) Encoded {
	if err != nil {
		panic(err)
	}
	return e
}

// assertPlainPNG checks the IHDR: 8 bits per channel, RGBA, not interlaced,
// the only kind of transparent PNG fpdf embeds.
func assertPlainPNG(t *testing.T, b []byte) {
	t.Helper()
	require.Greater(t, len(b), 29)
	assert.Equal(t, "IHDR", string(b[12:16]))
	assert.Equal(t, byte(8), b[24], "bit depth")
	assert.Equal(t, byte(6), b[25], "colour type")
	assert.Equal(t, byte(0), b[28], "interlace")
}

func TestCMYKBecomesRGB(t *testing.T) {
	// Stored inverted (Adobe style): cyan 0, magenta and yellow full, black 0: red.
	d, err := Decode(minimalJPEG([]byte{255, 1, 1, 255}, false, 0), Limits{})
	require.NoError(t, err)
	e, err := d.Print(0)
	require.NoError(t, err)
	assert.Equal(t, "image/jpeg", e.MediaType)
	m := decodeAny(t, e)
	assert.IsType(t, &image.YCbCr{}, m, "re-encoded as an RGB JPEG, not passed through")
	assert.True(t, near(m.At(4, 4), red, 12), "got %v", m.At(4, 4))
}

func TestScreenScales(t *testing.T) {
	src := encodeJPEG(t, photo(2400, 1200))
	d, err := Decode(src, Limits{})
	require.NoError(t, err)
	e, err := d.Screen()
	require.NoError(t, err)
	assert.Equal(t, "image/jpeg", e.MediaType)
	assert.Equal(t, [2]int{1600, 800}, [2]int{e.Width, e.Height})
	decodeAny(t, e)

	// Portrait pictures are bounded by their height.
	d, err = Decode(encodePNG(t, photo(300, 2000)), Limits{})
	require.NoError(t, err)
	e, err = d.Screen()
	require.NoError(t, err)
	assert.Equal(t, [2]int{240, 1600}, [2]int{e.Width, e.Height})

	// Small pictures are never scaled up; a lean JPEG is kept as it is.
	small := encodeJPEG(t, photo(800, 600))
	d, err = Decode(small, Limits{})
	require.NoError(t, err)
	e, err = d.Screen()
	require.NoError(t, err)
	assert.Equal(t, small, e.Data)
}

func TestScreenKeepsTransparency(t *testing.T) {
	m := image.NewNRGBA(image.Rect(0, 0, 3200, 100))
	for y := 0; y < 100; y++ {
		for x := 0; x < 3200; x++ {
			if x >= 1600 {
				m.SetNRGBA(x, y, color.NRGBA{200, 30, 30, 255})
			}
		}
	}
	d, err := Decode(encodePNG(t, m), Limits{})
	require.NoError(t, err)
	e, err := d.Screen()
	require.NoError(t, err)
	require.Equal(t, "image/png", e.MediaType)
	out := decodeAny(t, e)
	assert.Equal(t, [2]int{1600, 50}, [2]int{e.Width, e.Height})
	_, _, _, a := out.At(100, 25).RGBA()
	assert.Zero(t, a, "the transparent half stays transparent")
	assert.True(t, near(out.At(1500, 25), color.NRGBA{200, 30, 30, 255}, 2), "got %v", out.At(1500, 25))
}

func TestPrintPassesJPEGThrough(t *testing.T) {
	small := encodeJPEG(t, photo(100, 70))
	for name, c := range map[string]struct{ data, want []byte }{
		"baseline":    {data: encodeJPEG(t, photo(1000, 700))},
		"gray":        {data: encodeJPEG(t, image.NewGray(image.Rect(0, 0, 500, 300)))},
		"progressive": {data: minimalJPEG([]byte{255, 1, 1}, true, -1)},
		// The compressed data is kept; the EXIF segment is not.
		"exif upright": {data: withExif(small, 1, binary.BigEndian), want: small},
	} {
		t.Run(name, func(t *testing.T) {
			d, err := Decode(c.data, Limits{})
			require.NoError(t, err)
			e, err := d.Print(2008)
			require.NoError(t, err)
			want := c.want
			if want == nil {
				want = c.data
			}
			assert.Equal(t, want, e.Data, "the original bytes, less metadata")
			assert.Equal(t, "image/jpeg", e.MediaType)
			assert.Equal(t, d.Width, e.Width)
		})
	}
}

func TestPrintScalesAndReencodes(t *testing.T) {
	data := encodeJPEG(t, photo(3000, 2000))
	d, err := Decode(data, Limits{})
	require.NoError(t, err)
	e, err := d.Print(2008)
	require.NoError(t, err)
	assert.Equal(t, [2]int{2008, 1339}, [2]int{e.Width, e.Height})
	assert.NotEqual(t, data, e.Data)
	decodeAny(t, e)

	// A gray picture stays a one-channel JPEG.
	d, err = Decode(encodePNG(t, image.NewGray(image.Rect(0, 0, 3000, 10))), Limits{})
	require.NoError(t, err)
	e, err = d.Print(2008)
	require.NoError(t, err)
	assert.IsType(t, &image.Gray{}, decodeAny(t, e))
}

func TestOrientation(t *testing.T) {
	// Upright quarters [top-left, top-right, bottom-left, bottom-right] of a
	// picture stored as red, green / blue, white, per the EXIF definitions.
	r, g, b, w := red, green, blue, white
	want := map[uint16][4]color.RGBA{
		1: {r, g, b, w},
		2: {g, r, w, b}, // mirrored
		3: {w, b, g, r}, // turned 180°
		4: {b, w, r, g}, // mirrored top to bottom
		5: {r, b, g, w}, // transposed
		6: {b, r, w, g}, // to be turned 90° clockwise
		7: {w, g, b, r}, // transversed
		8: {g, w, r, b}, // to be turned 90° anticlockwise
	}
	stored := encodeJPEG(t, quadrants(128, 64))
	for o := uint16(1); o <= 8; o++ {
		for _, order := range []binary.AppendByteOrder{binary.LittleEndian, binary.BigEndian} {
			d, err := Decode(withExif(stored, o, order), Limits{})
			require.NoError(t, err)
			require.Equal(t, int(o), d.Orientation)
			upright := [2]int{128, 64}
			if o >= 5 {
				upright = [2]int{64, 128}
			}
			require.Equal(t, upright, [2]int{d.Width, d.Height}, "orientation %d", o)

			e, err := d.Print(0)
			require.NoError(t, err)
			if o != 1 {
				assert.NotEqual(t, stored, e.Data, "a turned picture is re-encoded")
			}
			m := decodeAny(t, e)
			W, H := upright[0], upright[1]
			got := [4]color.Color{m.At(W/4, H/4), m.At(3*W/4, H/4), m.At(W/4, 3*H/4), m.At(3*W/4, 3*H/4)}
			for i := range got {
				assert.True(t, near(got[i], want[o][i], 40), "orientation %d quarter %d: got %v want %v", o, i, got[i], want[o][i])
			}

			// Fill crops the upright picture about its centre.
			f := d.Fill(40, 40)
			c := [4]color.Color{f.At(10, 10), f.At(30, 10), f.At(10, 30), f.At(30, 30)}
			for i := range c {
				assert.True(t, near(c[i], want[o][i], 40), "fill, orientation %d quarter %d: got %v want %v", o, i, c[i], want[o][i])
			}
		}
	}
}

func TestOrientationGarbage(t *testing.T) {
	good := withExif(encodeJPEG(t, photo(16, 16)), 6, binary.LittleEndian)
	require.Equal(t, 6, jpegOrientation(good))
	// Every prefix and every single-byte corruption of the header: never a
	// panic, always a valid orientation.
	for n := 0; n < 200 && n <= len(good); n++ {
		o := jpegOrientation(good[:n])
		assert.True(t, o >= 1 && o <= 8)
		for _, v := range []byte{0x00, 0x08, 0xff, 0x7f} {
			bad := append([]byte{}, good...)
			bad[n] = v
			o := jpegOrientation(bad)
			assert.True(t, o >= 1 && o <= 8)
		}
	}
	for name, tiff := range map[string][]byte{
		"empty":            {},
		"bad byte order":   []byte("XX\x00\x2a\x00\x00\x00\x08"),
		"offset past end":  []byte("MM\x00\x2a\xff\xff\xff\xf0"),
		"offset too small": []byte("MM\x00\x2a\x00\x00\x00\x02"),
		"many entries":     []byte("MM\x00\x2a\x00\x00\x00\x08\xff\xff\x01\x12"),
		"value out of range": []byte("MM\x00\x2a\x00\x00\x00\x08\x00\x01" +
			"\x01\x12\x00\x03\x00\x00\x00\x01\x00\x09\x00\x00"),
	} {
		assert.Zero(t, exifOrientation(tiff), name)
	}
}

func TestLimits(t *testing.T) {
	t.Run("pixels, from the header alone", func(t *testing.T) {
		data := pngHeader(100000, 100000)
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		_, err := Decode(data, Limits{})
		runtime.ReadMemStats(&after)
		require.ErrorIs(t, err, ErrTooLarge)
		assert.Contains(t, err.Error(), "100000×100000")
		assert.Contains(t, err.Error(), "50.0 megapixels")
		assert.Less(t, after.TotalAlloc-before.TotalAlloc, uint64(1<<20), "rejected before decoding")
	})
	t.Run("pixels, custom limit", func(t *testing.T) {
		_, err := Decode(encodeJPEG(t, photo(100, 100)), Limits{MaxPixels: 9999})
		require.ErrorIs(t, err, ErrTooLarge)
		_, err = Decode(encodeJPEG(t, photo(100, 100)), Limits{MaxPixels: 10000})
		require.NoError(t, err)
	})
	t.Run("bytes", func(t *testing.T) {
		_, err := Decode(make([]byte, 2<<20), Limits{MaxBytes: 1 << 20})
		require.ErrorIs(t, err, ErrTooLarge)
		assert.Contains(t, err.Error(), "2.0 MB")
		assert.Contains(t, err.Error(), "1.0 MB")
	})
}

func TestBadData(t *testing.T) {
	webpData, err := os.ReadFile("testdata/video-001.lossy.webp")
	require.NoError(t, err)
	var gifData bytes.Buffer
	require.NoError(t, gif.Encode(&gifData, photo(40, 30), nil))
	whole := map[string][]byte{
		"jpeg": encodeJPEG(t, photo(40, 30)),
		"png":  encodePNG(t, photo(40, 30)),
		"gif":  gifData.Bytes(),
		"webp": webpData,
	}
	for name, data := range whole {
		for _, n := range []int{len(data) / 4, len(data) / 2, len(data) - 20} {
			_, err := Decode(data[:n], Limits{})
			assert.ErrorIs(t, err, ErrCorrupt, "%s cut to %d bytes", name, n)
		}
		garbage := append([]byte{}, data[:16]...)
		for i := 0; i < 2000; i++ {
			garbage = append(garbage, byte(i*7919>>3))
		}
		_, err := Decode(garbage, Limits{})
		assert.Error(t, err, "%s with garbage", name)
	}
	for name, tt := range map[string]struct {
		data []byte
		say  string
	}{
		"empty": {nil, "empty"},
		"bmp":   {[]byte("BM\x00\x00\x00\x00"), "BMP"},
		"tiff":  {[]byte("II*\x00\x08\x00\x00\x00"), "TIFF"},
		"heic":  {[]byte("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00"), "HEIC"},
		"svg":   {[]byte(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>`), "SVG"},
		"text":  {[]byte("hello"), "unknown"},
	} {
		_, err := Decode(tt.data, Limits{})
		require.ErrorIs(t, err, ErrFormat, name)
		assert.Contains(t, err.Error(), tt.say, name)
	}
}

func TestDeterministic(t *testing.T) {
	data := withExif(encodeJPEG(t, photo(1800, 1000)), 8, binary.LittleEndian)
	var first [2][]byte
	for i := 0; i < 2; i++ {
		d, err := Decode(data, Limits{})
		require.NoError(t, err)
		s, err := d.Screen()
		require.NoError(t, err)
		p, err := d.Print(800)
		require.NoError(t, err)
		if i == 0 {
			first = [2][]byte{s.Data, p.Data}
			continue
		}
		assert.Equal(t, first[0], s.Data)
		assert.Equal(t, first[1], p.Data)
	}
}

func FuzzDecode(f *testing.F) {
	f.Add(encodeJPEG(f, photo(16, 8)))
	f.Add(withExif(encodeJPEG(f, photo(8, 8)), 6, binary.BigEndian))
	f.Add(encodePNG(f, photo(8, 8)))
	f.Add(minimalJPEG([]byte{255, 1, 1, 255}, false, 2))
	f.Add(pngHeader(1<<20, 1<<20))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := Decode(data, Limits{MaxPixels: 1 << 20})
		if err != nil {
			return
		}
		if _, err := d.Screen(); err != nil {
			t.Fatal(err)
		}
		if _, err := d.Print(64); err != nil {
			t.Fatal(err)
		}
		_ = d.Fill(10, 20)
	})
}
