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
	"unsafe"
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

// Bytes returns the font file of f, shared and read-only: it is the copy
// in the binary itself, so no build copies a font, and writing to it
// crashes (fpdf writes into the font bytes it is given: give it a copy).
func (f Face) Bytes() []byte {
	s, ok := embedded[f.File]
	if !ok {
		// The faces are embedded at build time; a miss is a programming error.
		panic(fmt.Sprintf("fonts: %s is not embedded", f.File))
	}
	return unsafe.Slice(unsafe.StringData(s), len(s))
}

// embedded holds each face's file as the binary holds it (the linker keeps
// one copy for these and FS). Reading a file from an embed.FS copies it.
var embedded = map[string]string{
	"DejaVuSansMono.ttf":             fileDejaVuSansMono,
	"DroidSansFallbackFull.ttf":      fileDroidSansFallbackFull,
	"NotoNaskhArabic-Bold.ttf":       fileNotoNaskhArabicBold,
	"NotoNaskhArabic-Regular.ttf":    fileNotoNaskhArabicRegular,
	"NotoSans-Bold.ttf":              fileNotoSansBold,
	"NotoSans-Regular.ttf":           fileNotoSansRegular,
	"NotoSansDevanagari-Bold.ttf":    fileNotoSansDevanagariBold,
	"NotoSansDevanagari-Regular.ttf": fileNotoSansDevanagariRegular,
	"NotoSansHebrew-Bold.ttf":        fileNotoSansHebrewBold,
	"NotoSansHebrew-Regular.ttf":     fileNotoSansHebrewRegular,
	"NotoSansSymbols2-Regular.ttf":   fileNotoSansSymbols2Regular,
	"NotoSerif-Bold.ttf":             fileNotoSerifBold,
	"NotoSerif-BoldItalic.ttf":       fileNotoSerifBoldItalic,
	"NotoSerif-Italic.ttf":           fileNotoSerifItalic,
	"NotoSerif-Regular.ttf":          fileNotoSerifRegular,
	"NotoSerifHebrew-Bold.ttf":       fileNotoSerifHebrewBold,
	"NotoSerifHebrew-Regular.ttf":    fileNotoSerifHebrewRegular,
}

//go:embed DejaVuSansMono.ttf
var fileDejaVuSansMono string

//go:embed DroidSansFallbackFull.ttf
var fileDroidSansFallbackFull string

//go:embed NotoNaskhArabic-Bold.ttf
var fileNotoNaskhArabicBold string

//go:embed NotoNaskhArabic-Regular.ttf
var fileNotoNaskhArabicRegular string

//go:embed NotoSans-Bold.ttf
var fileNotoSansBold string

//go:embed NotoSans-Regular.ttf
var fileNotoSansRegular string

//go:embed NotoSansDevanagari-Bold.ttf
var fileNotoSansDevanagariBold string

//go:embed NotoSansDevanagari-Regular.ttf
var fileNotoSansDevanagariRegular string

//go:embed NotoSansHebrew-Bold.ttf
var fileNotoSansHebrewBold string

//go:embed NotoSansHebrew-Regular.ttf
var fileNotoSansHebrewRegular string

//go:embed NotoSansSymbols2-Regular.ttf
var fileNotoSansSymbols2Regular string

//go:embed NotoSerif-Bold.ttf
var fileNotoSerifBold string

//go:embed NotoSerif-BoldItalic.ttf
var fileNotoSerifBoldItalic string

//go:embed NotoSerif-Italic.ttf
var fileNotoSerifItalic string

//go:embed NotoSerif-Regular.ttf
var fileNotoSerifRegular string

//go:embed NotoSerifHebrew-Bold.ttf
var fileNotoSerifHebrewBold string

//go:embed NotoSerifHebrew-Regular.ttf
var fileNotoSerifHebrewRegular string
