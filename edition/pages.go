package edition

// Pagination records where each page of the print edition starts in the
// text, so that the EPUB made in the same build can carry a page list
// pointing at the PDF's pages (EPUB Accessibility 1.1, "print page
// numbers"). The PDF renderer produces it; the EPUB renderer reads it.
type Pagination struct {
	// Source identifies the print edition the page numbers belong to; it
	// becomes the EPUB's pagination source (dc:source). For example
	// "urn:uuid:…" of the book plus "#pdf-a4".
	Source string
	// Pages holds one entry per page, in order: Pages[0] is page 1.
	Pages []PageStart
}

// PageStart is the place in the text where a page begins.
type PageStart struct {
	Page  int    // 1-based page number
	Label string // the printed folio, normally the page number as text
	Pos   TextPos
}

// TextPos is a position in an edition's text that both renderers can find.
//
// Article is the 0-based index in Edition.Articles(). Block numbers the
// text blocks of that article in this order, from 0: the header (headline,
// standfirst, byline, dates) is block 0; the lead photo's caption and
// credit are block 1 (even when absent); then every block visited by
// content.WalkBlocks over Body, then over Background.Body, then over each
// note's Blocks. Offset is a rune offset into the block's text as
// content.PlainText returns it (for a *content.Code, its Text; for a
// *content.Figure, the caption followed by the credit; for a *content.Table,
// cells in row order, each followed by one space); 0 is the block's start.
// Lists and quotes are visited (they hold no text of their own; a page
// break before one points at it with Offset 0).
//
// At the edges: the header's text is the headline followed by the
// standfirst (byline and dates take no offsets); the lead photo's text is
// its caption followed by its credit (a label such as "Photo: " is not
// counted); a break at the boundary of two runs goes before the second; a
// break at offset 0 of the first background block or note goes before that
// section's title; a break in a part that is not shown goes where the next
// block starts.
//
// A whole edition (Book.FrontMatter) prints a cover page and a contents
// page before its articles; Part says when a position is in one of those.
type TextPos struct {
	Part    Part
	Article int
	Block   int
	Offset  int
}

// Part is the part of an edition a TextPos is in.
type Part uint8

// The parts of an edition. In the cover, Article, Block and Offset are 0.
// In the contents, Article is the index of the first article whose entry
// stands on the page, Block 0 puts the page's start before the section
// title heading that entry (before the masthead, for the first article)
// and Block 1 right before the entry; Offset is 0.
const (
	InText     Part = iota // an article's text, as described above
	InCover                // the cover page
	InContents             // the contents page
)
