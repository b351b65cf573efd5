package check

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
)

// Options choose what File runs.
type Options struct {
	// External runs the external validators that are installed (EPUBCheck
	// and DAISY Ace on EPUBs, qpdf on PDFs) besides the built-in checks.
	External bool
	// Usage keeps EPUBCheck's usage notes (suggestions) among the findings.
	Usage bool
}

// Report is what File found in one file.
type Report struct {
	Path     string
	Format   string // "epub" or "pdf"
	Findings []Finding
	// Missing names the external validators that were wanted but are not
	// installed, with how to install them.
	Missing []string
}

// File checks an EPUB or a PDF (told apart by their first bytes, not their
// names) with the built-in checks and, when asked, the external validators.
// The error is for files that cannot be read or are neither format.
func File(ctx context.Context, path string, opt Options) (*Report, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	rep := &Report{Path: path}
	external := func(run func(context.Context, string) ([]Finding, error)) error {
		if !opt.External {
			return nil
		}
		fs, err := run(ctx, path)
		if errors.Is(err, ErrToolMissing) {
			rep.Missing = append(rep.Missing, err.Error())
			return nil
		}
		rep.Findings = append(rep.Findings, fs...)
		return err
	}
	switch {
	case bytes.HasPrefix(data, []byte("%PDF-")):
		rep.Format = "pdf"
		fs, err := PDF(bytes.NewReader(data))
		if err != nil {
			return nil, err
		}
		rep.Findings = fs
		if err := external(Qpdf); err != nil {
			return nil, err
		}
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		rep.Format = "epub"
		fs, err := EPUB(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			return nil, err
		}
		rep.Findings = fs
		if err := external(EPUBCheck); err != nil {
			return nil, err
		}
		if err := external(Ace); err != nil {
			return nil, err
		}
	default:
		return nil, fmt.Errorf("%s is neither an EPUB nor a PDF", path)
	}
	if !opt.Usage {
		kept := rep.Findings[:0]
		for _, f := range rep.Findings {
			if f.Severity != Usage {
				kept = append(kept, f)
			}
		}
		rep.Findings = kept
	}
	return rep, nil
}

// Print writes the report for people: one finding a line, prefixed with the
// file's path, then what could not be run.
func (r *Report) Print(w io.Writer) {
	for _, f := range r.Findings {
		fmt.Fprintf(w, "%s: %s\n", r.Path, f)
	}
	for _, m := range r.Missing {
		fmt.Fprintf(w, "%s: not run: %s\n", r.Path, m)
	}
}
