package edition

import (
	"errors"
	"fmt"

	"github.com/edition-project/edition/content"
	"github.com/edition-project/edition/images"
)

// Default limits, used for the zero fields of Limits. They are far above
// what a newsroom's edition holds (a long read has a few hundred blocks and
// 60 KB of text; a thousand-article edition 6 MB) and low enough that a
// build within them takes seconds and well under a gigabyte: the print
// layout costs about 300 bytes of memory per byte of text and 11 KB per
// paragraph.
const (
	DefaultMaxTextBytes  int64 = 8 << 20   // 8 MB of text in the whole edition
	DefaultMaxBlockBytes       = 256 << 10 // 256 KB in one paragraph, heading, code block or table
	DefaultMaxBlocks           = 50_000    // blocks in the whole edition
	DefaultMaxDepth            = 8         // lists and quotes inside each other
)

// ErrLimit is what the errors of a build that went over one of its Limits
// match, for errors.Is.
var ErrLimit = errors.New("edition: over a limit")

// limitErr is a build's error about a limit; it says which and what to do.
type limitErr struct{ msg string }

func (e limitErr) Error() string        { return e.msg }
func (e limitErr) Is(target error) bool { return target == ErrLimit }

// Limits bound what a build accepts, so that a hostile or careless input
// costs bounded time and memory. Zero fields take the defaults; a build's
// time is bounded by its context.
type Limits struct {
	// MaxTextBytes bounds the text of the whole edition: every article's
	// headline, body, background and notes.
	MaxTextBytes int64
	// MaxBlockBytes bounds the text of one block: a paragraph, heading,
	// code block or table.
	MaxBlockBytes int
	// MaxBlocks bounds the blocks of the whole edition (paragraphs,
	// headings, lists and their items, quotes, figures, tables, rules).
	MaxBlocks int
	// MaxDepth bounds how deep lists and quotes sit inside each other.
	MaxDepth int
	// MaxImagePixels and MaxImageBytes bound each picture (photos and the
	// edition's cover): its width × height, and the size of its file.
	MaxImagePixels int
	MaxImageBytes  int64
}

// WithDefaults returns l with its zero (or negative) fields set to the
// defaults.
func (l Limits) WithDefaults() Limits {
	if l.MaxTextBytes <= 0 {
		l.MaxTextBytes = DefaultMaxTextBytes
	}
	if l.MaxBlockBytes <= 0 {
		l.MaxBlockBytes = DefaultMaxBlockBytes
	}
	if l.MaxBlocks <= 0 {
		l.MaxBlocks = DefaultMaxBlocks
	}
	if l.MaxDepth <= 0 {
		l.MaxDepth = DefaultMaxDepth
	}
	if l.MaxImagePixels <= 0 {
		l.MaxImagePixels = images.DefaultMaxPixels
	}
	if l.MaxImageBytes <= 0 {
		l.MaxImageBytes = images.DefaultMaxBytes
	}
	return l
}

// images returns the limits for one picture.
func (l Limits) images() images.Limits {
	return images.Limits{MaxPixels: l.MaxImagePixels, MaxBytes: l.MaxImageBytes}
}

// checkLimits measures the edition's text against l (with defaults) before
// anything costly is done with it. An error names the article's file and,
// where known, the line of the block that went over.
func checkLimits(ed *content.Edition, l Limits) error {
	var text int64
	blocks := 0
	for _, a := range ed.Articles() {
		lc := limitCheck{l: l, a: a, text: &text, nblocks: &blocks}
		text += int64(len(a.Headline)) + inlinesLen(a.Standfirst)
		if a.Photo != nil {
			text += int64(len(a.Photo.Alt)) + inlinesLen(a.Photo.Caption) + inlinesLen(a.Photo.Credit)
		}
		if err := lc.walk(a.Body, 0, "body"); err != nil {
			return err
		}
		if a.Background != nil {
			text += int64(len(a.Background.Title))
			if err := lc.walk(a.Background.Body, 0, "background.body"); err != nil {
				return err
			}
		}
		for _, n := range a.Notes {
			if err := lc.walk(n.Blocks, 0, fmt.Sprintf("footnote %d", n.N)); err != nil {
				return err
			}
		}
		if text > l.MaxTextBytes {
			return limitError(a, "", "the edition holds %s of text by this article, more than the limit of %s: split it into smaller editions",
				byteSize(text), byteSize(l.MaxTextBytes))
		}
	}
	return nil
}

