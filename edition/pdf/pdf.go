package pdf

import (
	"bytes"
	"context"
	"fmt"
	"io"

	"codeberg.org/go-pdf/fpdf"

	"github.com/edition-project/edition/edition"
	"github.com/edition-project/edition/edition/pdf/layout"
)

// Renderer writes a Book as a print PDF. The zero value is ready to use.
type Renderer struct{}

// Name implements edition.Renderer.
func (Renderer) Name() string { return "pdf" }

// Render implements edition.Renderer.
func (Renderer) Render(ctx context.Context, w io.Writer, b *edition.Book) error {
	return Render(ctx, w, b)
}

// RenderPages renders b like Render and returns where each page starts in
// the text, for the EPUB's page list.
func (Renderer) RenderPages(ctx context.Context, w io.Writer, b *edition.Book) (*edition.Pagination, error) {
	return RenderPages(ctx, w, b)
}

// Render writes b to w as a PDF.
func Render(ctx context.Context, w io.Writer, b *edition.Book) error {
	_, err := RenderPages(ctx, w, b)
	return err
}

// RenderPages writes b to w as a PDF and returns its pagination: one entry
// per page, labelled with the page number, at the place in the text where
// the page starts (edition.TextPos). Its Source is b.ID + "#pdf-" and the
// page size ("a4", "letter").
func RenderPages(ctx context.Context, w io.Writer, b *edition.Book) (*edition.Pagination, error) {
	if b == nil || b.Edition == nil {
		return nil, fmt.Errorf("pdf: nothing to render: the book is empty")
	}
	return renderPages(ctx, w, b)
}

// mm is one millimetre in points.
const mm = 72 / 25.4

// renderer holds the state of one rendering.
type renderer struct {
	ctx     context.Context
	b       *edition.Book
	pdf     *fpdf.Fpdf
	breaker layout.Breaker
	tx      *typesetter // justified text, hyphenation and the layout report (hyph.go, report.go)
	cov     *coverage
	met     metrics         // widths as fpdf measures them, from fonts parsed once
	lang    string          // the current article's language
	sc      *scripts        // text beyond Latin (script.go); nil until needed
	l       *edition.Labels // the words around the current article
	added   [numFaces]bool  // faces added to the document so far
	fonts   fontPlan        // what fpdf is given of each face (plan.go)

	pageW, pageH float64
	left, width  float64 // the text column
	top, bottom  float64 // first and last y of text on a page

	rows      []*row
	cols      *bodyColumns // a two-column body (columns.go); nil for one column
	dx        float64      // how far the row being drawn is shifted right (columns.go)
	noteLinks map[int]int  // footnote number -> fpdf link, for the current article
	// articleStarts holds the (1-based) pages on which an article starts.
	articleStarts map[int]bool
	nImages       int

	// The page list: the current article's index in Edition.Articles(),
	// the number of its next text block (edition.TextPos), and where each
	// page starts.
	artIndex   int
	nextBlock  int
	pageStarts []edition.PageStart

	// front is a whole edition's cover, contents and outline (see
	// frontmatter.go); nil for a single article.
	front *frontMatter
}

func renderPages(ctx context.Context, w io.Writer, b *edition.Book) (*edition.Pagination, error) {
	raw, pg, err := layOut(ctx, b)
	if err != nil {
		return nil, err
	}
	doc, err := finish(raw, b.ID, newDocInfo(b))
	if err != nil {
		return nil, fmt.Errorf("pdf: writing %q: %w", b.Title, err)
	}
	if _, err := w.Write(doc); err != nil {
		return nil, fmt.Errorf("pdf: writing %q: %w", b.Title, err)
	}
	return pg, nil
}

// layOut lays b out and returns the file fpdf writes, fonts tagged, and
// where its pages start.
func layOut(ctx context.Context, b *edition.Book) ([]byte, *edition.Pagination, error) {
	return layOutWith(ctx, b, &typesetter{})
}

// layOutFonts lays b out as layOutWith does, giving fpdf the whole faces
// when full is set, else subsets of them (plan.go).
func layOutFonts(ctx context.Context, b *edition.Book, tx *typesetter, full bool) ([]byte, *edition.Pagination, error) {
	size, sizeName := "A4", edition.A4
	if b.Options.PageSize == edition.Letter {
		size, sizeName = "Letter", edition.Letter
	}
	pdf := fpdf.New("P", "pt", size, "")
	r := &renderer{ctx: ctx, b: b, pdf: pdf, breaker: layout.Greedy{}, tx: tx, cov: newCoverage(),
		articleStarts: map[int]bool{}}
	r.fonts.full = full
	r.pageW, r.pageH = pdf.GetPageSize()
	r.left = 20 * mm
	r.width = r.pageW - 2*r.left
	r.top = 24 * mm
	r.bottom = r.pageH - 20*mm
	r.cols = newColumns(b.Options.Columns, r.width)

	pdf.SetMargins(r.left, r.top, r.left)
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetCatalogSort(true)
	pdf.SetDisplayMode("real", "continuous")
	metadata(pdf, b)
	if b.FrontMatter() {
		r.frontMatter()
	}

	for _, s := range b.Edition.Sections {
		for _, a := range s.Articles {
			if err := ctx.Err(); err != nil {
				return nil, nil, err
			}
			r.article(a, s)
			r.artIndex++
		}
	}
	if err := pdf.Error(); err != nil {
		return nil, nil, fmt.Errorf("pdf: laying out %q: %w", b.Title, err)
	}
	r.paginateAndDraw()
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	if r.fonts.missed {
		return nil, nil, errSubsetMiss
	}
	if tx.reportOnly {
		return nil, nil, nil // Layout wants the report, not the file
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, nil, fmt.Errorf("pdf: writing %q: %w", b.Title, err)
	}
	return tagFonts(buf.Bytes(), b.ID), &edition.Pagination{Source: b.ID + "#pdf-" + string(sizeName), Pages: r.pageStarts}, nil
}
