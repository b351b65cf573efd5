package edition_test

import (
	"bytes"
	"context"
	"image"
	"image/jpeg"
	"image/png"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/edition-project/edition/content"
	"github.com/edition-project/edition/edition"
	"github.com/edition-project/edition/edition/epub"
	"github.com/edition-project/edition/edition/pdf"
)

// FuzzBuild runs the whole build on arbitrary article text, seeded from the
// example and the test articles (their first 8 KB): Markdown in, Build, then both renderers
// into io.Discard. Errors are fine; a panic or a hang is not. The pictures
// the seeds name are there, as small stand-ins, so that figures and lead
// photos are built too without the cost of real photos on every run.
func FuzzBuild(f *testing.F) {
	seeds, _ := filepath.Glob("../testdata/articles/*/index.md")
	seeds = append(seeds, "../examples/aleppo/aleppo.md")
	for _, s := range seeds {
		if b, err := os.ReadFile(s); err == nil {
			f.Add(head(b, maxFuzzBuild/2))
		}
	}
	f.Add([]byte("---\nheadline: A & B <c> ]]>\npublished: 2020-01-02\nphoto: {src: a.jpg, alt: \"x]]>\"}\n---\n\n" +
		"- a\n  > b\n  > - c\n\n| x | y |\n|---|---|\n| <b>1</b> | 2 |\n\n[^1]\n\n[^1]: note\n"))
	assets := standIns(f, seeds)
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, src []byte) {
		if len(src) > maxFuzzBuild {
			return
		}
		a, err := content.ParseArticle("fuzz/index.md", src, assets)
		if err != nil {
			return
		}
		ed := content.SingleArticle(a)
		// A cover of the edition's own: painting one is most of a small
		// build's time, and TestCover's business.
		ed.Cover, ed.Assets = "a.jpg", assets
		b, err := edition.Build(ctx, ed, edition.Options{})
		if err != nil {
			return
		}
		pages, err := pdf.Renderer{}.RenderPages(ctx, io.Discard, b)
		if err != nil {
			return
		}
		_ = epub.Renderer{Pages: pages}.Render(ctx, io.Discard, b)
	})
}

// maxFuzzBuild bounds the articles FuzzBuild builds: the fuzzer gives up on
// an input that takes it more than 10 s, and a build of a long article with
// every package instrumented, on a busy machine, can. Long articles are
// the limits' business (TestLimits), not the fuzzer's.
const maxFuzzBuild = 16 << 10

// head returns the start of an article, up to about n bytes, cut at a
// blank line so that its front matter and paragraphs stay whole.
func head(b []byte, n int) []byte {
	if len(b) <= n {
		return b
	}
	if i := bytes.LastIndex(b[:n], []byte("\n\n")); i > 0 {
		return b[:i+1]
	}
	return b[:n]
}

// standIns returns a folder holding a small picture for every picture file
// next to the seed articles, of the same name and format, and a.jpg.
func standIns(t testing.TB, seeds []string) fstest.MapFS {
	t.Helper()
	m := image.NewRGBA(image.Rect(0, 0, 48, 32))
	for i := range m.Pix {
		m.Pix[i] = byte(i * 7)
	}
	for i := 3; i < len(m.Pix); i += 4 {
		m.Pix[i] = 0xff
	}
	var jb, pb bytes.Buffer
	if err := jpeg.Encode(&jb, m, nil); err != nil {
		t.Fatal(err)
	}
	if err := png.Encode(&pb, m); err != nil {
		t.Fatal(err)
	}
	fs := fstest.MapFS{"a.jpg": {Data: jb.Bytes()}}
	for _, s := range seeds {
		files, _ := os.ReadDir(filepath.Dir(s))
		for _, e := range files {
			switch strings.ToLower(path.Ext(e.Name())) {
			case ".jpg", ".jpeg":
				fs[e.Name()] = &fstest.MapFile{Data: jb.Bytes()}
			case ".png", ".gif", ".webp":
				// A PNG under any picture name: decoding sniffs the
				// content, not the name.
				fs[e.Name()] = &fstest.MapFile{Data: pb.Bytes()}
			}
		}
	}
	return fs
}
