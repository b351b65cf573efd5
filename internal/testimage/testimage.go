// Package testimage builds picture files that the standard encoders cannot
// write — CMYK, YCCK and progressive JPEGs, a PNG header claiming any size —
// for the tests of the images package and of the command. It is not for
// production code.
package testimage

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
)

// MinimalJPEG builds an 8×8 JPEG whose components are flat, with the given
// stored sample values (each at least 64 away from 128, so that every DC
// difference has the same size category). It exists because image/jpeg cannot write CMYK, YCCK
// or progressive files. adobe is the APP14 transform (0 CMYK or RGB, 2 YCCK)
// or -1 for no APP14 segment. A progressive file has only its DC scan, which
// is enough for flat blocks.
func MinimalJPEG(vals []byte, progressive bool, adobe int) []byte {
	var b bytes.Buffer
	seg := func(marker byte, data ...byte) {
		b.Write([]byte{0xff, marker, byte((len(data) + 2) >> 8), byte(len(data) + 2)})
		b.Write(data)
	}
	b.Write([]byte{0xff, 0xd8})
	if adobe >= 0 {
		seg(0xee, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, byte(adobe))
	}
	dqt := make([]byte, 65)
	for i := 1; i < 65; i++ {
		dqt[i] = 1
	}
	seg(0xdb, dqt...)
	sof := []byte{8, 0, 8, 0, 8, byte(len(vals))}
	for i := range vals {
		sof = append(sof, byte(i+1), 0x11, 0)
	}
	if progressive {
		seg(0xc2, sof...)
	} else {
		seg(0xc0, sof...)
	}
	// One DC code "0" for size category 10, one AC code "0" for end of block.
	counts := make([]byte, 16)
	counts[0] = 1
	seg(0xc4, append(append([]byte{0x00}, counts...), 10)...)
	if !progressive {
		seg(0xc4, append(append([]byte{0x10}, counts...), 0x00)...)
	}
	sos := []byte{byte(len(vals))}
	for i := range vals {
		sos = append(sos, byte(i+1), 0x00)
	}
	if progressive {
		sos = append(sos, 0, 0, 0)
	} else {
		sos = append(sos, 0, 63, 0)
	}
	seg(0xda, sos...)

	var bits []byte // one byte per bit, packed below
	put := func(v, n int) {
		for i := n - 1; i >= 0; i-- {
			bits = append(bits, byte(v>>i&1))
		}
	}
	for _, v := range vals {
		dc := 8 * (int(v) - 128) // the DC coefficient of a flat block, quantiser 1
		put(0, 1)
		if dc < 0 {
			dc += 1<<10 - 1
		}
		put(dc, 10)
		if !progressive {
			put(0, 1)
		}
	}
	for len(bits)%8 != 0 {
		bits = append(bits, 1)
	}
	for i := 0; i < len(bits); i += 8 {
		var c byte
		for _, bit := range bits[i : i+8] {
			c = c<<1 | bit
		}
		b.WriteByte(c)
		if c == 0xff {
			b.WriteByte(0)
		}
	}
	b.Write([]byte{0xff, 0xd9})
	return b.Bytes()
}

// PNGHeader is the signature and a valid IHDR chunk claiming w×h pixels,
// with nothing after it: a few dozen bytes that would need gigabytes once
// decoded, for a huge w×h.
func PNGHeader(w, h uint32) []byte {
	b := []byte("\x89PNG\r\n\x1a\n")
	ihdr := binary.BigEndian.AppendUint32([]byte("IHDR"), w)
	ihdr = binary.BigEndian.AppendUint32(ihdr, h)
	ihdr = append(ihdr, 8, 6, 0, 0, 0) // 8-bit RGBA, not interlaced
	b = binary.BigEndian.AppendUint32(b, 13)
	b = append(b, ihdr...)
	return binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(ihdr))
}
