package epub

import (
	"bytes"
	"context"
	"io"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/edition-project/edition/content"
	"github.com/edition-project/edition/edition"
	"github.com/edition-project/edition/fonts"
)

var embed = edition.Options{EmbedFonts: true}

// fontEntries returns the files under EPUB/fonts/, by name, and the media
// types the manifest gives them.
func fontEntries(t *testing.T, u *unzipped) (files []string, types map[string]string) {
	t.Helper()
	for _, name := range u.names {
		if rest, ok := strings.CutPrefix(name, contentDir+fontDir); ok {
			files = append(files, rest)
		}
	}
	types = map[string]string{}
	for _, it := range parseOPF(t, u.files[contentDir+pkgFile]).Items {
		if rest, ok := strings.CutPrefix(it.Href, fontDir); ok {
			types[rest] = it.MediaType
		}
	}
	return files, types
}

func TestEmbedFonts(t *testing.T) {
	for _, tc := range []struct {
		name    string
		book    func(t *testing.T) *edition.Book
		want    []string // font files, besides those of the Latin families
		without []string
	}{
		{"english", func(t *testing.T) *edition.Book { return buildBook(t, embed, testArticle(t, "10-en-short")) },
			[]string{"OFL.txt"},
			[]string{fonts.NaskhArabic.File, fonts.CJK.File, fonts.SerifHebrew.File, fonts.Mono.File}},
		{"mixed arabic", func(t *testing.T) *edition.Book { return buildBook(t, embed, testArticle(t, "19-mixed-ar-en")) },
			[]string{fonts.NaskhArabic.File, "OFL.txt"},
			[]string{fonts.CJK.File, fonts.SerifHebrew.File}},
		{"hebrew", func(t *testing.T) *edition.Book { return buildBook(t, embed, testArticle(t, "17-he-hadashot")) },
			[]string{fonts.SerifHebrew.File, fonts.SansHebrew.File, fonts.SansHebrewBold.File, "OFL.txt"},
			[]string{fonts.NaskhArabic.File, fonts.CJK.File}},
		{"chinese", func(t *testing.T) *edition.Book { return buildBook(t, embed, testArticle(t, "18-zh-xinwen")) },
			[]string{fonts.CJK.File, fonts.CJK.License},
			[]string{fonts.NaskhArabic.File}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := tc.book(t)
			data := renderBytes(t, b)
			require.Equal(t, data, renderBytes(t, b), "the same bytes twice")
			u := unzipEPUB(t, data)
			files, types := fontEntries(t, u)
			for _, f := range tc.want {
				assert.Contains(t, files, f)
			}
			for _, f := range tc.without {
				assert.NotContains(t, files, f, "a face the text does not need")
			}
			css := string(u.files[contentDir+cssDir+styleFile])
			for _, f := range files {
				if strings.HasSuffix(f, ".ttf") {
					assert.Equal(t, "font/ttf", types[f], f)
					assert.Contains(t, css, `src: url("../fonts/`+f+`")`, "an @font-face rule for each font")
					assert.True(t, bytes.Equal(u.files[contentDir+fontDir+f], faceByFile(t, f).Bytes()), f)
				} else {
					assert.Equal(t, "text/plain", types[f], f)
				}
			}
			// Every font's licence goes with it.
			for _, f := range files {
				if strings.HasSuffix(f, ".ttf") {
					assert.Contains(t, files, faceByFile(t, f).License, f)
				}
			}
			// Every @font-face names a font in the EPUB.
			for _, m := range regexp.MustCompile(`url\("\.\./fonts/([^"]+)"\)`).FindAllStringSubmatch(css, -1) {
				assert.Contains(t, files, m[1])
			}
		})
	}
}

func faceByFile(t *testing.T, file string) fonts.Face {
	t.Helper()
	i := slices.IndexFunc(append(slices.Clone(fonts.All), fonts.Scripts...), func(f fonts.Face) bool { return f.File == file })
	require.GreaterOrEqual(t, i, 0, file)
	return append(slices.Clone(fonts.All), fonts.Scripts...)[i]
}

func TestEmbedFontsStacks(t *testing.T) {
	a, err := content.ParseArticle("x.md", []byte("---\nheadline: Title\npublished: 2024-05-01\n---\n"+
		"Text with *emphasis*, `code` and مرحبا.\n\n> A quotation.\n"), nil)
	require.NoError(t, err)
	u := unzipEPUB(t, renderBytes(t, buildBook(t, embed, a)))
	files, _ := fontEntries(t, u)
	sort.Strings(files)
	assert.Equal(t, []string{"DejaVuSansMono.ttf", "LICENSE-DejaVu.txt", "NotoNaskhArabic-Regular.ttf",
		"NotoSans-Bold.ttf", "NotoSans-Regular.ttf", "NotoSerif-Italic.ttf", "NotoSerif-Regular.ttf", "OFL.txt"}, files,
		"no bold serif (no strong text), no bold Arabic (no Arabic heading)")
	css := string(u.files[contentDir+cssDir+styleFile])
	assert.Contains(t, css, `font-family: "Noto Serif", "Noto Naskh Arabic", Georgia, "Times New Roman", serif`,
		"the embedded families lead the stack")
	assert.Contains(t, css, `font-family: "Noto Sans", "Noto Naskh Arabic", Helvetica, Arial, sans-serif`)
	assert.Contains(t, css, `font-family: "DejaVu Sans Mono", "Noto Naskh Arabic", Menlo, Consolas, monospace`)
	assert.Regexp(t, `(?s)@font-face \{\s*font-family: "Noto Serif";\s*font-weight: normal;\s*font-style: italic;\s*src: url\("\.\./fonts/NotoSerif-Italic\.ttf"\);`, css)
}

// TestWithoutEmbedFonts: without the option nothing changes.
func TestWithoutEmbedFonts(t *testing.T) {
	u := unzipEPUB(t, renderBytes(t, buildBook(t, edition.Options{}, testArticle(t, "19-mixed-ar-en"))))
	files, _ := fontEntries(t, u)
	assert.Empty(t, files)
	assert.NotContains(t, string(u.files[contentDir+cssDir+styleFile]), "@font-face")
}

func TestEmbedFontsEPUBCheckAndAce(t *testing.T) {
	books := map[string][]byte{
		"mixed":  renderBytes(t, buildBook(t, embed, testArticle(t, "19-mixed-ar-en"))),
		"hebrew": renderBytes(t, buildBook(t, embed, testArticle(t, "17-he-hadashot"))),
	}
	for name, data := range books {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			// CSS-028 notes each @font-face rule: the point of the option.
			epubCheck(t, data, "CSS-028", "HTM-005")
			aceCheck(t, data)
		})
	}
}

// BenchmarkRenderEmbedFonts renders the mixed Arabic and English article
// with and without its fonts (Noto Serif, Sans and Naskh Arabic).
func BenchmarkRenderEmbedFonts(b *testing.B) {
	a, err := content.ReadArticleFile(filepath.Join("..", "..", "testdata", "articles", "19-mixed-ar-en"))
	require.NoError(b, err)
	for _, opts := range []edition.Options{{}, embed} {
		name := "plain"
		if opts.EmbedFonts {
			name = "embed"
		}
		b.Run(name, func(b *testing.B) {
			book := buildBook(b, opts, a)
			b.ReportAllocs()
			for b.Loop() {
				if err := Render(context.Background(), io.Discard, book); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
