package content

import (
	"errors"
	"fmt"
	"strings"
)

// Error is a problem with an article's content. It says where: the file, the
// line when known, and the field; Err says what is wrong and what to do.
type Error struct {
	File  string
	Line  int    // 1-based; 0 when unknown
	Field string // front matter key ("photo.alt"), or "" for the body
	Err   error
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	if e.Field != "" {
		b.WriteString(": ")
		b.WriteString(e.Field)
	}
	b.WriteString(": ")
	b.WriteString(e.Err.Error())
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// IsContentError reports whether err is (or wraps) a content Error, that is a
// problem the author can fix in the input, as opposed to a failure of the
// machine (disk full, cancelled).
func IsContentError(err error) bool {
	var ce *Error
	return errors.As(err, &ce)
}

func errorf(file string, line int, field, format string, args ...any) *Error {
	return &Error{File: file, Line: line, Field: field, Err: fmt.Errorf(format, args...)}
}
