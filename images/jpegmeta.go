package images

// stripJPEGMetadata returns a JPEG without the segments that carry metadata
// about the picture rather than the picture itself — EXIF and XMP (APP1,
// where cameras put GPS positions, serial numbers and the like), IPTC and
// Photoshop data (APP13) and comments — so that an edition never ships a
// photographer's location by accident. What decoding needs stays: JFIF
// (APP0), ICC profiles (APP2), Adobe's colour transform flag (APP14), tables
// and frames. The compressed scan is copied unchanged. ok is false when the
// file is not laid out as expected; the caller then re-encodes instead.
func stripJPEGMetadata(b []byte) (out []byte, ok bool) {
	if len(b) < 4 || b[0] != 0xFF || b[1] != 0xD8 {
		return nil, false
	}
	out = make([]byte, 0, len(b))
	out = append(out, 0xFF, 0xD8)
	i := 2
	for i+4 <= len(b) {
		if b[i] != 0xFF {
			return nil, false
		}
		marker := b[i+1]
		if marker == 0xFF { // fill byte
			i++
			continue
		}
		n := int(b[i+2])<<8 | int(b[i+3])
		if n < 2 || i+2+n > len(b) {
			return nil, false
		}
		if marker == 0xDA { // start of scan: the rest is image data
			return append(out, b[i:]...), true
		}
		switch marker {
		case 0xE1, 0xED, 0xFE: // APP1, APP13, COM
		default:
			out = append(out, b[i:i+2+n]...)
		}
		i += 2 + n
	}
	return nil, false
}
