package pdf

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/edition-project/edition/content"
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

// Render writes b to w as a PDF.
func Render(ctx context.Context, w io.Writer, b *edition.Book) error {
	if b == nil || b.Edition == nil {
		return fmt.Errorf("pdf: nothing to render: the book is empty")
	}
	return render(ctx, w, b, b.Image)
}

// mm is one millimetre in points.
const mm = 72 / 25.4

// renderer holds the state of one rendering.
type renderer struct {
	ctx     context.Context
	b       *edition.Book
	pdf     *fpdf.Fpdf
	breaker layout.Breaker
	cov     *coverage
	imageOf func(*content.Photo) *edition.Image
	l       *edition.Labels // the words around the current article

	pageW, pageH float64
	left, width  float64 // the text column
	top, bottom  float64 // first and last y of text on a page

	rows      []*row
	noteLinks map[int]int // footnote number -> fpdf link, for the current article
	// articleStarts holds the (1-based) pages on which an article starts.
	articleStarts map[int]bool
	nImages       int
}

func render(ctx context.Context, w io.Writer, b *edition.Book, imageOf func(*content.Photo) *edition.Image) error {
	size := "A4"
	if b.Options.PageSize == edition.Letter {
		size = "Letter"
	}
	pdf := fpdf.New("P", "pt", size, "")
	r := &renderer{ctx: ctx, b: b, pdf: pdf, breaker: layout.Greedy{}, cov: newCoverage(), imageOf: imageOf,
		articleStarts: map[int]bool{}}
	r.pageW, r.pageH = pdf.GetPageSize()
	r.left = 20 * mm
	r.width = r.pageW - 2*r.left
	r.top = 24 * mm
	r.bottom = r.pageH - 20*mm

	pdf.SetMargins(r.left, r.top, r.left)
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetCatalogSort(true)
	pdf.SetDisplayMode("real", "continuous")
	metadata(pdf, b)
	registerFonts(pdf)

	for _, s := range b.Edition.Sections {
		for _, a := range s.Articles {
			if err := ctx.Err(); err != nil {
				return err
			}
			r.article(a, s)
		}
	}
	if err := pdf.Error(); err != nil {
		return fmt.Errorf("pdf: laying out %q: %w", b.Title, err)
	}
	r.paginateAndDraw()
	if err := ctx.Err(); err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return fmt.Errorf("pdf: writing %q: %w", b.Title, err)
	}
	if _, err := w.Write(tagFonts(buf.Bytes(), b.ID)); err != nil {
		return fmt.Errorf("pdf: writing %q: %w", b.Title, err)
	}
	return nil
}

// metadata sets the document information dictionary and catalog entries.
func metadata(pdf *fpdf.Fpdf, b *edition.Book) {
	pdf.SetTitle(b.Title, true)
	pdf.SetAuthor(strings.Join(b.Authors, ", "), true)
	arts := b.Edition.Articles()
	if len(arts) > 0 {
		pdf.SetSubject(content.PlainText(arts[0].Standfirst), true)
	}
	var kw []string
	seen := map[string]bool{}
	addKW := func(s string) {
		if s = strings.TrimSpace(s); s != "" && !seen[s] {
			seen[s] = true
			kw = append(kw, s)
		}
	}
	for _, s := range b.Edition.Sections {
		addKW(s.Title)
		for _, a := range s.Articles {
			addKW(a.Section)
		}
	}
	addKW(b.Edition.Publisher)
	for _, a := range arts {
		addKW(a.Publisher)
	}
	addKW(b.Language)
	pdf.SetKeywords(strings.Join(kw, ", "), true)
	pdf.SetCreator("edition", true)
	pdf.SetProducer("edition (go-pdf/fpdf)", true)
	// fpdf falls back to the clock for a zero date: never give it one.
	created, modified := b.Date, b.Modified
	if created.IsZero() {
		created = modified
	}
	if modified.IsZero() {
		modified = created
	}
	if created.IsZero() {
		created = time.Unix(0, 0)
		modified = created
	}
	pdf.SetCreationDate(created.UTC())
	pdf.SetModificationDate(modified.UTC())
	// fpdf writes /Lang unescaped: keep to what a BCP 47 tag may hold.
	lang := strings.Map(func(r rune) rune {
		if r == '-' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
			return r
		}
		return -1
	}, b.Language)
	if lang != "" {
		pdf.SetLang(lang)
	}
}
