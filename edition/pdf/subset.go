package pdf

import (
	"encoding/binary"
	"fmt"
	"slices"
	"sort"
	"sync"
)

// fpdf parses every font it is given whole when it is added (its cmap into
// maps of every character, its widths into a table of 65,536) and again
// when it writes the file, to cut out the glyphs drawn. For a face of
// thousands of characters (and DroidSansFallback's tens of thousands) that
// is most of the cost of a short document.
//
// So fpdf is given, instead of the face, a subset made for the document:
// the same TrueType font with a cmap of only the characters the document
// draws in the face and a glyf table of only their glyphs (and glyph 0,
// and the parts of composite glyphs), in the face's order, with their
// metrics (hmtx); the tables that hold nothing per glyph stay as they are.
// fpdf's own subset of that subset is the subset it made of the whole
// face, byte for byte: the same glyphs in the same order, so under the
// same numbers, the same widths for the characters drawn, the same tables
// around them. fpdf also
// lists the widths of every character below U+0100 the face maps, drawn or
// not, and keeps the glyph of U+0000, so those are always kept.
//
// The characters are collected before the first page is drawn (planFonts
// in plan.go) and every character drawn is checked against them (drawRaw);
// should one be missing, the document is laid out and drawn again with
// the whole faces.

// cmapPair maps a character code to a glyph.
type cmapPair struct{ code, glyph uint16 }

