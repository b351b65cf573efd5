package edition_test

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"runtime/metrics"
	"sync"
	"testing"
	"time"

	"github.com/edition-project/edition/content"
	"github.com/edition-project/edition/edition"
	"github.com/edition-project/edition/edition/epub"
	"github.com/edition-project/edition/edition/pdf"
)

// BenchmarkScale builds editions of 1, 30, 300 and 1,000 articles as
// `edition build` does (Build, the PDF with its pagination, the EPUB with
// the page list), both formats into io.Discard. The 30 are the example
// edition; the 300 and 1,000 repeat them with their own headlines and slugs,
// sharing the photo files, as an edition that reuses agency pictures would.
// Besides time and allocations it reports ms/article (flat from 300 to 1,000
// when the build grows linearly) and the peaks during a build: the live heap
// (as of each GC), the heap with garbage not yet collected, and all memory
// the runtime had mapped.
//
//	go test ./edition -run '^$' -bench Scale -benchtime 1x
func BenchmarkScale(b *testing.B) {
	example, err := content.ReadEditionFile("../examples/edition")
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range []int{1, 30, 300, 1000} {
		ed := scaled(example, n)
		b.Run(fmt.Sprintf("articles=%d", n), func(b *testing.B) {
			ctx := context.Background()
			b.ReportAllocs()
			runtime.GC()
			peak := startPeakSampler()
			start := time.Now()
			for b.Loop() {
				book, err := edition.Build(ctx, ed, edition.Options{})
				if err != nil {
					b.Fatal(err)
				}
				pages, err := pdf.Renderer{}.RenderPages(ctx, io.Discard, book)
				if err != nil {
					b.Fatal(err)
				}
				if err := (epub.Renderer{Pages: pages}).Render(ctx, io.Discard, book); err != nil {
					b.Fatal(err)
				}
			}
			elapsed := time.Since(start)
			live, heap, total := peak()
			b.ReportMetric(float64(elapsed.Milliseconds())/float64(b.N)/float64(n), "ms/article")
			b.ReportMetric(float64(live)/(1<<20), "peak-live-MB")
			b.ReportMetric(float64(heap)/(1<<20), "peak-heap-MB")
			b.ReportMetric(float64(total)/(1<<20), "peak-mem-MB")
		})
	}
}

// scaled returns an edition of n articles made from ed's: the first n, or
// as many copies as needed, each with its own headline and slug, spread
// over ed's sections in turn. The copies share text and photo files.
func scaled(ed *content.Edition, n int) *content.Edition {
	src := ed.Articles()
	out := &content.Edition{
		Title: ed.Title, Subtitle: ed.Subtitle, Publisher: ed.Publisher, Language: ed.Language,
		Date: ed.Date, Theme: ed.Theme,
	}
	for _, s := range ed.Sections {
		out.Sections = append(out.Sections, &content.Section{Title: s.Title})
	}
	for i := 0; i < n; i++ {
		a := *src[i%len(src)]
		if i >= len(src) {
			a.Headline = fmt.Sprintf("%s (%d)", a.Headline, i/len(src)+1)
			a.Slug = fmt.Sprintf("%s-%d", a.Slug, i/len(src)+1)
			if a.Photo != nil {
				p := *a.Photo // a photo of its own, reading the same file
				a.Photo = &p
			}
		}
		s := out.Sections[(i*len(out.Sections))/n]
		s.Articles = append(s.Articles, &a)
	}
	if n == 1 {
		out.Title = "" // a single article is named by its headline
	}
	var kept []*content.Section
	for _, s := range out.Sections {
		if len(s.Articles) > 0 {
			kept = append(kept, s)
		}
	}
	out.Sections = kept
	return out
}

// startPeakSampler samples the runtime's memory every few milliseconds
// until the returned function is called, which reports the peaks: the live
// heap as of the last GC, heap objects (live and not yet swept) and all
// memory mapped by the runtime.
func startPeakSampler() func() (live, heap, total uint64) {
	samples := []metrics.Sample{{Name: "/gc/heap/live:bytes"}, {Name: "/memory/classes/heap/objects:bytes"}, {Name: "/memory/classes/total:bytes"}}
	var mu sync.Mutex
	var live, heap, total uint64
	read := func() {
		metrics.Read(samples)
		mu.Lock()
		live = max(live, samples[0].Value.Uint64())
		heap = max(heap, samples[1].Value.Uint64())
		total = max(total, samples[2].Value.Uint64())
		mu.Unlock()
	}
	done := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				read()
			}
		}
	}()
	return func() (uint64, uint64, uint64) {
		close(done)
		<-stopped
		read()
		mu.Lock()
		defer mu.Unlock()
		return live, heap, total
	}
}
