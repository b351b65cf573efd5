package content

import (
	"sort"
	"strconv"
	"strings"

	gast "github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/util"
)

// converter turns a goldmark tree into the content model.
type converter struct {
	p          *parser
	src        []byte
	line       int // file line where src starts
	field      string
	lineStarts []int
	figures    []*Photo
	err        error // the first problem found inside inline content (see span.go)
}

// lineOf returns the file line of a node, or of its first descendant with lines.
func (c *converter) lineOf(n gast.Node) int {
	for ; n != nil; n = n.FirstChild() {
		if n.Type() == gast.TypeBlock && n.Lines().Len() > 0 {
			off := n.Lines().At(0).Start
			i := sort.Search(len(c.lineStarts), func(i int) bool { return c.lineStarts[i] > off })
			return c.line + i - 1
		}
	}
	return c.line
}

func (c *converter) blocks(parent gast.Node) ([]Block, error) {
	var out []Block
	for n := parent.FirstChild(); n != nil; n = n.NextSibling() {
		bs, err := c.block(n)
		if err != nil {
			return nil, err
		}
		out = append(out, bs...)
	}
	if c.err != nil {
		return nil, c.err
	}
	return out, nil
}

func (c *converter) block(n gast.Node) ([]Block, error) {
	switch n := n.(type) {
	case *gast.Paragraph, *gast.TextBlock:
		return c.paragraph(n)
	case *gast.Heading:
		ins := c.inlines(n, 0, "")
		if len(ins) == 0 {
			return nil, nil
		}
		return []Block{&Heading{Level: n.Level, Inlines: ins}}, nil
	case *gast.ThematicBreak:
		return []Block{&Rule{}}, nil
	case *gast.CodeBlock, *gast.FencedCodeBlock:
		var b strings.Builder
		lines := n.Lines()
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			b.Write(seg.Value(c.src))
		}
		code := &Code{Text: strings.TrimRight(b.String(), "\n")}
		if f, ok := n.(*gast.FencedCodeBlock); ok && f.Info != nil {
			info := strings.Fields(string(f.Info.Segment.Value(c.src)))
			if len(info) > 0 {
				code.Language = info[0]
			}
		}
		return []Block{code}, nil
	case *gast.Blockquote:
		inner, err := c.blocks(n)
		if err != nil {
			return nil, err
		}
		return []Block{&Quote{Blocks: inner}}, nil
	case *gast.List:
		l := &List{Ordered: n.IsOrdered(), Start: n.Start}
		if l.Ordered && l.Start == 0 && !strings.HasPrefix(string(n.Lines().Value(c.src)), "0") {
			l.Start = 1
		}
		for it := n.FirstChild(); it != nil; it = it.NextSibling() {
			inner, err := c.blocks(it)
			if err != nil {
				return nil, err
			}
			l.Items = append(l.Items, ListItem{Blocks: inner})
		}
		return []Block{l}, nil
	case *gast.HTMLBlock:
		// Raw HTML never passes through to the output: it could carry
		// scripts or break the XHTML. Drop it.
		return nil, nil
	case *east.Table:
		return []Block{c.table(n)}, nil
	case *east.FootnoteList:
		for fn := n.FirstChild(); fn != nil; fn = fn.NextSibling() {
			f, ok := fn.(*east.Footnote)
			if !ok {
				continue
			}
			inner, err := c.blocks(f)
			if err != nil {
				return nil, err
			}
			c.p.article.Notes = append(c.p.article.Notes, Note{N: f.Index, Blocks: inner})
		}
		sort.Slice(c.p.article.Notes, func(i, j int) bool { return c.p.article.Notes[i].N < c.p.article.Notes[j].N })
		return nil, nil
	case *gast.LinkReferenceDefinition:
		return nil, nil
	}
	// Anything else (a new extension's block): keep its text.
	ins := c.inlines(n, 0, "")
	if len(ins) == 0 {
		return nil, nil
	}
	return []Block{&Paragraph{Inlines: ins}}, nil
}

