package edition_test

import (
	"bytes"
	"context"
	"sort"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/edition-project/edition/content"
	"github.com/edition-project/edition/edition"
	"github.com/edition-project/edition/edition/epub"
	"github.com/edition-project/edition/edition/pdf"
)

// buildBoth builds an article as `edition build` does: the PDF first, its
// pages into the EPUB.
func buildBoth(ctx context.Context, a *content.Article) (epubData, pdfData []byte, err error) {
	b, err := edition.Build(ctx, content.SingleArticle(a), edition.Options{})
	if err != nil {
		return nil, nil, err
	}
	var pb, eb bytes.Buffer
	pages, err := pdf.Renderer{}.RenderPages(ctx, &pb, b)
	if err != nil {
		return nil, nil, err
	}
	if err := (epub.Renderer{Pages: pages}).Render(ctx, &eb, b); err != nil {
		return nil, nil, err
	}
	return eb.Bytes(), pb.Bytes(), nil
}

// TestConcurrentBuilds builds sixteen editions at once (the example and the
// test articles, both formats) and compares each, byte for byte, with the
// same edition built alone: builds share no mutable state. Run it with
// -race to have the race detector look at the sharing too.
func TestConcurrentBuilds(t *testing.T) {
	if testing.Short() {
		t.Skip("builds sixteen editions twice")
	}
	arts := testArticles(t)
	var names []string
	for name := range arts {
		names = append(names, name)
	}
	sort.Strings(names)
	names = names[:16]
	ctx := context.Background()

	type result struct{ epub, pdf []byte }
	alone := map[string]result{}
	for _, name := range names {
		e, p, err := buildBoth(ctx, arts[name])
		require.NoError(t, err, name)
		alone[name] = result{e, p}
		// Built alone twice, it must come out the same: else a
		// difference below is not the concurrency's doing.
		e2, p2, err := buildBoth(ctx, arts[name])
		require.NoError(t, err, name)
		assert.True(t, bytes.Equal(e, e2), "%s: two EPUBs built one after the other differ", name)
		assert.True(t, bytes.Equal(p, p2), "%s: two PDFs built one after the other differ", name)
	}

	together := make([]result, len(names))
	errs := make([]error, len(names))
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i, name := range names {
		wg.Go(func() {
			<-start // all sixteen at once
			together[i].epub, together[i].pdf, errs[i] = buildBoth(ctx, arts[name])
		})
	}
	close(start)
	wg.Wait()
	for i, name := range names {
		require.NoError(t, errs[i], name)
		assert.True(t, bytes.Equal(alone[name].epub, together[i].epub), "%s: the EPUB built alongside others differs", name)
		assert.True(t, bytes.Equal(alone[name].pdf, together[i].pdf), "%s: the PDF built alongside others differs", name)
	}
}
