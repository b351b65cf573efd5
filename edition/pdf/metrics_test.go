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
