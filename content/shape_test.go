package content_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/edition-project/edition/content"
)

// TestShapeLimits: Markdown whose parse time would grow with the square of
// its size is refused before it is parsed, with the line; Markdown just
// within the bounds loads.
func TestShapeLimits(t *testing.T) {
	head := "---\nheadline: A\npublished: 2024-05-01\n---\n\n"
	nested := func(depth int) string {
		var b strings.Builder
		for i := 0; i < depth; i++ {
			b.WriteString(strings.Repeat("  ", i) + "- x\n")
		}
		return b.String()
	}
	bad := []struct{ name, body, want string }{
		{"quote markers", strings.Repeat(">", 33) + " x\n", "x.md:6: lists or quotes nested 33 deep, more than the limit of 32"},
		{"list markers", strings.Repeat("- ", 40) + "x\n", "x.md:6: lists or quotes nested 40 deep"},
		{"indentation", nested(45), "the line is indented by 82 columns, more than the limit of 80"},
		{"emphasis", "Intro.\n\n" + strings.Repeat("*a ", 150) + strings.Repeat("b* ", 60) + "\n", "x.md:8: the paragraph has more than 200 emphasis and quote marks"},
	}
	for _, tc := range bad {
		_, err := content.ParseArticle("x.md", []byte(head+tc.body), nil)
		require.Error(t, err, tc.name)
		assert.True(t, content.IsContentError(err))
		assert.Contains(t, err.Error(), tc.want, tc.name)
	}
	_, err := content.ParseArticle("x.md", []byte("---\nheadline: A\npublished: 2024-05-01\nbackground: |\n  "+strings.Repeat(">", 40)+" x\n---\n\nText.\n"), nil)
	assert.ErrorContains(t, err, "x.md:5: background.body: lists or quotes nested 40 deep")

	good := []string{
		strings.Repeat(">", 32) + " x\n",
		nested(30),
		"- - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - -\n\nText.\n", // a rule
		"```\n" + strings.Repeat(" ", 200) + "code, indented\n" + strings.Repeat("*", 500) + "\n```\n",
		strings.Repeat("*a* ", 50) + "\n\n" + strings.Repeat("'b' ", 50) + "\n",
	}
	for _, body := range good {
		_, err := content.ParseArticle("x.md", []byte(head+body), nil)
		assert.NoError(t, err, body)
	}
	// A headline with too many marks is kept as plain text.
	a, err := content.ParseArticle("x.md", []byte("---\nheadline: \""+strings.Repeat("*a ", 150)+strings.Repeat("b* ", 60)+"\"\npublished: 2024-05-01\n---\n\nText.\n"), nil)
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(a.Headline, "*a *a"), a.Headline[:20])
}

// TestScriptDropped: the code inside inline script and style elements is
// dropped with the tags, not kept as text.
func TestScriptDropped(t *testing.T) {
	a, err := content.ParseArticle("x.md", []byte("---\nheadline: A <script>alert(1)</script>B\npublished: 2024-05-01\n---\n\n"+
		"One <script>alert(2)</script>two <SCRIPT type=\"x\">alert(3)</SCRIPT>three <style>p{}</style>four <script/>five.\n"), nil)
	require.NoError(t, err)
	assert.Equal(t, "A B", a.Headline)
	assert.Equal(t, "One two three four five.", content.PlainText(a.Body[0].(*content.Paragraph).Inlines))
}

// TestSymlinkOutOfFolder: a photo that is a symbolic link to a file outside
// the article's folder is not read; one to a file inside is.
func TestSymlinkOutOfFolder(t *testing.T) {
	outside := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(outside, "secret.jpg"), []byte("secret"), 0o644))
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "inside.jpg"), []byte("inside"), 0o644))
	require.NoError(t, os.Symlink(filepath.Join(outside, "secret.jpg"), filepath.Join(dir, "out.jpg")))
	require.NoError(t, os.Symlink("inside.jpg", filepath.Join(dir, "in.jpg")))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "index.md"), []byte("---\nheadline: A\npublished: 2024-05-01\n---\n\nText.\n"), 0o644))
	a, err := content.ReadArticleFile(dir)
	require.NoError(t, err)
	data, err := readAll(a, "in.jpg")
	require.NoError(t, err)
	assert.Equal(t, "inside", string(data))
	_, err = readAll(a, "out.jpg")
	assert.ErrorIs(t, err, content.ErrOutside)
}

func readAll(a *content.Article, name string) ([]byte, error) {
	return fs.ReadFile(a.Assets, name)
}
