package pdf

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	xfont "golang.org/x/image/font"

	"github.com/edition-project/edition/content"
	"github.com/edition-project/edition/edition"
)

// glyphOf returns the outline segments and advance of r in f, and its glyph.
func glyphOf(t *testing.T, f *sfnt.Font, code rune) (sfnt.GlyphIndex, fixed.Int26_6, sfnt.Segments) {
	t.Helper()
	var buf sfnt.Buffer
	g, err := f.GlyphIndex(&buf, code)
	require.NoError(t, err)
	if g == 0 {
		return 0, 0, nil
	}
	ppem := fixed.I(int(f.UnitsPerEm()))
	adv, err := f.GlyphAdvance(&buf, g, ppem, xfont.HintingNone)
	require.NoError(t, err)
	segs, err := f.LoadGlyph(&buf, g, ppem, nil)
	require.NoError(t, err)
	return g, adv, append(sfnt.Segments(nil), segs...)
}

func TestSubsetFont(t *testing.T) {
	for _, tc := range []struct {
		f          face
		kept, gone string
	}{
		{serif, "Héllo, wörld – “Ŵ” ﬁ…", "ЖΩ€"},
		{sansBold, "Ǻ ǻ Å å ŉ Ω€", "ЖĦ"},
		{serifItalic, "ſ ŧ Ŋ", "ƒ"},
		{cjk, "新闻中国ＡＢ", "日本語"},
	} {
		full, err := sfnt.Parse(faceFiles[tc.f].Bytes())
		require.NoError(t, err)
		set := new(runeSet)
		set.addString(tc.kept)
		b, err := subsetFor(tc.f, set)
		require.NoError(t, err, psNames[tc.f])
		assert.Less(t, len(b), len(faceFiles[tc.f].Bytes())/2, psNames[tc.f])
		sub, err := sfnt.Parse(b)
		require.NoError(t, err, psNames[tc.f])
		assert.Less(t, sub.NumGlyphs(), full.NumGlyphs()/4, psNames[tc.f])
		for _, r := range tc.kept + "AZaz09" {
			g0, a0, s0 := glyphOf(t, full, r)
			g1, a1, s1 := glyphOf(t, sub, r)
			assert.Equal(t, g0 != 0, g1 != 0, "%s U+%04X", psNames[tc.f], r)
			assert.Equal(t, a0, a1, "%s U+%04X", psNames[tc.f], r)
			assert.Equal(t, s0, s1, "%s U+%04X", psNames[tc.f], r)
		}
		for _, r := range tc.gone {
			g0, _, _ := glyphOf(t, full, r)
			require.NotZero(t, g0, "%s has U+%04X", psNames[tc.f], r)
			g1, _, _ := glyphOf(t, sub, r)
			assert.Zero(t, g1, "%s U+%04X dropped", psNames[tc.f], r)
		}
	}
}

func TestSubsetShapedFont(t *testing.T) {
	for _, f := range []face{arabic, hebrewSans, devanagari, symbols} {
		full, err := sfnt.Parse(faceFiles[f].Bytes())
		require.NoError(t, err)
		n := full.NumGlyphs()
		kept := []int{1, 2, n / 2, n - 1}
		set := new(runeSet)
		for _, g := range kept {
			set.add(rune(puaBase + g))
		}
		b, err := subsetFor(f, set)
		require.NoError(t, err, psNames[f])
		sub, err := sfnt.Parse(b)
		require.NoError(t, err, psNames[f])
		var buf sfnt.Buffer
		ppem := fixed.I(int(full.UnitsPerEm()))
		for _, g := range kept {
			i, err := sub.GlyphIndex(&buf, rune(puaBase+g))
			require.NoError(t, err)
			require.NotZero(t, i, psNames[f])
			a0, err := full.GlyphAdvance(&buf, sfnt.GlyphIndex(g), ppem, xfont.HintingNone)
			require.NoError(t, err)
			a1, err := sub.GlyphAdvance(&buf, i, ppem, xfont.HintingNone)
			require.NoError(t, err)
			assert.Equal(t, a0, a1)
			s0, err := full.LoadGlyph(&buf, sfnt.GlyphIndex(g), ppem, nil)
			require.NoError(t, err)
			s0 = append(sfnt.Segments(nil), s0...)
			s1, err := sub.LoadGlyph(&buf, i, ppem, nil)
			require.NoError(t, err)
			assert.Equal(t, s0, s1, "%s glyph %d", psNames[f], g)
		}
		i, err := sub.GlyphIndex(&buf, rune(puaBase+3))
		require.NoError(t, err)
		assert.Zero(t, i, "a glyph not asked for has no code")
	}
}

// subsetBooks are the documents the collection of characters is checked
// on: the example, every test article, both editions, in one and two
// columns.
func subsetBooks(t *testing.T) map[string]*edition.Book {
	t.Helper()
	books := map[string]*edition.Book{}
	for _, cols := range []int{1, 2} {
		o := edition.Options{Columns: cols}
		name := func(s string) string { return s + map[int]string{1: "", 2: " (2 columns)"}[cols] }
		books[name("example")] = book(t, o)
		a := aleppo(t)
		b, err := edition.Build(context.Background(), content.SingleArticle(a), o)
		require.NoError(t, err)
		books[name("example alone")] = b
		dirs, err := os.ReadDir(filepath.Join("..", "..", "testdata", "articles"))
		require.NoError(t, err)
		for _, d := range dirs {
			if !d.IsDir() {
				continue
			}
			a, err := content.ReadArticleFile(filepath.Join("..", "..", "testdata", "articles", d.Name()))
			require.NoError(t, err, d.Name())
			b, err := edition.Build(context.Background(), content.SingleArticle(a), o)
			require.NoError(t, err, d.Name())
			books[name(d.Name())] = b
		}
		for _, dir := range []string{filepath.Join("testdata", "editions", "riverbend-weekly"), filepath.Join("examples", "edition")} {
			ed, err := content.ReadEditionFile(filepath.Join("..", "..", dir))
			require.NoError(t, err, dir)
			b, err := edition.Build(context.Background(), ed, o)
			require.NoError(t, err, dir)
			books[name(dir)] = b
		}
	}
	return books
}

// TestSubsetsCoverWhatIsDrawn checks that no document needs the fallback:
// every character drawn was collected for its face's subset.
func TestSubsetsCoverWhatIsDrawn(t *testing.T) {
	if testing.Short() {
		t.Skip("renders every test document")
	}
	for name, b := range subsetBooks(t) {
		whole := wholeFaces.Load()
		_, _, err := layOutFonts(context.Background(), b, &typesetter{}, false, nil)
		assert.NoError(t, err, name)
		assert.Equal(t, whole, wholeFaces.Load(), "%s: every face is given as a subset", name)
	}
}

// TestSubsetFallback checks that a document whose collection misses a
// character comes out as it does with the whole faces.
func TestSubsetFallback(t *testing.T) {
	b := book(t, edition.Options{})
	want, _, err := layOutFonts(context.Background(), b, &typesetter{}, true, nil)
	require.NoError(t, err)
	planFilter = func(f face, s *runeSet) {
		if f == serif {
			s['e'>>6] &^= 1 << ('e' & 63)
		}
	}
	defer func() { planFilter = nil }()
	before := subsetFallbacks.Load()
	got, _, err := layOut(context.Background(), b)
	require.NoError(t, err)
	assert.Equal(t, before+1, subsetFallbacks.Load())
	assert.True(t, bytes.Equal(want, got), "the fallback gives the document set in the whole faces")
}
