package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/edition-project/edition/content"
	"github.com/edition-project/edition/edition"
	"github.com/edition-project/edition/images"
)

// defaultTimeout bounds a whole build: the example takes a tenth of a
// second, a thousand-article edition a few seconds.
const defaultTimeout = 2 * time.Minute

// limitFlags are the build flags that bound what a build may cost.
type limitFlags struct {
	timeout        time.Duration
	maxInput       sizeFlag
	maxImageBytes  sizeFlag
	maxImagePixels pixelsFlag
	maxMemory      sizeFlag
}

// defaultMaxMemory is the Go heap's soft limit (runtime/debug.SetMemoryLimit):
// the collector works harder as the heap nears it instead of letting it grow
// to twice what is live. A thousand-article edition has about 600 MB live.
const defaultMaxMemory = 768 << 20

func (l *limitFlags) register(fs *flag.FlagSet) {
	l.timeout = defaultTimeout
	l.maxInput = sizeFlag(edition.DefaultMaxTextBytes)
	l.maxImageBytes = sizeFlag(images.DefaultMaxBytes)
	l.maxImagePixels = pixelsFlag(images.DefaultMaxPixels)
	fs.DurationVar(&l.timeout, "timeout", defaultTimeout, "stop a build that takes longer than `DURATION` such as 30s, leaving no files")
	fs.Var(&l.maxInput, "max-input", "the most text an edition may hold, in `BYTES` such as 500KB")
	fs.Var(&l.maxImageBytes, "max-image-bytes", "the largest picture file, in `BYTES` such as 10MB")
	fs.Var(&l.maxImagePixels, "max-image-pixels", "the most pixels in a picture (width × height), `N` such as 24M")
	l.maxMemory = sizeFlag(defaultMaxMemory)
	fs.Var(&l.maxMemory, "max-memory", "a soft limit on the memory a build holds, in `BYTES` such as 2GB\n(GOMEMLIMIT, when set, wins unless this flag is given)")
}

// applyMemory sets the soft memory limit: from --max-memory when given,
// else from GOMEMLIMIT when set (the runtime has read it), else the default.
// A build that needs more still finishes, only with more collecting.
//
// It also lets the heap grow to five times what is live before collecting
// (GOGC=400; GOGC, when set, wins): a build allocates much and keeps little
// (the example: 22 MB allocated, a few live), so collecting at twice, Go's
// default, cost 15 % of its time for no memory saved that matters; the
// soft limit still bounds a large edition.
func (l *limitFlags) applyMemory(fs *flag.FlagSet) {
	given := false
	fs.Visit(func(f *flag.Flag) { given = given || f.Name == "max-memory" })
	if given || os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(int64(l.maxMemory))
	}
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
}

// gcPercent is the collector's GOGC for a build (see applyMemory).
const gcPercent = 400

// check rejects values that make no sense.
func (l *limitFlags) check() error {
	if l.timeout <= 0 {
		return usageError{fmt.Sprintf("--timeout %s: give a duration above zero, such as 2m", l.timeout)}
	}
	return nil
}

// limits are the build's edition.Limits; the flags' defaults are the
// library's.
func (l *limitFlags) limits() edition.Limits {
	return edition.Limits{
		MaxTextBytes:   int64(l.maxInput),
		MaxImageBytes:  int64(l.maxImageBytes),
		MaxImagePixels: int(l.maxImagePixels),
	}
}

// withTimeout bounds ctx by --timeout.
func (l *limitFlags) withTimeout(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, l.timeout)
}

// timeoutHint explains an error from a build stopped by --timeout.
func timeoutHint(err error) string {
	return fmt.Sprintf("%v: the build took longer than --timeout allows: give it more time, such as --timeout 10m", err)
}

// load runs a loader (which reads files and cannot be interrupted) and
// returns as soon as ctx is done, so that --timeout and an interrupt stop a
// build that is still loading.
func load(ctx context.Context, read func() (*content.Edition, error)) (*content.Edition, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	type result struct {
		ed  *content.Edition
		err error
	}
	done := make(chan result, 1)
	go func() {
		ed, err := read()
		done <- result{ed, err}
	}()
	select {
	case r := <-done:
		return r.ed, r.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// sizeFlag is a size in bytes, written as 8MB, 500KB, 1GB or a number.
type sizeFlag int64

func (s *sizeFlag) String() string { return formatSize(int64(*s)) }

func (s *sizeFlag) Set(v string) error {
	n, err := parseScaled(v, map[string]int64{"": 1, "B": 1, "KB": 1 << 10, "MB": 1 << 20, "GB": 1 << 30})
	if err != nil {
		return fmt.Errorf("%q is not a size: give bytes such as 8MB, 500KB or 1048576", v)
	}
	*s = sizeFlag(n)
	return nil
}

// pixelsFlag is a count of pixels, written as 50M, 24000000 or 500K.
type pixelsFlag int

func (p *pixelsFlag) String() string {
	if *p%1_000_000 == 0 && *p != 0 {
		return fmt.Sprintf("%dM", *p/1_000_000)
	}
	return strconv.Itoa(int(*p))
}

func (p *pixelsFlag) Set(v string) error {
	n, err := parseScaled(v, map[string]int64{"": 1, "K": 1_000, "M": 1_000_000})
	if err != nil || n > 1<<40 {
		return fmt.Errorf("%q is not a count of pixels: give one such as 50M or 24000000", v)
	}
	*p = pixelsFlag(n)
	return nil
}

// parseScaled reads a positive number with an optional unit from units
// (upper case; the empty unit must be there for a bare number).
func parseScaled(v string, units map[string]int64) (int64, error) {
	s := strings.ToUpper(strings.TrimSpace(v))
	i := 0
	for i < len(s) && (s[i] >= '0' && s[i] <= '9' || s[i] == '.') {
		i++
	}
	num, unit := s[:i], strings.TrimSpace(s[i:])
	mul, ok := units[unit]
	if !ok || num == "" {
		return 0, fmt.Errorf("bad value %q", v)
	}
	f, err := strconv.ParseFloat(num, 64)
	if err != nil || f <= 0 || f*float64(mul) > 1<<62 {
		return 0, fmt.Errorf("bad value %q", v)
	}
	return int64(f * float64(mul)), nil
}

func formatSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%dMB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%dKB", n>>10)
	}
	return strconv.FormatInt(n, 10)
}
