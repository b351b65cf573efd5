package edition_test

import (
	"context"
	"io"
	"testing"

	"github.com/edition-project/edition/content"
	"github.com/edition-project/edition/edition"
	"github.com/edition-project/edition/edition/epub"
	"github.com/edition-project/edition/edition/pdf"
	"github.com/edition-project/edition/examples"
)

// BenchmarkExample measures the example article: loading and building
// (photos, cover), each renderer, and all of it together as `edition build`
// does.
func BenchmarkExample(b *testing.B) {
	ctx := context.Background()
	build := func(b *testing.B) *edition.Book {
		a, err := examples.Aleppo()
		if err != nil {
			b.Fatal(err)
		}
		book, err := edition.Build(ctx, content.SingleArticle(a), edition.Options{})
		if err != nil {
			b.Fatal(err)
		}
		return book
	}
	b.Run("build", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			build(b)
		}
	})
	for _, r := range []edition.Renderer{epub.Renderer{}, pdf.Renderer{}} {
		b.Run(r.Name(), func(b *testing.B) {
			book := build(b)
			b.ReportAllocs()
			for b.Loop() {
				if err := r.Render(ctx, io.Discard, book); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	// all builds and renders both formats, as `edition build` does.
	all := func(build func(*testing.B) *edition.Book) func(*testing.B) {
		return func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				book := build(b)
				for _, r := range []edition.Renderer{pdf.Renderer{}, epub.Renderer{}} {
					if err := r.Render(ctx, io.Discard, book); err != nil {
						b.Fatal(err)
					}
				}
			}
		}
	}
	b.Run("all", all(build))
	// With the cover in a cache, as every build after the first.
	defer edition.SetCodeVersion("benchmark")()
	cache := memCache{}
	cached := func(b *testing.B) *edition.Book {
		a, err := examples.Aleppo()
		if err != nil {
			b.Fatal(err)
		}
		book, err := edition.Build(ctx, content.SingleArticle(a), edition.Options{Cache: cache})
		if err != nil {
			b.Fatal(err)
		}
		return book
	}
	cached(b)
	b.Run("build-cached", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			cached(b)
		}
	})
	b.Run("all-cached", all(cached))
}

// memCache is an edition.Cache in memory, for one goroutine (the benchmark
// builds one book at a time).
type memCache map[string][]byte

func (c memCache) Get(key string) ([]byte, bool) { d, ok := c[key]; return d, ok }
func (c memCache) Put(key string, data []byte)   { c[key] = data }
