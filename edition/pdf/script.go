package pdf

import (
	"strings"
	"unicode"

	gbidi "github.com/go-text/typesetting/bidi"
	gtfont "github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/shaping"

	"github.com/edition-project/edition/content"
)

// scripts is the state a rendering keeps for text beyond Latin, Greek and
// Cyrillic; it is made the first time such text turns up.
type scripts struct {
	shaper shaping.HarfbuzzShaper
	faces  [numFaces]*gtfont.Face
	shaped map[shapeKey]*glyphRun
	lang   language.Language // the article's, for language-specific forms
	rtl    bool              // the article's language is written right to left
	bidi   gbidi.Paragraph
	// Buffers reused from paragraph to paragraph.
	runes      []rune
	bidiText   []rune
	levels     []uint8
	sc         []script
	faceOf     []face
	order      []int
	lineLevels []uint8
}

// scripts returns the rendering's script state, making it when needed.
func (r *renderer) scripts() *scripts {
	if r.sc == nil {
		r.sc = &scripts{lang: language.NewLanguage(r.lang)}
		r.sc.rtl = rtlLanguage(r.lang)
	}
	return r.sc
}

// setLanguage records the language of the article being laid out: it sets
// the direction of its paragraphs and the language they are shaped in.
func (r *renderer) setLanguage(lang string) {
	r.lang = lang
	if r.sc != nil {
		r.sc.lang = language.NewLanguage(lang)
		r.sc.rtl = rtlLanguage(lang)
	}
}

// rtlLanguage reports whether a BCP 47 language is written right to left.
func rtlLanguage(tag string) bool {
	base, _, _ := strings.Cut(strings.ToLower(tag), "-")
	switch base {
	case "ar", "fa", "he", "iw", "ur", "ps", "sd", "ug", "yi", "ckb", "dv", "syr":
		return true
	}
	return false
}

// script is a writing system as far as choosing a face goes.
type script uint8

const (
	common       script = iota // spaces, digits, punctuation, symbols: as the text around them
	inherited                  // combining marks: as the character they follow
	latin                      // Latin, Greek, Cyrillic and all the Latin faces draw
	arabicSc                   // Arabic, Persian, Urdu
	hebrewSc                   //
	devanagariSc               // Hindi, Marathi, Nepali
	cjkSc                      // Han, kana, Bopomofo
	hangulSc                   // Korean: no shipped face, replaced visibly
)

// scriptOf classifies a character.
func scriptOf(r rune) script {
	switch {
	case r < 0x80:
		if 'a' <= r|0x20 && r|0x20 <= 'z' {
			return latin
		}
		return common
	case r < 0x0590:
		switch {
		case r >= 0x0300 && r < 0x0370:
			return inherited
		case unicode.IsLetter(r):
			return latin
		}
		return common
	case unicode.Is(unicode.Arabic, r):
		return arabicSc
	case unicode.Is(unicode.Hebrew, r):
		return hebrewSc
	case unicode.Is(unicode.Devanagari, r):
		return devanagariSc
	case unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Bopomofo):
		return cjkSc
	case unicode.Is(unicode.Hangul, r):
		return hangulSc
	case unicode.Is(unicode.Inherited, r):
		return inherited
	case unicode.Is(unicode.Common, r):
		return common
	}
	return latin
}

// scriptFace returns the face for text in script sc among text set in base.
func scriptFace(sc script, base face) face {
	bold := base == serifBold || base == serifBoldItalic || base == sansBold
	pick := func(regular, b face) face {
		if bold {
			return b
		}
		return regular
	}
	switch sc {
	case arabicSc:
		return pick(arabic, arabicBold)
	case hebrewSc:
		if base <= serifBoldItalic {
			return pick(hebrewSerif, hebrewSerifBold)
		}
		return pick(hebrewSans, hebrewSansBold)
	case devanagariSc:
		return pick(devanagari, devanagariBold)
	case cjkSc, hangulSc:
		return cjk
	}
	return base
}

// needsScripts reports whether a paragraph must be set by the script path
// (world.go) rather than the plain Latin one: the article is written right
// to left, or the text holds characters of other scripts, characters
// beyond the Basic Multilingual Plane, bidi controls, or characters no
// Latin face has. It reads each character once and looks most up in a
// table, so Latin text costs next to nothing.
func (r *renderer) needsScripts(ins []content.Inline) bool {
	if rtlLanguage(r.lang) {
		return true
	}
	for _, in := range ins {
		for _, ch := range in.Text {
			if ch >= 0x0590 && r.otherScript(ch) {
				return true
			}
		}
	}
	return false
}

// otherScript reports whether ch, at or above U+0590, needs the script
// path.
func (r *renderer) otherScript(ch rune) bool {
	switch {
	case ch <= 0x1CFF, ch > 0xFFFF:
		// Hebrew to Mongolian: every script there is complex, right to
		// left or not in the Latin faces.
		return true
	case ch >= 0x200E && ch <= 0x200F, ch >= 0x202A && ch <= 0x202E, ch >= 0x2066 && ch <= 0x2069:
		return true // bidi controls
	case ch >= 0x2E80 && ch <= 0xD7FF, ch >= 0xF900 && ch <= 0xFAFF, ch >= 0xFE30 && ch <= 0xFE4F:
		return true // CJK, Hangul
	}
	// Symbols, punctuation and presentation forms: those a Latin face
	// draws stay on the Latin path.
	return !r.cov.latin(ch)
}

// latin reports whether a Latin face has a glyph for ch.
func (c *coverage) latin(ch rune) bool {
	if ch > 0xFFFF {
		return false
	}
	for f := range numLatin {
		if c.has(f, ch) {
			return true
		}
	}
	return false
}
