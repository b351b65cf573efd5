// Package fonts holds the typefaces editions are set in, embedded in the
// binary with their licences: Noto Serif for text, Noto Sans for display and
// DejaVu Sans Mono for code. All are TrueType (glyf) fonts that may be
// redistributed (SIL OFL 1.1; Bitstream Vera licence); OFL.txt and
// LICENSE-DejaVu.txt travel with them.
//
// It is not a font parser or shaper: it only hands out bytes.
package fonts

import (
	"embed"
	"fmt"
	"io/fs"
)

//go:embed *.ttf OFL.txt LICENSE-DejaVu.txt
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

// All lists every face, in a fixed order.
var All = []Face{Serif, SerifItalic, SerifBold, SerifBoldItalic, Sans, SansBold, Mono}

// Bytes returns the font file of f. The slice is shared: do not modify it.
func (f Face) Bytes() []byte {
	b, err := files.ReadFile(f.File)
	if err != nil {
		// The files are embedded at build time; a miss is a programming error.
		panic(fmt.Sprintf("fonts: %s is not embedded: %v", f.File, err))
	}
	return b
}
