package epub

import (
	"slices"
	"unicode/utf8"

	"golang.org/x/text/unicode/bidi"

	"github.com/edition-project/edition/content"
)

// A paragraph's text in another direction than its document's, an Arabic
// phrase in an English article or an English name in a Hebrew one, is
// wrapped in <span dir="rtl"> or <span dir="ltr">. A dir attribute makes
// the span an isolate: readers lay it out as a paragraph of its own
// direction, so neutral characters at its edges (spaces, quotes,
// punctuation) and digits inside it land where the Unicode bidi algorithm
// puts them, not where a renderer without context guesses. The runs are
// found with the algorithm's own rules (UAX #9, W1 to N2 and I1 to I2), so
// digits and punctuation go with the text they belong to. A span the author
// marked (content.Inline.Lang, .Dir) is written as they marked it; a
// language is never guessed from a script.

// wrap is a span around part of a paragraph's text: offsets are runes of
// content.PlainText of its inlines. Wraps nest properly; direction wraps
// contain language wraps.
type wrap struct {
	start, end int
	dir, lang  string
	depth      int // 0 outermost; to order wraps sharing a start
}

// attrs returns the span's attributes.
func (x wrap) attrs() []string {
	var a []string
	if x.lang != "" {
		a = append(a, "lang", x.lang, "xml:lang", x.lang)
	}
	if x.dir != "" {
		a = append(a, "dir", x.dir)
	}
	return a
}

// bidiRun is one rune of a paragraph for the analysis.
type bidiRun struct {
	class     bidi.Class
	lang, dir string // the author's marks
}

// paragraphRunes lists the runes of ins as content.PlainText counts them:
// a line break is one space, a note marker its text (digits, as a number).
func paragraphRunes(ins []content.Inline) []bidiRun {
	var rs []bidiRun
	for _, in := range ins {
		if in.Style&content.LineBreak != 0 {
			rs = append(rs, bidiRun{bidi.WS, in.Lang, in.Dir})
			continue
		}
		for _, r := range in.Text {
			c := classOf(r)
			if in.Note > 0 {
				c = bidi.EN // one class for the whole marker: no span starts inside it
			}
			rs = append(rs, bidiRun{c, in.Lang, in.Dir})
		}
	}
	return rs
}

// classOf returns the bidi class of r; explicit embeddings and isolates,
// which our text should not hold, count as other neutrals.
func classOf(r rune) bidi.Class {
	p, _ := bidi.LookupRune(r)
	switch c := p.Class(); c {
	case bidi.LRE, bidi.RLE, bidi.LRO, bidi.RLO, bidi.PDF, bidi.LRI, bidi.RLI, bidi.FSI, bidi.PDI, bidi.Control:
		return bidi.ON
	default:
		return c
	}
}

// wrapsFor returns the spans for a paragraph written in a document of
// direction base ("ltr", "rtl", or "" to find none), sorted outermost first.
func wrapsFor(ins []content.Inline, base string) []wrap {
	marked := slices.ContainsFunc(ins, func(in content.Inline) bool { return in.Lang != "" || in.Dir != "" })
	if !marked && (base == "" || !hasOpposite(ins, base == "rtl")) {
		return nil
	}
	rs := paragraphRunes(ins)
	var ws []wrap

	// The author's direction spans, each one isolate standing in the
	// paragraph as a neutral, with the opposite runs inside it found
	// against its own direction.
	type region struct {
		start, end int
		dir        string
	}
	var regions []region
	for i := 0; i < len(rs); {
		if rs[i].dir == "" {
			i++
			continue
		}
		j := i + 1
		for j < len(rs) && rs[j].dir == rs[i].dir {
			j++
		}
		regions = append(regions, region{i, j, rs[i].dir})
		i = j
	}
	if base != "" {
		// The paragraph, each region collapsed to one neutral.
		var classes []bidi.Class
		var at []int // the first rune of each entry of classes
		var ends []int
		k := 0
		for i := 0; i < len(rs); {
			if k < len(regions) && regions[k].start == i {
				classes = append(classes, bidi.ON)
				at, ends = append(at, i), append(ends, regions[k].end)
				i = regions[k].end
				k++
				continue
			}
			classes = append(classes, rs[i].class)
			at, ends = append(at, i), append(ends, i+1)
			i++
		}
		for _, s := range oppositeRuns(classes, base == "rtl") {
			ws = append(ws, wrap{start: at[s[0]], end: ends[s[1]-1], dir: opposite(base)})
		}
	}
	for _, g := range regions {
		ws = append(ws, wrap{start: g.start, end: g.end, dir: g.dir})
		classes := make([]bidi.Class, g.end-g.start)
		for i := range classes {
			classes[i] = rs[g.start+i].class
		}
		for _, s := range oppositeRuns(classes, g.dir == "rtl") {
			ws = append(ws, wrap{start: g.start + s[0], end: g.start + s[1], dir: opposite(g.dir), depth: 1})
		}
	}

	// Language spans, cut where a direction span starts or ends (a
	// language span does not change the layout, so cutting it is
	// harmless; an isolate must stay whole). One covering exactly a
	// direction span becomes that span's language.
	cuts := map[int]bool{}
	for _, x := range ws {
		cuts[x.start], cuts[x.end] = true, true
	}
	for i := 0; i < len(rs); {
		if rs[i].lang == "" {
			i++
			continue
		}
		j := i + 1
		for j < len(rs) && rs[j].lang == rs[i].lang && !cuts[j] {
			j++
		}
		same := -1
		for n, x := range ws {
			if x.start == i && x.end == j && x.lang == "" && (same < 0 || x.depth > ws[same].depth) {
				same = n
			}
		}
		if same >= 0 {
			ws[same].lang = rs[i].lang
		} else {
			ws = append(ws, wrap{start: i, end: j, lang: rs[i].lang, depth: 2})
		}
		i = j
	}
	slices.SortStableFunc(ws, func(a, b wrap) int {
		if a.start != b.start {
			return a.start - b.start
		}
		if a.end != b.end {
			return b.end - a.end
		}
		return a.depth - b.depth
	})
	return ws
}

