package main

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"io"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/edition-project/edition/edition"
	"github.com/edition-project/edition/edition/epub"
	"github.com/edition-project/edition/edition/pdf"
)

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, s := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(s), 0o644))
	}
}

func article(headline string) string {
	return "---\nheadline: " + headline + "\npublished: 2024-05-01\n---\nBody of " + headline + ".\n"
}

// TestReporterBar checks the progress bar drawn on a terminal: redrawn in
// place, failures printed above it, cleared before the summary.
func TestReporterBar(t *testing.T) {
	var b bytes.Buffer
	r := &reporter{w: &b, bar: true, total: 4}
	r.draw()
	r.built(&input{path: "a.md", files: []string{"a.pdf", "a.epub"}})
	r.failed(&input{path: "b.md", err: fmt.Errorf("b.md:3: headline: missing")})
	require.ErrorIs(t, r.summary(context.Background(), 0), errFindings)
	out := b.String()
	assert.Contains(t, out, "\r[..............................] 0/4\x1b[K")
	assert.Contains(t, out, "\r[#######.......................] 1/4\x1b[K")
	assert.Contains(t, out, "\r\x1b[KFAILED b.md: b.md:3: headline: missing\n")
	assert.Contains(t, out, "\r[###############...............] 2/4, 1 failed\x1b[K")
	assert.True(t, strings.HasSuffix(out, "\r\x1b[Kedition: interrupted: 1 built, 1 failed, 2 not built (0.0 s)\n"), "%q", out)
	assert.NotContains(t, out, "built a.pdf", "no line per success under a bar")
}

func TestIsTerminal(t *testing.T) {
	assert.False(t, isTerminal(&bytes.Buffer{}))
	f, err := os.Create(filepath.Join(t.TempDir(), "log"))
	require.NoError(t, err)
	defer f.Close()
	assert.False(t, isTerminal(f), "a regular file")
}

// cancelRenderer stands in for a renderer and interrupts the build as it
// renders the article with the headline at.
type cancelRenderer struct {
	at     string
	cancel context.CancelFunc
}

func (cancelRenderer) Name() string { return "epub" }

func (r cancelRenderer) Render(ctx context.Context, w io.Writer, b *edition.Book) error {
	if b.Title == r.at {
		r.cancel()
		return ctx.Err()
	}
	return epub.Renderer{}.Render(ctx, w, b)
}

// TestBatchInterrupt checks that an interrupt stops the batch: inputs not
// started are not built, the one in progress loses the files it had
// written, and no temporary file is left.
func TestBatchInterrupt(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.md": article("A"), "b.md": article("B"), "c.md": article("C")})
	out := filepath.Join(dir, "out")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	w := writer{out: out, renderers: []edition.Renderer{pdf.Renderer{}, cancelRenderer{at: "B", cancel: cancel}}}
	var stderr bytes.Buffer
	paths := []string{filepath.Join(dir, "a.md"), filepath.Join(dir, "b.md"), filepath.Join(dir, "c.md")}
	err := buildBatch(ctx, w, false, paths, 1, nil, &stderr)
	assert.ErrorIs(t, err, errFindings)
	assert.Regexp(t, `(?m)^edition: interrupted: 1 built, 0 failed, 2 not built \(\d+\.\d s\)$`, stderr.String())
	assert.NotContains(t, stderr.String(), "FAILED")
	entries, err := os.ReadDir(out)
	require.NoError(t, err)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	assert.Equal(t, []string{"a.epub", "a.pdf"}, names, "b.pdf was taken back; c was never built; no temporary files")

	// Interrupted before anything started.
	stderr.Reset()
	err = buildBatch(ctx, w, false, paths, 2, nil, &stderr)
	assert.ErrorIs(t, err, errFindings)
	assert.Regexp(t, `^edition: interrupted: 0 built, 0 failed, 3 not built`, stderr.String())
}

// photoServer serves a JPEG at /lead.jpg and counts requests.
func photoServer(t *testing.T) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	m := image.NewRGBA(image.Rect(0, 0, 320, 200))
	for y := 0; y < 200; y++ {
		for x := 0; x < 320; x++ {
			m.Set(x, y, color.RGBA{uint8(x), uint8(y), 90, 255})
		}
	}
	var jb bytes.Buffer
	require.NoError(t, jpeg.Encode(&jb, m, nil))
	hits := &atomic.Int32{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		if r.URL.Path != "/lead.jpg" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "image/jpeg")
		w.Write(jb.Bytes())
	}))
	t.Cleanup(srv.Close)
	return srv, hits
}

