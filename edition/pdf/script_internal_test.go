package pdf

import (
	"bytes"
	"slices"
	"testing"

	"codeberg.org/go-pdf/fpdf"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/image/font/sfnt"

	"github.com/edition-project/edition/content"
	"github.com/edition-project/edition/edition/pdf/layout"
)

func TestPUAFonts(t *testing.T) {
	for f := numLatin; f < numFaces; f++ {
		if !f.shaped() {
			continue
		}
		orig, err := sfnt.Parse(faceFiles[f].Bytes())
		require.NoError(t, err)
		require.Less(t, orig.NumGlyphs(), maxPUAGlyphs, "%s: every glyph needs a private code", psNames[f])
		b, err := glyphAddressed(faceFiles[f].Bytes())
		require.NoError(t, err, psNames[f])
		cp, err := sfnt.Parse(b)
		require.NoError(t, err, psNames[f])
		var buf sfnt.Buffer
		for _, g := range []int{1, 2, orig.NumGlyphs() - 1} {
			i, err := cp.GlyphIndex(&buf, rune(puaBase+g))
			require.NoError(t, err)
			assert.Equal(t, sfnt.GlyphIndex(g), i, "%s: U+%04X", psNames[f], puaBase+g)
		}
		// fpdf reads it and draws from it.
		doc := fpdf.New("P", "pt", "A4", "")
		doc.AddUTF8FontFromBytes("x", "", b)
		doc.AddPage()
		doc.SetFont("x", "", 10)
		doc.Text(10, 10, string(rune(puaBase+3)))
		var out bytes.Buffer
		require.NoError(t, doc.Output(&out), psNames[f])
	}
}

func TestNeedsScripts(t *testing.T) {
	r := &renderer{cov: newCoverage()}
	for s, want := range map[string]bool{
		"plain “text” – Ж, Ελλάδα, Việt": false,
		"a → b ❤":         false, // DejaVu Sans Mono has them
		"مرحبا":           true,
		"שלום":            true,
		"中文":              true,
		"नमस्ते":          true,
		"sad 😢":           true,
		"left\u200Fright": true,
		"⚽":               true, // only in Noto Sans Symbols 2
	} {
		assert.Equal(t, want, r.needsScripts([]content.Inline{{Text: s}}), s)
	}
	r.setLanguage("ar")
	assert.True(t, r.needsScripts([]content.Inline{{Text: "Latin text in an Arabic article"}}))
}

func TestVisualOrder(t *testing.T) {
	for _, tc := range []struct {
		levels []uint8
		want   []int
	}{
		{[]uint8{0, 0, 0}, []int{0, 1, 2}},
		{[]uint8{1, 1, 1}, []int{2, 1, 0}},
		{[]uint8{0, 1, 1, 0}, []int{0, 2, 1, 3}},
		{[]uint8{1, 1, 2, 2, 1}, []int{4, 2, 3, 1, 0}},             // a number in Arabic
		{[]uint8{0, 1, 1, 2, 2, 1, 0}, []int{0, 5, 3, 4, 2, 1, 6}}, // in English
	} {
		idx := make([]int, len(tc.levels))
		for i := range idx {
			idx[i] = i
		}
		visualOrder(idx, slices.Clone(tc.levels))
		assert.Equal(t, tc.want, idx, "%v", tc.levels)
	}
}

func TestBidiLevels(t *testing.T) {
	s := &scripts{}
	levels := func(text string, rtl bool) []uint8 { return slices.Clone(s.bidiLevels([]rune(text), rtl)) }
	assert.Equal(t, []uint8{0, 0, 0}, levels("abc", false))
	// English with Arabic inside; the number after the Arabic goes with it.
	assert.Equal(t, []uint8{0, 0, 1, 1, 1, 2, 2, 1, 1, 0, 0}, levels("a بت 12 ث b", false))
	// Arabic with an English word and a number.
	assert.Equal(t, []uint8{1, 1, 2, 2, 2, 1, 2, 2, 1, 1}, levels("ب e-b ١٢ ت", true)[:10])
	// Brackets are paired (rule N0): both take the paragraph's direction.
	assert.Equal(t, []uint8{1, 1, 1, 2, 1, 1, 2}, levels("ا (b) c", true))
}

