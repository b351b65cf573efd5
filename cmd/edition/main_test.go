package main

import (
	"archive/zip"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"edition": func() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs the command-line tests in testdata/script: each builds
// with the real binary in a separate process and checks exit status, output
// and the files left behind.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			env.Setenv("SOURCE_DATE_EPOCH", "")
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"mkjpeg":  cmdMkJPEG,
			"notemps": cmdNoTemps,
			"mkzip":   cmdMkZip,
			"mkimage": cmdMkImage,
		},
	})
}

// mkjpeg FILE W H writes a JPEG of W×H pixels.
func cmdMkJPEG(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 3 {
		ts.Fatalf("usage: mkjpeg FILE W H")
	}
	w, err1 := strconv.Atoi(args[1])
	h, err2 := strconv.Atoi(args[2])
	if err1 != nil || err2 != nil {
		ts.Fatalf("mkjpeg: bad size")
	}
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			m.Set(x, y, color.RGBA{uint8(x * 255 / w), uint8(y * 255 / h), 120, 255})
		}
	}
	f, err := os.Create(ts.MkAbs(args[0]))
	ts.Check(err)
	ts.Check(jpeg.Encode(f, m, nil))
	ts.Check(f.Close())
}

// notemps DIR fails when DIR holds temporary files a failed build left.
func cmdNoTemps(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 {
		ts.Fatalf("usage: notemps DIR")
	}
	matches, err := filepath.Glob(filepath.Join(ts.MkAbs(args[0]), ".*.tmp"))
	ts.Check(err)
	if len(matches) > 0 && !neg {
		ts.Fatalf("temporary files left behind: %v", matches)
	}
}

// mkzip ZIP FILE... writes a zip holding the named files (an EPUB without
// its mimetype, say).
func cmdMkZip(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) < 2 {
		ts.Fatalf("usage: mkzip ZIP FILE...")
	}
	f, err := os.Create(ts.MkAbs(args[0]))
	ts.Check(err)
	zw := zip.NewWriter(f)
	for _, name := range args[1:] {
		w, err := zw.Create(name)
		ts.Check(err)
		_, err = w.Write([]byte(ts.ReadFile(name)))
		ts.Check(err)
	}
	ts.Check(zw.Close())
	ts.Check(f.Close())
}
