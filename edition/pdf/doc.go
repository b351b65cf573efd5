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
// It is not a general HTML or Markdown to PDF converter, and it does not
// shape complex scripts (Arabic, Indic) or draw characters outside the Basic
// Multilingual Plane (emoji): those come out as a visible replacement mark.
package pdf
