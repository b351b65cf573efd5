package pdf

import (
	"bytes"
	"context"
	"os/exec"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/edition-project/edition/content"
	"github.com/edition-project/edition/edition/pdf/layout"
)

// testRenderer returns a renderer ready to set paragraphs in lang.
func testRenderer(lang string) *renderer {
	r := &renderer{ctx: context.Background(), pdf: fpdf.New("P", "pt", "A4", ""), breaker: layout.Greedy{},
		tx: &typesetter{}, cov: newCoverage(), articleStarts: map[int]bool{}}
	r.setLanguage(lang)
	return r
}

func TestSyllables(t *testing.T) {
	r := testRenderer("en-GB")
	ins := []content.Inline{{Text: "Typographical hyphenation, "}, {Text: "well-known", Style: content.Emphasis}, {Text: " and 2016-12-13."}}
	r.tx.justify = true
	p := r.paragraph(ins, bodyFont, 400, 0)
	text := []rune(content.PlainText(ins))
	var words []string
	var word strings.Builder
	soft, hard := 0, 0
	for i, it := range p.items {
		pc := p.pieces[i]
		switch {
		case it.Kind == layout.Box && pc.text != "":
			n := len([]rune(pc.text))
			require.LessOrEqual(t, pc.at+n, len(text))
			assert.Equal(t, string(text[pc.at:pc.at+n]), pc.text, "a syllable's piece is at its offset in the text")
			word.WriteString(pc.text)
		case it.Kind == layout.Penalty && it.Flagged:
			if pc.text == "-" {
				soft++
				assert.InDelta(t, r.measure(pc.face, pc.size, "-"), it.Width, 1e-9, "the penalty is as wide as the hyphen")
			} else {
				hard++
				assert.Zero(t, it.Width, "a hard hyphen is drawn already")
			}
			word.WriteString("|")
		case it.Kind == layout.Glue && word.Len() > 0:
			words = append(words, word.String())
			word.Reset()
		}
	}
	// A hard hyphen is no break (breakAtHardHyphens): pdftotext would drop it.
	assert.Equal(t, []string{"Ty|po|graph|ical", "hy|phen|a|tion,", "well-known", "and", "2016-12-13."}, words)
	assert.Equal(t, 6, soft)
	assert.Equal(t, 0, hard)

	// Lines drawn whole: the syllables of a word on one line are joined.
	ls := layout.KnuthPlass{}.Break(p.items, func(int) float64 { return 400 })
	require.Len(t, ls, 1)
	first := ls[0].Start
	got, w, last := joinSyllables(p, first, ls[0].End)
	assert.Equal(t, "Typographical", got)
	assert.Equal(t, 6, last, "four syllables and the three penalties between them")
	assert.InDelta(t, r.measure(serif, bodyFont.size, "Typographical"), w, 1e-6)

	// Ragged text is not hyphenated.
	r.tx.justify = false
	p = r.paragraph(ins, bodyFont, 400, 0)
	for _, it := range p.items {
		assert.False(t, it.Flagged)
	}
}

func TestSyllablesOtherLanguages(t *testing.T) {
	for lang, want := range map[string]int{"de-DE": 3, "ru": 3, "el": 0, "": 0, "zz": 0} {
		r := testRenderer(lang)
		r.tx.justify = true
		text := map[string]string{"de-DE": "Silbentrennung", "ru": "государство"}[lang]
		if text == "" {
			text = "Silbentrennung"
		}
		p := r.paragraph([]content.Inline{{Text: text}}, bodyFont, 400, 0)
		n := 0
		for _, it := range p.items {
			if it.Flagged {
				n++
			}
		}
		assert.Equal(t, want, n, "%s: breaks in %q", lang, text)
	}
}

// TestHyphenDrawn sets a paragraph in a narrow measure and reads the page
// back: a hyphen is drawn where a line breaks inside a word, and
// pdftotext, which joins such a line to the next, gives the words back.
func TestHyphenDrawn(t *testing.T) {
	bin := tool(t, "pdftotext")
	const text = "Extraordinary circumstances necessitate unprecedented international humanitarian cooperation, notwithstanding considerable institutional reluctance."
	r := testRenderer("en")
	rows := r.text(plain(text), ctx{x: 60, w: 150, font: bodyFont}, bodyFont, justify, 0)
	assert.Positive(t, r.tx.report.Hyphenated)
	assert.Zero(t, r.tx.report.Overfull)
	r.pdf.AddPage()
	y := 60.0
	for _, rw := range rows {
		rw.draw(y)
		y += rw.h
	}
	var buf bytes.Buffer
	require.NoError(t, r.pdf.Output(&buf))
	path := writeTemp(t, buf.Bytes())

	out, err := exec.Command(bin, "-enc", "UTF-8", "-layout", path, "-").Output()
	require.NoError(t, err)
	hyphens := 0
	for _, l := range strings.Split(string(out), "\n") {
		if strings.HasSuffix(strings.TrimSpace(l), "-") {
			hyphens++
		}
	}
	assert.Equal(t, r.tx.report.Hyphenated, hyphens, "a hyphen at the end of every hyphenated line:\n%s", out)

	out, err = exec.Command(bin, "-enc", "UTF-8", path, "-").Output()
	require.NoError(t, err)
	assert.Equal(t, text, strings.Join(strings.Fields(string(out)), " "))
}
