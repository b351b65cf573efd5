package pdf

import (
	"bytes"
	"crypto/sha256"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/image/font/sfnt"

	"github.com/edition-project/edition/fonts"
)

// face is one of the faces a page is set in.
type face uint8

const (
	serif face = iota
	serifItalic
	serifBold
	serifBoldItalic
	sans
	sansBold
	mono
	// The faces for other scripts (script.go chooses them from the text).
	// All but cjk are shaped (shape.go) and drawn by glyph (pua.go).
	arabic
	arabicBold
	hebrewSerif
	hebrewSerifBold
	hebrewSans
	hebrewSansBold
	devanagari
	devanagariBold
	cjk
	symbols
	numFaces
)

// numLatin is the number of Latin faces: those before arabic.
const numLatin = arabic

var faceFiles = [numFaces]fonts.Face{
	fonts.Serif, fonts.SerifItalic, fonts.SerifBold, fonts.SerifBoldItalic,
	fonts.Sans, fonts.SansBold, fonts.Mono,
	fonts.NaskhArabic, fonts.NaskhArabicBold, fonts.SerifHebrew, fonts.SerifHebrewBold,
	fonts.SansHebrew, fonts.SansHebrewBold, fonts.SansDevanagari, fonts.SansDevanagariBold,
	fonts.CJK, fonts.Symbols,
}

// psNames are the PostScript names the fonts carry in the PDF.
var psNames = [numFaces]string{
	"NotoSerif-Regular", "NotoSerif-Italic", "NotoSerif-Bold", "NotoSerif-BoldItalic",
	"NotoSans-Regular", "NotoSans-Bold", "DejaVuSansMono",
	"NotoNaskhArabic-Regular", "NotoNaskhArabic-Bold", "NotoSerifHebrew-Regular", "NotoSerifHebrew-Bold",
	"NotoSansHebrew-Regular", "NotoSansHebrew-Bold", "NotoSansDevanagari-Regular", "NotoSansDevanagari-Bold",
	"DroidSansFallback", "NotoSansSymbols2-Regular",
}

// familyPrefixes start the family names faces are registered under; no
// two families share a prefix, so no name is a prefix of another's.
var familyPrefixes = [numFaces]string{
	"serif", "serif", "serif", "serif", "sans", "sans", "mono",
	"arab", "arab", "hebs", "hebs", "hebn", "hebn", "deva", "deva", "cjk", "sym",
}

// family returns the family name the face is registered under in fpdf.
//
// fpdf names an embedded font "/utf8<family><style>" and gives it no subset
// tag, so pdffonts and preflight tools take the subset for a whole font.
// The family is padded so that this name has exactly the length of the
// proper "/ABCDEF+PostScriptName"; finish then swaps one for the other in
// the finished file without moving a byte (the cross-reference offsets stay
// right). The padding letter differs by style so no name is a prefix of
// another.
func (f face) family() string {
	st := faceFiles[f].Style
	prefix := familyPrefixes[f]
	pad := map[string]string{"": "r", "I": "i", "B": "b", "BI": "z"}[st]
	n := len(psNames[f]) + 3 - len(st) - len(prefix)
	return prefix + strings.Repeat(pad, n)
}

func (f face) style() string { return faceFiles[f].Style }

// setFont selects a face, adding it to the document the first time: fpdf
// parses a font when it is added and embeds every font added, so faces an
// edition never uses cost neither time nor bytes. Once drawing has begun a
// face is added as the subset of it the document draws (subset.go, plan.go).
func (r *renderer) setFont(f face, size float64) {
	if !r.added[f] {
		r.pdf.AddUTF8FontFromBytes(f.family(), f.style(), r.fontBytes(f))
		r.added[f] = true
	}
	r.fonts.cur = f
	r.pdf.SetFont(f.family(), f.style(), size)
}

// tagFonts gives every embedded font a subset tag and its PostScript name,
// in place (doc is changed) and without changing the file's length. The tag is derived from
// the face and seed (the book's identifier), so it is stable.
func tagFonts(doc []byte, seed string) []byte {
	for f := range numFaces {
		old := "/utf8" + strings.ToLower(f.family()) + f.style()
		sum := sha256.Sum256([]byte(seed + psNames[f]))
		var tag [6]byte
		for i := range tag {
			tag[i] = 'A' + sum[i]%26
		}
		repl := "/" + string(tag[:]) + "+" + psNames[f]
		if len(repl) != len(old) {
			continue // cannot happen: family() pads to this length
		}
		// In place: the names have the same length, and bytes.ReplaceAll
		// would copy the whole file for each face, used or not.
		for rest := doc; ; {
			i := bytes.Index(rest, []byte(old))
			if i < 0 {
				break
			}
			copy(rest[i:], repl)
			rest = rest[i+len(repl):]
		}
	}
	return doc
}

