package images

import "github.com/edition-project/edition/internal/testimage"

// The hand-built pictures, under the names these tests use.
var (
	minimalJPEG = testimage.MinimalJPEG
	pngHeader   = testimage.PNGHeader
)
