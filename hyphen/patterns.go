package hyphen

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// dict is one language's patterns as a libhyphen .dic file gives them.
type dict struct {
	// levels holds one set of patterns, or two when the file has a
	// NEXTLEVEL line: then the first finds the boundaries of compound
	// words and the second the syllables within each part.
	levels []*trie
	// The minimum letters before and after a break as the file sets them
	// (0 when it does not), at the word's ends and at compound boundaries.
	leftMin, rightMin                 int
	compoundLeftMin, compoundRightMin int
}

// parseDict reads a libhyphen .dic file: its first line names the
// character set, then come patterns in TeX's notation ("a1b2c", "." for a
// word's edge), one a line, and a few directives.
//
// Deliberately skipped: comments ("%" or "#"), NOHYPHEN (the characters it
// lists, hyphens and apostrophes, never reach the patterns: see Points),
// unknown directives and libhyphen's non-standard patterns ("c1k/k=k",
// which change the spelling at the break, as old German "Zuk-ker"): none of
// the shipped files needs them and a plain hyphen is all the PDF draws.
func parseDict(name string, data []byte) (*dict, error) {
	text, err := decode(data)
	if err != nil {
		return nil, fmt.Errorf("hyphen: %s: %w", name, err)
	}
	d := &dict{}
	var b builder
	for n := 2; text != ""; n++ {
		var line string
		line, text, _ = strings.Cut(text, "\n")
		word, rest := field(line)
		if word == "" || word[0] == '%' || word[0] == '#' {
			continue
		}
		num := func(dst *int) error {
			arg, _ := field(rest)
			v, err := strconv.Atoi(arg)
			if err != nil || v < 0 || v > 16 {
				return fmt.Errorf("hyphen: %s:%d: %s %q is not a small number", name, n, word, arg)
			}
			*dst = v
			return nil
		}
		var err error
		switch word {
		case "LEFTHYPHENMIN":
			err = num(&d.leftMin)
		case "RIGHTHYPHENMIN":
			err = num(&d.rightMin)
		case "COMPOUNDLEFTHYPHENMIN":
			err = num(&d.compoundLeftMin)
		case "COMPOUNDRIGHTHYPHENMIN":
			err = num(&d.compoundRightMin)
		case "NEXTLEVEL":
			d.levels = append(d.levels, b.build())
			b = builder{}
		case "NOHYPHEN":
		default:
			if directive(word) || strings.ContainsRune(word, '/') {
				continue
			}
			b.add(word)
		}
		if err != nil {
			return nil, err
		}
	}
	d.levels = append(d.levels, b.build())
	if len(d.levels) > 2 {
		return nil, fmt.Errorf("hyphen: %s: %d levels of patterns; at most two are supported", name, len(d.levels))
	}
	return d, nil
}

// field returns the first field of s (split at spaces and tabs) and what
// follows it.
func field(s string) (string, string) {
	s = strings.TrimLeft(s, " \t\r")
	i := strings.IndexAny(s, " \t\r")
	if i < 0 {
		return s, ""
	}
	return s[:i], s[i:]
}

// decode returns the file's text after its first line, in UTF-8.
func decode(data []byte) (string, error) {
	line, rest, _ := strings.Cut(string(data), "\n")
	switch cs := strings.ToUpper(strings.TrimSpace(line)); cs {
	case "UTF-8":
		if !utf8.ValidString(rest) {
			return "", fmt.Errorf("not valid UTF-8")
		}
		return rest, nil
	case "ISO8859-1":
		return charmap.ISO8859_1.NewDecoder().String(rest)
	case "ISO8859-2":
		return charmap.ISO8859_2.NewDecoder().String(rest)
	case "KOI8-R":
		return charmap.KOI8R.NewDecoder().String(rest)
	default:
		return "", fmt.Errorf("unsupported character set %q", cs)
	}
}

