package content_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/edition-project/edition/content"
)

// TestSampleArticles loads the real articles under testdata/articles.
func TestSampleArticles(t *testing.T) {
	dirs, err := filepath.Glob("../testdata/articles/*")
	require.NoError(t, err)
	n := 0
	for _, d := range dirs {
		if fi, err := os.Stat(d); err != nil || !fi.IsDir() {
			continue
		}
		n++
		t.Run(filepath.Base(d), func(t *testing.T) {
			a, err := content.ReadArticleFile(d)
			require.NoError(t, err)
			assert.NotEmpty(t, a.Headline)
			assert.NotEmpty(t, a.Body)
			for _, p := range a.Photos() {
				_, err := a.Assets.Open(p.Src)
				assert.NoError(t, err, "photo %s", p.Src)
				assert.NotEmpty(t, p.Alt)
			}
		})
	}
	assert.GreaterOrEqual(t, n, 4)
}
