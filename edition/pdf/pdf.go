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
type Renderer struct {
	// Paginated, when not nil, is called with the pagination (see
	// RenderPages) as soon as the pages are laid out, before they are drawn
	// and the file is written, so that a caller can make the EPUB, whose
	// page list it is, meanwhile. It is called at most once a rendering,
	// and not at all when the rendering fails before its pages are known.
	Paginated func(*edition.Pagination)
}

// Name implements edition.Renderer.
func (Renderer) Name() string { return "pdf" }

// Render implements edition.Renderer.
func (r Renderer) Render(ctx context.Context, w io.Writer, b *edition.Book) error {
	_, err := r.RenderPages(ctx, w, b)
	return err
}

// RenderPages renders b like Render and returns where each page starts in
// the text, for the EPUB's page list.
func (r Renderer) RenderPages(ctx context.Context, w io.Writer, b *edition.Book) (*edition.Pagination, error) {
	if b == nil || b.Edition == nil {
		return nil, fmt.Errorf("pdf: nothing to render: the book is empty")
	}
	return renderPages(ctx, w, b, r.Paginated)
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
	return Renderer{}.RenderPages(ctx, w, b)
}

// Paginate lays b out as RenderPages does and returns its pagination
// without drawing or writing the PDF: the page list of an EPUB made
// without the PDF.
func Paginate(ctx context.Context, b *edition.Book) (*edition.Pagination, error) {
	if b == nil || b.Edition == nil {
		return nil, fmt.Errorf("pdf: nothing to render: the book is empty")
	}
	_, pg, err := layOutWith(ctx, b, &typesetter{pagesOnly: true}, nil)
	return pg, err
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
	pagination *edition.Pagination       // its Pages are set when the pages are known
	paginated  func(*edition.Pagination) // Renderer.Paginated

	// front is a whole edition's cover, contents and outline (see
	// frontmatter.go); nil for a single article.
	front *frontMatter
}

func renderPages(ctx context.Context, w io.Writer, b *edition.Book, paginated func(*edition.Pagination)) (*edition.Pagination, error) {
	raw, pg, err := layOutWith(ctx, b, &typesetter{}, paginated)
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
	return layOutWith(ctx, b, &typesetter{}, nil)
}

// layOutFonts lays b out as layOutWith does, giving fpdf the whole faces
// when full is set, else subsets of them (plan.go).
func layOutFonts(ctx context.Context, b *edition.Book, tx *typesetter, full bool, paginated func(*edition.Pagination)) ([]byte, *edition.Pagination, error) {
	size, sizeName := "A4", edition.A4
	if b.Options.PageSize == edition.Letter {
		size, sizeName = "Letter", edition.Letter
	}
	pdf := fpdf.New("P", "pt", size, "")
	r := &renderer{ctx: ctx, b: b, pdf: pdf, breaker: layout.Greedy{}, tx: tx, cov: newCoverage(),
		articleStarts: map[int]bool{}}
	r.fonts.full = full
	r.pagination = &edition.Pagination{Source: b.ID + "#pdf-" + string(sizeName)}
	r.paginated = paginated
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
	if tx.reportOnly || tx.pagesOnly {
		return nil, r.pagination, nil // the report or the pages, not the file
	}
	pdf.SetCompression(!compressInFinish(pdf.PageCount())) // finishstreams.go
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, nil, fmt.Errorf("pdf: writing %q: %w", b.Title, err)
	}
	return tagFonts(buf.Bytes(), b.ID), r.pagination, nil
}

// paginate records where the pages start, once they are laid out and
// before they are drawn, and hands the pagination to whoever waits for it.
func (r *renderer) paginate(pages [][]placed) {
	r.pagination.Pages = pageStarts(pages)
	if r.paginated != nil {
		r.paginated(r.pagination)
		r.paginated = nil
	}
}
