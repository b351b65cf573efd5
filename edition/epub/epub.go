package epub

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"sync"

	goepub "github.com/go-shiori/go-epub"

	"github.com/edition-project/edition/content"
	"github.com/edition-project/edition/edition"
)

// The stylesheet; the title page's rules only go with books that have a
// title page (no cover picture), so that no rule goes unused.
var (
	//go:embed edition.css
	stylesheet []byte
	//go:embed titlepage.css
	titlePageStyle []byte
)

// Renderer writes a Book as an EPUB 3 file. The zero value is ready to use
// and renders a book without page list and without a conformance claim.
type Renderer struct {
	// Pages, when set, are the pages of the print edition made from the
	// same Book: each page's start gets a page break marker in the text,
	// the navigation document a page list, and the package its pagination
	// source (EPUB Accessibility 1.1, "print page numbers").
	Pages *edition.Pagination
	// Certified, when not empty, claims conformance to EPUB Accessibility
	// 1.1 at WCAG 2.2 Level AA (dcterms:conformsTo) and names who checked
	// it (a11y:certifiedBy), for example "edition, checked with EPUBCheck
	// 4.2.6 and DAISY Ace 1.4.6". Set it only once those checks passed on
	// the same book rendered without it: a claim nobody verified misleads
	// the readers who rely on it.
	Certified string
}

// Name returns "epub".
func (Renderer) Name() string { return "epub" }

// Render writes b to w as an EPUB 3 file. The same Book and options always
// give the same bytes. Render is safe for concurrent use.
func (r Renderer) Render(ctx context.Context, w io.Writer, b *edition.Book) error {
	return render(ctx, w, b, r, noNetwork)
}

var _ edition.Renderer = Renderer{}

// Render writes b to w as an EPUB 3 file with the zero Renderer's options.
// The same Book always gives the same bytes. Render is safe for concurrent
// use.
func Render(ctx context.Context, w io.Writer, b *edition.Book) error {
	return render(ctx, w, b, Renderer{}, noNetwork)
}

// ErrNetwork is what go-epub's HTTP client answers to every request: the
// renderer never fetches anything.
var ErrNetwork = errors.New("epub: network access refused")

// refuse is an http.RoundTripper that refuses every request. go-epub tries
// HTTP on every source before it decodes a data: URL; this makes that
// attempt fail at once, without a connection.
type refuse struct{ seen func(*http.Request) }

func (r refuse) RoundTrip(req *http.Request) (*http.Response, error) {
	if r.seen != nil {
		r.seen(req)
	}
	return nil, ErrNetwork
}

var noNetwork = refuse{}

// storage guards go-epub's storage. The renderer uses go-epub's in-memory
// storage so that nothing is written to disk; that storage is one global
// map without locking, so only one go-epub write may run at a time.
var storage struct {
	sync.Mutex
	ready bool
}

func render(ctx context.Context, w io.Writer, b *edition.Book, opts Renderer, transport refuse) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	p, err := newPlan(b, opts)
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	raw, err := p.assemble(transport)
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return p.finish(raw, w)
}

// assemble hands the planned parts to go-epub and returns the EPUB it writes.
func (p *plan) assemble(transport refuse) ([]byte, error) {
	e, err := goepub.NewEpub(clean(p.b.Title))
	if err != nil {
		return nil, fmt.Errorf("epub: go-epub: %w", err)
	}
	e.Client = &http.Client{Transport: transport}
	// go-epub makes up an identifier; give it ours. The rest of the
	// metadata, and go-epub's toc.ncx, which EPUB 3 readers do not need,
	// are replaced or dropped by finish.
	e.SetIdentifier(clean(p.b.ID))
	e.SetLang(p.lang)
	if p.dir == "rtl" {
		e.SetPpd("rtl")
	}

	var markup []string
	for _, d := range p.docs {
		markup = append(markup, d.body)
	}
	style := pruneCSS(string(p.stylesheet()), usedClasses(markup...))
	if p.b.Options.EmbedFonts {
		p.fonts = newFontFiles(p.embeddedFonts())
		style = p.fonts.css(style)
	}
	css, err := e.AddCSS(dataURL("text/css", []byte(style)), styleFile)
	if err != nil {
		return nil, fmt.Errorf("epub: adding the stylesheet: %w", err)
	}
	for _, img := range p.images {
		src, err := img.source()
		if err != nil {
			return nil, err
		}
		if _, err := e.AddImage(src, img.file); err != nil {
			return nil, fmt.Errorf("epub: adding picture %s: %w", img.file, err)
		}
	}
	for _, d := range p.docs {
		// The body goes in during finish (placeholder.go).
		if _, err := e.AddSection(bodyMarker, d.title, d.file, css); err != nil {
			return nil, fmt.Errorf("epub: adding %s: %w", d.file, err)
		}
	}

	var buf bytes.Buffer
	storage.Lock()
	defer storage.Unlock()
	if !storage.ready {
		if err := goepub.Use(goepub.MemoryFS); err != nil {
			return nil, fmt.Errorf("epub: go-epub storage: %w", err)
		}
		storage.ready = true
	}
	if _, err := e.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("epub: go-epub: %w", err)
	}
	return buf.Bytes(), nil
}

// stylesheet returns the book's stylesheet: the common rules and those for
// the parts only some books have, so that EPUBCheck finds no unused rules.
func (p *plan) stylesheet() []byte {
	style := slices.Clip(stylesheet)
	if p.cover == nil {
		style = append(style, titlePageStyle...)
	}
	for _, a := range []content.Align{content.AlignLeft, content.AlignCenter, content.AlignRight} {
		if p.aligns[a] {
			name := alignNames[a]
			style = fmt.Appendf(style, ".align-%s { text-align: %s; }\n", name, name)
		}
	}
	return style
}

// dataURL returns data as a base64 data: URL, the only kind of source the
// renderer gives go-epub.
func dataURL(mediaType string, data []byte) string {
	return "data:" + mediaType + ";base64," + base64.StdEncoding.EncodeToString(data)
}
