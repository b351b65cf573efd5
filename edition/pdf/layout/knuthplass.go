package layout

import "math"

// KnuthPlass is a total-fit breaker after Knuth and Plass, "Breaking
// Paragraphs into Lines" (1981), as TeX does it: of all the ways to break a
// paragraph whose lines stretch or shrink no more than Tolerance allows, it
// chooses the one with the fewest demerits. A line's demerits grow with the
// cube of its adjustment ratio and with the penalty it breaks at; more are
// added when two lines in a row end in hyphens, when the paragraph's last
// full line does, and when a tight line meets a loose one.
//
// Like TeX, it first tries without breaking words (flagged penalties) at
// a stricter Pretolerance, so that a paragraph that sets well without
// hyphens gets none. When no way exists within Tolerance it tries again
// with any stretch allowed (a loose line is better than an overfull one),
// and when a line must still run over the measure it sets that paragraph
// greedily, marking the overfull lines. It never changes the items.
//
// Its cost is O(n·a) for n items and a active breaks (those within one
// line's reach of the current item, a handful per fitness class).
//
// The zero value uses TeX's defaults. Line widths may differ by line;
// breaks reached with different numbers of lines then compete as one,
// which is exact for a constant measure and close under a hanging indent.
type KnuthPlass struct {
	// Pretolerance is the largest adjustment ratio of a line in the first
	// pass, which breaks no words (TeX's \pretolerance 100 is a ratio of
	// 1); 0 means 1, negative skips that pass.
	Pretolerance float64
	// Tolerance is the largest adjustment ratio of a line in the first
	// pass (TeX's \tolerance 200 is about 1.26); 0 means 2.
	Tolerance float64
	// LinePenalty is added to every line's badness, so that fewer lines
	// are preferred (TeX's \linepenalty); 0 means 10.
	LinePenalty float64
	// FlaggedDemerits are added when two consecutive lines end at flagged
	// penalties (TeX's \doublehyphendemerits); 0 means 10000, negative
	// means none.
	FlaggedDemerits float64
	// FinalHyphenDemerits are added when the paragraph's next-to-last
	// line ends at a flagged penalty (\finalhyphendemerits); 0 means 5000,
	// negative means none.
	FinalHyphenDemerits float64
	// FitnessDemerits are added when adjacent lines' fitness classes
	// (tight, decent, loose, very loose) are more than one apart
	// (\adjdemerits); 0 means 10000, negative means none.
	FitnessDemerits float64
}

// params are a KnuthPlass's settings with the defaults filled in.
type params struct {
	pretolerance, tolerance, linePenalty, flagged, finalHyphen, fitness float64
	// whole leaves flagged penalties out: no word is broken.
	whole bool
}

func orDefault(v, def float64) float64 {
	switch {
	case v == 0 || math.IsNaN(v):
		return def
	case v < 0:
		return 0
	}
	return v
}

func (kp KnuthPlass) params() params {
	pre := kp.Pretolerance
	if pre == 0 || math.IsNaN(pre) {
		pre = 1
	}
	return params{
		pretolerance: pre,
		tolerance:    orDefault(kp.Tolerance, 2),
		linePenalty:  orDefault(kp.LinePenalty, 10),
		flagged:      orDefault(kp.FlaggedDemerits, 10000),
		finalHyphen:  orDefault(kp.FinalHyphenDemerits, 5000),
		fitness:      orDefault(kp.FitnessDemerits, 10000),
	}
}

// Break implements Breaker.
func (kp KnuthPlass) Break(items []Item, width func(line int) float64) []Line {
	hasBox := false
	for _, it := range items {
		if it.Kind == Box {
			hasBox = true
			break
		}
	}
	if !hasBox {
		return nil
	}
	p := kp.params()
	if p.pretolerance >= 0 {
		whole := p
		whole.tolerance, whole.whole = p.pretolerance, true
		if lines, ok := whole.run(items, width); ok {
			return lines
		}
	}
	if lines, ok := p.run(items, width); ok {
		return lines
	}
	p.tolerance = math.Inf(1)
	if lines, ok := p.run(items, width); ok {
		return lines
	}
	return Greedy{}.Break(items, width)
}

