// Package check validates EPUB and PDF files, ours or anyone's: structural
// checks of its own (zip layout, package document, navigation, strict XML;
// PDF structure through pdfcpu) and, when installed, the external validators
// EPUBCheck and qpdf. The test suite and `edition check` use the same checks.
//
// It is not a renderer and never changes the files it reads.
package check

import "fmt"

// Severity ranks a finding.
type Severity int

// Severities, from the worst.
const (
	Fatal Severity = iota
	Error
	Warning
	Usage // a suggestion (EPUBCheck's usage notes)
)

func (s Severity) String() string {
	switch s {
	case Fatal:
		return "fatal"
	case Error:
		return "error"
	case Warning:
		return "warning"
	default:
		return "usage"
	}
}

// Finding is one problem found in a file.
type Finding struct {
	Severity Severity
	Checker  string // "edition", "epubcheck", "pdfcpu", "qpdf"
	Code     string // the checker's message id when it has one ("RSC-005")
	Where    string // the part of the file: "EPUB/package.opf:12", "page 3"
	Message  string // what is wrong, in words a user can act on
}

func (f Finding) String() string {
	s := fmt.Sprintf("%s: %s", f.Severity, f.Checker)
	if f.Code != "" {
		s += " " + f.Code
	}
	if f.Where != "" {
		s += ": " + f.Where
	}
	return s + ": " + f.Message
}
