package layout

import "math"

// Kind says what an item is.
type Kind uint8

// Item kinds.
const (
	Box     Kind = iota // content of fixed width: never broken, never stretched
	Glue                // space: a break is allowed here when a box precedes it
	Penalty             // a possible break at a cost
)

// Infinity is the penalty that forbids a break; -Infinity forces one.
const Infinity = 10000

// Item is one element of a paragraph.
type Item struct {
	Kind  Kind
	Width float64 // natural width; for a penalty, the width added when breaking there (a hyphen)
	// Stretch and Shrink are how far glue may grow or shrink.
	Stretch, Shrink float64
	// Penalty is the cost of breaking at a penalty item.
	Penalty float64
	// Flagged marks a penalty that breaks a word (a hyphen): a total-fit
	// breaker avoids two such lines in a row.
	Flagged bool
}

// NewBox returns a box of width w.
func NewBox(w float64) Item { return Item{Kind: Box, Width: w} }

// NewGlue returns glue of natural width w.
func NewGlue(w, stretch, shrink float64) Item {
	return Item{Kind: Glue, Width: w, Stretch: stretch, Shrink: shrink}
}

// NewPenalty returns a penalty of width w and cost p.
func NewPenalty(w, p float64) Item { return Item{Kind: Penalty, Width: w, Penalty: p} }

// HyphenPenalty is the cost of breaking a word, as TeX's \hyphenpenalty.
const HyphenPenalty = 50

// NewHyphen returns the flagged penalty where a word may break; w is the
// width of the hyphen drawn there (0 after a hard hyphen, which is drawn
// already).
func NewHyphen(w float64) Item {
	return Item{Kind: Penalty, Width: w, Penalty: HyphenPenalty, Flagged: true}
}

// Finish appends what ends a paragraph (or a forced line break) to items:
// glue that can fill any remaining space, so the last line stays ragged, and
// a forced break.
func Finish(items []Item) []Item {
	return append(items, NewGlue(0, fill, 0), NewPenalty(0, -Infinity))
}

// fill is the stretch of the glue that ends a paragraph: enough to fill
// any line, like TeX's \parfillskip.
const fill = 1e6

// Line is one line of a broken paragraph.
type Line struct {
	// Start and End delimit the line's items: items[Start:End]. The glue or
	// penalty at which the line broke is items[End] (or End == len(items));
	// glue at a break is dropped and a penalty only adds its Width.
	Start, End int
	// Ratio is the adjustment ratio: every glue item on the line takes
	// Width + Ratio*Stretch when Ratio >= 0, Width + Ratio*Shrink when below.
	// It is never below -1; it may be large for a line that cannot be filled.
	Ratio float64
	// Natural is the line's width before adjustment.
	Natural float64
	// Overfull reports that the line could not be made to fit.
	Overfull bool
}

// Breaker chooses line breaks. width(n) is the measure of line n (0-based),
// so a paragraph can wrap around a hanging indent or a float.
type Breaker interface {
	Break(items []Item, width func(line int) float64) []Line
}

// Greedy is a first-fit breaker: it puts as many items on a line as fit
// (counting shrinkable glue) before moving on. It is fast and predictable but
// does not look ahead, so it can leave loose lines that a total-fit breaker
// would avoid.
type Greedy struct{}

// Break implements Breaker.
func (Greedy) Break(items []Item, width func(line int) float64) []Line {
	var lines []Line
	start := skipDiscardable(items, 0)
	for start < len(items) {
		lw := width(len(lines))
		end := -1 // best feasible break so far
		var w, st, sh float64
		i := start
		for ; i < len(items); i++ {
			it := items[i]
			switch it.Kind {
			case Box:
				w += it.Width
			case Glue:
				if i > start && items[i-1].Kind == Box {
					if w-sh <= lw || end < 0 {
						end = i
					}
				}
				w += it.Width
				st += it.Stretch
				sh += it.Shrink
			case Penalty:
				if it.Penalty >= Infinity {
					continue
				}
				if w+it.Width-sh <= lw || end < 0 {
					end = i
				}
				if it.Penalty <= -Infinity && end == i {
					goto done
				}
			}
			if w-sh > lw && end >= 0 {
				break // content past end no longer fits: break at end
			}
		}
	done:
		if end < 0 {
			end = len(items)
		}
		lines = append(lines, measure(items, start, end, lw))
		start = skipDiscardable(items, end)
	}
	return lines
}

// measure computes the line items[start:end] and its adjustment to width lw.
func measure(items []Item, start, end int, lw float64) Line {
	var w, st, sh float64
	for _, it := range items[start:end] {
		switch it.Kind {
		case Box:
			w += it.Width
		case Glue:
			w += it.Width
			st += it.Stretch
			sh += it.Shrink
		}
	}
	if end < len(items) && items[end].Kind == Penalty {
		w += items[end].Width
	}
	l := Line{Start: start, End: end, Natural: w}
	switch {
	case w < lw && st > 0:
		l.Ratio = (lw - w) / st
	case w > lw && sh > 0:
		l.Ratio = math.Max(-1, (lw-w)/sh)
		l.Overfull = w-sh > lw+epsilon
	case w > lw+epsilon:
		l.Overfull = true
	}
	return l
}

// epsilon absorbs rounding: a line shrunk exactly to the measure fits.
const epsilon = 1e-6

// skipDiscardable returns the index of the first item at or after i that
// starts a line: glue and penalties after a break are dropped (the break
// item itself included).
func skipDiscardable(items []Item, i int) int {
	for i < len(items) && items[i].Kind != Box {
		i++
	}
	return i
}
