package content_test

import (
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"github.com/edition-project/edition/content"
)

// FuzzParseArticle feeds the Markdown loader arbitrary files, seeded from the
// example and the test articles: it must never panic, and what it accepts
// must hold its promises (a headline, a body, valid UTF-8 text, photos with
// alt text and paths inside the folder).
func FuzzParseArticle(f *testing.F) {
	seeds, _ := filepath.Glob("../testdata/articles/*/index.md")
	seeds = append(seeds, "../examples/aleppo/aleppo.md")
	for _, s := range seeds {
		if b, err := os.ReadFile(s); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("---\nheadline: a\npublished: 2020-01-02\n---\n{{< figure src=\"x\" alt=\"y\" >}}\n"))
	assets := fstest.MapFS{"a.jpg": {Data: []byte("x")}}
	f.Fuzz(func(t *testing.T, src []byte) {
		a, err := content.ParseArticle("fuzz.md", src, assets)
		if err != nil {
			if !content.IsContentError(err) {
				t.Fatalf("not a content error: %T %v", err, err)
			}
			return
		}
		if a.Headline == "" || len(a.Body) == 0 || a.Published.IsZero() {
			t.Fatalf("accepted an article without headline, body or date")
		}
		if !utf8.ValidString(a.Headline) {
			t.Fatalf("invalid UTF-8 in the headline")
		}
		for _, p := range a.Photos() {
			if p.Alt == "" || p.Src == "" || p.Src[0] == '/' || p.Src == ".." || len(p.Src) > 2 && p.Src[:3] == "../" {
				t.Fatalf("accepted a bad photo: %+v", p)
			}
		}
	})
}
