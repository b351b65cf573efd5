package edition

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"hash"
	"io"
	"time"

	"github.com/edition-project/edition/content"
)

// Build lays out an edition for rendering. It reads the articles' photos from
// their Assets, prepares them for each format and makes a cover when needed
// (unless Options.DeferCover leaves that to Book.MakeCover).
// Errors about the content are *content.Error values.
func Build(ctx context.Context, ed *content.Edition, opts Options) (*Book, error) {
	if ed == nil || len(ed.Articles()) == 0 {
		return nil, errors.New("edition: nothing to build: the edition has no articles")
	}
	if opts.PageSize == "" {
		opts.PageSize = A4
	}
	if opts.PageSize != A4 && opts.PageSize != Letter {
		return nil, fmt.Errorf("edition: unknown page size %q: use a4 or letter", opts.PageSize)
	}
	if opts.Columns < 0 || opts.Columns > 2 {
		return nil, fmt.Errorf("edition: cannot set %d columns: use 1 or 2", opts.Columns)
	}
	opts.Limits = opts.Limits.WithDefaults()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := checkLimits(ed, opts.Limits); err != nil {
		return nil, err
	}
	arts := ed.Articles()
	lead := arts[0]
	b := &Book{
		Edition:  ed,
		Options:  opts,
		Slug:     Slug(ed),
		Title:    ed.Title,
		Language: ed.Language,
		images:   map[*content.Photo]*Image{},
	}
	if b.Title == "" {
		b.Title = lead.Headline
	}
	if b.Language == "" {
		b.Language = lead.Language
	}
	if b.Language == "" {
		b.Language = "en"
	}
	seen := map[string]bool{}
	for _, a := range arts {
		for _, name := range a.Byline {
			if !seen[name] {
				seen[name] = true
				b.Authors = append(b.Authors, name)
			}
		}
		if !a.Published.IsZero() && (b.Date.IsZero() || a.Published.Before(b.Date)) {
			b.Date = a.Published
		}
		for _, t := range []time.Time{a.Published, a.Updated} {
			if t.After(b.Modified) {
				b.Modified = t
			}
		}
	}
	if !ed.Date.IsZero() {
		b.Date = ed.Date
	}
	if !opts.Modified.IsZero() {
		b.Modified = opts.Modified
	}
	b.Modified = b.Modified.UTC().Truncate(time.Second)
	b.ID = contentID(ed)

	if err := prepareImages(ctx, b); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := prepareMasthead(b); err != nil {
		return nil, err
	}
	if !opts.DeferCover {
		if err := b.MakeCover(ctx); err != nil {
			return nil, err
		}
	}
	return b, nil
}

// Slug returns the name Build gives the edition's files (Book.Slug),
// without building it: a whole edition is named by its title, a single
// article by its own slug. Callers writing many editions use it to find two
// that would overwrite each other.
func Slug(ed *content.Edition) string {
	arts := ed.Articles()
	slug := ""
	if len(arts) > 0 {
		slug = arts[0].Slug
	}
	if len(arts) > 1 && ed.Title != "" {
		slug = content.Slug("", ed.Title)
	}
	if slug == "" {
		slug = "edition"
	}
	return slug
}

// contentID derives a UUID (version 5 layout, SHA-256 based) from the text
// and metadata of the edition, so that the same content gets the same
// identifier on every build and machine, and changed content a new one.
func contentID(ed *content.Edition) string {
	h := sha256.New()
	str := func(s string) {
		var n [8]byte
		binary.BigEndian.PutUint64(n[:], uint64(len(s)))
		h.Write(n[:])
		io.WriteString(h, s)
	}
	str(ed.Title)
	str(ed.Subtitle)
	str(ed.Publisher)
	str(ed.Language)
	str(ed.Date.UTC().Format(time.RFC3339))
	str(ed.Identifier)
	str(ed.Cover)
	str(ed.Masthead)
	for _, s := range ed.Sections {
		str("section")
		str(s.Title)
		for _, a := range s.Articles {
			hashArticle(h, str, a)
		}
	}
	sum := h.Sum(nil)
	sum[6] = sum[6]&0x0f | 0x50 // version 5 (name-based)
	sum[8] = sum[8]&0x3f | 0x80 // RFC 4122 variant
	return fmt.Sprintf("urn:uuid:%x-%x-%x-%x-%x", sum[0:4], sum[4:6], sum[6:8], sum[8:10], sum[10:16])
}

func hashArticle(h hash.Hash, str func(string), a *content.Article) {
	str("article")
	str(a.Headline)
	str(content.PlainText(a.Standfirst))
	for _, n := range a.Byline {
		str(n)
	}
	str(a.Published.UTC().Format(time.RFC3339))
	str(a.Updated.UTC().Format(time.RFC3339))
	str(a.Language)
	str(a.Section)
	str(a.Publisher)
	str(a.Source)
	var blocks func([]content.Block)
	inl := func(ins []content.Inline) {
		for _, in := range ins {
			str(in.Text)
			str(in.Link)
			h.Write([]byte{byte(in.Style), byte(in.Note)})
		}
	}
	photo := func(p *content.Photo) {
		if p == nil {
			return
		}
		str(p.Src)
		str(p.Alt)
		inl(p.Caption)
		inl(p.Credit)
	}
	blocks = func(bs []content.Block) {
		content.WalkBlocks(bs, func(b content.Block) bool {
			switch b := b.(type) {
			case *content.Paragraph:
				str("p")
				inl(b.Inlines)
			case *content.Heading:
				str(fmt.Sprint("h", b.Level))
				inl(b.Inlines)
			case *content.List:
				str(fmt.Sprint("list", b.Ordered, b.Start, len(b.Items)))
			case *content.Quote:
				str("quote")
			case *content.Figure:
				str("figure")
				photo(b.Photo)
			case *content.Code:
				str("code")
				str(b.Language)
				str(b.Text)
			case *content.Table:
				str(fmt.Sprint("table", b.Align))
				for _, c := range b.Head {
					inl(c.Inlines)
				}
				for _, r := range b.Rows {
					str("row")
					for _, c := range r {
						inl(c.Inlines)
					}
				}
			case *content.Rule:
				str("hr")
			}
			return true
		})
	}
	photo(a.Photo)
	blocks(a.Body)
	if a.Background != nil {
		str("background")
		str(a.Background.Title)
		blocks(a.Background.Body)
	}
	for _, n := range a.Notes {
		str(fmt.Sprint("note", n.N))
		blocks(n.Blocks)
	}
}