// directive reports whether s looks like a libhyphen keyword: patterns are
// lower case.
func directive(s string) bool {
	for _, r := range s {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return len(s) > 1
}

// entry is one pattern: its letters in UTF-8, key[off:off+n] of its
// builder, and the value at each byte offset between them, vals[voff:]
// (n+1 values; only rune boundaries are set).
type entry struct{ off, n, voff int32 }

// builder collects patterns for a trie, in two arenas so that a file of
// tens of thousands of patterns costs a few allocations.
type builder struct {
	entries []entry
	key     []byte
	vals    []uint8
}

func (b *builder) add(pat string) {
	e := entry{off: int32(len(b.key)), voff: int32(len(b.vals))}
	b.vals = append(b.vals, 0)
	for _, r := range pat {
		if r >= '0' && r <= '9' {
			b.vals[len(b.vals)-1] = uint8(r - '0')
			continue
		}
		n := len(b.key)
		b.key = utf8.AppendRune(b.key, unicode.ToLower(r))
		for range len(b.key) - n {
			b.vals = append(b.vals, 0)
		}
	}
	e.n = int32(len(b.key)) - e.off
	b.entries = append(b.entries, e)
}

func (b *builder) keyOf(e entry) []byte { return b.key[e.off : e.off+e.n] }

// trie is a byte trie over the patterns' letters, flattened into arrays:
// node n's edges are label[first[n]:first[n+1]], sorted. Nodes are
// numbered breadth first, one for each edge in order, so edge i leads to
// node i+1; node 0 is the root, which is never a child, so 0 also means
// "no such child".
type trie struct {
	first []int32
	label []byte
	// val[n] is where the values of the pattern ending at node n start
	// in vals (its length is the node's depth plus one), or -1.
	val  []int32
	vals []uint8
	root [256]int32 // the root's children by byte, for speed
}

// build makes the trie, merging repeated patterns (the larger value wins,
// as if both matched).
func (b *builder) build() *trie {
	es := b.entries
	slices.SortFunc(es, func(x, y entry) int { return bytes.Compare(b.keyOf(x), b.keyOf(y)) })
	merged := es[:0]
	nodes, nvals := 1, 0
	var prev []byte
	for _, e := range es {
		k := b.keyOf(e)
		if n := len(merged); n > 0 && bytes.Equal(prev, k) {
			into := b.vals[merged[n-1].voff:]
			for i, v := range b.vals[e.voff : e.voff+e.n+1] {
				into[i] = max(into[i], v)
			}
			continue
		}
		common := 0
		for common < len(prev) && common < len(k) && prev[common] == k[common] {
			common++
		}
		nodes += len(k) - common
		nvals += len(k) + 1
		merged = append(merged, e)
		prev = k
	}
	es = merged

	// Breadth first: a node's children are numbered as it is visited, so
	// each node's edges are contiguous.
	type span struct{ lo, hi, depth int32 }
	spans := make([]span, 1, nodes)
	spans[0] = span{0, int32(len(es)), 0}
	t := &trie{
		first: make([]int32, 1, nodes+1),
		label: make([]byte, 0, nodes),
		val:   make([]int32, 0, nodes),
		vals:  make([]uint8, 0, nvals),
	}
	for n := 0; n < len(spans); n++ {
		s := spans[n]
		lo, val := s.lo, int32(-1)
		if lo < s.hi && es[lo].n == s.depth {
			val = int32(len(t.vals))
			t.vals = append(t.vals, b.vals[es[lo].voff:es[lo].voff+s.depth+1]...)
			lo++
		}
		t.val = append(t.val, val)
		for lo < s.hi {
			c := b.key[es[lo].off+s.depth]
			hi := lo + 1
			for hi < s.hi && b.key[es[hi].off+s.depth] == c {
				hi++
			}
			if n == 0 {
				t.root[c] = int32(len(spans))
			}
			t.label = append(t.label, c) // edge len(label)-1 leads to node len(spans)
			spans = append(spans, span{lo, hi, s.depth + 1})
			lo = hi
		}
		t.first = append(t.first, int32(len(t.label)))
	}
	return t
}

// child returns the child of node n along byte c, or 0.
func (t *trie) child(n int32, c byte) int32 {
	if n == 0 {
		return t.root[c]
	}
	lo, hi := t.first[n], t.first[n+1]
	if hi-lo <= 8 {
		for i := lo; i < hi; i++ {
			if t.label[i] == c {
				return i + 1
			}
		}
		return 0
	}
	for lo < hi {
		m := int32(uint32(lo+hi) >> 1)
		switch l := t.label[m]; {
		case l == c:
			return m + 1
		case l < c:
			lo = m + 1
		default:
			hi = m
		}
	}
	return 0
}

// apply raises pts[i] to the largest value any pattern gives the place
// before byte i of w (len(pts) == len(w)+1).
func (t *trie) apply(w []byte, pts []uint8) {
	for i := range w {
		n := int32(0)
		for j := i; j < len(w); j++ {
			if n = t.child(n, w[j]); n == 0 {
				break
			}
			if off := t.val[n]; off >= 0 {
				for k, v := range t.vals[off : int(off)+j-i+2] {
					if v > pts[i+k] {
						pts[i+k] = v
					}
				}
			}
		}
	}
}
