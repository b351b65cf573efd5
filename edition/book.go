package edition

import (
	"context"
	"io"
	"time"

	"github.com/edition-project/edition/content"
)

// PageSize is the paper size of the print edition.
type PageSize string

// Paper sizes.
const (
	A4     PageSize = "a4"
	Letter PageSize = "letter"
)

// Options control a build. The zero value builds a good edition: A4 paper,
// dates from the content.
type Options struct {
	PageSize PageSize // "" means A4
	// Modified, when not zero, is the build's timestamp (dcterms:modified, the
	// PDF's dates). cmd/edition sets it from SOURCE_DATE_EPOCH. When zero, the
	// latest updated or published date of the content is used; never the clock.
	Modified time.Time
	// Limits bound what the build accepts (text, blocks, nesting, pictures);
	// the zero value means the defaults (see Limits).
	Limits Limits
	// EmbedFonts puts the typefaces of the print edition that the text
	// needs, with their licences, into the EPUB; readers then show the
	// book as it was set rather than in their own fonts.
	EmbedFonts bool
	// Columns is the number of columns of the print edition's article
	// bodies: 0 or 1 sets them across the page, 2 in two columns under a
	// full-width head.
	Columns int
	// Cache, when not nil, keeps generated covers between builds (see
	// Cache); the files are the same with it or without.
	Cache Cache
	// DeferCover leaves the cover out of Build: Book.Cover stays nil until
	// Book.MakeCover is called. Painting a cover takes a tenth of a second;
	// a caller may make it while rendering what does not show it (the PDF
	// of a single article), or not at all (that PDF alone).
	DeferCover bool
}

// Book is an edition laid out for rendering: content plus everything the
// renderers need and must agree on. Renderers only read it.
type Book struct {
	Edition *content.Edition
	Options Options

	Slug     string // output file base name
	ID       string // "urn:uuid:…", derived from the content: same content, same ID
	Title    string
	Language string    // BCP 47, the edition's main language
	Authors  []string  // every byline name, in order, without repeats
	Date     time.Time // publication date (dc:date): earliest published
	Modified time.Time // see Options.Modified; always in UTC

	// Cover is the cover picture: the edition's own or one generated from
	// the lead article's headline and photo.
	Cover *Image
	// Masthead is the edition's masthead picture (content.Edition.Masthead),
	// shown at the top of the contents page; nil when it names none.
	Masthead *Image

	images     map[*content.Photo]*Image
	coverPhoto *coverSource // the lead photo, for the generated cover
}

// FrontMatter reports whether the book is a whole edition of several
// articles, which both formats open with a cover and a contents page and
// the EPUB links article to article. A book of one article is that article
// alone: a contents page and links to the next article would be pointless.
func (b *Book) FrontMatter() bool {
	return b != nil && b.Edition != nil && len(b.Edition.Articles()) > 1
}

// Image returns the prepared image for a photo of the book's content, or nil.
func (b *Book) Image(p *content.Photo) *Image { return b.images[p] }

// Image is a photo prepared for both formats.
type Image struct {
	// Name is a stable file name inside an EPUB ("photo-1.jpg").
	Name string
	EPUB Encoded // scaled for screens
	PDF  Encoded // at print resolution
}

// Encoded is an encoded picture.
type Encoded struct {
	Data          []byte
	MediaType     string // "image/jpeg" or "image/png"
	Width, Height int    // pixels
}

// Renderer writes a Book in one format.
type Renderer interface {
	// Name is the format's name and file extension: "epub", "pdf".
	Name() string
	Render(ctx context.Context, w io.Writer, b *Book) error
}
