package hyphen

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Parsing a pattern file costs about 9 ms for English and 90 ms for
// German (100,000 patterns), at every start of a process that hyphenates.
// So the patterns are shipped compiled too: compiled/<file>.trie holds the
// dict that parseDict makes of patterns/<file>.dic, its arrays written out
// as they are, and loading it costs a copy. TestCompiledPatterns checks
// that every compiled file is what parseDict makes of its pattern file
// today, and rewrites them with -update.
//
// The format:
//
//	"hyph2"
//	leftMin, rightMin, compoundLeftMin, compoundRightMin: a byte each
//	levels: a byte, 1 or 2; then for each level, in uvarints:
//	  nodes; then per node, breadth first, edges<<1 | 1 if a pattern ends there
//	  the edges' labels: a byte each (nodes-1 of them)
//	  the values of the patterns, in node order, depth+1 each: two a byte
//
// Where each node's edges and values start follows from the counts, so a
// file cannot point outside itself.

const compiledMagic = "hyph2"

// compiledName is the name, in the embedded files, of the compiled form of
// the pattern file name.
func compiledName(name string) string {
	return "compiled/" + strings.TrimSuffix(name, ".dic") + ".trie"
}

// marshal writes d in the compiled format.
func (d *dict) marshal() []byte {
	out := []byte(compiledMagic)
	out = append(out, byte(d.leftMin), byte(d.rightMin), byte(d.compoundLeftMin), byte(d.compoundRightMin), byte(len(d.levels)))
	for _, t := range d.levels {
		nodes := len(t.val)
		out = binary.AppendUvarint(out, uint64(nodes))
		var vals []uint8
		for n := range nodes {
			x := uint64(t.first[n+1]-t.first[n]) << 1
			if off := t.val[n]; off >= 0 {
				x |= 1
				vals = append(vals, t.vals[off:int(off)+int(t.depth(n))+1]...)
			}
			out = binary.AppendUvarint(out, x)
		}
		out = append(out, t.label...)
		for i := 0; i < len(vals); i += 2 {
			hi := uint8(0)
			if i+1 < len(vals) {
				hi = vals[i+1]
			}
			out = append(out, vals[i]|hi<<4)
		}
	}
	return out
}

// depth returns the depth of node n: how many edges lead to it from the
// root.
func (t *trie) depth(n int) int32 {
	d := int32(0)
	for n > 0 {
		// Edge n-1 leads to n; its node is the one whose edges hold it.
		i := int32(n - 1)
		p, _ := slices.BinarySearch(t.first, i+1)
		n = p - 1
		for t.first[n] > i {
			n--
		}
		d++
	}
	return d
}

var errCompiled = errors.New("not a compiled pattern file of this version")

// unmarshalDict reads a dict in the compiled format. A damaged file is an
// error or a dict that hyphenates oddly, never a panic.
func unmarshalDict(b []byte) (*dict, error) {
	if !strings.HasPrefix(string(b), compiledMagic) || len(b) < len(compiledMagic)+5 {
		return nil, errCompiled
	}
	b = b[len(compiledMagic):]
	d := &dict{leftMin: int(b[0]), rightMin: int(b[1]), compoundLeftMin: int(b[2]), compoundRightMin: int(b[3])}
	levels := int(b[4])
	b = b[5:]
	if levels < 1 || levels > 2 {
		return nil, fmt.Errorf("%w: %d levels", errCompiled, levels)
	}
	truncated := fmt.Errorf("%w: truncated", errCompiled)
	for range levels {
		nodes, k := binary.Uvarint(b)
		if k <= 0 || nodes < 1 || nodes > uint64(len(b)) {
			return nil, truncated
		}
		b = b[k:]
		t := &trie{first: make([]int32, nodes+1), val: make([]int32, nodes)}
		depth := make([]int32, nodes)
		edges, nvals := int32(0), int32(0)
		for n := range int32(nodes) {
			x, k := binary.Uvarint(b)
			if k <= 0 || x>>1 > nodes {
				return nil, truncated
			}
			b = b[k:]
			t.first[n] = edges
			e := int32(x >> 1)
			// Edges lead forward (edge i to node i+1), breadth first.
			if e > 0 && edges < n || int64(edges)+int64(e) > int64(nodes)-1 {
				return nil, fmt.Errorf("%w: node %d's edges are out of order", errCompiled, n)
			}
			for i := edges; i < edges+e; i++ {
				depth[i+1] = depth[n] + 1
			}
			edges += e
			t.val[n] = -1
			if x&1 != 0 {
				t.val[n] = nvals
				nvals += depth[n] + 1
			}
		}
		t.first[nodes] = edges
		if int64(edges) != int64(nodes)-1 || len(b) < int(edges)+(int(nvals)+1)/2 {
			return nil, truncated
		}
		t.label, b = b[:edges:edges], b[edges:]
		t.vals = make([]uint8, nvals)
		for i := range t.vals {
			t.vals[i] = b[i/2] >> (4 * (i % 2)) & 15
		}
		b = b[(nvals+1)/2:]
		for n := range int32(nodes) {
			for i := t.first[n] + 1; i < t.first[n+1]; i++ {
				if t.label[i] <= t.label[i-1] {
					return nil, fmt.Errorf("%w: node %d's edges are not sorted", errCompiled, n)
				}
			}
		}
		for i := t.first[0]; i < t.first[1]; i++ {
			t.root[t.label[i]] = i + 1
		}
		d.levels = append(d.levels, t)
	}
	if len(b) != 0 {
		return nil, fmt.Errorf("%w: %d bytes after the patterns", errCompiled, len(b))
	}
	return d, nil
}