// paragraph converts a paragraph; images in it become figures (a paragraph
// holding only an image is replaced by the figure).
func (c *converter) paragraph(n gast.Node) ([]Block, error) {
	// A figure shortcode placeholder.
	if n.ChildCount() == 1 {
		if t, ok := n.FirstChild().(*gast.Text); ok {
			s := string(t.Segment.Value(c.src))
			if rest, ok := strings.CutPrefix(s, figurePlaceholder); ok {
				if i, err := strconv.Atoi(rest); err == nil && i >= 0 && i < len(c.figures) {
					return []Block{&Figure{Photo: c.figures[i]}}, nil
				}
			}
		}
	}
	var out []Block
	var figs []Block
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		img, ok := ch.(*gast.Image)
		if !ok {
			continue
		}
		line := c.lineOf(n)
		alt := strings.TrimSpace(PlainText(c.inlines(img, 0, "")))
		src, err := c.p.assetPath(string(img.Destination), line, c.fieldOr("figure"))
		if err != nil {
			return nil, err
		}
		if alt == "" {
			return nil, errorf(c.p.file, line, c.fieldOr("figure"), "the image %q needs alt text: write ![what the picture shows](%s)", string(img.Destination), string(img.Destination))
		}
		ph := &Photo{Src: src, Alt: alt, Line: line}
		if len(img.Title) > 0 {
			ph.Caption = c.p.inlineString(string(img.Title), line)
		}
		figs = append(figs, &Figure{Photo: ph})
	}
	ins := c.inlines(n, 0, "")
	if strings.TrimSpace(PlainText(ins)) != "" {
		out = append(out, &Paragraph{Inlines: ins})
	}
	return append(out, figs...), nil
}

func (c *converter) fieldOr(def string) string {
	if c.field != "" {
		return c.field
	}
	return def
}

func (c *converter) table(t *east.Table) *Table {
	tb := &Table{}
	for _, a := range t.Alignments {
		switch a {
		case east.AlignLeft:
			tb.Align = append(tb.Align, AlignLeft)
		case east.AlignCenter:
			tb.Align = append(tb.Align, AlignCenter)
		case east.AlignRight:
			tb.Align = append(tb.Align, AlignRight)
		default:
			tb.Align = append(tb.Align, AlignNone)
		}
	}
	for row := t.FirstChild(); row != nil; row = row.NextSibling() {
		var cells []Cell
		for cell := row.FirstChild(); cell != nil; cell = cell.NextSibling() {
			cells = append(cells, Cell{Inlines: c.inlines(cell, 0, "")})
		}
		if _, ok := row.(*east.TableHeader); ok {
			tb.Head = cells
		} else {
			tb.Rows = append(tb.Rows, cells)
		}
	}
	return tb
}

// inlines flattens the inline children of n into styled runs.
func (c *converter) inlines(n gast.Node, style Style, link string) []Inline {
	return mergeInlines(c.runs(n, style, link))
}

