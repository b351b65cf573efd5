package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/edition-project/edition/check"
)

// errFindings reports that check found problems; they are already printed.
var errFindings = errors.New("problems found")

// checkFiles runs `edition check`: the built-in checks and the installed
// external validators on each EPUB or PDF, findings printed one a line.
func checkFiles(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	usageNotes := fs.Bool("u", false, "also report EPUBCheck's usage notes (suggestions)")
	builtin := fs.Bool("builtin", false, "run only the built-in checks, not EPUBCheck, Ace or qpdf")
	paths, err := parseInterspersed(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err.Error()}
	}
	if len(paths) == 0 {
		return usageError{"check needs at least one EPUB or PDF file"}
	}
	failed := false
	for _, p := range paths {
		rep, err := check.File(ctx, p, check.Options{External: !*builtin, Usage: *usageNotes})
		if err != nil {
			fmt.Fprintf(stderr, "edition: %v\n", err)
			failed = true
			continue
		}
		rep.Print(stdout)
		if len(rep.Findings) > 0 {
			failed = true
		} else {
			fmt.Fprintf(stdout, "%s: ok\n", p)
		}
	}
	if failed {
		return errFindings
	}
	return nil
}
