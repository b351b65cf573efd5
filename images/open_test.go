package images

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestOpenLeavesPassthroughUndecoded(t *testing.T) {
	data := encodeJPEG(t, photo(800, 500))
	d, err := Open(data, Limits{})
	require.NoError(t, err)
	assert.Nil(t, d.src, "a JPEG that can be used as it is is not decoded")
	assert.Equal(t, 800, d.Width)
	assert.Equal(t, 500, d.Height)
	assert.True(t, d.Opaque)

	e, err := d.Screen()
	require.NoError(t, err)
	assert.Equal(t, data, e.Data)
	e, err = d.Print(2008)
	require.NoError(t, err)
	assert.Equal(t, data, e.Data)
	assert.Nil(t, d.src, "passing through needs no pixels")

	// A smaller print size needs the pixels: they are decoded then.
	e, err = d.Print(400)
	require.NoError(t, err)
	assert.Equal(t, 400, e.Width)
	assert.NotNil(t, d.src)
}

func TestOpenRejectsTruncatedJPEG(t *testing.T) {
	data := encodeJPEG(t, photo(300, 200))
	_, err := Open(data[:len(data)*2/3], Limits{})
	require.Error(t, err, "a JPEG cut short is decoded, and fails, rather than passed through")
	assert.ErrorIs(t, err, ErrCorrupt)
}

func TestOpenDamagedScan(t *testing.T) {
	data := encodeJPEG(t, photo(64, 64))
	// Keep the segments and the end marker, ruin the scan: the structure
	// check passes, so the damage shows when the pixels are needed.
	bad := append([]byte(nil), data...)
	sos := len(bad) - 2 - 40
	for i := sos; i < len(bad)-2; i++ {
		bad[i] = 0xFF
	}
	d, err := Open(bad, Limits{})
	require.NoError(t, err)
	err = d.Load()
	if err == nil {
		t.Skip("the decoder accepted the ruined scan")
	}
	assert.ErrorIs(t, err, ErrCorrupt)
	assert.Equal(t, err, d.Load(), "Load fails the same way again")
	m := d.Fill(10, 10)
	assert.Equal(t, 10, m.Bounds().Dx())
	_, err = d.Print(32)
	assert.ErrorIs(t, err, ErrCorrupt)
}

// FuzzOpen checks the lazy path: whatever Open accepts, preparing it for
// either format and filling a cover either works or fails with an error.
func FuzzOpen(f *testing.F) {
	f.Add(encodeJPEG(f, photo(16, 8)))
	f.Add(minimalJPEG([]byte{255, 1, 1, 255}, false, 2))
	f.Add(encodePNG(f, photo(8, 8)))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := Open(data, Limits{MaxPixels: 1 << 20})
		if err != nil {
			return
		}
		_, _ = d.Screen()
		_, _ = d.Print(64)
		_ = d.Fill(10, 20)
	})
}
