package images

import (
	"encoding/binary"
	"image"
	"image/draw"
)

// jpegOrientation returns the EXIF orientation (1–8) of a JPEG file, or 1
// when it has none or the metadata is unreadable. It walks the marker
// segments up to the start of the image data and reads only the Orientation
// tag of IFD0; every offset is checked, so garbage yields 1, never a panic.
func jpegOrientation(b []byte) int {
	if len(b) < 4 || b[0] != 0xff || b[1] != 0xd8 {
		return 1
	}
	for i := 2; i+4 <= len(b); {
		if b[i] != 0xff {
			return 1
		}
		m := b[i+1]
		switch {
		case m == 0xff: // fill byte
			i++
			continue
		case m == 0x01 || m == 0xd8 || m >= 0xd0 && m <= 0xd7: // markers without a length
			i += 2
			continue
		case m == 0xda || m == 0xd9: // start of scan, end of image: no more metadata
			return 1
		}
		n := int(b[i+2])<<8 | int(b[i+3])
		if n < 2 || i+2+n > len(b) {
			return 1
		}
		seg := b[i+4 : i+2+n]
		if m == 0xe1 && len(seg) > 6 && string(seg[:6]) == "Exif\x00\x00" {
			if o := exifOrientation(seg[6:]); o != 0 {
				return o
			}
		}
		i += 2 + n
	}
	return 1
}

// exifOrientation reads the Orientation tag (0x0112) of IFD0 of a TIFF
// structure, or returns 0.
func exifOrientation(t []byte) int {
	if len(t) < 8 {
		return 0
	}
	var bo binary.ByteOrder
	switch string(t[:2]) {
	case "II":
		bo = binary.LittleEndian
	case "MM":
		bo = binary.BigEndian
	default:
		return 0
	}
	if bo.Uint16(t[2:]) != 42 {
		return 0
	}
	off := uint64(bo.Uint32(t[4:]))
	if off < 8 || off+2 > uint64(len(t)) {
		return 0
	}
	n := int(bo.Uint16(t[off:]))
	for k, p := 0, int(off)+2; k < n && p+12 <= len(t); k, p = k+1, p+12 {
		if bo.Uint16(t[p:]) != 0x0112 {
			continue
		}
		var v uint32
		switch typ, count := bo.Uint16(t[p+2:]), bo.Uint32(t[p+4:]); {
		case count != 1:
			return 0
		case typ == 3: // SHORT, the type the standard prescribes
			v = uint32(bo.Uint16(t[p+8:]))
		case typ == 4: // LONG, written by a few tools
			v = bo.Uint32(t[p+8:])
		default:
			return 0
		}
		if v < 1 || v > 8 {
			return 0
		}
		return int(v)
	}
	return 0
}

// storedRect maps a rectangle of the upright picture (w×h after orientation
// o) to the rectangle of the stored picture (sw×sh) that holds its pixels.
func storedRect(o, sw, sh int, r image.Rectangle) image.Rectangle {
	// Map the two corners as continuous coordinates, then order them.
	p := storedPoint(o, sw, sh, r.Min)
	q := storedPoint(o, sw, sh, r.Max)
	return image.Rectangle{p, q}.Canon()
}

func storedPoint(o, sw, sh int, p image.Point) image.Point {
	x, y := p.X, p.Y
	switch o {
	case 2:
		return image.Pt(sw-x, y)
	case 3:
		return image.Pt(sw-x, sh-y)
	case 4:
		return image.Pt(x, sh-y)
	case 5:
		return image.Pt(y, x)
	case 6:
		return image.Pt(y, sh-x)
	case 7:
		return image.Pt(sw-y, sh-x)
	case 8:
		return image.Pt(sw-y, x)
	}
	return p
}

// orient returns m (origin at 0,0) turned upright for orientation o. A
// YCbCr picture becomes RGBA: its subsampled chroma does not turn simply.
func orient(m image.Image, o int) image.Image {
	if o <= 1 || o > 8 {
		return m
	}
	switch src := m.(type) {
	case *image.Gray:
		out := image.NewGray(uprightRect(src.Rect, o))
		orientPix(out.Pix, out.Stride, src.Pix, src.Stride, src.Rect.Dx(), src.Rect.Dy(), 1, o)
		return out
	case *image.RGBA:
		out := image.NewRGBA(uprightRect(src.Rect, o))
		orientPix(out.Pix, out.Stride, src.Pix, src.Stride, src.Rect.Dx(), src.Rect.Dy(), 4, o)
		return out
	}
	b := m.Bounds()
	rgba := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(rgba, rgba.Rect, m, b.Min, draw.Src)
	return orient(rgba, o)
}

func uprightRect(r image.Rectangle, o int) image.Rectangle {
	if o >= 5 {
		return image.Rect(0, 0, r.Dy(), r.Dx())
	}
	return image.Rect(0, 0, r.Dx(), r.Dy())
}

// orientPix copies the sw×sh stored pixels of ch bytes each from src to dst
// upright.
func orientPix(dst []byte, dstStride int, src []byte, st, sw, sh, ch, o int) {
	w, h := sw, sh
	if o >= 5 {
		w, h = sh, sw
	}
	// The upright pixel (x, y) is the stored one at base + x*dx + y*dy.
	var base, dx, dy int
	switch o {
	case 2: // mirrored left to right
		base, dx, dy = (sw-1)*ch, -ch, st
	case 3: // turned 180°
		base, dx, dy = (sh-1)*st+(sw-1)*ch, -ch, -st
	case 4: // mirrored top to bottom
		base, dx, dy = (sh-1)*st, ch, -st
	case 5: // transposed
		base, dx, dy = 0, st, ch
	case 6: // stored turned 90° anticlockwise
		base, dx, dy = (sh-1)*st, -st, ch
	case 7: // transversed
		base, dx, dy = (sh-1)*st+(sw-1)*ch, -st, -ch
	case 8: // stored turned 90° clockwise
		base, dx, dy = (sw-1)*ch, st, -ch
	}
	for y := 0; y < h; y++ {
		di, si := y*dstStride, base+y*dy
		for x := 0; x < w; x, di, si = x+1, di+ch, si+dx {
			copy(dst[di:di+ch], src[si:si+ch])
		}
	}
}
