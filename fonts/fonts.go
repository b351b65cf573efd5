// Package fonts holds the typefaces editions are set in, embedded in the
// binary with their licences: Noto Serif for text, Noto Sans for display and
// DejaVu Sans Mono for code (All), and for the scripts those do not cover
// (Scripts): Noto Naskh Arabic, Noto Serif and Sans Hebrew, Noto Sans
// Devanagari, Droid Sans Fallback for Chinese and Japanese, and Noto Sans
// Symbols 2 for symbols and some emoji. All are TrueType (glyf) fonts that
// may be redistributed (SIL OFL 1.1; Bitstream Vera licence; Apache 2.0);
// OFL.txt, LICENSE-DejaVu.txt and LICENSE-Apache-2.0.txt travel with them.
//
// It is not a font parser or shaper: it only hands out bytes.
package fonts

import (
	"embed"
	"fmt"
	"io/fs"
	"slices"
	"sync"
)

//go:embed *.ttf OFL.txt LICENSE-DejaVu.txt LICENSE-Apache-2.0.txt
var files embed.FS

// FS returns the embedded font files and licences.
func FS() fs.FS { return files }

// Face is one font file of a family.
type Face struct {
	Family  string // "Noto Serif"
	Style   string // "", "B", "I" or "BI", as fpdf names styles
	File    string // file name inside FS
	License string // licence file name inside FS
}

// The faces editions use.
var (
	Serif           = Face{"Noto Serif", "", "NotoSerif-Regular.ttf", "OFL.txt"}
	SerifItalic     = Face{"Noto Serif", "I", "NotoSerif-Italic.ttf", "OFL.txt"}
	SerifBold       = Face{"Noto Serif", "B", "NotoSerif-Bold.ttf", "OFL.txt"}
	SerifBoldItalic = Face{"Noto Serif", "BI", "NotoSerif-BoldItalic.ttf", "OFL.txt"}
	Sans            = Face{"Noto Sans", "", "NotoSans-Regular.ttf", "OFL.txt"}
	SansBold        = Face{"Noto Sans", "B", "NotoSans-Bold.ttf", "OFL.txt"}
	Mono            = Face{"DejaVu Sans Mono", "", "DejaVuSansMono.ttf", "LICENSE-DejaVu.txt"}
)

// All lists the faces for Latin, Greek and Cyrillic text, in a fixed order.
var All = []Face{Serif, SerifItalic, SerifBold, SerifBoldItalic, Sans, SansBold, Mono}

// The faces for other scripts. Each has no italic: emphasis keeps the
// upright face. Arabic is set in Naskh, the style of Arabic book and
// newspaper text, beside both Noto Serif and Noto Sans (Noto Sans Arabic is
// a Kufi-like display design); Hebrew has a serif and a sans like Latin.
// CJK, Droid Sans Fallback (4 MB, one weight), covers the CJK Unified
// Ideographs, kana and CJK punctuation but not Hangul.
var (
	NaskhArabic        = Face{"Noto Naskh Arabic", "", "NotoNaskhArabic-Regular.ttf", "OFL.txt"}
	NaskhArabicBold    = Face{"Noto Naskh Arabic", "B", "NotoNaskhArabic-Bold.ttf", "OFL.txt"}
	SerifHebrew        = Face{"Noto Serif Hebrew", "", "NotoSerifHebrew-Regular.ttf", "OFL.txt"}
	SerifHebrewBold    = Face{"Noto Serif Hebrew", "B", "NotoSerifHebrew-Bold.ttf", "OFL.txt"}
	SansHebrew         = Face{"Noto Sans Hebrew", "", "NotoSansHebrew-Regular.ttf", "OFL.txt"}
	SansHebrewBold     = Face{"Noto Sans Hebrew", "B", "NotoSansHebrew-Bold.ttf", "OFL.txt"}
	SansDevanagari     = Face{"Noto Sans Devanagari", "", "NotoSansDevanagari-Regular.ttf", "OFL.txt"}
	SansDevanagariBold = Face{"Noto Sans Devanagari", "B", "NotoSansDevanagari-Bold.ttf", "OFL.txt"}
	CJK                = Face{"Droid Sans Fallback", "", "DroidSansFallbackFull.ttf", "LICENSE-Apache-2.0.txt"}
	Symbols            = Face{"Noto Sans Symbols 2", "", "NotoSansSymbols2-Regular.ttf", "OFL.txt"}
)

// Scripts lists the faces for other scripts and symbols, in a fixed order.
var Scripts = []Face{NaskhArabic, NaskhArabicBold, SerifHebrew, SerifHebrewBold, SansHebrew, SansHebrewBold,
	SansDevanagari, SansDevanagariBold, CJK, Symbols}

// Bytes returns the font file of f, read from the binary once per process
// and shared: do not modify it.
func (f Face) Bytes() []byte {
	l := loaded[f.File]
	if l == nil {
		// The faces are embedded at build time; a miss is a programming error.
		panic(fmt.Sprintf("fonts: %s is not embedded", f.File))
	}
	return l()
}

// loaded reads each face's file the first time it is asked for: reading
// an embedded file copies it, and a renderer asks for a face several times
// (to measure, to shape, to embed).
var loaded = func() map[string]func() []byte {
	m := map[string]func() []byte{}
	for _, f := range append(slices.Clip(All), Scripts...) {
		m[f.File] = sync.OnceValue(func() []byte {
			b, err := files.ReadFile(f.File)
			if err != nil {
				panic(fmt.Sprintf("fonts: %s is not embedded: %v", f.File, err))
			}
			return b
		})
	}
	return m
}()
