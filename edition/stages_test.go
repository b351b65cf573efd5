package edition_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"io"
	"io/fs"
	"sync"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/edition-project/edition/content"
	"github.com/edition-project/edition/edition"
	"github.com/edition-project/edition/edition/epub"
	"github.com/edition-project/edition/edition/pdf"
)

// countdown is a context that ends on the n-th call of Err (0 is the first),
// with err: a deadline or a cancellation at an exact point of the work,
// without a clock. It counts every call.
type countdown struct {
	context.Context
	n     int64
	err   error
	calls atomic.Int64
	once  sync.Once
	done  chan struct{}
}

func newCountdown(n int64, err error) *countdown {
	return &countdown{Context: context.Background(), n: n, err: err, done: make(chan struct{})}
}

func (c *countdown) Err() error {
	if c.calls.Add(1)-1 >= c.n {
		c.once.Do(func() { close(c.done) })
		return c.err
	}
	return nil
}

func (c *countdown) Done() <-chan struct{} { return c.done }

// stagesEdition is an edition of three articles with two photos each, in
// two sections.
func stagesEdition(t testing.TB) *content.Edition {
	t.Helper()
	ed := &content.Edition{Title: "Stages", Language: "en"}
	for s := 0; s < 2; s++ {
		sec := &content.Section{Title: fmt.Sprintf("Section %d", s+1)}
		for i := 0; i < 2-s; i++ {
			n := s*2 + i
			assets := fstest.MapFS{
				"lead.jpg":  {Data: smallJPEG(t, 320+n, 200)},
				"inset.jpg": {Data: smallJPEG(t, 200, 150+n)},
			}
			src := fmt.Sprintf("---\nheadline: Story %d\npublished: 2024-05-0%d\nphoto: {src: lead.jpg, alt: A road}\n---\n\n"+
				"First paragraph of story %d.\n\n![An inset](inset.jpg)\n\n- one\n- two\n\n> A quote.\n\nLast paragraph.\n", n, n+1, n)
			a, err := content.ParseArticle(fmt.Sprintf("story-%d/index.md", n), []byte(src), assets)
			require.NoError(t, err)
			sec.Articles = append(sec.Articles, a)
		}
		ed.Sections = append(ed.Sections, sec)
	}
	return ed
}

func smallJPEG(t testing.TB, w, h int) []byte {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := range m.Pix {
		m.Pix[i] = byte(i * 13)
	}
	var b bytes.Buffer
	require.NoError(t, jpeg.Encode(&b, m, nil))
	return b.Bytes()
}

// ended are the contexts that have ended before the work starts: cancelled,
// and past their deadline.
func ended() map[string]context.Context {
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	late, cancel2 := context.WithDeadline(context.Background(), time.Unix(0, 0))
	cancel2()
	return map[string]context.Context{"cancelled": cancelled, "deadline": late}
}

// TestBuildEndedContext: a build with a context that has ended returns the
// context's error, whichever it is.
func TestBuildEndedContext(t *testing.T) {
	ed := stagesEdition(t)
	for name, ctx := range ended() {
		_, err := edition.Build(ctx, ed, edition.Options{})
		assert.ErrorIs(t, err, ctx.Err(), name)
	}
}

// TestBuildStopsAtEveryPoint ends the context at each point where the build
// (limits, every photo, the cover) looks at it, as a deadline and as a
// cancellation, and checks that the build then stops with that error: no
// point goes on as if nothing happened.
func TestBuildStopsAtEveryPoint(t *testing.T) {
	ed := stagesEdition(t)
	probe := newCountdown(1<<62, nil)
	_, err := edition.Build(probe, ed, edition.Options{})
	require.NoError(t, err)
	total := probe.calls.Load()
	// At least once per photo (eight) and once for the cover.
	require.GreaterOrEqual(t, total, int64(9), "the build looks at its context too seldom")
	for n := int64(0); n < total; n++ {
		for _, want := range []error{context.DeadlineExceeded, context.Canceled} {
			ctx := newCountdown(n, want)
			_, err := edition.Build(ctx, ed, edition.Options{})
			require.ErrorIs(t, err, want, "ended at check %d of %d", n, total)
		}
	}
}