// subsetFont returns a copy of the TrueType font ttf whose cmap (Windows
// Unicode BMP, format 4) maps just the codes of pairs, which are sorted by
// code, and whose glyf table holds just the glyphs those map to, glyph 0
// and the components of composite glyphs among them, in their order. The
// tables fpdf does not read are left out. The glyphs of pairs are
// renumbered in place.
func subsetFont(ttf []byte, pairs []cmapPair) ([]byte, error) {
	all, err := readTables(ttf)
	if err != nil {
		return nil, err
	}
	var head, maxp, loca, glyf, hhea, hmtx, post []byte
	var tables []sfntTable
	for _, t := range all {
		switch t.tag {
		case "head":
			head = t.data
		case "maxp":
			maxp = t.data
		case "hhea":
			hhea = t.data
		case "hmtx":
			hmtx = t.data
		case "post":
			post = t.data
		case "loca":
			loca = t.data
			continue
		case "glyf":
			glyf = t.data
			continue
		case "name", "OS/2", "cvt ", "fpgm", "prep", "gasp":
		default:
			continue // cmap is replaced; the rest fpdf neither reads nor copies
		}
		tables = append(tables, t)
	}
	if len(head) < 54 || len(maxp) < 6 || loca == nil || glyf == nil {
		return nil, fmt.Errorf("not a TrueType font with glyf outlines")
	}
	long := binary.BigEndian.Uint16(head[50:]) != 0
	n := int(binary.BigEndian.Uint16(maxp[4:]))
	offs, err := locaOffsets(loca, n, long, len(glyf))
	if err != nil {
		return nil, err
	}
	keep := make([]bool, n)
	var todo []uint16
	mark := func(g uint16) {
		if int(g) < n && !keep[g] {
			keep[g] = true
			todo = append(todo, g)
		}
	}
	mark(0)
	for _, p := range pairs {
		mark(p.glyph)
	}
	for len(todo) > 0 {
		g := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		components(glyf[offs[g]:offs[g+1]], mark)
	}

	// The glyphs kept are numbered afresh, in their order: fpdf numbers
	// the glyphs of its subset in the same order, so its subset comes out
	// the same, and it reads short tables instead of ones as long as the
	// face. Each glyph gets a full entry in hmtx holding what fpdf reads
	// for it; past hhea's numberOfHMetrics, fpdf's reading writes the left
	// side bearing it reads into the last full entry of the file it was
	// given, which matters only when that glyph is kept too: then the
	// glyphs keep their numbers and hmtx stays as it is.
	compact := len(hhea) >= 36 && len(post) >= 16
	nhm := 0
	if compact {
		nhm = int(binary.BigEndian.Uint16(hhea[34:]))
		compact = nhm >= 1 && nhm <= n && len(hmtx) >= 4*nhm+2*(n-nhm)
	}
	if compact && keep[nhm-1] {
		for g := nhm; g < n && compact; g++ {
			compact = !keep[g]
		}
	}
	newID := make([]uint16, n)
	count := 0
	for g := range n {
		if keep[g] || !compact {
			newID[g] = uint16(count)
			count++
		}
	}

	newGlyf := make([]byte, 0, 1024)
	newLoca := make([]byte, 0, (count+1)*4)
	putOff := func(o int) {
		if long {
			newLoca = binary.BigEndian.AppendUint32(newLoca, uint32(o))
		} else {
			newLoca = binary.BigEndian.AppendUint16(newLoca, uint16(o/2))
		}
	}
	var newHmtx []byte
	for g := range n {
		if !keep[g] {
			if !compact {
				putOff(len(newGlyf))
			}
			continue
		}
		putOff(len(newGlyf))
		start := len(newGlyf)
		newGlyf = append(newGlyf, glyf[offs[g]:offs[g+1]]...)
		if compact {
			eachComponent(newGlyf[start:], func(at []byte) {
				if c := binary.BigEndian.Uint16(at); int(c) < n {
					binary.BigEndian.PutUint16(at, newID[c])
				}
			})
			if g < nhm {
				newHmtx = append(newHmtx, hmtx[4*g:4*g+4]...)
			} else {
				newHmtx = append(newHmtx, hmtx[4*(nhm-1):4*nhm-2]...)
				newHmtx = append(newHmtx, hmtx[4*nhm+2*(g-nhm):4*nhm+2*(g-nhm)+2]...)
			}
		}
	}
	putOff(len(newGlyf))
	if compact {
		for i := range pairs {
			if int(pairs[i].glyph) < n {
				pairs[i].glyph = newID[pairs[i].glyph]
			} else {
				pairs[i].glyph = 0
			}
		}
		for i, t := range tables {
			switch t.tag {
			case "hhea":
				tables[i].data = binary.BigEndian.AppendUint16(slices.Clone(hhea[:34]), uint16(count))
				tables[i].data = append(tables[i].data, hhea[36:]...)
			case "maxp":
				tables[i].data = binary.BigEndian.AppendUint16(slices.Clone(maxp[:4]), uint16(count))
				tables[i].data = append(tables[i].data, maxp[6:]...)
			case "hmtx":
				tables[i].data = newHmtx
			case "post":
				// Version 3, no glyph names: fpdf keeps no more of it.
				tables[i].data = append(append([]byte{0, 3, 0, 0}, post[4:16]...), make([]byte, 16)...)
			}
		}
	}
	cmap, err := formatFourCmap(pairs)
	if err != nil {
		return nil, err
	}
	tables = append(tables, sfntTable{"glyf", newGlyf}, sfntTable{"loca", newLoca}, sfntTable{"cmap", cmap})
	return writeFont(ttf[:4], tables), nil
}

// locaOffsets returns where each of the n glyphs starts in a glyf table of
// glyfLen bytes, and where the last ends.
func locaOffsets(loca []byte, n int, long bool, glyfLen int) ([]int, error) {
	offs := make([]int, n+1)
	size := 2
	if long {
		size = 4
	}
	if len(loca) < (n+1)*size {
		return nil, fmt.Errorf("loca too short")
	}
	for i := range offs {
		if long {
			offs[i] = int(binary.BigEndian.Uint32(loca[4*i:]))
		} else {
			offs[i] = 2 * int(binary.BigEndian.Uint16(loca[2*i:]))
		}
		if offs[i] > glyfLen || (i > 0 && offs[i] < offs[i-1]) {
			return nil, fmt.Errorf("loca entry %d out of order or bounds", i)
		}
	}
	return offs, nil
}

// Flags of a composite glyph's component.
const (
	argsAreWords    = 0x0001
	haveScale       = 0x0008
	moreComponents  = 0x0020
	haveXYScale     = 0x0040
	haveTwoByTwo    = 0x0080
	compositeHeader = 10
)

// components calls mark with each glyph a composite glyph is made of; a
// simple glyph has none.
func components(g []byte, mark func(uint16)) {
	eachComponent(g, func(at []byte) { mark(binary.BigEndian.Uint16(at)) })
}

