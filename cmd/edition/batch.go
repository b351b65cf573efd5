package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/netip"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/edition-project/edition/content"
	"github.com/edition-project/edition/edition"
	"github.com/edition-project/edition/internal/fetch"
)

// remoteAllow decides which addresses --allow-remote may download from; nil
// means public addresses only. Only tests change it, to reach a test server
// on loopback.
var remoteAllow func(netip.Addr) bool

// newLoader returns the loader for a build: one that downloads pictures
// given by web address when allowRemote, bound to ctx so that an interrupt
// stops the downloads too, and refusing pictures over maxBytes (the
// --max-image-bytes limit); otherwise one that never downloads.
func newLoader(ctx context.Context, allowRemote bool, maxBytes int64) content.Loader {
	if !allowRemote {
		return content.Loader{}
	}
	f := fetch.New(fetch.Options{
		UserAgent: "edition/" + version() + " (+https://github.com/edition-project/edition)",
		Allow:     remoteAllow,
		MaxBytes:  maxBytes,
	})
	return content.Loader{Fetch: func(url string) ([]byte, error) { return f.Fetch(ctx, url) }}
}

// remoteHint adds to an error about a picture given by web address that
// --allow-remote would download it.
func remoteHint(err error, allowRemote bool) error {
	if !allowRemote && errors.Is(err, content.ErrRemoteImage) {
		return fmt.Errorf("%w, or build with --allow-remote to download it", err)
	}
	return err
}

// input is one path of a batch build and what became of it.
type input struct {
	path  string
	ed    *content.Edition
	err   error
	files []string // written by this run, in order
	took  time.Duration
}

// buildBatch builds many paths, up to jobs at a time, each into its own
// files in w.out. One input failing never stops the others; each is
// reported on stderr as it ends (a progress bar on a terminal), then a
// summary. It returns errFindings, already reported, when any failed.
// timeout bounds each input's loading and, separately, its build (--timeout;
// nil means no bound); an interrupt (ctx done) stops everything, and what
// was not built is counted, not reported one by one.
func buildBatch(ctx context.Context, w writer, allowRemote bool, paths []string, jobs int,
	timeout func(context.Context) (context.Context, context.CancelFunc), stderr io.Writer) error {
	start := time.Now()
	if jobs <= 0 {
		jobs = runtime.NumCPU()
	}
	if timeout == nil {
		timeout = context.WithCancel
	}
	in := make([]*input, len(paths))
	for i, p := range paths {
		in[i] = &input{path: p}
	}
	rep := newReporter(stderr, len(in))

	// Load everything first (cheap: text, and downloads with
	// --allow-remote): the slugs tell which inputs would overwrite each
	// other's files, and those fail before anything is built.
	parallel(ctx, jobs, len(in), func(i int) {
		lctx, cancel := timeout(ctx)
		defer cancel()
		ld := newLoader(lctx, allowRemote, w.opts.Limits.MaxImageBytes)
		in[i].ed, in[i].err = load(lctx, func() (*content.Edition, error) { return readEdition(ld, paths[i:i+1]) })
	})
	for _, x := range in {
		if x.err != nil && ctx.Err() == nil {
			x.err = explainTimeout(remoteHint(x.err, allowRemote))
			rep.failed(x)
		}
	}
	for _, x := range clashes(w, in) {
		rep.failed(x)
	}

	parallel(ctx, jobs, len(in), func(i int) {
		x := in[i]
		if x.err != nil || x.ed == nil {
			return
		}
		t := time.Now()
		bctx, cancel := timeout(ctx)
		x.err = w.write(bctx, x.ed, func(name string, _ int64) { x.files = append(x.files, name) })
		cancel()
		x.took = time.Since(t)
		x.ed = nil // let the content go as soon as it is written
		switch {
		case x.err == nil:
			rep.built(x)
		case ctx.Err() != nil:
			// Interrupted: write staged this input's files and, as it did
			// not finish, removed them; it counts as not built.
		default:
			x.err = explainTimeout(x.err)
			rep.failed(x)
		}
	})
	return rep.summary(ctx, time.Since(start))
}