func TestPopplerOrder(t *testing.T) {
	// Visual order, as drawn, reads back in logical order on a page of the
	// same direction.
	assert.Equal(t, "abc", string(popplerOrder([]rune("abc"), false)))
	assert.Equal(t, "ابت", string(popplerOrder([]rune("تبا"), true)))
	// Its rule moves the space after a right-to-left run before it, which
	// is what the marks (extractable.marks) and craft are for.
	assert.Equal(t, "hi  ابتyou", string(popplerOrder([]rune("hi تبا you"), false)))
	e := extractable{units: [][]rune{[]rune("hi"), {' '}, []rune("تبا"), {' '}, []rune("you")}, level: []uint8{0, 0, 1, 0, 0}}
	e.marks(false)
	assert.True(t, sameText(popplerOrder(e.text(), false), []rune("hi ابت you")))
	for _, logical := range []string{
		"أيام، ويخصص هذا",
		"بمشاركة ٤٢٠ دار نشر (e-books)، يمكن",
		"the alif الألف هو أساس كل الحروف، فإذا استقام — “the",
		"עלה ב־18% בתוך שנה.",
		"«لم يعد» 7:30 Lucía Ferrer، التي",
	} {
		for _, rtl := range []bool{false, true} {
			got := popplerOrder(craft([]rune(logical), rtl), rtl)
			assert.True(t, sameText(got, []rune(logical)), "%q (rtl %v) reads back as %q", logical, rtl, string(got))
		}
	}
}

func TestScriptParagraph(t *testing.T) {
	r := newTestRenderer(t)
	// An Arabic paragraph: right to left, shaped, with a Latin word.
	p := r.paragraph([]content.Inline{{Text: "الكتب الإلكترونية (e-books) متاحة"}}, bodyFont, 400, 0)
	require.NotNil(t, p.sx)
	assert.True(t, p.sx.rtl)
	faces := map[face]bool{}
	for i, it := range p.items {
		if it.Kind == layout.Box && p.pieces[i].text+string(runText(p.sx.items[i].run)) != "" {
			faces[p.pieces[i].face] = true
		}
	}
	assert.True(t, faces[arabic], "Arabic in Naskh")
	assert.True(t, faces[serif], "the Latin word in Noto Serif")

	// Chinese: breaks between ideographs, none before a closing comma.
	p = r.paragraph([]content.Inline{{Text: "茶农增收，有了新路子"}}, bodyFont, 400, 0)
	require.NotNil(t, p.sx)
	var boxes []string
	for i, it := range p.items {
		if it.Kind == layout.Box {
			boxes = append(boxes, p.pieces[i].text)
		}
		if it.Kind == layout.Glue && it.Stretch < 1e5 {
			assert.Zero(t, it.Width, "no space between ideographs")
		}
	}
	assert.Equal(t, []string{"茶", "农", "增", "收，", "有", "了", "新", "路", "子"}, boxes)

	// Latin text stays on the Latin path.
	p = r.paragraph([]content.Inline{{Text: "Plain English text."}}, bodyFont, 400, 0)
	assert.Nil(t, p.sx)
}

func TestReplacedKeepText(t *testing.T) {
	r := newTestRenderer(t)
	p := r.paragraph([]content.Inline{{Text: "flag 🇬🇧 and 👩\u200d💻"}}, bodyFont, 400, 0)
	require.NotNil(t, p.sx)
	var actual []string
	for _, si := range p.sx.items {
		if si.actual != "" {
			actual = append(actual, si.actual)
		}
	}
	assert.Equal(t, []string{"🇬🇧", "👩\u200d"}, actual, "each mark stands for its characters")
}

func runText(g *glyphRun) []rune {
	if g == nil {
		return nil
	}
	return g.text
}

// newTestRenderer returns a renderer ready to set paragraphs.
func newTestRenderer(t *testing.T) *renderer {
	t.Helper()
	doc := fpdf.New("P", "pt", "A4", "")
	r := &renderer{pdf: doc, breaker: layout.Greedy{}, cov: newCoverage()}
	r.tx = &typesetter{}
	return r
}
