package images

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

// photo draws a photo-like picture: smooth gradients with a little grain,
// so that JPEG sizes are realistic. The grain comes from a fixed seed.
func photo(w, h int) *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	rng := rand.New(rand.NewPCG(1, 2))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			n := int(rng.IntN(16)) - 8
			i := m.PixOffset(x, y)
			m.Pix[i] = clamp(40 + 180*x/w + n)
			m.Pix[i+1] = clamp(60 + 120*y/h + n)
			m.Pix[i+2] = clamp(200 - 150*(x+y)/(w+h) + n)
			m.Pix[i+3] = 0xff
		}
	}
	return m
}

func clamp(v int) uint8 { return uint8(min(255, max(0, v))) }

// quadrants draws a w×h picture with four flat quarters: red, green (top),
// blue, white (bottom), so that a turn or mirror is easy to see.
func quadrants(w, h int) *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := [4]color.RGBA{red, green, blue, white}[btoi(y >= h/2)*2+btoi(x >= w/2)]
			m.SetRGBA(x, y, c)
		}
	}
	return m
}

var (
	red   = color.RGBA{255, 0, 0, 255}
	green = color.RGBA{0, 255, 0, 255}
	blue  = color.RGBA{0, 0, 255, 255}
	white = color.RGBA{255, 255, 255, 255}
)

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

func encodeJPEG(t testing.TB, m image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, jpeg.Encode(&b, m, &jpeg.Options{Quality: 90}))
	return b.Bytes()
}

func encodePNG(t testing.TB, m image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, png.Encode(&b, m))
	return b.Bytes()
}

// withExif inserts an APP1 Exif segment holding only an Orientation tag
// right after the SOI marker of a JPEG.
func withExif(jpg []byte, orientation uint16, order binary.AppendByteOrder) []byte {
	var tiff []byte
	if order == binary.LittleEndian {
		tiff = append(tiff, 'I', 'I')
	} else {
		tiff = append(tiff, 'M', 'M')
	}
	tiff = order.AppendUint16(tiff, 42)
	tiff = order.AppendUint32(tiff, 8)
	tiff = order.AppendUint16(tiff, 2) // two entries: a decoy, then Orientation
	tiff = order.AppendUint16(tiff, 0x010f)
	tiff = order.AppendUint16(tiff, 2)
	tiff = order.AppendUint32(tiff, 4)
	tiff = append(tiff, 'A', 'C', 'M', 0)
	tiff = order.AppendUint16(tiff, 0x0112)
	tiff = order.AppendUint16(tiff, 3)
	tiff = order.AppendUint32(tiff, 1)
	tiff = order.AppendUint16(tiff, orientation)
	tiff = append(tiff, 0, 0)
	tiff = order.AppendUint32(tiff, 0) // no next IFD
	return insertSegment(jpg, 0xe1, append([]byte("Exif\x00\x00"), tiff...))
}

func insertSegment(jpg []byte, marker byte, data []byte) []byte {
	out := append([]byte{}, jpg[:2]...)
	out = append(out, 0xff, marker, byte((len(data)+2)>>8), byte(len(data)+2))
	out = append(out, data...)
	return append(out, jpg[2:]...)
}

// near reports whether two colours differ by at most tol in each channel.
func near(a, b color.Color, tol int) bool {
	ar, ag, ab, aa := a.RGBA()
	br, bg, bb, ba := b.RGBA()
	d := func(x, y uint32) bool { return abs(int(x>>8)-int(y>>8)) <= tol }
	return d(ar, br) && d(ag, bg) && d(ab, bb) && d(aa, ba)
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

func decodeAny(t testing.TB, e Encoded) image.Image {
	t.Helper()
	m, _, err := image.Decode(bytes.NewReader(e.Data))
	require.NoError(t, err)
	require.Equal(t, image.Pt(e.Width, e.Height), m.Bounds().Size())
	return m
}
