package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// BenchmarkProcess measures what a user waits for: a new edition process
// building the embedded example, EPUB and PDF, as `edition build -o DIR`
// does, and, side by side in the same loop when pandoc is installed,
// pandoc making the EPUB alone from the same article (the comparison of
// issue 5). Each iteration runs both, one after the other, so that both
// see the same machine. "cold" paints the cover (--no-cache); "warm" takes
// it from the cache, as every build after the first does.
//
// Besides ns/op (edition's wall time), it reports the peak resident
// memory of the edition process (max-RSS-MB) and pandoc's wall time
// (pandoc-ms). Run it with
//
//	go test ./cmd/edition -run '^$' -bench Process -benchtime 30x
func BenchmarkProcess(b *testing.B) {
	dir := b.TempDir()
	bin := filepath.Join(dir, "edition")
	// The stamped version lets this binary, built from a working tree,
	// use the cover cache (see edition.Cache); the cache folder is new.
	build := exec.Command("go", "build", "-o", bin,
		"-ldflags", "-X github.com/edition-project/edition/edition.stamped=benchmark", ".")
	if out, err := build.CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	pandoc, _ := exec.LookPath("pandoc")
	article, err := filepath.Abs("../../examples/aleppo/aleppo.md")
	if err != nil {
		b.Fatal(err)
	}
	cache := filepath.Join(dir, "cache")

	run := func(b *testing.B, name string, args ...string) (time.Duration, int64) {
		cmd := exec.Command(name, args...)
		cmd.Env = append(os.Environ(), "XDG_CACHE_HOME="+cache)
		start := time.Now()
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("%s: %v\n%s", name, err, out)
		}
		took := time.Since(start)
		var rss int64
		if u, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			rss = int64(u.Maxrss) // kilobytes on Linux
		}
		return took, rss
	}

	for _, warm := range []bool{false, true} {
		name, args := "cold", []string{"build", "--no-cache", "-o", filepath.Join(dir, "out")}
		if warm {
			name, args = "warm", args[:1]
			args = append(args, "-o", filepath.Join(dir, "out"))
			run(b, bin, args...) // fill the cache
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			var edition, pandocTime time.Duration
			var maxRSS int64
			for b.Loop() {
				took, rss := run(b, bin, args...)
				edition += took
				maxRSS = max(maxRSS, rss)
				if pandoc != "" {
					b.StopTimer()
					took, _ := run(b, pandoc, "-o", filepath.Join(dir, "pandoc.epub"), article,
						"--resource-path="+filepath.Dir(article))
					pandocTime += took
					b.StartTimer()
				}
			}
			b.ReportMetric(float64(maxRSS)/1024, "max-RSS-MB")
			if pandoc != "" {
				b.ReportMetric(float64(pandocTime.Microseconds())/1000/float64(b.N), "pandoc-ms")
				b.ReportMetric(pandocTime.Seconds()/edition.Seconds(), "pandoc/edition")
			}
		})
	}
}
