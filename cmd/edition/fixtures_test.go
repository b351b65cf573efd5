package main

import (
	"bytes"
	"image"
	"image/color"
	"image/color/palette"
	"image/gif"
	"image/jpeg"
	"image/png"
	"os"
	"strconv"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/edition-project/edition/internal/testimage"
)

// Picture fixtures for the bad-input tests, made when a test runs so that
// the repository holds no binary files.

// gradient is a small photo-like picture.
func gradient(w, h int) *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			m.SetRGBA(x, y, color.RGBA{uint8(x * 255 / w), uint8(y * 255 / h), 120, 255})
		}
	}
	return m
}

func jpegOf(m image.Image) []byte {
	var b bytes.Buffer
	if err := jpeg.Encode(&b, m, &jpeg.Options{Quality: 85}); err != nil {
		panic(err)
	}
	return b.Bytes()
}

func pngOf(m image.Image) []byte {
	var b bytes.Buffer
	if err := png.Encode(&b, m); err != nil {
		panic(err)
	}
	return b.Bytes()
}

// png16 is a 16-bit-per-channel PNG with transparency.
func png16() []byte {
	m := image.NewNRGBA64(image.Rect(0, 0, 40, 30))
	for y := 0; y < 30; y++ {
		for x := 0; x < 40; x++ {
			m.SetNRGBA64(x, y, color.NRGBA64{uint16(x * 1600), uint16(y * 2100), 0x8000, uint16(0xffff - x*800)})
		}
	}
	return pngOf(m)
}

// animatedGIF is a GIF of three frames.
func animatedGIF() []byte {
	g := &gif.GIF{}
	for i := 0; i < 3; i++ {
		f := image.NewPaletted(image.Rect(0, 0, 32, 24), palette.Plan9)
		for j := range f.Pix {
			f.Pix[j] = uint8(i*40 + j%7)
		}
		g.Image = append(g.Image, f)
		g.Delay = append(g.Delay, 10)
	}
	var b bytes.Buffer
	if err := gif.EncodeAll(&b, g); err != nil {
		panic(err)
	}
	return b.Bytes()
}

// fixture returns the picture of a kind, for tests and testscripts.
func fixture(kind string) ([]byte, bool) {
	switch kind {
	case "jpeg":
		return jpegOf(gradient(64, 48)), true
	case "png":
		return pngOf(gradient(64, 48)), true
	case "png16":
		return png16(), true
	case "cmyk":
		return testimage.MinimalJPEG([]byte{20, 200, 30, 10}, false, 0), true
	case "ycck":
		return testimage.MinimalJPEG([]byte{20, 200, 30, 10}, false, 2), true
	case "progressive":
		return testimage.MinimalJPEG([]byte{200, 60, 190}, true, -1), true
	case "gif":
		return animatedGIF(), true
	case "bomb":
		return testimage.PNGHeader(100_000, 100_000), true
	case "truncated-jpeg":
		j := jpegOf(gradient(64, 48))
		return j[:len(j)/2], true
	case "truncated-png":
		p := pngOf(gradient(64, 48))
		return p[:len(p)/2], true
	case "garbage-jpeg":
		return append([]byte{0xff, 0xd8, 0xff, 0xe0}, bytes.Repeat([]byte{0x5a, 0xa5, 0x00, 0xff}, 200)...), true
	case "garbage-png":
		return append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte("junk"), 100)...), true
	case "empty":
		return nil, true
	}
	return nil, false
}

// cmdMkImage is the testscript command mkimage KIND FILE [W H]: it writes a
// picture fixture (see fixture); a jpeg or png of W×H when sizes are given.
func cmdMkImage(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 && len(args) != 4 {
		ts.Fatalf("usage: mkimage KIND FILE [W H]")
	}
	data, ok := fixture(args[0])
	if !ok {
		ts.Fatalf("mkimage: unknown kind %q", args[0])
	}
	if len(args) == 4 {
		w, err1 := strconv.Atoi(args[2])
		h, err2 := strconv.Atoi(args[3])
		if err1 != nil || err2 != nil {
			ts.Fatalf("mkimage: bad size")
		}
		if args[0] == "png" {
			data = pngOf(gradient(w, h))
		} else {
			data = jpegOf(gradient(w, h))
		}
	}
	ts.Check(os.WriteFile(ts.MkAbs(args[1]), data, 0o644))
}