// eachComponent calls f with the glyph index of each component of a
// composite glyph, in place.
func eachComponent(g []byte, f func(at []byte)) {
	if len(g) < compositeHeader || int16(binary.BigEndian.Uint16(g)) >= 0 {
		return
	}
	for p := compositeHeader; p+4 <= len(g); {
		flags := binary.BigEndian.Uint16(g[p:])
		f(g[p+2 : p+4])
		p += 4
		if flags&argsAreWords != 0 {
			p += 4
		} else {
			p += 2
		}
		switch {
		case flags&haveScale != 0:
			p += 2
		case flags&haveXYScale != 0:
			p += 4
		case flags&haveTwoByTwo != 0:
			p += 8
		}
		if flags&moreComponents == 0 {
			return
		}
	}
}

// formatFourCmap returns a cmap table of one format 4 subtable (Windows,
// Unicode BMP) mapping the codes of pairs, sorted by code, each segment a
// run of consecutive codes mapped to consecutive glyphs.
func formatFourCmap(pairs []cmapPair) ([]byte, error) {
	type seg struct{ start, end, delta uint16 }
	var segs []seg
	for _, p := range pairs {
		if p.code == 0xFFFF {
			continue // the final segment's
		}
		if k := len(segs) - 1; k >= 0 && segs[k].end+1 == p.code && segs[k].end+segs[k].delta+1 == p.glyph {
			segs[k].end++
			continue
		}
		segs = append(segs, seg{p.code, p.code, p.glyph - p.code})
	}
	segs = append(segs, seg{0xFFFF, 0xFFFF, 1})
	n := len(segs)
	length := 16 + 8*n
	if length > 0xFFFF {
		return nil, fmt.Errorf("cmap of %d segments is too long", n)
	}
	entrySelector := 0
	for 1<<(entrySelector+1) <= n {
		entrySelector++
	}
	searchRange := 2 << entrySelector
	b := make([]byte, 0, 12+length)
	b = u16(b, 0, 1, 3, 1)
	b = binary.BigEndian.AppendUint32(b, 12)
	b = u16(b, 4, length, 0, 2*n, searchRange, entrySelector, 2*n-searchRange)
	for _, s := range segs {
		b = u16(b, int(s.end))
	}
	b = u16(b, 0) // reservedPad
	for _, s := range segs {
		b = u16(b, int(s.start))
	}
	for _, s := range segs {
		b = u16(b, int(s.delta))
	}
	for range segs {
		b = u16(b, 0) // idRangeOffset
	}
	return b, nil
}

// charMap is the format 4 cmap subtable fpdf reads from a face, read as
// fpdf reads it (utf8FontFile.generateSCCSDictionaries), so that a subset
// maps a character to the glyph fpdf would have found in the whole face.
type charMap struct {
	font   []byte
	pos    int // where the subtable starts in font
	rim    int // where fpdf takes it to end
	n      int // segments
	ends   int // where endCode starts; startCode, idDelta and idRangeOffset follow
	latin1 []cmapPair
}

// readCharMap finds the subtable fpdf reads: the first Windows Unicode BMP
// or Unicode one of format 4.
func readCharMap(ttf []byte) (*charMap, error) {
	all, err := readTables(ttf)
	if err != nil {
		return nil, err
	}
	var cmap []byte
	cmapPos := 0
	for _, t := range all {
		if t.tag == "cmap" {
			cmap = t.data
			cmapPos = int(binary.BigEndian.Uint32(ttf[12+16*indexOf(all, "cmap")+8:]))
		}
	}
	if len(cmap) < 4 {
		return nil, fmt.Errorf("no cmap")
	}
	nsub := int(binary.BigEndian.Uint16(cmap[2:]))
	for i := range nsub {
		rec := 4 + 8*i
		if rec+8 > len(cmap) {
			break
		}
		platform, enc := binary.BigEndian.Uint16(cmap[rec:]), binary.BigEndian.Uint16(cmap[rec+2:])
		off := int(binary.BigEndian.Uint32(cmap[rec+4:]))
		if !(platform == 3 && enc == 1 || platform == 0) || off+14 > len(cmap) || binary.BigEndian.Uint16(cmap[off:]) != 4 {
			continue
		}
		c := &charMap{font: ttf, pos: cmapPos + off}
		c.rim = c.pos + int(binary.BigEndian.Uint16(cmap[off+2:]))
		c.n = int(binary.BigEndian.Uint16(cmap[off+6:])) / 2
		c.ends = c.pos + 14
		if c.ends+8*c.n+2 > len(ttf) {
			return nil, fmt.Errorf("cmap subtable out of bounds")
		}
		// fpdf keeps the glyph of U+0000 (its list of characters used
		// starts with 57 entries of 0) and lists the widths of the
		// characters below U+0100.
		for r := rune(0); r < 0x100; r++ {
			if g, ok := c.glyph(r); ok {
				c.latin1 = append(c.latin1, cmapPair{uint16(r), g})
			}
		}
		return c, nil
	}
	return nil, fmt.Errorf("no format 4 Unicode cmap")
}

