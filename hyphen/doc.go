// Package hyphen finds where words may be hyphenated, by Frank Liang's
// algorithm (the one TeX uses) over the hyphenation patterns that
// LibreOffice and Debian ship (libhyphen's .dic files), embedded under
// patterns/ with their licences: English (American and British), German,
// French, Spanish, Italian, Portuguese, Dutch, Russian and Polish. They
// are also shipped compiled (compiled/, checked against the pattern files
// by a test), so that a process reads them in under a millisecond instead
// of parsing them (English 10 ms, German 100 ms).
//
// It answers one question, where a word may break, and leaves the choice
// of breaks to a line breaker (edition/pdf/layout). It does not break text
// into words, does not know exceptions beyond what the patterns encode,
// and never changes a word's spelling at a break.
package hyphen