func (c *converter) runs(n gast.Node, style Style, link string) []Inline {
	var out []Inline
	hidden := "" // the closing tag of an inline <script> or <style> being dropped
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		if hidden != "" {
			if r, ok := ch.(*gast.RawHTML); ok && strings.HasPrefix(strings.ToLower(rawHTML(r, c.src)), hidden) {
				hidden = ""
			}
			continue
		}
		switch ch := ch.(type) {
		case *gast.Text:
			v := ch.Segment.Value(c.src)
			if !ch.IsRaw() {
				// Backslash escapes and character references mean
				// the characters they stand for.
				v = util.UnescapePunctuations(util.ResolveNumericReferences(util.ResolveEntityNames(v)))
			}
			out = append(out, Inline{Text: string(v), Style: style, Link: link})
			if ch.HardLineBreak() {
				out = append(out, Inline{Style: LineBreak})
			} else if ch.SoftLineBreak() {
				out = append(out, Inline{Text: " ", Style: style, Link: link})
			}
		case *gast.String:
			out = append(out, Inline{Text: string(ch.Value), Style: style, Link: link})
		case *gast.CodeSpan:
			var b strings.Builder
			for t := ch.FirstChild(); t != nil; t = t.NextSibling() {
				if tx, ok := t.(*gast.Text); ok {
					b.Write(tx.Segment.Value(c.src))
				} else if s, ok := t.(*gast.String); ok {
					b.Write(s.Value)
				}
			}
			out = append(out, Inline{Text: b.String(), Style: style | Mono, Link: link})
		case *gast.Emphasis:
			s := Emphasis
			if ch.Level >= 2 {
				s = Strong
			}
			out = append(out, c.runs(ch, style|s, link)...)
		case *east.Strikethrough:
			out = append(out, c.runs(ch, style|Strike, link)...)
		case *gast.Link:
			out = append(out, c.runs(ch, style, safeURL(string(ch.Destination)))...)
		case *gast.AutoLink:
			u := string(ch.URL(c.src))
			label := string(ch.Label(c.src))
			if ch.AutoLinkType == gast.AutoLinkEmail && !strings.HasPrefix(u, "mailto:") {
				u = "mailto:" + u
			}
			out = append(out, Inline{Text: label, Style: style, Link: safeURL(u)})
		case *gast.Image:
			// Images become figures (see paragraph); inline they leave nothing.
		case *gast.RawHTML:
			// Dropped: raw HTML never reaches the output. So is what a
			// script or style element holds, which is code, not text.
			tag := strings.ToLower(rawHTML(ch, c.src))
			for _, name := range []string{"script", "style"} {
				if strings.HasPrefix(tag, "<"+name) && !strings.HasSuffix(tag, "/>") {
					hidden = "</" + name
				}
			}
		case *east.FootnoteLink:
			out = append(out, Inline{Text: strconv.Itoa(ch.Index), Style: style, Note: ch.Index})
		case *east.FootnoteBacklink:
		case *spanNode:
			out = append(out, c.span(ch, style, link)...)
		default:
			out = append(out, c.runs(ch, style, link)...)
		}
	}
	return out
}

// safeURL keeps links that readers can follow safely; javascript: and other
// active schemes are dropped (the text stays).
func safeURL(u string) string {
	u = strings.TrimSpace(u)
	lower := strings.ToLower(u)
	for _, ok := range []string{"http://", "https://", "mailto:", "#"} {
		if strings.HasPrefix(lower, ok) {
			return u
		}
	}
	return ""
}

// mergeInlines joins neighbouring runs of the same style and link.
func mergeInlines(in []Inline) []Inline {
	var out []Inline
	for _, r := range in {
		if r.Text == "" && r.Style&LineBreak == 0 {
			continue
		}
		if n := len(out); n > 0 && r.Style&LineBreak == 0 && r.Note == 0 && out[n-1].Note == 0 &&
			out[n-1].Style == r.Style && out[n-1].Link == r.Link && out[n-1].Lang == r.Lang && out[n-1].Dir == r.Dir {
			out[n-1].Text += r.Text
			continue
		}
		out = append(out, r)
	}
	// No leading or trailing space in a run sequence.
	if n := len(out); n > 0 {
		out[0].Text = strings.TrimLeft(out[0].Text, " ")
		out[n-1].Text = strings.TrimRight(out[n-1].Text, " ")
	}
	return out
}

// normaliseHeadings shifts heading levels so the highest used becomes 1.
func normaliseHeadings(blocks []Block) {
	top := 7
	WalkBlocks(blocks, func(b Block) bool {
		if h, ok := b.(*Heading); ok && h.Level < top {
			top = h.Level
		}
		return true
	})
	if top == 7 || top == 1 {
		return
	}
	WalkBlocks(blocks, func(b Block) bool {
		if h, ok := b.(*Heading); ok {
			h.Level -= top - 1
		}
		return true
	})
}

// rawHTML returns the source of an inline HTML tag.
func rawHTML(r *gast.RawHTML, src []byte) string {
	var b strings.Builder
	for i := 0; i < r.Segments.Len(); i++ {
		seg := r.Segments.At(i)
		b.Write(seg.Value(src))
	}
	return b.String()
}
