package hyphen

import (
	"embed"
	"fmt"
	"io/fs"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

//go:embed patterns compiled
var files embed.FS

// FS returns the shipped pattern files with their README and licences,
// rooted at the folder that holds them ("hyph_en_US.dic",
// "LICENSES/hyph_en_US.txt", …).
func FS() fs.FS {
	sub, err := fs.Sub(files, "patterns")
	if err != nil {
		return files // cannot happen: the folder is embedded
	}
	return sub
}

// The minimum letters before and after a break, whatever a pattern file
// allows: no "a-" at a line's end, no "-ly" at the next line's start.
// Inside a compound or next to an apostrophe, 2 letters either side.
const (
	minLeft     = 2
	minRight    = 3
	minCompound = 2
)

// Hyphenator finds where the words of one language may be hyphenated. It is
// safe for concurrent use; its patterns are read once per process, the
// first time they are needed, and shared.
type Hyphenator struct {
	tag  string // the language its patterns are for, "en-US"
	file string // the pattern file in FS

	once sync.Once
	d    *dict
	err  error
}

// The languages shipped, one Hyphenator each.
var (
	enUS = &Hyphenator{tag: "en-US", file: "hyph_en_US.dic"}
	enGB = &Hyphenator{tag: "en-GB", file: "hyph_en_GB.dic"}
	de   = &Hyphenator{tag: "de", file: "hyph_de_DE.dic"}
	fr   = &Hyphenator{tag: "fr", file: "hyph_fr.dic"}
	es   = &Hyphenator{tag: "es", file: "hyph_es_ES.dic"}
	it   = &Hyphenator{tag: "it", file: "hyph_it_IT.dic"}
	pt   = &Hyphenator{tag: "pt", file: "hyph_pt_BR.dic"}
	nl   = &Hyphenator{tag: "nl", file: "hyph_nl_NL.dic"}
	ru   = &Hyphenator{tag: "ru", file: "hyph_ru_RU.dic"}
	pl   = &Hyphenator{tag: "pl", file: "hyph_pl_PL.dic"}

	all = []*Hyphenator{enUS, enGB, de, fr, es, it, pt, nl, ru, pl}
)

// britishRegions spell (and hyphenate) English the British way, as
// Debian's hyphen-en-gb maps them.
var britishRegions = map[string]bool{
	"gb": true, "uk": true, "au": true, "nz": true, "ie": true, "za": true, "in": true,
}

// For returns the Hyphenator for a BCP 47 language tag, or nil when no
// patterns are shipped for it. English is American unless the region is
// Britain or one that follows it ("en-AU"); other regions share their
// language's patterns ("de-CH" → de, "pt-BR" → pt). A script other than the
// language's own ("ru-Latn") has none.
func For(lang string) *Hyphenator {
	tags := strings.Split(strings.ToLower(strings.ReplaceAll(strings.TrimSpace(lang), "_", "-")), "-")
	var script, region string
	for _, s := range tags[1:] {
		if len(s) <= 1 {
			break // an extension or private use follows
		}
		switch {
		case len(s) == 4 && s[0] >= 'a' && s[0] <= 'z' && script == "" && region == "":
			script = s
		case region == "" && (len(s) == 2 || len(s) == 3 && s[0] >= '0' && s[0] <= '9'):
			region = s
		}
	}
	var h *Hyphenator
	switch tags[0] {
	case "en":
		h = enUS
		if britishRegions[region] {
			h = enGB
		}
	case "de":
		h = de
	case "fr":
		h = fr
	case "es":
		h = es
	case "it":
		h = it
	case "pt":
		h = pt
	case "nl":
		h = nl
	case "pl":
		h = pl
	case "ru":
		if script != "" && script != "cyrl" {
			return nil
		}
		return ru
	default:
		return nil
	}
	if script != "" && script != "latn" {
		return nil
	}
	return h
}

// Languages returns the tags of the shipped patterns, in a fixed order.
func Languages() []string {
	tags := make([]string, len(all))
	for i, h := range all {
		tags[i] = h.tag
	}
	return tags
}

// Lang returns the language tag of h's patterns ("en-GB"); "" for nil.
func (h *Hyphenator) Lang() string {
	if h == nil {
		return ""
	}
	return h.tag
}

// load reads h's compiled patterns (compiled.go) the first time it is
// called.
func (h *Hyphenator) load() (*dict, error) {
	h.once.Do(func() {
		data, err := files.ReadFile(compiledName(h.file))
		if err != nil {
			h.err = err
			return
		}
		if h.d, h.err = unmarshalDict(data); h.err != nil {
			h.err = fmt.Errorf("hyphen: %s: %w", compiledName(h.file), h.err)
		}
	})
	return h.d, h.err
}

// Points returns the places in word where a hyphen may go, as rune offsets
// into word (a break at offset k leaves word's first k runes on the line,
// then a hyphen), in increasing order; nil when there are none.
//
// word may carry punctuation at either end ("(hyphenation),"). Case does not
// matter. A word with a hard hyphen ("well-known") breaks only after it; a
// word with a digit, a URL, an e-mail address or any other character
// between its letters but an apostrophe is never broken. No break leaves
// fewer than 2 letters before it or 3 after it, nor falls next to an
// apostrophe.
func (h *Hyphenator) Points(word string) []int { return h.AppendPoints(nil, word) }

// AppendPoints appends the points of word (see Points) to dst and returns
// the extended slice, so that a caller can reuse one buffer.
func (h *Hyphenator) AppendPoints(dst []int, word string) []int {
	if h == nil || len(word) < minLeft+minRight || strings.Contains(word, "://") || strings.Contains(word, "www.") {
		return dst
	}
	d, err := h.load()
	if err != nil {
		return dst
	}
	var buf [48]rune
	rs := buf[:0]
	for _, r := range word {
		if unicode.IsDigit(r) || r == '@' {
			return dst
		}
		rs = append(rs, r)
	}
	// The core: from the first letter to the last letter or mark.
	lo, hi := 0, len(rs)
	for lo < hi && !unicode.IsLetter(rs[lo]) {
		lo++
	}
	for hi > lo && !unicode.IsLetter(rs[hi-1]) && !unicode.IsMark(rs[hi-1]) {
		hi--
	}
	core := rs[lo:hi]
	left, right := max(minLeft, d.leftMin), max(minRight, d.rightMin)
	// letters[i] counts the letters in core[:i].
	var lbuf [49]int
	letters := lbuf[:0]
	if len(core)+1 > len(lbuf) {
		letters = make([]int, 0, len(core)+1)
	}
	letters = append(letters, 0)
	hyphens := false
	for _, r := range core {
		n := letters[len(letters)-1]
		switch {
		case unicode.IsLetter(r):
			n++
		case unicode.IsMark(r), apostrophe(r):
		case r == '-' || r == '\u2010':
			hyphens = true
		default:
			return dst // a URL, a path, "AT&T", an abbreviation
		}
		letters = append(letters, n)
	}
	total := letters[len(core)]
	if total < left+right {
		return dst
	}
	keep := func(k int) bool { return letters[k] >= left && total-letters[k] >= right }

	out := dst
	if hyphens {
		for i, r := range core {
			if (r == '-' || r == '\u2010') && i+1 < len(core) && unicode.IsLetter(core[i+1]) && keep(i+1) {
				out = append(out, lo+i+1)
			}
		}
		return out
	}
	// Apostrophes part a word ("dell'anno", "l'abréviation") like a
	// compound's boundaries: each part is hyphenated on its own and no
	// break falls next to them.
	for a := 0; a < len(core); {
		b := a
		for b < len(core) && !apostrophe(core[b]) {
			b++
		}
		if b > a {
			n := len(out)
			out = d.part(core[a:b], a == 0, b == len(core), out)
			kept := out[:n]
			for _, p := range out[n:] {
				if keep(a + p) {
					kept = append(kept, lo+a+p)
				}
			}
			out = kept
		}
		a = b + 1
	}
	return out
}

func apostrophe(r rune) bool { return r == '\'' || r == '\u2019' || r == '\u02BC' }

// part appends to out the breaks in a run of letters (offsets into it, 1
// to len-1). start and end say whether the run begins or ends the word;
// inner edges keep the compound minimums.
func (d *dict) part(rs []rune, start, end bool, out []int) []int {
	cl, cr := max(d.compoundLeftMin, minCompound), max(d.compoundRightMin, minCompound)
	if len(d.levels) == 1 {
		return syllables(d.levels[0], rs, start, end, cl, cr, out)
	}
	// Two levels: compound boundaries first, then syllables within each
	// part of the compound.
	var bbuf [16]int
	a := 0
	for _, b := range syllables(d.levels[0], rs, true, true, 1, 1, bbuf[:0]) {
		n := len(out)
		out = syllables(d.levels[1], rs[a:b], start && a == 0, false, cl, cr, out)
		for i := n; i < len(out); i++ {
			out[i] += a
		}
		out = append(out, b)
		a = b
	}
	n := len(out)
	out = syllables(d.levels[1], rs[a:], start && a == 0, end, cl, cr, out)
	for i := n; i < len(out); i++ {
		out[i] += a
	}
	return out
}

// syllables appends to out the odd-valued places in rs under the patterns
// of t (offsets 1 to len-1), keeping cl letters from an inner start and cr
// from an inner end (the word's own ends are checked by Points).
func syllables(t *trie, rs []rune, start, end bool, cl, cr int, out []int) []int {
	if len(rs) < 2 {
		return out
	}
	var wbuf [96]byte
	w := append(wbuf[:0], '.')
	var obuf [48]int32
	offs := obuf[:0] // offs[k] is the byte offset in w of rune k
	for _, r := range rs {
		offs = append(offs, int32(len(w)))
		w = utf8.AppendRune(w, unicode.ToLower(r))
	}
	w = append(w, '.')
	var pbuf [97]uint8
	var pts []uint8
	if len(w)+1 <= len(pbuf) {
		pts = pbuf[:len(w)+1]
	} else {
		pts = make([]uint8, len(w)+1)
	}
	t.apply(w, pts)
	for k := 1; k < len(rs); k++ {
		if pts[offs[k]]%2 == 1 && (start || k >= cl) && (end || len(rs)-k >= cr) {
			out = append(out, k)
		}
	}
	return out
}