// parsedFaces holds each face parsed for its character map and metrics,
// once per process and the first time a text needs it (sfnt reads tables
// lazily): a book in Noto Serif and Noto Sans never reads the other faces.
var parsedFaces [numFaces]struct {
	once sync.Once
	font *sfnt.Font
}

// sfntFont returns the face's font parsed once per process, or nil: the
// files are embedded and known good, and a face that failed to parse
// lacks every character, so lookups fall to the fallbacks.
func sfntFont(f face) *sfnt.Font {
	p := &parsedFaces[f]
	p.once.Do(func() { p.font, _ = sfnt.Parse(faceBytes(f)) })
	return p.font
}

// coverage answers which faces have a glyph for a character, looking each
// face up only when asked about it.
type coverage struct {
	buf   sfnt.Buffer
	cache map[rune]uint64 // bit f: face f has the rune; bit 32+f: f was looked up
	repl  map[face]string
}

// coverage.cache holds a bit for each face in 32 bits.
var _ [32 - numFaces]struct{}

func newCoverage() *coverage {
	return &coverage{cache: map[rune]uint64{}, repl: map[face]string{}}
}

func (c *coverage) has(f face, r rune) bool {
	if r > 0xFFFF && !f.shaped() {
		// fpdf writes text as UTF-16 into Identity-H fonts keyed by
		// 16-bit codes: it cannot draw characters beyond the BMP, unless
		// the face is shaped and drawn by glyph (pua.go).
		return false
	}
	bits := c.cache[r]
	if bits&(1<<(32+f)) == 0 {
		if ft := sfntFont(f); ft != nil {
			if i, err := ft.GlyphIndex(&c.buf, r); err == nil && i != 0 {
				bits |= 1 << f
			}
		}
		bits |= 1 << (32 + f)
		c.cache[r] = bits
	}
	return bits&(1<<f) != 0
}

// replacement returns the mark drawn for a character no face has: U+FFFD
// when the face has it, else a white square, else a question mark.
func (c *coverage) replacement(f face) (face, string) {
	for _, r := range []rune{'\uFFFD', '\u25A1'} {
		for _, g := range []face{f, serif, sans, mono} {
			if c.has(g, r) {
				return g, string(r)
			}
		}
	}
	return f, "?"
}

// segment is text that one face draws.
type segment struct {
	face face
	text string
}

// segments splits s into runs that the faces can draw: text in f where f
// has the glyphs, a related face where it does not (serif for sans and
// back, then mono, which covers most symbols), and a visible replacement
// mark for what no face has. Control characters become spaces.
func (c *coverage) segments(f face, s string, out []segment) []segment {
	start := len(out)
	add := func(g face, t string) {
		if n := len(out); n > start && out[n-1].face == g {
			out[n-1].text += t
			return
		}
		out = append(out, segment{g, t})
	}
	// Fast path: all of s in f.
	all := true
	for _, r := range s {
		if !c.has(f, r) && !unicode.IsSpace(r) {
			all = false
			break
		}
	}
	if all && utf8.ValidString(s) {
		return append(out, segment{f, s})
	}
	alt := sans
	if f == sans || f == sansBold {
		alt = serif
	}
	for _, r := range s {
		switch {
		case r == utf8.RuneError:
			g, t := c.replacement(f)
			add(g, t)
		case unicode.IsControl(r) || (unicode.IsSpace(r) && !c.has(f, r)):
			add(f, " ")
		case c.has(f, r):
			add(f, string(r))
		case c.has(alt, r):
			add(alt, string(r))
		case c.has(mono, r):
			add(mono, string(r))
		case unicode.Is(unicode.Mn, r) || r == '\u200B' || r == '\u200D' || r == '\uFE0F' || r == '\u2060':
			// Combining marks, joiners and variation selectors have no
			// width of their own: dropping one loses nothing visible.
		default:
			g, t := c.replacement(f)
			add(g, t)
		}
	}
	return out
}
