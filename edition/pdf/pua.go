package pdf

import (
	"encoding/binary"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode/utf16"
)

// Shaped text is drawn by glyph, not by character: an Arabic letter has up
// to four forms, a Devanagari conjunct is one glyph for three characters,
// and a mark sits where the shaper puts it. fpdf only draws characters: it
// writes each as its UTF-16 code, which is also the CID, into an Identity-H
// font whose CIDToGIDMap it builds from the font's own cmap.
//
// So fpdf is given a copy of each shaped face whose cmap maps the Private
// Use Area instead of Unicode: U+E000+g is glyph g. Drawing the character
// U+E000+g draws glyph g, fpdf's subsetting keeps exactly the glyphs drawn,
// and the PDF's widths are the glyphs' own. Every shaped face has fewer
// than 6,400 glyphs (U+E000 to U+F8FF), which TestPUAFonts checks. A
// document is normally given only the glyphs it draws, addressed the same
// way (subsetFor); the whole copy, built once per process, is for the
// fallback, and fpdf gets a copy of it (fpdf writes into what it is given).
//
// Those codes mean nothing to a reader, so every cluster of glyphs is drawn
// in a marked-content span whose /ActualText is the text it stands for
// (drawGlyphRun in shape.go): text extraction, search and copying then
// return the real characters.

// puaBase is the code of glyph 0 in a glyph-addressed font.
const puaBase = 0xE000

// maxPUAGlyphs is the number of glyphs the Private Use Area can address.
const maxPUAGlyphs = 0xF8FF - puaBase + 1

var puaFonts [numFaces]struct {
	once sync.Once
	b    []byte
}

// puaFont returns the glyph-addressed copy of a shaped face, or the face
// itself if it cannot be made (then its text comes out wrong, not lost; a
// test keeps that from happening with the shipped fonts).
func puaFont(f face) []byte {
	p := &puaFonts[f]
	p.once.Do(func() {
		b, err := glyphAddressed(faceBytes(f))
		if err != nil {
			b = faceBytes(f)
		}
		p.b = b
	})
	return p.b
}

// glyphAddressed returns a copy of the TrueType font ttf whose only cmap
// subtable (Windows Unicode BMP, format 4) maps U+E000+g to glyph g. The
// layout tables, which only the shaper reads (from the original), and the
// digital signature, which the copy would break, are left out.
func glyphAddressed(ttf []byte) ([]byte, error) {
	all, err := readTables(ttf)
	if err != nil {
		return nil, err
	}
	var tables []sfntTable
	numGlyphs := -1
	for _, t := range all {
		switch t.tag {
		case "cmap", "GSUB", "GPOS", "GDEF", "DSIG", "morx", "kerx", "kern":
			continue
		case "maxp":
			if len(t.data) < 6 {
				return nil, fmt.Errorf("maxp too short")
			}
			numGlyphs = int(binary.BigEndian.Uint16(t.data[4:]))
		}
		tables = append(tables, t)
	}
	if numGlyphs <= 0 {
		return nil, fmt.Errorf("no glyphs")
	}
	last := puaBase + min(numGlyphs, maxPUAGlyphs) - 1
	// A format 4 subtable of two segments: U+E000..last with idDelta
	// -0xE000 (glyph = code - 0xE000, modulo 65536), and the required
	// final segment for U+FFFF.
	cmap := u16(nil, 0, 1, 3, 1)                   // version, one subtable: platform 3, encoding 1
	cmap = binary.BigEndian.AppendUint32(cmap, 12) // its offset
	cmap = u16(cmap, 4, 32, 0, 4, 4, 1, 0)         // format, length, language, segCountX2, searchRange, entrySelector, rangeShift
	cmap = u16(cmap, last, 0xFFFF, 0)              // endCode[2], reservedPad
	cmap = u16(cmap, puaBase, 0xFFFF)              // startCode[2]
	cmap = u16(cmap, 0x10000-puaBase, 1)           // idDelta[2]
	cmap = u16(cmap, 0, 0)                         // idRangeOffset[2]
	tables = append(tables, sfntTable{"cmap", cmap})
	return writeFont(ttf[:4], tables), nil
}

// sfntTable is one table of a font file.
type sfntTable struct {
	tag  string
	data []byte
}

// readTables returns the tables of the TrueType font ttf, in the order of
// its table directory; their data is shared with ttf.
func readTables(ttf []byte) ([]sfntTable, error) {
	if len(ttf) < 12 {
		return nil, fmt.Errorf("font too short")
	}
	n := int(binary.BigEndian.Uint16(ttf[4:]))
	if len(ttf) < 12+16*n {
		return nil, fmt.Errorf("table directory too short")
	}
	tables := make([]sfntTable, 0, n+1)
	for i := range n {
		rec := ttf[12+16*i:]
		tag := string(rec[:4])
		off, ln := binary.BigEndian.Uint32(rec[8:]), binary.BigEndian.Uint32(rec[12:])
		if uint64(off)+uint64(ln) > uint64(len(ttf)) {
			return nil, fmt.Errorf("table %q out of bounds", tag)
		}
		tables = append(tables, sfntTable{tag, ttf[off : off+ln]})
	}
	return tables, nil
}

// writeFont returns a font file of the tables, sorted by tag, with the
// given version (the first four bytes of a font file).
func writeFont(version []byte, tables []sfntTable) []byte {
	slices.SortFunc(tables, func(a, b sfntTable) int { return strings.Compare(a.tag, b.tag) })
	nt := len(tables)
	entrySelector := 0
	for 1<<(entrySelector+1) <= nt {
		entrySelector++
	}
	searchRange := 16 << entrySelector
	size := 12 + 16*nt
	for _, t := range tables {
		size += (len(t.data) + 3) &^ 3
	}
	out := make([]byte, 0, size)
	out = append(out, version...)
	out = u16(out, nt, searchRange, entrySelector, nt*16-searchRange)
	off := 12 + 16*nt
	for _, t := range tables {
		out = append(out, t.tag...)
		out = binary.BigEndian.AppendUint32(out, checksum(t.data))
		out = binary.BigEndian.AppendUint32(out, uint32(off))
		out = binary.BigEndian.AppendUint32(out, uint32(len(t.data)))
		off += (len(t.data) + 3) &^ 3
	}
	for _, t := range tables {
		out = append(out, t.data...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	return out
}

// u16 appends the values to b as big-endian 16-bit words.
func u16(b []byte, vs ...int) []byte {
	for _, v := range vs {
		b = binary.BigEndian.AppendUint16(b, uint16(v))
	}
	return b
}

// checksum is a TrueType table checksum.
func checksum(b []byte) uint32 {
	var sum uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:])
		sum += binary.BigEndian.Uint32(w[:])
	}
	return sum
}

// beginActualText opens a marked-content span whose text, for extraction,
// is s; the span must be closed with endMarked.
func (r *renderer) beginActualText(s string) {
	var b strings.Builder
	b.Grow(24 + 4*len(s))
	b.WriteString("/Span <</ActualText <")
	if s != "" {
		// A text string in UTF-16BE with its byte order mark.
		b.WriteString("FEFF")
		const hex = "0123456789ABCDEF"
		for _, u := range utf16.Encode([]rune(s)) {
			b.Write([]byte{hex[u>>12], hex[u>>8&15], hex[u>>4&15], hex[u&15]})
		}
	}
	b.WriteString(">>> BDC")
	r.pdf.RawWriteStr(b.String())
}

// endMarked closes a marked-content span.
func (r *renderer) endMarked() { r.pdf.RawWriteStr("EMC") }
