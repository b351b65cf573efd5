// Package epub renders an edition.Book as an EPUB 3 publication: one XHTML
// content document per article (headline, standfirst, byline, dates, lead
// photo with caption and credit, body, background, endnotes), a cover page,
// a navigation document with the table of contents and landmarks, a
// stylesheet that reads well on small and dark screens, and package metadata
// that includes the publication's accessibility (a summary in the book's
// language). Given the print edition's pagination (Renderer.Pages) it adds
// page break markers and a page list; given Renderer.Certified, a claim of
// conformance to EPUB Accessibility 1.1. There is no toc.ncx: EPUB 3
// readers navigate with the navigation document. A whole edition of
// several articles also gets a contents page after the cover (masthead,
// sections, each article's headline, standfirst and byline) and a line of
// links at the end of every article: previous, next, section, contents.
//
// go-epub assembles the container; a finishing pass (finish.go) then rewrites
// it so that the output is ours and reproducible: fixed entry order and
// timestamps, our metadata in package.opf, language and direction on every
// content document, our navigation document. The same Book always renders to
// the same bytes.
//
// Text in another language or direction than its document's is wrapped in
// spans with lang and dir (dir.go): the spans authors mark, and runs of the
// other direction found with the Unicode bidi algorithm's rules. With
// edition.Options.EmbedFonts the print edition's fonts that the text needs
// go into the EPUB with their licences (fonts.go).
//
// It never touches the network or the file system: go-epub only receives
// data: URLs, its HTTP client refuses every request and its storage is the
// in-memory one. For speed go-epub gets tiny placeholder pictures and a
// marker for each document's body; finish puts the real ones in
// (placeholder.go), and fails rather than leave a placeholder in. It is not a validator (see package check) and it does not
// decode or resize pictures (package edition prepares them).
package epub
