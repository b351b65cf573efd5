// Package edition turns content into a Book ready to render: it orders the
// articles, gives every part a stable identifier, fixes the dates (from
// SOURCE_DATE_EPOCH or the content, never the clock), prepares each photo for
// each format and makes a cover when the edition has none.
//
// It defines the contract renderers meet (Renderer) but never imports its
// renderers: package edition/epub and edition/pdf implement it and the caller
// (cmd/edition) wires them together.
package edition
