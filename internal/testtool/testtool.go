// Package testtool is for tests that run external validators (EPUBCheck,
// qpdf, poppler-utils, DAISY Ace): such a test skips with a clear message
// when the tool is missing, and fails instead when EDITION_REQUIRE_TOOLS=1,
// as CI sets it, so that CI always runs them for real. EDITION_SKIP_TOOLS=1
// treats every tool as missing (see check).
package testtool

import (
	"errors"
	"os"
	"os/exec"
	"testing"

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
