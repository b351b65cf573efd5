// Package pdf renders a Book as a print-ready PDF: A4 or Letter pages set in
// embedded, subset Unicode TrueType fonts (Noto Serif for text, Noto Sans for
// display, DejaVu Sans Mono for code), justified text with mixed inline
// styles, running heads, "n of N" folios, a document outline, links and
// metadata (Info and XMP, which agree). The same Book always gives the same
// bytes. RenderPages also returns where each page starts in the text
// (edition.Pagination), for the EPUB's page list.
//
// fpdf's output is finished by this package (finish.go) into a file that
// passes pdfcpu's strict validation and qpdf --check: outline counts,
// indirect link annotations, a file identifier, viewer preferences.
//
// Text is laid out by this package (words measured, lines broken by
// edition/pdf/layout, rows placed on pages) and drawn with go-pdf/fpdf; fpdf's
// own flowing text (MultiCell, Write) is not used because it cannot mix
// fonts in a justified line.
//
// Text beyond Latin, Greek and Cyrillic takes the script path (world.go):
// a face per script from the text itself (Noto Naskh Arabic, Noto Serif
// and Sans Hebrew, Noto Sans Devanagari, Droid Sans Fallback for Chinese
// and Japanese, Noto Sans Symbols 2), Arabic, Hebrew and Devanagari shaped
// with go-text's HarfBuzz and drawn by glyph (pua.go), the Unicode bidi
// algorithm over whole paragraphs (bidi.go), line breaks between
// ideographs, and /ActualText so that text extraction returns the
// characters in logical order (extract.go). A character no shipped face
// has (most emoji, Hangul) is drawn as a visible replacement mark that
// still extracts as itself.
//
// It is not a general HTML or Markdown to PDF converter; it does not set
// vertical text, and scripts without a shipped face are not drawn.
package pdf
