package pdf

import (
	"testing"

	"codeberg.org/go-pdf/fpdf"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMetricsMatchFpdf measures every character of the Basic Multilingual
// Plane in every face that fpdf measures (the shaped faces are measured by
// the shaper) both ways: the widths used to break lines must be the ones
// fpdf draws with, or justified lines would not end flush.
func TestMetricsMatchFpdf(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: 65,536 characters in every face")
	}
	for f := range numFaces {
		if f.shaped() {
			continue
		}
		t.Run(psNames[f], func(t *testing.T) {
			doc := fpdf.New("P", "pt", "A4", "")
			doc.AddUTF8FontFromBytes(f.family(), f.style(), faceFiles[f].Bytes())
			doc.SetFont(f.family(), f.style(), 1000)
			require.NoError(t, doc.Error())
			var m metrics
			bad := 0
			for r := rune(1); r <= 0xFFFF; r++ {
				if r >= 0xD800 && r <= 0xDFFF {
					continue // surrogates are not characters
				}
				s := string(r)
				want := doc.GetStringSymbolWidth(s)
				if got := m.width(f, s); got != want {
					if bad < 5 {
						t.Errorf("U+%04X: %d, fpdf %d", r, got, want)
					}
					bad++
				}
			}
			assert.Zero(t, bad, "characters measured differently")
		})
	}
}

// TestKerning checks that a kerned pair measures narrower than its two
// letters apart, and that drawText cuts the text at the pair so that the
// drawn text is as wide as measured.
func TestKerning(t *testing.T) {
	var m metrics
	a, v := m.width(serif, "A"), m.width(serif, "V")
	k := m.kern(serif, 'A', 'V')
	require.Negative(t, k, "Noto Serif kerns A and V")
	assert.Equal(t, a+v+int(k), m.width(serif, "AV"))
	assert.Equal(t, a+v, m.plainWidth(serif, "AV"))
	assert.Zero(t, m.kern(serif, 'x', 'x'))

	r := testRenderer("en")
	r.pdf.AddPage()
	r.setFont(serif, 10)
	r.drawText(serif, 10, 100, 100, "WAVE")
	require.NoError(t, r.pdf.Error())
}
