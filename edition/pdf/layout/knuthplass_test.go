package layout

import (
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// frogKing is the paragraph of Knuth and Plass's paper.
const frogKing = `In olden times when wishing still helped one, there lived a king whose
daughters were all beautiful; and the youngest was so beautiful that the sun itself, which
has seen so much, was astonished whenever it shone in her face. Close by the king's castle
lay a great dark forest, and under an old lime-tree in the forest was a well, and when the
day was very warm, the king's child went out into the forest and sat down by the side of the
cool fountain; and when she was bored she took a golden ball, and threw it up on high and
caught it; and this ball was her favorite plaything.`

// text makes a paragraph of words, a letter being 1 wide and a space 1.2
// (stretch 0.6, shrink 0.3); "~" inside a word marks a hyphenation point.
func text(s string) []Item {
	var items []Item
	for i, w := range strings.Fields(s) {
		if i > 0 {
			items = append(items, NewGlue(1.2, 0.6, 0.3))
		}
		for j, part := range strings.Split(w, "~") {
			if j > 0 {
				items = append(items, NewHyphen(1))
			}
			items = append(items, NewBox(float64(len([]rune(part)))))
		}
	}
	return Finish(items)
}

// quality returns the largest adjustment ratio of a paragraph's lines but
// the last, and the sum of their squares.
func quality(lines []Line) (worst, sum float64) {
	for _, l := range lines[:len(lines)-1] {
		worst = max(worst, math.Abs(l.Ratio))
		sum += l.Ratio * l.Ratio
	}
	return worst, sum
}

// check asserts that lines set every box of items once, in order, and
// that no line is overfull.
func check(t *testing.T, items []Item, lines []Line) {
	t.Helper()
	next := 0
	for _, l := range lines {
		require.LessOrEqual(t, l.Start, l.End)
		for i := next; i < l.Start; i++ {
			assert.NotEqual(t, Box, items[i].Kind, "box %d dropped", i)
		}
		next = l.End
		assert.False(t, l.Overfull)
	}
	for i := next; i < len(items); i++ {
		assert.NotEqual(t, Box, items[i].Kind, "box %d dropped at the end", i)
	}
}

func TestKnuthPlassBeatsGreedy(t *testing.T) {
	items := text(frogKing)
	// At 60 letters to the line, greedy leaves a loose line that total fit
	// avoids by setting the lines before it differently.
	kp, gr := KnuthPlass{}.Break(items, fixed(60)), Greedy{}.Break(items, fixed(60))
	check(t, items, kp)
	kw, ks := quality(kp)
	gw, gs := quality(gr)
	assert.InDelta(t, 0.50, kw, 0.01)
	assert.InDelta(t, 0.97, gw, 0.01)
	assert.Less(t, ks, gs/3)
	// Over many measures it is never looser at its worst and evens out the
	// spacing in sum.
	var kSum, gSum float64
	for w := 30.0; w <= 70; w++ {
		kp, gr := KnuthPlass{}.Break(items, fixed(w)), Greedy{}.Break(items, fixed(w))
		check(t, items, kp)
		kw, ks := quality(kp)
		gw, gs := quality(gr)
		assert.LessOrEqual(t, kw, max(gw, 2), "width %v", w)
		kSum += ks
		gSum += gs
	}
	t.Logf("sum of squared ratios over 41 measures: Knuth–Plass %.1f, greedy %.1f", kSum, gSum)
	assert.Less(t, kSum, gSum*0.8)
}

func TestKnuthPlassHyphens(t *testing.T) {
	// Every word may break in the middle: without the double-hyphen
	// demerits the breaker would happily end several lines in a row with a
	// hyphen.
	items := text(breakable(frogKing))
	count := func(ls []Line) (hyph, twice int) {
		prev := false
		for _, l := range ls {
			h := l.End < len(items) && items[l.End].Flagged
			if h {
				hyph++
				if prev {
					twice++
				}
			}
			prev = h
		}
		return
	}
	total, plain := 0, 0
	for w := 30.0; w <= 60; w += 3 {
		ls := KnuthPlass{Pretolerance: -1}.Break(items, fixed(w))
		check(t, items, ls)
		_, twice := count(ls)
		total += twice
		_, twicePlain := count(KnuthPlass{Pretolerance: -1, FlaggedDemerits: -1, FinalHyphenDemerits: -1}.Break(items, fixed(w)))
		plain += twicePlain
		for _, l := range ls[:len(ls)-1] {
			assert.LessOrEqual(t, l.Ratio, 2.0)
		}
	}
	t.Logf("consecutive hyphenated lines over 11 widths: %d, %d without double-hyphen demerits", total, plain)
	assert.Less(t, total, plain)
	// The hyphen's width counts: a line ending at a hyphen is no wider
	// than the measure.
	lines := KnuthPlass{Pretolerance: -1}.Break(items, fixed(33))
	for _, l := range lines {
		assert.LessOrEqual(t, adjusted(items, l), 33+1e-6)
	}
	for _, l := range lines[:len(lines)-1] {
		assert.InDelta(t, 33, adjusted(items, l), 1e-6, "justified to the measure")
	}
}

// adjusted returns the width of line l once its glue is adjusted, with
// the hyphen at its end if it breaks at one.
func adjusted(items []Item, l Line) float64 {
	w := l.Natural
	for _, it := range items[l.Start:l.End] {
		if it.Kind == Glue {
			if l.Ratio >= 0 {
				w += l.Ratio * it.Stretch
			} else {
				w += l.Ratio * it.Shrink
			}
		}
	}
	return w
}

func TestKnuthPlassPretolerance(t *testing.T) {
	// The Frog King sets well at 60 without breaking a word: the first
	// pass, which breaks none, is taken although most words could break.
	items := text(breakable(frogKing))
	lines := KnuthPlass{}.Break(items, fixed(60))
	for _, l := range lines {
		assert.False(t, l.End < len(items) && items[l.End].Flagged, "no word broken")
		assert.LessOrEqual(t, l.Ratio, 1.0)
	}
	// Over many measures, fewer words are broken than without that pass.
	hyphens := func(kp KnuthPlass) int {
		n := 0
		for w := 30.0; w <= 70; w++ {
			for _, l := range kp.Break(items, fixed(w)) {
				if l.End < len(items) && items[l.End].Flagged {
					n++
				}
			}
		}
		return n
	}
	with, without := hyphens(KnuthPlass{}), hyphens(KnuthPlass{Pretolerance: -1})
	t.Logf("hyphenated lines over 41 measures: %d, %d without the first pass", with, without)
	assert.Less(t, with, without)
}

// breakable marks a hyphenation point every two letters of s's words,
// leaving at least three after the last.
func breakable(s string) string {
	var b strings.Builder
	for _, w := range strings.Fields(s) {
		rs := []rune(w)
		from := 0
		for i := 2; len(rs)-i >= 3; i += 2 {
			b.WriteString(string(rs[from:i]) + "~")
			from = i
		}
		b.WriteString(string(rs[from:]) + " ")
	}
	return b.String()
}

func TestKnuthPlassForcedBreaks(t *testing.T) {
	items := Finish([]Item{NewBox(2), NewGlue(1, 1, 0), NewBox(2)})
	items = append(items, NewBox(2))
	items = Finish(items)
	lines := KnuthPlass{}.Break(items, fixed(100))
	require.Len(t, lines, 2)
	assert.Equal(t, Line{Start: 0, End: 4, Natural: 5, Ratio: lines[0].Ratio}, lines[0])
	assert.Equal(t, 5, lines[1].Start)
	assert.Equal(t, len(items)-1, lines[1].End)
	// Two line breaks in a row leave no empty line, as with Greedy.
	items = Finish(Finish([]Item{NewBox(2)}))
	items = Finish(append(items, NewBox(3)))
	assert.Equal(t, Greedy{}.Break(items, fixed(10)), KnuthPlass{}.Break(items, fixed(10)))
}

func TestKnuthPlassOverWideBox(t *testing.T) {
	items := para(20, 2, 3, 3)
	lines := KnuthPlass{}.Break(items, fixed(10))
	require.NotEmpty(t, lines)
	assert.True(t, lines[0].Overfull, "the box wider than the measure overflows")
	assert.Equal(t, Greedy{}.Break(items, fixed(10)), lines, "the paragraph is set greedily")
	for _, l := range lines[1:] {
		assert.False(t, l.Overfull)
	}
}

func TestKnuthPlassLooser(t *testing.T) {
	// Two long words that cannot share a line: the first line can only be
	// "a a" and stretch far beyond the tolerance. The second pass takes it
	// rather than overflow.
	items := para(1, 1, 9, 9)
	lines := KnuthPlass{}.Break(items, fixed(10))
	check(t, items, lines)
	require.Len(t, lines, 3)
	assert.Greater(t, lines[0].Ratio, 2.0)
}

func TestKnuthPlassEmpty(t *testing.T) {
	assert.Empty(t, KnuthPlass{}.Break(nil, fixed(10)))
	assert.Empty(t, KnuthPlass{}.Break(Finish(nil), fixed(10)))
	assert.Empty(t, KnuthPlass{}.Break([]Item{NewGlue(1, 1, 1), NewPenalty(0, 0)}, fixed(10)))
}

func TestKnuthPlassNoFinish(t *testing.T) {
	// A paragraph without the closing forced break still gets all its
	// boxes set.
	items := []Item{NewBox(3), NewGlue(1, 1, 1), NewBox(3)}
	lines := KnuthPlass{}.Break(items, fixed(5))
	check(t, items, lines)
}

func TestKnuthPlassVaryingWidth(t *testing.T) {
	items := text(frogKing)
	width := func(n int) float64 {
		if n < 3 {
			return 30 // a hanging float beside the first lines
		}
		return 50
	}
	lines := KnuthPlass{}.Break(items, width)
	check(t, items, lines)
	for i, l := range lines[:len(lines)-1] {
		assert.InDelta(t, width(i), adjusted(items, l), 1e-6, "line %d fills its width", i)
	}
}

// TestKnuthPlassDegenerate runs paragraphs that would make a naive
// total-fit breaker quadratic: lines thousands of words long, no stretch at
// all, boxes of negative width. They must all be set, every box once.
func TestKnuthPlassDegenerate(t *testing.T) {
	var wide, noStretch, negative []Item
	for i := range 5000 {
		wide = append(wide, NewGlue(1, 0.5, 0.3), NewBox(1))
		noStretch = append(noStretch, NewBox(3), NewPenalty(0, 0))
		negative = append(negative, NewGlue(1, 0.5, 0.3), NewBox(float64(1-2*(i%2))))
	}
	noStretch = append(noStretch, NewBox(200))
	for _, items := range [][]Item{Finish(wide), Finish(noStretch), Finish(negative)} {
		for _, w := range []float64{50, 1000, 1e9} {
			lines := KnuthPlass{}.Break(items, fixed(w))
			require.NotEmpty(t, lines)
			next := 0
			for _, l := range lines {
				for i := next; i < l.Start; i++ {
					assert.NotEqual(t, Box, items[i].Kind, "box %d dropped", i)
				}
				next = l.End
			}
		}
	}
}

// FuzzKnuthPlass feeds arbitrary items: the breaker must not panic, must
// end, and must set every box once, in order.
func FuzzKnuthPlass(f *testing.F) {
	f.Add([]byte{0, 5, 1, 2, 0, 7, 2, 3, 0, 9}, uint8(20))
	f.Add([]byte{0, 200, 0, 1, 1, 1, 3, 0}, uint8(10))
	f.Add([]byte{4, 0, 4, 0, 0, 1}, uint8(1))
	f.Fuzz(func(t *testing.T, data []byte, w uint8) {
		var items []Item
		for i := 0; i+1 < len(data) && len(items) < 2000; i += 2 {
			v := float64(data[i+1])
			switch data[i] % 6 {
			case 0:
				items = append(items, NewBox(v))
			case 1:
				items = append(items, NewGlue(v/10, v/20, v/40))
			case 2:
				items = append(items, NewPenalty(v/10, v-128))
			case 3:
				items = append(items, NewHyphen(v/50))
			case 4:
				items = Finish(items)
			case 5:
				items = append(items, NewPenalty(0, Infinity))
			}
		}
		lines := KnuthPlass{}.Break(items, fixed(float64(w)))
		next := 0
		for _, l := range lines {
			if l.Start < next || l.End < l.Start || l.End > len(items) {
				t.Fatalf("line %+v out of order after %d (%d items)", l, next, len(items))
			}
			for i := next; i < l.Start; i++ {
				if items[i].Kind == Box {
					t.Fatalf("box %d dropped", i)
				}
			}
			next = l.End
		}
		for i := next; i < len(items); i++ {
			if items[i].Kind == Box {
				t.Fatalf("box %d dropped at the end", i)
			}
		}
	})
}

func BenchmarkKnuthPlass(b *testing.B) {
	var s strings.Builder
	for range 8 {
		s.WriteString(frogKing + " ")
	}
	items := text(s.String())
	b.ReportAllocs()
	lines := 0
	for b.Loop() {
		lines += len(KnuthPlass{}.Break(items, fixed(60)))
	}
	b.ReportMetric(float64(lines)/b.Elapsed().Seconds(), "lines/s")
}