func indexOf(ts []sfntTable, tag string) int {
	for i, t := range ts {
		if t.tag == tag {
			return i
		}
	}
	return -1
}

func (c *charMap) u16(pos int) int {
	if pos < 0 || pos+2 > len(c.font) {
		return 0
	}
	return int(binary.BigEndian.Uint16(c.font[pos:]))
}

// glyph returns the glyph fpdf maps r to, and whether r is in a segment
// at all (fpdf keeps a character in a segment even when its glyph is 0).
func (c *charMap) glyph(r rune) (uint16, bool) {
	if r < 0 || r > 0xFFFF {
		return 0, false
	}
	ch := int(r)
	// The segments are sorted by their end: find the first that ends at
	// or after ch.
	i := sort.Search(c.n, func(i int) bool { return c.u16(c.ends+2*i) >= ch })
	if i == c.n {
		return 0, false
	}
	starts := c.ends + 2*c.n + 2
	deltas := starts + 2*c.n
	offsets := deltas + 2*c.n
	start := c.u16(starts + 2*i)
	if ch < start {
		return 0, false
	}
	delta := int(int16(c.u16(deltas + 2*i)))
	ro := c.u16(offsets + 2*i)
	if ro == 0 {
		return uint16((ch + delta) & 0xFFFF), true
	}
	pos := offsets + 2*i + (ch-start)*2 + ro
	if pos >= c.rim {
		return 0, true
	}
	g := c.u16(pos)
	if g != 0 {
		g = (g + delta) & 0xFFFF
	}
	return uint16(g), true
}

// charMaps holds each face's charMap, read the first time it is needed.
var charMaps [numFaces]struct {
	once sync.Once
	c    *charMap
	err  error
}

func faceCharMap(f face) (*charMap, error) {
	m := &charMaps[f]
	m.once.Do(func() { m.c, m.err = readCharMap(faceBytes(f)) })
	return m.c, m.err
}

// faceBytes returns the font file of f: the binary's own bytes, read-only
// (fonts.Face.Bytes); fpdf, which writes into the fonts it is given, only
// ever gets subsets or copies.
func faceBytes(f face) []byte { return faceFiles[f].Bytes() }

// subsetFor returns the subset of face f that draws the characters of set:
// for a face drawn by character, those of them the face maps and every
// character below U+0100 it maps; for a shaped face, whose codes are
// glyphs (pua.go), those glyphs.
func subsetFor(f face, set *runeSet) ([]byte, error) {
	var pairs []cmapPair
	if f.shaped() {
		for code := range set.all() {
			if code >= puaBase && code < puaBase+maxPUAGlyphs {
				pairs = append(pairs, cmapPair{uint16(code), uint16(code - puaBase)})
			}
		}
	} else {
		c, err := faceCharMap(f)
		if err != nil {
			return nil, err
		}
		l := c.latin1
		for code := range set.all() {
			for len(l) > 0 && l[0].code < uint16(code) {
				pairs = append(pairs, l[0])
				l = l[1:]
			}
			if len(l) > 0 && l[0].code == uint16(code) {
				l = l[1:]
			}
			if g, ok := c.glyph(code); ok {
				pairs = append(pairs, cmapPair{uint16(code), g})
			}
		}
		pairs = append(pairs, l...)
	}
	return subsetFont(faceBytes(f), pairs)
}