// explainTimeout says what to do about an input stopped by --timeout.
func explainTimeout(err error) error {
	if errors.Is(err, context.DeadlineExceeded) {
		return errors.New(timeoutHint(err))
	}
	return err
}

// clashes finds inputs that would write the same files and gives each an
// error naming the others.
func clashes(w writer, in []*input) []*input {
	bySlug := map[string][]*input{}
	var slugs []string
	for _, x := range in {
		if x.err != nil || x.ed == nil {
			continue
		}
		s := edition.Slug(x.ed)
		if len(bySlug[s]) == 0 {
			slugs = append(slugs, s)
		}
		bySlug[s] = append(bySlug[s], x)
	}
	var failed []*input
	for _, s := range slugs {
		group := bySlug[s]
		if len(group) < 2 {
			continue
		}
		var names []string
		for _, r := range w.renderers {
			names = append(names, filepath.Join(w.out, s+"."+r.Name()))
		}
		for _, x := range group {
			var others []string
			for _, y := range group {
				if y != x {
					others = append(others, y.path)
				}
			}
			x.err = fmt.Errorf("would write %s, as %s would: give each its own file or folder name (or edition title), or build them into different folders",
				strings.Join(names, " and "), strings.Join(others, " and "))
			x.ed = nil
			failed = append(failed, x)
		}
	}
	return failed
}

// parallel calls fn(0) … fn(n-1), at most jobs at a time, and returns when
// all calls have returned. Once ctx is done, calls not yet started are
// skipped.
func parallel(ctx context.Context, jobs, n int, fn func(i int)) {
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(jobs, n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				fn(i)
			}
		}()
	}
	for i := 0; i < n && ctx.Err() == nil; i++ {
		select {
		case next <- i:
		case <-ctx.Done():
		}
	}
	close(next)
	wg.Wait()
}

// reporter tells how a batch goes: plain lines, or a progress bar with the
// failures above it when stderr is a terminal. It is safe for concurrent
// use.
type reporter struct {
	mu                     sync.Mutex
	w                      io.Writer
	bar                    bool
	total, nBuilt, nFailed int
}

func newReporter(w io.Writer, total int) *reporter {
	r := &reporter{w: w, bar: isTerminal(w), total: total}
	r.mu.Lock()
	r.draw()
	r.mu.Unlock()
	return r
}

func (r *reporter) built(x *input) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.nBuilt++
	if !r.bar {
		fmt.Fprintf(r.w, "built %s (%.1f s)\n", strings.Join(x.files, ", "), x.took.Seconds())
	}
	r.draw()
}

func (r *reporter) failed(x *input) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.nFailed++
	r.clear()
	fmt.Fprintf(r.w, "FAILED %s: %v\n", x.path, x.err)
	r.draw()
}

// summary ends the report and returns the batch's outcome.
func (r *reporter) summary(ctx context.Context, took time.Duration) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.clear()
	s := fmt.Sprintf("%d built, %d failed", r.nBuilt, r.nFailed)
	if rest := r.total - r.nBuilt - r.nFailed; rest > 0 {
		s = fmt.Sprintf("interrupted: %s, %d not built", s, rest)
	}
	fmt.Fprintf(r.w, "edition: %s (%.1f s)\n", s, took.Seconds())
	if r.nBuilt == r.total {
		return nil
	}
	return errFindings
}

// barWidth is the progress bar's length in characters; without
// golang.org/x/term the terminal's width is unknown, and 30 fits any.
const barWidth = 30

func (r *reporter) draw() {
	if !r.bar {
		return
	}
	done := r.nBuilt + r.nFailed
	n := barWidth * done / max(r.total, 1)
	line := fmt.Sprintf("\r[%s%s] %d/%d", strings.Repeat("#", n), strings.Repeat(".", barWidth-n), done, r.total)
	if r.nFailed > 0 {
		line += fmt.Sprintf(", %d failed", r.nFailed)
	}
	io.WriteString(r.w, line+"\x1b[K")
}

func (r *reporter) clear() {
	if r.bar {
		io.WriteString(r.w, "\r\x1b[K")
	}
}

// isTerminal reports whether w is a terminal that understands the
// progress bar's carriage returns and erase-line escapes.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	if t := os.Getenv("TERM"); t == "dumb" {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