// node is a feasible break: the end of a line on some way of breaking the
// paragraph so far.
type node struct {
	pos     int  // the break item's index; -1 for the paragraph's start
	line    int  // lines up to and including the one ending here
	fitness int8 // of the line ending here
	// Totals of width, stretch and shrink from the paragraph's start to
	// the first item after the break that is not dropped there.
	w, st, sh float64
	demerits  float64 // of the best way here
	prev      int32   // the break before, on that way; -1 for none
	next      int32   // the next active node; -1 at the end
}

// candidate is the best way found to a break for one fitness class.
type candidate struct {
	demerits float64
	from     int32
}

// maxActive bounds the active breaks of a pass. Real text keeps a few
// dozen (those within one line's reach); a pass that needs more (lines of
// thousands of words, or items of negative width) gives up, and the
// paragraph is set greedily, so that a pass costs at most O(n·maxActive).
const maxActive = 1000

// pass is one run of the algorithm over a paragraph.
type pass struct {
	params
	items     []Item
	width     func(int) float64
	nodes     []node // every node made; the active ones are linked
	active    int32  // the first active node, -1 for none
	nActive   int
	w, st, sh float64 // totals of the items before the current one
}

// run makes one pass at the params' tolerance; ok is false when some
// stretch of the paragraph admits no feasible break.
func (p params) run(items []Item, width func(int) float64) (lines []Line, ok bool) {
	ps := &pass{params: p, items: items, width: width, nodes: make([]node, 1, 64), nActive: 1}
	ps.nodes[0] = node{pos: -1, fitness: 1, prev: -1, next: -1}
	ps.nodes[0].w, ps.nodes[0].st, ps.nodes[0].sh = after(items, -1, 0, 0, 0)
	last := len(items) - 1
	for i, it := range items {
		switch it.Kind {
		case Box:
			ps.w += it.Width
		case Glue:
			if i > 0 && items[i-1].Kind == Box {
				ps.try(i, i == last)
			}
			ps.w += it.Width
			ps.st += it.Stretch
			ps.sh += it.Shrink
		case Penalty:
			if it.Penalty < Infinity && !(p.whole && it.Flagged) {
				ps.try(i, i == last)
			}
		}
		if ps.active < 0 || ps.nActive > maxActive {
			return nil, false
		}
	}
	// The paragraph ends in a forced break, which deactivated every node
	// but those made there: the best of those ends the best way.
	nodes := ps.nodes
	best := int32(-1)
	for a := ps.active; a >= 0; a = nodes[a].next {
		if nodes[a].pos >= 0 && (best < 0 || nodes[a].demerits < nodes[best].demerits) {
			best = a
		}
	}
	if best < 0 || nodes[best].pos != last {
		return nil, false // no forced break at the end: Greedy sets it
	}
	var chain []int32
	for n := best; n > 0; n = nodes[n].prev {
		chain = append(chain, n)
	}
	lines = make([]Line, 0, len(chain))
	prev := -1
	for k := len(chain) - 1; k >= 0; k-- {
		n := nodes[chain[k]]
		start := skipDiscardable(items, max(prev, 0))
		if start < n.pos {
			lines = append(lines, measure(items, start, n.pos, width(n.line-1)))
		}
		prev = n.pos
	}
	return lines, true
}

