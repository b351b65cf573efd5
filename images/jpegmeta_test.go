package images

import (
	"bytes"
	"encoding/binary"
	"image/jpeg"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestJPEGMetadataStripped checks that a JPEG kept as it is for print or
// screen loses its EXIF (GPS), XMP, IPTC and comments, keeps its ICC
// profile, and still decodes to the same pixels.
func TestJPEGMetadataStripped(t *testing.T) {
	orig := encodeJPEG(t, photo(300, 200))
	gps := []byte("GPSLatitude 36.2021N 37.1343E")
	jpg := withExif(orig, 1, binary.BigEndian)
	jpg = insertSegment(jpg, 0xe1, append([]byte("http://ns.adobe.com/xap/1.0/\x00"), gps...))
	jpg = insertSegment(jpg, 0xed, append([]byte("Photoshop 3.0\x00"), gps...))
	jpg = insertSegment(jpg, 0xfe, []byte("shot on serial 12345"))
	icc := append([]byte("ICC_PROFILE\x00\x01\x01"), bytes.Repeat([]byte{7}, 64)...)
	jpg = insertSegment(jpg, 0xe2, icc)

	d, err := Decode(jpg, Limits{})
	require.NoError(t, err)
	for name, enc := range map[string]func() (Encoded, error){
		"print":  func() (Encoded, error) { return d.Print(0) },
		"screen": d.Screen,
	} {
		e, err := enc()
		require.NoError(t, err, name)
		assert.NotContains(t, string(e.Data), "GPSLatitude", name)
		assert.NotContains(t, string(e.Data), "Exif\x00\x00", name)
		assert.NotContains(t, string(e.Data), "serial 12345", name)
		assert.Contains(t, string(e.Data), string(icc), "%s keeps the colour profile", name)
		want, err := jpeg.Decode(bytes.NewReader(orig))
		require.NoError(t, err)
		got, err := jpeg.Decode(bytes.NewReader(e.Data))
		require.NoError(t, err, name)
		assert.Equal(t, want, got, "%s: the same pixels", name)
	}

	_, ok := stripJPEGMetadata([]byte{0xff, 0xd8, 0xff, 0xe1, 0xff, 0xff})
	assert.False(t, ok, "a truncated segment is not guessed at")
}
