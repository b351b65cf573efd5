package main

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/edition-project/edition/check"
	"github.com/edition-project/edition/internal/testtool"
)

// TestExitStatus checks the exit statuses the command promises: 0 on
// success, 1 on a content error, 2 on a usage error.
func TestExitStatus(t *testing.T) {
	dir := t.TempDir()
	typo := filepath.Join(dir, "typo.md")
	require.NoError(t, os.WriteFile(typo, []byte("---\nheadline: A\nheadlien: B\npublished: 2024-05-01\n---\nBody.\n"), 0o644))
	good := filepath.Join(dir, "good.md")
	require.NoError(t, os.WriteFile(good, []byte("---\nheadline: A\npublished: 2024-05-01\n---\nBody.\n"), 0o644))
	cases := []struct {
		args []string
		want int
	}{
		{[]string{"build", good, "-o", filepath.Join(dir, "out")}, exitOK},
		{[]string{"version"}, exitOK},
		{[]string{"help"}, exitOK},
		{[]string{"build", typo, "-o", filepath.Join(dir, "out")}, exitContent},
		{[]string{"build", filepath.Join(dir, "nope.md")}, exitContent},
		{[]string{"build", "--format", "docx"}, exitUsage},
		{[]string{"build", "--page-size", "a5"}, exitUsage},
		{[]string{"build", "a", "b"}, exitContent}, // several paths are a batch; these do not exist
		{[]string{"build", "-j", "-1", "a", "b"}, exitUsage},
		{[]string{"build", "--bogus"}, exitUsage},
		{[]string{"frobnicate"}, exitUsage},
		{nil, exitUsage},
	}
	for _, tc := range cases {
		var out, errb bytes.Buffer
		got := run(tc.args, &out, &errb)
		assert.Equal(t, tc.want, got, "edition %v\nstdout: %s\nstderr: %s", tc.args, out.String(), errb.String())
	}
}

// TestUnwritableOutput checks that a folder we cannot write in is reported
// and leaves nothing behind.
func TestUnwritableOutput(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	require.NoError(t, os.WriteFile(file, nil, 0o644))
	var out, errb bytes.Buffer
	// A path through a regular file can never be created, even as root.
	got := run([]string{"build", "-o", filepath.Join(file, "out")}, &out, &errb)
	assert.Equal(t, exitContent, got)
	assert.Contains(t, errb.String(), "cannot create the output folder")
	assert.Empty(t, out.String())
}

// TestCertify builds the example with --certify: EPUBCheck and DAISY Ace
// run on the EPUB and, as they find nothing, it claims conformance.
func TestCertify(t *testing.T) {
	for _, err := range []error{checkTool(check.EPUBCheck), checkTool(check.Ace)} {
		testtool.Check(t, err)
	}
	dir := t.TempDir()
	var out, errb bytes.Buffer
	require.Equal(t, exitOK, run([]string{"build", "--certify", "--format", "epub", "-o", dir}, &out, &errb), errb.String())
	zr, err := zip.OpenReader(filepath.Join(dir, "aleppo.epub"))
	require.NoError(t, err)
	defer zr.Close()
	opf, err := zr.Open("EPUB/package.opf")
	require.NoError(t, err)
	data, err := io.ReadAll(opf)
	require.NoError(t, err)
	assert.Contains(t, string(data), `<meta property="dcterms:conformsTo">EPUB Accessibility 1.1 - WCAG 2.2 Level AA</meta>`)
	assert.Contains(t, string(data), certifiedBy)

	// Without --certify there is no claim.
	require.Equal(t, exitOK, run([]string{"build", "--format", "epub", "-o", dir}, &out, &errb), errb.String())
	zr2, err := zip.OpenReader(filepath.Join(dir, "aleppo.epub"))
	require.NoError(t, err)
	defer zr2.Close()
	opf2, err := zr2.Open("EPUB/package.opf")
	require.NoError(t, err)
	data2, err := io.ReadAll(opf2)
	require.NoError(t, err)
	assert.NotContains(t, string(data2), "conformsTo")
}

// checkTool runs a validator on nothing, to learn whether it is installed.
func checkTool(run func(context.Context, string) ([]check.Finding, error)) error {
	_, err := run(context.Background(), "/nonexistent.epub")
	if errors.Is(err, check.ErrToolMissing) {
		return err
	}
	return nil
}