// hasOpposite reports whether ins hold a letter of the direction opposite
// to the document's: the common case, text of one direction, costs no
// analysis.
func hasOpposite(ins []content.Inline, rtl bool) bool {
	for _, in := range ins {
		for _, r := range in.Text {
			if r < 0x0590 && !rtl {
				continue
			}
			switch classOf(r) {
			case bidi.R, bidi.AL:
				if !rtl {
					return true
				}
			case bidi.L:
				if rtl {
					return true
				}
			}
		}
	}
	return false
}

func opposite(dir string) string {
	if dir == "rtl" {
		return "ltr"
	}
	return "rtl"
}

// oppositeRuns resolves the levels of a paragraph of the given classes and
// direction (UAX #9 without explicit embeddings and bracket pairs) and
// returns the maximal runs [start, end) above the paragraph's level that
// hold a strong letter of the opposite direction. Digits alone in a
// right-to-left paragraph rise a level too, but need no span.
func oppositeRuns(classes []bidi.Class, rtl bool) [][2]int {
	n := len(classes)
	t := slices.Clone(classes)
	sos := bidi.L
	if rtl {
		sos = bidi.R
	}
	// W1: a mark takes the class of the character it follows.
	for i := range t {
		if t[i] == bidi.NSM {
			if i == 0 {
				t[i] = sos
			} else {
				t[i] = t[i-1]
			}
		}
	}
	// W2, W3: numbers after Arabic letters are Arabic numbers; Arabic
	// letters are right-to-left.
	strong := sos
	for i, c := range t {
		switch c {
		case bidi.L, bidi.R, bidi.AL:
			strong = c
		case bidi.EN:
			if strong == bidi.AL {
				t[i] = bidi.AN
			}
		}
	}
	for i, c := range t {
		if c == bidi.AL {
			t[i] = bidi.R
		}
	}
	// W4: a single separator between two numbers of one kind joins them.
	for i := 1; i+1 < n; i++ {
		switch {
		case t[i] == bidi.ES && t[i-1] == bidi.EN && t[i+1] == bidi.EN:
			t[i] = bidi.EN
		case t[i] == bidi.CS && t[i-1] == t[i+1] && (t[i-1] == bidi.EN || t[i-1] == bidi.AN):
			t[i] = t[i-1]
		}
	}
	// W5: terminators ($, %) next to European numbers are numbers.
	for i := 0; i < n; {
		if t[i] != bidi.ET {
			i++
			continue
		}
		j := i
		for j < n && t[j] == bidi.ET {
			j++
		}
		if i > 0 && t[i-1] == bidi.EN || j < n && t[j] == bidi.EN {
			for k := i; k < j; k++ {
				t[k] = bidi.EN
			}
		}
		i = j
	}
	// W6: the other separators and terminators are neutral.
	for i, c := range t {
		if c == bidi.ES || c == bidi.ET || c == bidi.CS {
			t[i] = bidi.ON
		}
	}
	// W7: European numbers after left-to-right letters are left-to-right.
	strong = sos
	for i, c := range t {
		switch c {
		case bidi.L, bidi.R:
			strong = c
		case bidi.EN:
			if strong == bidi.L {
				t[i] = bidi.L
			}
		}
	}
	// N1, N2: neutrals between text of one direction take it (numbers
	// count as right-to-left); others take the paragraph's.
	dirOf := func(c bidi.Class) bidi.Class {
		if c == bidi.L {
			return bidi.L
		}
		return bidi.R
	}
	for i := 0; i < n; {
		if !neutral(t[i]) {
			i++
			continue
		}
		j := i
		for j < n && neutral(t[j]) {
			j++
		}
		before, after := sos, sos
		if i > 0 {
			before = dirOf(t[i-1])
		}
		if j < n {
			after = dirOf(t[j])
		}
		d := sos
		if before == after {
			d = before
		}
		for k := i; k < j; k++ {
			t[k] = d
		}
		i = j
	}
	// I1, I2: only whether a character rises above the paragraph's level
	// matters here.
	raised := func(c bidi.Class) bool {
		if rtl {
			return c == bidi.L || c == bidi.EN || c == bidi.AN
		}
		return c != bidi.L
	}
	var runs [][2]int
	for i := 0; i < n; {
		if !raised(t[i]) {
			i++
			continue
		}
		j := i
		letter := false
		for j < n && raised(t[j]) {
			switch classes[j] {
			case bidi.R, bidi.AL:
				letter = letter || !rtl
			case bidi.L:
				letter = letter || rtl
			}
			j++
		}
		if letter {
			runs = append(runs, [2]int{i, j})
		}
		i = j
	}
	return runs
}

