// Package hyphen finds where words may be hyphenated, by Frank Liang's
// algorithm (the one TeX uses) over the hyphenation patterns that
// LibreOffice and Debian ship (libhyphen's .dic files), embedded under
// patterns/ with their licences: English (American and British), German,
// French, Spanish, Italian, Portuguese, Dutch, Russian and Polish.
//
// It answers one question, where a word may break, and leaves the choice
// of breaks to a line breaker (edition/pdf/layout). It does not break text
// into words, does not know exceptions beyond what the patterns encode,
// and never changes a word's spelling at a break.
package hyphen
