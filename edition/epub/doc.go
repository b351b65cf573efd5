// Package epub renders an edition.Book as an EPUB 3 publication: one XHTML
// content document per article (headline, standfirst, byline, dates, lead
// photo with caption and credit, body, background, endnotes), a cover page,
// a navigation document with the table of contents and landmarks, a
// stylesheet that reads well on small and dark screens, and package metadata
// that includes the publication's accessibility (a summary in the book's
// language). Given the print edition's pagination (Renderer.Pages) it adds
// page break markers and a page list; given Renderer.Certified, a claim of
// conformance to EPUB Accessibility 1.1. There is no toc.ncx: EPUB 3
// readers navigate with the navigation document.
//
// go-epub assembles the container; a finishing pass (finish.go) then rewrites
// it so that the output is ours and reproducible: fixed entry order and
// timestamps, our metadata in package.opf, language and direction on every
// content document, our navigation document. The same Book always renders to
// the same bytes.
//
// It never touches the network or the file system: go-epub only receives
// data: URLs, its HTTP client refuses every request and its storage is the
// in-memory one. It is not a validator (see package check) and it does not
// decode or resize pictures (package edition prepares them).
package epub
