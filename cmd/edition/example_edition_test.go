package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/edition-project/edition/check"
	"github.com/edition-project/edition/content"
	"github.com/edition-project/edition/internal/testtool"
)

// exampleEdition is the 30-article example edition, from this package's
// folder.
const exampleEdition = "../../examples/edition"

// TestExampleEdition builds the example edition as a user would and runs
// every validator on what a reader receives: the built-in EPUB and PDF
// checks, EPUBCheck and DAISY Ace on the EPUB, qpdf on the PDF. It takes
// minutes, so -short skips it; CI runs it.
func TestExampleEdition(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping the example edition's end-to-end build in -short mode")
	}
	ed, err := content.ReadEditionFile(exampleEdition)
	require.NoError(t, err)
	require.Len(t, ed.Sections, 4)
	require.Len(t, ed.Articles(), 30)
	photos := 0
	for _, a := range ed.Articles() {
		if a.Photo != nil {
			photos++
		}
	}
	assert.GreaterOrEqual(t, photos, 20, "most articles have a photo")

	dir := t.TempDir()
	var stdout, stderr bytes.Buffer
	require.Equal(t, exitOK, run([]string{"build", exampleEdition, "-o", dir}, &stdout, &stderr), stderr.String())
	epubPath := filepath.Join(dir, "the-ossel-valley-courier.epub")
	pdfPath := filepath.Join(dir, "the-ossel-valley-courier.pdf")

	epubData, err := os.ReadFile(epubPath)
	require.NoError(t, err)
	fs, err := check.EPUB(bytes.NewReader(epubData), int64(len(epubData)))
	require.NoError(t, err)
	assert.Empty(t, fs, "built-in EPUB findings")

	pdfData, err := os.ReadFile(pdfPath)
	require.NoError(t, err)
	fs, err = check.PDF(bytes.NewReader(pdfData))
	require.NoError(t, err)
	assert.Empty(t, fs, "pdfcpu (strict) and metadata findings in the PDF")

	testtool.ExternalChecks(t, epubPath, pdfPath)
}