// limitCheck walks one article's blocks, counting into the edition's totals.
type limitCheck struct {
	l       Limits
	a       *content.Article
	text    *int64
	nblocks *int
}

// walk counts bs, which sit inside depth lists and quotes.
func (c limitCheck) walk(bs []content.Block, depth int, field string) error {
	for _, b := range bs {
		*c.nblocks++
		if *c.nblocks > c.l.MaxBlocks {
			return limitError(c.a, field, "the edition has more than %d blocks (paragraphs, headings, list items, quotes, figures, tables) by this article: split it into smaller editions", c.l.MaxBlocks)
		}
		n := blockLen(b)
		*c.text += n
		if n > int64(c.l.MaxBlockBytes) {
			return limitError(c.a, field, "%s %q holds %s of text, more than the limit of %s for one block: split it",
				blockName(b), firstWords(b), byteSize(n), byteSize(int64(c.l.MaxBlockBytes)))
		}
		var inner [][]content.Block
		switch b := b.(type) {
		case *content.List:
			for _, it := range b.Items {
				inner = append(inner, it.Blocks)
			}
		case *content.Quote:
			inner = append(inner, b.Blocks)
		}
		for _, in := range inner {
			if depth+1 > c.l.MaxDepth {
				return limitError(c.a, field, "%s %q has lists or quotes nested more than %d deep: flatten them",
					blockName(b), firstWords(b), c.l.MaxDepth)
			}
			if err := c.walk(in, depth+1, field); err != nil {
				return err
			}
		}
	}
	return nil
}

func limitError(a *content.Article, field, format string, args ...any) error {
	return &content.Error{File: a.File, Field: field, Err: limitErr{fmt.Sprintf(format, args...)}}
}

// blockLen is the length of the text a block holds itself (not that of the
// blocks inside it).
func blockLen(b content.Block) int64 {
	switch b := b.(type) {
	case *content.Paragraph:
		return inlinesLen(b.Inlines)
	case *content.Heading:
		return inlinesLen(b.Inlines)
	case *content.Code:
		return int64(len(b.Text) + len(b.Language))
	case *content.Figure:
		if p := b.Photo; p != nil {
			return int64(len(p.Alt)+len(p.Src)) + inlinesLen(p.Caption) + inlinesLen(p.Credit)
		}
	case *content.Table:
		n := int64(0)
		for _, c := range b.Head {
			n += inlinesLen(c.Inlines)
		}
		for _, r := range b.Rows {
			for _, c := range r {
				n += inlinesLen(c.Inlines)
			}
		}
		return n
	}
	return 0
}

func inlinesLen(ins []content.Inline) int64 {
	n := int64(0)
	for _, in := range ins {
		n += int64(len(in.Text) + len(in.Link))
	}
	return n
}

func blockName(b content.Block) string {
	switch b.(type) {
	case *content.Paragraph:
		return "the paragraph"
	case *content.Heading:
		return "the heading"
	case *content.Code:
		return "the code block"
	case *content.Table:
		return "the table"
	case *content.List:
		return "the list"
	case *content.Quote:
		return "the quote"
	case *content.Figure:
		return "the figure"
	}
	return "the block"
}

// firstWords quotes the start of a block, so that the author can find it
// (blocks do not know their line).
func firstWords(b content.Block) string {
	var s string
	content.WalkBlocks([]content.Block{b}, func(b content.Block) bool {
		switch b := b.(type) {
		case *content.Paragraph:
			s = content.PlainText(b.Inlines)
		case *content.Heading:
			s = content.PlainText(b.Inlines)
		case *content.Code:
			s = b.Text
		case *content.Table:
			for _, c := range b.Head {
				s += content.PlainText(c.Inlines) + " "
			}
		case *content.Figure:
			if b.Photo != nil {
				s = b.Photo.Src
			}
		}
		return s == ""
	})
	const max = 40
	n := 0
	for i := range s {
		if n == max {
			return s[:i] + "…"
		}
		n++
	}
	return s
}

// byteSize writes a size for people: "256.0 KB", "8.0 MB".
func byteSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}
