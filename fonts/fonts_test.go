package fonts

import (
	"io/fs"
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
