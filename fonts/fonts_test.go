package fonts

import (
	"bytes"
	"io/fs"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFacesAreTrueTypeWithLicences(t *testing.T) {
	for _, f := range append(append([]Face(nil), All...), Scripts...) {
		b := f.Bytes()
		require.Greater(t, len(b), 1000, f.File)
		// TrueType outlines start with version 1.0 (00 01 00 00); CFF-flavoured
		// OpenType ("OTTO") cannot be read by fpdf.
		assert.Equal(t, []byte{0, 1, 0, 0}, b[:4], "%s must be a glyf TrueType font", f.File)
		_, err := fs.Stat(FS(), f.License)
		assert.NoError(t, err, "licence of %s", f.File)
	}
}

// TestBytesShared reads each face once per process: every call returns the
// same bytes, those of the embedded file.
func TestBytesShared(t *testing.T) {
	for _, f := range append(slices.Clip(All), Scripts...) {
		a, b := f.Bytes(), f.Bytes()
		require.NotEmpty(t, a, f.File)
		assert.Same(t, &a[0], &b[0], "%s is read once", f.File)
		want, err := fs.ReadFile(FS(), f.File)
		require.NoError(t, err)
		assert.True(t, bytes.Equal(want, a), f.File)
	}
	assert.Panics(t, func() { Face{File: "missing.ttf"}.Bytes() })
}

// TestEveryFileEmbedded: every font file in the folder can be read as a
// face's bytes.
func TestEveryFileEmbedded(t *testing.T) {
	names, err := fs.Glob(FS(), "*.ttf")
	require.NoError(t, err)
	require.NotEmpty(t, names)
	for _, n := range names {
		assert.NotPanics(t, func() { Face{File: n}.Bytes() }, n)
	}
	assert.Len(t, embedded, len(names))
}
