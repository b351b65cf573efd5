package layout

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// para makes a paragraph of words of the given widths, spaces of width 1.
func para(ws ...float64) []Item {
	var items []Item
	for i, w := range ws {
		if i > 0 {
			items = append(items, NewGlue(1, 0.5, 0.3))
		}
		items = append(items, NewBox(w))
	}
	return Finish(items)
}

func fixed(w float64) func(int) float64 { return func(int) float64 { return w } }

func TestGreedyFills(t *testing.T) {
	lines := Greedy{}.Break(para(3, 3, 3, 3, 3), fixed(10))
	require.Len(t, lines, 3)
	// 3+1+3 = 7 fits, 3+1+3+1+3 = 11 does not even with shrink 0.6.
	assert.Equal(t, Line{Start: 0, End: 3, Ratio: 3 / 0.5, Natural: 7}, lines[0])
	assert.Equal(t, 4, lines[1].Start, "the glue at the break is dropped")
	assert.Equal(t, 8, lines[2].Start)
	assert.Equal(t, 10, lines[2].End, "the last line ends at the forced break")
	assert.Less(t, lines[2].Ratio, 0.01, "the last line stays ragged")
}

func TestGreedyShrinks(t *testing.T) {
	lines := Greedy{}.Break(para(5, 5), fixed(10.8))
	require.Len(t, lines, 1)
	assert.InDelta(t, -2.0/3, lines[0].Ratio, 1e-9)
	assert.False(t, lines[0].Overfull)
}

func TestGreedyOverfull(t *testing.T) {
	lines := Greedy{}.Break(para(20, 2), fixed(10))
	require.Len(t, lines, 2)
	assert.True(t, lines[0].Overfull)
	assert.Equal(t, 1, lines[0].End)
}

func TestForcedBreaks(t *testing.T) {
	items := Finish([]Item{NewBox(2)})
	items = append(items, NewBox(2))
	items = Finish(items)
	lines := Greedy{}.Break(items, fixed(100))
	require.Len(t, lines, 2)
	assert.Equal(t, 0, lines[0].Start)
	assert.Equal(t, 3, lines[1].Start)
}

func TestPenaltyBreaks(t *testing.T) {
	items := []Item{NewBox(6), NewPenalty(0, 0), NewBox(6), NewPenalty(0, Infinity), NewBox(1)}
	lines := Greedy{}.Break(Finish(items), fixed(8))
	require.Len(t, lines, 2)
	assert.Equal(t, 1, lines[0].End)
	assert.Equal(t, 2, lines[1].Start, "no break at a forbidden penalty")
}

func TestEmpty(t *testing.T) {
	assert.Empty(t, Greedy{}.Break(nil, fixed(10)))
	assert.Empty(t, Greedy{}.Break(Finish(nil), fixed(10)))
}

func BenchmarkGreedy(b *testing.B) {
	var ws []float64
	for i := range 400 {
		ws = append(ws, float64(2+i%7))
	}
	items := para(ws...)
	b.ReportAllocs()
	for b.Loop() {
		Greedy{}.Break(items, fixed(80))
	}
}
