// Package testtool is for tests that run external validators (EPUBCheck,
// qpdf, poppler-utils, DAISY Ace): such a test skips with a clear message
// when the tool is missing, and fails instead when EDITION_REQUIRE_TOOLS=1,
// as CI sets it, so that CI always runs them for real. EDITION_SKIP_TOOLS=1
// treats every tool as missing (see check).
package testtool

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/edition-project/edition/check"
)

// Required reports whether missing tools fail tests (EDITION_REQUIRE_TOOLS=1).
func Required() bool { return os.Getenv("EDITION_REQUIRE_TOOLS") == "1" }

// Path returns the path of the program name, or skips (fails when
// required) the test when it is not installed. hint says how to install it.
func Path(t testing.TB, name, hint string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if os.Getenv("EDITION_SKIP_TOOLS") == "1" {
		Missing(t, name+" is not run (EDITION_SKIP_TOOLS=1)")
	}
	if err != nil {
		Missing(t, name+" is not installed ("+hint+")")
	}
	return p
}

// Check skips (fails when required) the test when err says a validator of
// package check is missing, and returns err unchanged otherwise.
func Check(t testing.TB, err error) error {
	t.Helper()
	if errors.Is(err, check.ErrToolMissing) {
		Missing(t, err.Error())
	}
	return err
}

// Missing skips the test, or fails it when tools are required.
func Missing(t testing.TB, why string) {
	t.Helper()
	if Required() {
		t.Fatalf("EDITION_REQUIRE_TOOLS=1 but %s", why)
	}
	t.Skipf("skipping: %s", why)
}

// AcceptedUsage are the EPUBCheck usage notes a build of ours may get, each
// on purpose (see DEVELOPERS.md): the dark-mode media query (CSS-023), no NCX
// for EPUB 2 readers (NCX-003), the page list and its markers (NAV-002,
// HTM-050), and links in the articles to the web (HTM-005).
var AcceptedUsage = map[string]bool{"CSS-023": true, "NCX-003": true, "NAV-002": true, "HTM-050": true, "HTM-005": true}

// ExternalChecks runs the external validators on a built pair of files, as
// subtests: EPUBCheck (nothing but accepted usage notes), DAISY Ace
// (nothing) and qpdf (nothing). Each skips, or fails when tools are
// required, when its validator is missing.
func ExternalChecks(t *testing.T, epubPath, pdfPath string) {
	t.Helper()
	ctx := context.Background()
	t.Run("epubcheck", func(t *testing.T) {
		fs, err := check.EPUBCheck(ctx, epubPath)
		require.NoError(t, Check(t, err))
		for _, f := range fs {
			assert.Equal(t, check.Usage, f.Severity, "%s", f)
			assert.True(t, AcceptedUsage[f.Code], "unexpected usage note: %s", f)
		}
	})
	t.Run("ace", func(t *testing.T) {
		fs, err := check.Ace(ctx, epubPath)
		require.NoError(t, Check(t, err))
		assert.Empty(t, fs, "DAISY Ace findings")
	})
	t.Run("qpdf", func(t *testing.T) {
		fs, err := check.Qpdf(ctx, pdfPath)
		require.NoError(t, Check(t, err))
		assert.Empty(t, fs, "qpdf findings")
	})
}