// try considers a break at items[b]: it deactivates the nodes from which a
// line to b would be overfull (all of them at a forced break) and adds the
// best new nodes at b, one per fitness class. final says b ends the
// paragraph.
func (ps *pass) try(b int, final bool) {
	items, nodes := ps.items, ps.nodes
	it := items[b]
	var pen, penW float64
	flagged, forced := false, false
	if it.Kind == Penalty {
		pen, penW, flagged = it.Penalty, it.Width, it.Flagged
		forced = pen <= -Infinity
	}
	var best [4]candidate
	for c := range best {
		best[c] = candidate{math.Inf(1), -1}
	}
	minD := math.Inf(1)
	prev := int32(-1)
	for a := ps.active; a >= 0; {
		n := &nodes[a]
		next := n.next
		r := ps.ratio(n, penW)
		if r < -1-epsilon || forced {
			if prev < 0 {
				ps.active = next
			} else {
				nodes[prev].next = next
			}
			ps.nActive--
		} else {
			prev = a
		}
		if r >= -1-epsilon && r <= ps.tolerance {
			d := ps.linePenalty + badness(r, math.IsInf(ps.tolerance, 1))
			d *= d
			switch {
			case pen >= 0:
				d += pen * pen
			case pen > -Infinity:
				d -= pen * pen
			}
			if flagged && n.pos >= 0 && items[n.pos].Flagged {
				d += ps.flagged
			}
			if final && n.pos >= 0 && items[n.pos].Flagged {
				d += ps.finalHyphen
			}
			c := fitness(r)
			if c > n.fitness+1 || c < n.fitness-1 {
				d += ps.fitness
			}
			d += n.demerits
			if d < best[c].demerits {
				best[c] = candidate{d, a}
				minD = min(minD, d)
			}
		}
		a = next
	}
	if math.IsInf(minD, 1) {
		return
	}
	aw, ast, ash := after(items, b, ps.w, ps.st, ps.sh)
	for c, cd := range best {
		// A class far worse than the best can never win: its extra
		// demerits exceed what any later fitness mismatch costs.
		if cd.from < 0 || cd.demerits > minD+ps.fitness {
			continue
		}
		ps.nodes = append(ps.nodes, node{pos: b, line: ps.nodes[cd.from].line + 1, fitness: int8(c),
			w: aw, st: ast, sh: ash, demerits: cd.demerits, prev: cd.from, next: ps.active})
		ps.active = int32(len(ps.nodes) - 1)
		ps.nActive++
	}
}

// ratio returns the adjustment ratio of the line from node n to the
// current item, a penalty of width penW or glue (penW 0). A line whose
// stretch includes fill glue (Finish's) fills at no cost.
func (ps *pass) ratio(n *node, penW float64) float64 {
	lw := ps.width(n.line)
	l := ps.w - n.w + penW
	switch {
	case l < lw:
		y := ps.st - n.st
		switch {
		case y >= fill:
			return 0
		case y > 0:
			return (lw - l) / y
		}
		return math.Inf(1)
	case l > lw:
		if z := ps.sh - n.sh; z > 0 {
			return (lw - l) / z
		}
		return math.Inf(-1)
	}
	return 0
}

// after returns the totals at the start of the line after a break at b,
// given the totals of items[:b]: glue and penalties after the break are
// dropped, up to the next box or forced break.
func after(items []Item, b int, w, st, sh float64) (float64, float64, float64) {
	for i := max(b, 0); i < len(items); i++ {
		it := items[i]
		switch {
		case it.Kind == Box:
			return w, st, sh
		case it.Kind == Glue:
			w += it.Width
			st += it.Stretch
			sh += it.Shrink
		case it.Penalty <= -Infinity && i > b:
			return w, st, sh
		}
	}
	return w, st, sh
}

// badness is TeX's: 100 times the cube of the ratio, at most 10000. In
// the last pass, where any stretch is allowed, it is not capped, so that a
// line twice as loose as another still costs more (capped at a ratio of
// 1000, where an empty line with no glue lands).
func badness(r float64, uncapped bool) float64 {
	r = math.Abs(r)
	if uncapped {
		r = min(r, 1000)
		return 100 * r * r * r
	}
	if r > 4.65 {
		return 10000
	}
	return min(10000, 100*r*r*r)
}

// fitness classes: 0 tight, 1 decent, 2 loose, 3 very loose.
func fitness(r float64) int8 {
	switch {
	case r < -0.5:
		return 0
	case r <= 0.5:
		return 1
	case r <= 1:
		return 2
	}
	return 3
}