// TestBuildStopsBetweenPhotos cancels the build as the first photo is read:
// no other photo is read after it.
func TestBuildStopsBetweenPhotos(t *testing.T) {
	ed := stagesEdition(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var mu sync.Mutex
	opened := map[string]bool{}
	for _, a := range ed.Articles() {
		a.Assets = hookFS{FS: a.Assets, open: func(name string) {
			mu.Lock()
			opened[a.File+":"+name] = true
			mu.Unlock()
			cancel()
		}}
	}
	_, err := edition.Build(ctx, ed, edition.Options{})
	require.ErrorIs(t, err, context.Canceled)
	assert.Len(t, opened, 1, "photos read after the build was cancelled: %v", opened)
}

// hookFS calls open before it opens a file.
type hookFS struct {
	fs.FS
	open func(name string)
}

func (h hookFS) Open(name string) (fs.File, error) {
	h.open(name)
	return h.FS.Open(name)
}

// TestRenderersStopAtEveryPoint does for each renderer what
// TestBuildStopsAtEveryPoint does for the build, and checks that a stopped
// renderer wrote nothing: the PDF looks at the context for every article
// and block, the EPUB between its steps.
func TestRenderersStopAtEveryPoint(t *testing.T) {
	b, err := edition.Build(context.Background(), stagesEdition(t), edition.Options{})
	require.NoError(t, err)
	for _, r := range []edition.Renderer{pdf.Renderer{}, epub.Renderer{}} {
		t.Run(r.Name(), func(t *testing.T) {
			for name, ctx := range ended() {
				var w bytes.Buffer
				assert.ErrorIs(t, r.Render(ctx, &w, b), ctx.Err(), name)
				assert.Zero(t, w.Len(), "written after the context ended")
			}
			probe := newCountdown(1<<62, nil)
			require.NoError(t, r.Render(probe, io.Discard, b))
			total := probe.calls.Load()
			if r.Name() == "pdf" {
				require.Greater(t, total, int64(len(b.Edition.Articles())), "the PDF looks at its context less than once per article")
			}
			for n := int64(0); n < total; n++ {
				ctx := newCountdown(n, context.DeadlineExceeded)
				var w bytes.Buffer
				err := r.Render(ctx, &w, b)
				require.ErrorIs(t, err, context.DeadlineExceeded, "ended at check %d of %d", n, total)
				assert.Zero(t, w.Len(), "written after the context ended")
				// Promptly: once it has seen the end, it looks only a
				// few more times on its way out (once for each list or
				// quote it is in), not once for every block left.
				assert.LessOrEqual(t, ctx.calls.Load()-n, int64(6), "went on working after check %d of %d", n, total)
			}
		})
	}
}

// errDiskFull is what a full disk says.
var errDiskFull = errors.New("no space left on device")

// fullDisk accepts limit bytes, then fails every write.
type fullDisk struct {
	limit, n int
}

func (d *fullDisk) Write(p []byte) (int, error) {
	if d.n+len(p) > d.limit {
		k := d.limit - d.n
		d.n = d.limit
		return k, errDiskFull
	}
	d.n += len(p)
	return len(p), nil
}

// TestRenderersFullDisk writes each format to a disk that fills up after a
// number of bytes, from none to all but the last: the renderer returns the
// disk's error, and never panics.
func TestRenderersFullDisk(t *testing.T) {
	b, err := edition.Build(context.Background(), stagesEdition(t), edition.Options{})
	require.NoError(t, err)
	for _, r := range []edition.Renderer{pdf.Renderer{}, epub.Renderer{}} {
		t.Run(r.Name(), func(t *testing.T) {
			var whole bytes.Buffer
			require.NoError(t, r.Render(context.Background(), &whole, b))
			size := whole.Len()
			for _, limit := range []int{0, 1, 30, 512, 4096, size / 2, size - 1} {
				err := r.Render(context.Background(), &fullDisk{limit: limit}, b)
				assert.ErrorIs(t, err, errDiskFull, "disk full after %d of %d bytes", limit, size)
			}
		})
	}
}
