package pdf

import (
	"slices"
	"unicode"

	"golang.org/x/text/unicode/bidi"
)

// Text extraction from a line of bidirectional text.
//
// Shaped text carries its characters in /ActualText spans (pua.go), one
// per cluster, in the order the clusters are drawn: visual order, left to
// right. An extractor has to put that back in logical order, and poppler
// (pdftotext, and the copy and search of Evince and Okular) does so with a
// simple rule of its own rather than the bidi algorithm: it reads a line
// left to right by position and, on a page with more right-to-left than
// left-to-right letters, cuts it from the right into runs of right-to-left
// text (everything but letters written left to right and numbers) and of
// left-to-right text (everything but right-to-left letters), reversing the
// former; on other pages it does the same from the left. It counts
// numbers, the full stop, the comma (the Arabic one too), the colon and
// the hyphen as left to right, so spaces and punctuation at the edge of a
// run of another direction end up on the wrong side, and a number or comma
// inside right-to-left text splits it.
//
// Two things keep that rule from garbling a line. Invisible bidi marks,
// which a reader sees as nothing and which poppler counts as letters of
// their direction, are added to the span texts where a run of the other
// direction begins or ends (marks). Then the line's extraction is
// simulated (popplerOrder); if the rule still would not give the line's
// logical text back, the whole line is drawn in one span whose text is
// given in the order that the rule turns into the logical text (craft).
// The page's direction is taken to be the article's.

const (
	lrm = '\u200E' // left-to-right mark
	rlm = '\u200F' // right-to-left mark
)

// popplerClass is how poppler's reordering sees a character: a
// left-to-right letter ('L'), a right-to-left one ('R'), a number or a
// character of a number ('#'), or neither ('N').
func popplerClass(ch rune) byte {
	p, _ := bidi.LookupRune(ch)
	switch p.Class() {
	case bidi.L:
		return 'L'
	case bidi.R, bidi.AL:
		return 'R'
	case bidi.EN, bidi.ES, bidi.ET, bidi.CS, bidi.AN:
		return '#'
	}
	return 'N'
}

// popplerOrder returns text, a line's characters in the order of their
// places from left to right, as poppler's reordering gives it back: on a
// right-to-left page (rtl) or otherwise.
func popplerOrder(text []rune, rtl bool) []rune {
	ltr := func(c byte) bool { return c != 'R' }                // part of a left-to-right run
	rtlRun := func(c byte) bool { return c != 'L' && c != '#' } // part of a right-to-left run
	out := make([]rune, 0, len(text))
	n := len(text)
	if !rtl {
		for i := 0; i < n; {
			j := i
			for j < n && ltr(popplerClass(text[j])) {
				j++
			}
			out = append(out, text[i:j]...)
			i = j
			for j < n && rtlRun(popplerClass(text[j])) {
				j++
			}
			for k := j - 1; k >= i; k-- {
				out = append(out, text[k])
			}
			i = j
		}
		return out
	}
	for i := n - 1; i >= 0; {
		j := i
		for j >= 0 && rtlRun(popplerClass(text[j])) {
			j--
		}
		for k := i; k > j; k-- {
			out = append(out, text[k])
		}
		i = j
		for j >= 0 && ltr(popplerClass(text[j])) {
			j--
		}
		out = append(out, text[j+1:i+1]...)
		i = j
	}
	return out
}

// craft returns the characters of logical, a line's text, in the order
// that poppler's reordering (popplerOrder) turns back into logical, but
// for the bidi marks it adds.
func craft(logical []rune, rtl bool) []rune {
	// Cut the text into runs that poppler keeps in order (letters written
	// left to right, numbers) and the rest, which it reverses.
	type seg struct {
		kept  bool
		chars []rune
	}
	var segs []seg
	for i := 0; i < len(logical); {
		c := popplerClass(logical[i])
		kept := c == 'L' || c == '#'
		j := i
		for j < len(logical) {
			c := popplerClass(logical[j])
			if (c == 'L' || c == '#') != kept {
				break
			}
			j++
		}
		segs = append(segs, seg{kept, logical[i:j]})
		i = j
	}
	var out []rune
	if !rtl {
		// Read from the left: kept runs as they are; each reversed run
		// opens with a right-to-left mark so that the kept run before it
		// stops there.
		for _, s := range segs {
			if s.kept {
				out = append(out, s.chars...)
				continue
			}
			out = append(out, rlm)
			for k := len(s.chars) - 1; k >= 0; k-- {
				out = append(out, s.chars[k])
			}
		}
		return out
	}
	// Read from the right: build the text right to left, then turn it.
	for i, s := range segs {
		if s.kept {
			for k := len(s.chars) - 1; k >= 0; k-- {
				out = append(out, s.chars[k])
			}
			if i+1 < len(segs) {
				out = append(out, rlm)
			}
			continue
		}
		out = append(out, s.chars...)
	}
	slices.Reverse(out)
	return out
}

// sameText reports whether a and b are the same text but for format
// characters (bidi marks, joiners).
func sameText(a, b []rune) bool {
	i, j := 0, 0
	for {
		for i < len(a) && unicode.Is(unicode.Cf, a[i]) {
			i++
		}
		for j < len(b) && unicode.Is(unicode.Cf, b[j]) {
			j++
		}
		if i == len(a) || j == len(b) {
			return i == len(a) && j == len(b)
		}
		if a[i] != b[j] {
			return false
		}
		i++
		j++
	}
}

// extractable is a line's text as an extractor sees it: units in visual
// order, each the text of one span (or of plain text) or a space.
type extractable struct {
	units [][]rune
	level []uint8 // the level of each unit
}

func (e *extractable) add(text []rune, level uint8) {
	e.units = append(e.units, text)
	e.level = append(e.level, level)
}

// marks adds bidi marks to the units so that poppler's reordering keeps
// spaces and punctuation on the right side of runs of the other
// direction: on a right-to-left page, a right-to-left mark before each
// left-to-right run and before each number or punctuation in a
// right-to-left run; on a left-to-right page, a right-to-left mark before
// and a left-to-right mark after each run of right-to-left text.
func (e *extractable) marks(rtl bool) {
	prefix := func(i int, m rune) { e.units[i] = append([]rune{m}, e.units[i]...) }
	n := len(e.units)
	if rtl {
		for i := 0; i < n; i++ {
			if len(e.units[i]) == 0 || isSpaceUnit(e.units[i]) {
				continue
			}
			if e.level[i]%2 == 0 {
				// The first unit of a left-to-right run, spaces aside.
				j := i - 1
				for j >= 0 && e.level[j]%2 == 0 && isSpaceUnit(e.units[j]) {
					j--
				}
				if j < 0 || e.level[j]%2 == 1 {
					prefix(i, rlm)
				}
				continue
			}
			if c := popplerClass(e.units[i][0]); c == 'L' || c == '#' {
				prefix(i, rlm)
			}
		}
		return
	}
	for i := 0; i < n; {
		if e.level[i] == 0 {
			i++
			continue
		}
		j := i
		for j < n && e.level[j] > 0 {
			j++
		}
		first, last := i, j-1
		for first < last && isSpaceUnit(e.units[first]) {
			first++
		}
		for last > first && isSpaceUnit(e.units[last]) {
			last--
		}
		prefix(first, rlm)
		e.units[last] = append(e.units[last], lrm)
		i = j
	}
}

func isSpaceUnit(u []rune) bool { return len(u) == 1 && u[0] == ' ' }

// text returns the units joined.
func (e *extractable) text() []rune {
	var out []rune
	for _, u := range e.units {
		out = append(out, u...)
	}
	return out
}