// TestAllowRemote builds a JSON-LD and a Markdown article whose pictures
// are on a web server: an error without --allow-remote, downloaded with it,
// and refused even with it when the server's address is not public (the
// test server listens on loopback, which only the test lets through).
func TestAllowRemote(t *testing.T) {
	srv, hits := photoServer(t)
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"story.json": `{"@context": "https://schema.org", "@type": "NewsArticle",
  "headline": "Bridge opens", "datePublished": "2024-05-01",
  "articleBody": "The bridge opened on Tuesday.",
  "image": {"@type": "ImageObject", "contentUrl": "` + srv.URL + `/lead.jpg", "description": "A bridge", "caption": "The new bridge", "creditText": "Ann Lee"}}`,
		"ferry.md": "---\nheadline: Ferry stops\npublished: 2024-05-01\nphoto:\n  src: " + srv.URL + "/lead.jpg\n  alt: A ferry\n---\nThe ferry stopped.\n",
		"gone.md":  "---\nheadline: Gone\npublished: 2024-05-01\nphoto:\n  src: " + srv.URL + "/gone.jpg\n  alt: Nothing\n---\nGone.\n",
	})
	json, md, gone := filepath.Join(dir, "story.json"), filepath.Join(dir, "ferry.md"), filepath.Join(dir, "gone.md")
	out := filepath.Join(dir, "out")

	// Without the flag: an error that says how to fix it.
	var stdout, stderr bytes.Buffer
	require.Equal(t, exitContent, run([]string{"build", json, "-o", out}, &stdout, &stderr))
	assert.Contains(t, stderr.String(), `story.json:4: image.contentUrl: "`+srv.URL+`/lead.jpg" is a web address`)
	assert.Contains(t, stderr.String(), "or build with --allow-remote to download it")
	assert.Zero(t, hits.Load())

	// With it, but the default rule refuses the loopback test server.
	stderr.Reset()
	require.Equal(t, exitContent, run([]string{"build", "--allow-remote", md, "-o", out}, &stdout, &stderr))
	assert.Contains(t, stderr.String(), "ferry.md:5: photo.src: cannot download")
	assert.Contains(t, stderr.String(), "is a loopback address; only public addresses are fetched")
	assert.Zero(t, hits.Load(), "refused before connecting")

	// With the test's rule, which lets 127.0.0.1 through.
	remoteAllow = func(a netip.Addr) bool { return a == netip.MustParseAddr("127.0.0.1") }
	defer func() { remoteAllow = nil }()
	stdout.Reset()
	stderr.Reset()
	require.Equal(t, exitOK, run([]string{"build", "--allow-remote", json, "-o", out}, &stdout, &stderr), stderr.String())
	assert.Contains(t, stdout.String(), "story.epub")
	assertEPUBHasJPEG(t, filepath.Join(out, "story.epub"))

	stderr.Reset()
	require.Equal(t, exitContent, run([]string{"build", "--allow-remote", "-o", filepath.Join(dir, "batch"), json, md, gone}, &stdout, &stderr))
	assert.Contains(t, stderr.String(), "FAILED "+gone+": "+gone+":5: photo.src: cannot download")
	assert.Contains(t, stderr.String(), `the server answered "404 Not Found"`)
	assert.Contains(t, stderr.String(), "edition: 2 built, 1 failed")
	assertEPUBHasJPEG(t, filepath.Join(dir, "batch", "ferry.epub"))
}

func assertEPUBHasJPEG(t *testing.T, name string) {
	t.Helper()
	zr, err := zip.OpenReader(name)
	require.NoError(t, err)
	defer zr.Close()
	found := false
	for _, f := range zr.File {
		found = found || strings.HasSuffix(f.Name, ".jpg") && !strings.Contains(f.Name, "cover")
	}
	assert.True(t, found, "%s holds the downloaded photo", name)
}

// TestBatchTimeout checks that --timeout bounds each input of a batch: an
// input out of time fails with a hint, and the batch is not "interrupted".
func TestBatchTimeout(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.md": article("A"), "b.md": article("B")})
	w := writer{out: filepath.Join(dir, "out"), renderers: []edition.Renderer{pdf.Renderer{}, epub.Renderer{}}}
	expired := func(ctx context.Context) (context.Context, context.CancelFunc) {
		return context.WithDeadline(ctx, time.Unix(0, 0))
	}
	var stderr bytes.Buffer
	err := buildBatch(context.Background(), w, false, []string{filepath.Join(dir, "a.md"), filepath.Join(dir, "b.md")}, 2, expired, &stderr)
	assert.ErrorIs(t, err, errFindings)
	assert.Regexp(t, `(?m)^FAILED .*a\.md: context deadline exceeded: the build took longer than --timeout allows`, stderr.String())
	assert.Regexp(t, `(?m)^edition: 0 built, 2 failed \(`, stderr.String())
	assert.NoDirExists(t, filepath.Join(dir, "out"))
}
