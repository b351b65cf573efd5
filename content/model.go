package content

import (
	"io/fs"
	"time"
)

// Edition is a whole publication: sections of articles. A single article
// builds as an edition of one section holding one article.
type Edition struct {
	// File is the manifest the edition came from, for error messages; ""
	// for an edition made in code or from a single article.
	File      string
	Title     string
	Subtitle  string
	Publisher string
	Language  string // BCP 47
	// Date is the edition's date; zero means "from its articles".
	Date     time.Time
	Sections []*Section

	// Identifier is the edition's own identifier (an ISBN, a URN); empty
	// means the builder derives one from the content.
	Identifier string
	// Cover and Masthead are images inside Assets (slash-separated paths);
	// empty means none (the builder then makes a cover).
	Cover    string
	Masthead string
	// Assets holds the edition's own files (cover, masthead), rooted at the
	// manifest's folder. Nil when it refers to none.
	Assets fs.FS
	Theme  Theme
}

// Theme is an edition's look as its manifest sets it; a zero field means the
// builder's default.
type Theme struct {
	PageSize string // "a4" or "letter"
	Columns  int    // 1 or 2
	Accent   string // "#RRGGBB"
}

// Section is a named, ordered group of articles ("World", "Business").
type Section struct {
	Title    string
	Articles []*Article
}

// Articles returns every article of the edition in reading order.
func (e *Edition) Articles() []*Article {
	var all []*Article
	for _, s := range e.Sections {
		all = append(all, s.Articles...)
	}
	return all
}

// Article is one piece of journalism.
type Article struct {
	// File is where the article came from, for error messages ("aleppo/index.md").
	File string
	// Slug names output files ("syrians-aleppo"): lower-case ASCII letters, digits and hyphens.
	Slug string

	Headline   string   // plain text, typographic punctuation applied
	Standfirst []Inline // the summary under the headline; may be empty
	Byline     []string // authors' names, in order
	Published  time.Time
	Updated    time.Time // zero when never updated
	Language   string    // BCP 47, "en" when not given
	Section    string
	Publisher  string
	Source     string // URL of the original, may be empty

	Photo      *Photo // the lead photo; nil when there is none
	Body       []Block
	Background *Background // nil when there is none
	Notes      []Note      // footnotes, referred to by Inline.Note

	// Assets holds the files the article refers to (photos), rooted at the
	// article's folder. Nil when the article refers to none.
	Assets fs.FS
}

// Photo is a picture with the three texts that belong to it. They are never
// merged: Alt describes the picture for readers who cannot see it, Caption says
// what it shows in the story's terms, Credit names who made or owns it.
type Photo struct {
	Src     string // slash-separated path inside the article's Assets
	Alt     string
	Caption []Inline
	Credit  []Inline
	// Line is where the photo was declared in the article's file, for errors.
	Line int
}

// Background is the explainer section that follows an article's body.
type Background struct {
	Title string // "Background" when not given
	Body  []Block
}

// Note is a footnote.
type Note struct {
	N      int // 1-based number, as shown to readers
	Blocks []Block
}

// Block is a block-level element of a body: *Paragraph, *Heading, *List,
// *Quote, *Figure, *Code, *Table or *Rule.
type Block interface{ block() }

// Paragraph is a run of text.
type Paragraph struct{ Inlines []Inline }

// Heading is a subheading inside a body. Level 1 is the highest level used
// inside an article (the headline sits above it).
type Heading struct {
	Level   int
	Inlines []Inline
}

// List is a bulleted or numbered list.
type List struct {
	Ordered bool
	Start   int // first number of an ordered list
	Items   []ListItem
}

// ListItem is one entry of a list.
type ListItem struct{ Blocks []Block }

// Quote is a block quotation.
type Quote struct{ Blocks []Block }

// Figure is a photo standing in the body.
type Figure struct{ Photo *Photo }

// Code is preformatted text, shown as it is.
type Code struct {
	Text     string
	Language string // the info string's first word, may be empty
}

// Table is a grid of cells; Head may be nil.
type Table struct {
	Align []Align
	Head  []Cell
	Rows  [][]Cell
}

// Cell is a table cell.
type Cell struct{ Inlines []Inline }

// Align is a table column's alignment.
type Align uint8

// Table column alignments.
const (
	AlignNone Align = iota
	AlignLeft
	AlignCenter
	AlignRight
)

// Rule is a thematic break between parts of a body.
type Rule struct{}

func (*Paragraph) block() {}
func (*Heading) block()   {}
func (*List) block()      {}
func (*Quote) block()     {}
func (*Figure) block()    {}
func (*Code) block()      {}
func (*Table) block()     {}
func (*Rule) block()      {}

// Inline is a run of text with one style. A paragraph is a flat sequence of
// them: nested Markdown emphasis becomes combined Style bits, which both the
// XHTML and the PDF renderers read without walking a tree.
type Inline struct {
	Text  string
	Style Style
	Link  string // target URL when the run is (part of) a link
	// Note is the footnote number this run refers to (Text holds the marker); 0 otherwise.
	Note int
	// Lang is the run's language when the author marked it as another
	// one than the article's (a Markdown span [texte]{lang=fr}): a
	// canonical BCP 47 tag, "" when not marked.
	Lang string
	// Dir is the run's direction when the author marked it ("rtl" or
	// "ltr", from a span [text]{dir=rtl}); "" when not marked, which lets
	// renderers find it from the text.
	Dir string
}

// Style is a set of inline styles.
type Style uint8

// Inline styles; LineBreak runs carry no text.
const (
	Emphasis Style = 1 << iota
	Strong
	Mono
	Strike
	LineBreak
)

// WithoutNotes returns the inlines less their footnote markers: for text
// shown away from its article (a contents entry), whose notes are not there.
func WithoutNotes(inlines []Inline) []Inline {
	out := make([]Inline, 0, len(inlines))
	for _, in := range inlines {
		if in.Note == 0 {
			out = append(out, in)
		}
	}
	return out
}

// PlainText returns the text of inlines without styles; line breaks become spaces.
func PlainText(inlines []Inline) string {
	n := 0
	for _, in := range inlines {
		n += len(in.Text) + 1
	}
	b := make([]byte, 0, n)
	for _, in := range inlines {
		if in.Style&LineBreak != 0 {
			b = append(b, ' ')
			continue
		}
		b = append(b, in.Text...)
	}
	return string(b)
}
