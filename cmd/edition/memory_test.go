package main

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime/debug"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMaxMemory checks that --max-memory becomes the runtime's soft memory
// limit, and that a bad size is a usage error.
func TestMaxMemory(t *testing.T) {
	before := debug.SetMemoryLimit(-1)
	gc := debug.SetGCPercent(100)
	t.Cleanup(func() { debug.SetMemoryLimit(before); debug.SetGCPercent(gc) })

	out := t.TempDir()
	var stdout, stderr bytes.Buffer
	code := run([]string{"build", "--format", "epub", "--max-memory", "1GB", "-o", out}, &stdout, &stderr)
	require.Equal(t, exitOK, code, stderr.String())
	assert.Equal(t, int64(1<<30), debug.SetMemoryLimit(-1))
	if os.Getenv("GOGC") == "" {
		assert.Equal(t, gcPercent, debug.SetGCPercent(gcPercent), "collects at GOGC=400")
	}
	assert.FileExists(t, filepath.Join(out, "aleppo.epub"))

	stderr.Reset()
	code = run([]string{"build", "--max-memory", "lots", "-o", out}, &stdout, &stderr)
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, stderr.String(), "is not a size")
}