// neutral reports whether c is a neutral or isolate class for N1.
func neutral(c bidi.Class) bool {
	switch c {
	case bidi.B, bidi.S, bidi.WS, bidi.ON, bidi.BN:
		return true
	}
	return false
}

// wrapWriter opens and closes a paragraph's wraps as its text is written.
type wrapWriter struct {
	w    *xw
	ws   []wrap
	next int
	open []wrap
}

// sync closes the wraps that end at or before rune offset k and opens
// those that start there.
func (d *wrapWriter) sync(k int) {
	for len(d.open) > 0 && d.open[len(d.open)-1].end <= k {
		d.w.close("span")
		d.open = d.open[:len(d.open)-1]
	}
	for d.next < len(d.ws) && d.ws[d.next].start <= k {
		x := d.ws[d.next]
		d.next++
		if x.end <= k {
			continue // inside a note marker: nothing to wrap any more
		}
		d.w.open("span", x.attrs()...)
		d.open = append(d.open, x)
	}
}

// cuts returns the offsets strictly inside (from, to) where a wrap starts
// or ends, in order.
func (d *wrapWriter) cuts(from, to int) []int {
	var out []int
	for _, x := range d.ws[d.next:] {
		if x.start >= to {
			break
		}
		if x.start > from {
			out = append(out, x.start)
		}
	}
	for _, x := range d.open {
		if x.end > from && x.end < to {
			out = append(out, x.end)
		}
	}
	// Wraps not open yet may also end inside.
	for _, x := range d.ws[d.next:] {
		if x.start > from && x.end < to {
			out = append(out, x.end)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// finish closes every wrap still open.
func (d *wrapWriter) finish() {
	for range d.open {
		d.w.close("span")
	}
	d.open = nil
}

// splitAt cuts s at the given rune offsets (relative to s, increasing).
func splitAt(s string, offsets []int) []string {
	if len(offsets) == 0 {
		return []string{s}
	}
	out := make([]string, 0, len(offsets)+1)
	runes, start, k := 0, 0, 0
	for i := 0; i < len(s) && k < len(offsets); {
		if runes == offsets[k] {
			out = append(out, s[start:i])
			start = i
			k++
			continue
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
		runes++
	}
	return append(out, s[start:])
}

// relative returns offsets less base.
func relative(offsets []int, base int) []int {
	if len(offsets) == 0 {
		return nil
	}
	out := make([]int, len(offsets))
	for i, o := range offsets {
		out[i] = o - base
	}
	return out
}

// progression returns the direction pages turn in (the spine's
// page-progression-direction): "rtl" when the book's language is written
// right to left or every article's is, "ltr" otherwise.
func (p *plan) progression() string {
	if p.dir == "rtl" {
		return "rtl"
	}
	n := 0
	for _, a := range p.b.Edition.Articles() {
		if a == nil {
			continue
		}
		n++
		if _, dir, err := langDir(a.Language); err != nil || dir != "rtl" || a.Language == "" {
			return "ltr"
		}
	}
	if n == 0 {
		return "ltr"
	}
	return "rtl"
}
