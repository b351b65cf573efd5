package epub

import (
	"fmt"
	"slices"
	"strconv"
	"unicode/utf8"

	"github.com/edition-project/edition/content"
	"github.com/edition-project/edition/edition"
)

// A page list points at the print edition's pages (edition.Pagination):
// each page's start becomes a page break marker in the text,
//
//	<span epub:type="pagebreak" role="doc-pagebreak" id="page-N" aria-label="N"/>
//
// and the navigation document lists them all. Positions follow
// edition.TextPos: blocks numbered as content.WalkBlocks visits them and
// rune offsets into content.PlainText of a block's inlines. A break at
// offset 0 goes before the block's element; a break inside the text goes
// between the same two characters, closing and reopening the styles and
// link around it; a break at the boundary of two runs goes before the
// second. The header's text (block 0) is the headline followed by the
// standfirst; the byline and dates carry no offsets. A break in a block
// that shows no text (a figure without picture, a note without number)
// goes where the next block starts.

// pageMark is one page break to write.
type pageMark struct {
	offset int
	page   *pageEntry
}

// blockMarks are an article's page breaks by block number, each block's
// in text order.
type blockMarks map[int][]pageMark

// pageEntry is one page of the page list.
type pageEntry struct {
	id, label string
	article   int
	doc       string // the content document holding the marker, once written
}

// placePages checks the pagination against the edition and sorts its page
// starts by article and block.
func (p *plan) placePages(pg *edition.Pagination) error {
	if pg == nil || len(pg.Pages) == 0 {
		return nil
	}
	if clean(pg.Source) == "" {
		return fmt.Errorf("epub: pagination: no source (the print edition the page numbers belong to)")
	}
	arts := p.b.Edition.Articles()
	p.marks = map[int]blockMarks{}
	seen := map[int]bool{}
	for i, ps := range pg.Pages {
		where := fmt.Sprintf("epub: pagination: page %d (entry %d)", ps.Page, i+1)
		if ps.Page < 1 || seen[ps.Page] {
			return fmt.Errorf("%s: page numbers must be positive and unique", where)
		}
		seen[ps.Page] = true
		pos := ps.Pos
		label := clean(ps.Label)
		if label == "" {
			label = strconv.Itoa(ps.Page)
		}
		e := &pageEntry{id: "page-" + strconv.Itoa(ps.Page), label: label, article: pos.Article}
		if pos.Part != edition.InText {
			if err := p.placeFront(e, pos, len(arts), where); err != nil {
				return err
			}
			p.pages = append(p.pages, e)
			continue
		}
		if pos.Article < 0 || pos.Article >= len(arts) || arts[pos.Article] == nil {
			return fmt.Errorf("%s: article %d is not in the edition (%d articles)", where, pos.Article, len(arts))
		}
		if n := countBlocks(arts[pos.Article]); pos.Block < 0 || pos.Block >= n || pos.Offset < 0 {
			return fmt.Errorf("%s: block %d offset %d is outside article %d (%d blocks)",
				where, pos.Block, pos.Offset, pos.Article, n)
		}
		p.pages = append(p.pages, e)
		bm := p.marks[pos.Article]
		if bm == nil {
			bm = blockMarks{}
			p.marks[pos.Article] = bm
		}
		bm[pos.Block] = append(bm[pos.Block], pageMark{offset: pos.Offset, page: e})
	}
	for _, bm := range p.marks {
		for _, ms := range bm {
			slices.SortStableFunc(ms, func(a, b pageMark) int { return a.offset - b.offset })
		}
	}
	return nil
}

// frontMarks are the page breaks outside the articles' text: in the cover
// and in the contents page, by article index and place (0 before the
// section title, 1 before the article's entry), in page order.
type frontMarks struct {
	cover    []*pageEntry
	contents map[[2]int][]*pageEntry
}

// placeFront places a page that starts in the cover or the contents page.
func (p *plan) placeFront(e *pageEntry, pos edition.TextPos, articles int, where string) error {
	if !p.front {
		return fmt.Errorf("%s: the book has no cover page or contents page (it is a single article)", where)
	}
	switch pos.Part {
	case edition.InCover:
		p.frontMarks.cover = append(p.frontMarks.cover, e)
	case edition.InContents:
		if pos.Article < 0 || pos.Article >= articles || pos.Block < 0 || pos.Block > 1 || pos.Offset != 0 {
			return fmt.Errorf("%s: article %d block %d offset %d is not a place in the contents (%d articles; blocks 0 and 1, offset 0)",
				where, pos.Article, pos.Block, pos.Offset, articles)
		}
		if p.frontMarks.contents == nil {
			p.frontMarks.contents = map[[2]int][]*pageEntry{}
		}
		k := [2]int{pos.Article, pos.Block}
		p.frontMarks.contents[k] = append(p.frontMarks.contents[k], e)
	default:
		return fmt.Errorf("%s: unknown part %d of the edition", where, pos.Part)
	}
	return nil
}

// frontMarkers writes page break markers in a document outside the
// articles.
func (w *xw) frontMarkers(es []*pageEntry, file string) {
	for _, e := range es {
		e.doc = file
		w.marker(e)
	}
}

// countBlocks returns the number of text blocks of an article as TextPos
// numbers them: the header, the lead photo, then the blocks of the body,
// the background and the notes.
func countBlocks(a *content.Article) int {
	n := 2
	count := func(content.Block) bool { n++; return true }
	content.WalkBlocks(a.Body, count)
	if a.Background != nil {
		content.WalkBlocks(a.Background.Body, count)
	}
	for _, note := range a.Notes {
		content.WalkBlocks(note.Blocks, count)
	}
	return n
}

// cursor follows the text of the block being written: the page breaks
// still to write in it and the offset of the next character.
type cursor struct {
	marks []pageMark
	at    int
	doc   string // the content document being written
}

// marker writes a page break marker. The label is the accessible name
// (aria-label) and no visible text: the printed folio means nothing on a
// screen, and text would change the reading.
func (w *xw) marker(e *pageEntry) {
	w.empty("span", "epub:type", "pagebreak", "role", "doc-pagebreak", "id", e.id, "aria-label", e.label)
}

// due writes the breaks at or before the cursor's offset.
func (w *xw) due(c *cursor) {
	if c == nil {
		return
	}
	n := 0
	for n < len(c.marks) && c.marks[n].offset <= c.at {
		c.marks[n].page.doc = c.doc
		w.marker(c.marks[n].page)
		n++
	}
	c.marks = c.marks[n:]
}

// tag is an element around a run of text, reopened after a page break.
type tag struct {
	name  string
	attrs []string
}

// runText writes s, inside the open elements tags (outermost first), with
// the breaks that fall strictly inside it: each closes the elements,
// writes its marker and opens them again. The breaks at its start are the
// caller's to write, before it opens the elements. Runes count as in a Go
// range loop over content.PlainText, so offsets agree with it.
func (w *xw) runText(s string, tags []tag, c *cursor) {
	if c == nil || len(c.marks) == 0 {
		w.text(s)
		if c != nil {
			c.at += utf8.RuneCountInString(s)
		}
		return
	}
	start := 0
	for i := 0; i < len(s); {
		if i > 0 && len(c.marks) > 0 && c.marks[0].offset <= c.at {
			w.text(s[start:i])
			start = i
			for j := len(tags) - 1; j >= 0; j-- {
				w.close(tags[j].name)
			}
			w.due(c)
			for _, t := range tags {
				w.open(t.name, t.attrs...)
			}
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
		c.at++
	}
	w.text(s[start:])
}

// enter starts the next block of the article: it writes the breaks left
// over from the last block, then those at the new block's start.
func (r *articleDoc) enter() {
	r.leftover()
	r.cur = &cursor{marks: r.marks[r.next], doc: r.file}
	r.next++
	r.w.due(r.cur)
}

// leftover writes the breaks of the current block not written yet: past
// the end of its text, or in parts not shown.
func (r *articleDoc) leftover() {
	if r.cur == nil {
		return
	}
	for _, m := range r.cur.marks {
		m.page.doc = r.file
		r.w.marker(m.page)
	}
	r.cur.marks = nil
}

// breakBefore writes the breaks at the start of the next block now, before
// the heading of a part (background, notes) that the block opens: the page
// begins with the part.
func (r *articleDoc) breakBefore() {
	r.leftover()
	ms := r.marks[r.next]
	n := 0
	for n < len(ms) && ms[n].offset == 0 {
		ms[n].page.doc = r.file
		r.w.marker(ms[n].page)
		n++
	}
	if n > 0 {
		r.marks[r.next] = ms[n:]
	}
}

// skip passes over blocks that are not shown (a note without a number);
// their breaks go where the next shown block starts.
func (r *articleDoc) skip(bs []content.Block) {
	content.WalkBlocks(bs, func(content.Block) bool {
		if r.cur == nil {
			r.cur = &cursor{doc: r.file}
		}
		r.cur.marks = append(r.cur.marks, r.marks[r.next]...)
		r.next++
		return true
	})
}

// flushAll writes every break not written yet, at the end of the article.
func (r *articleDoc) flushAll() {
	r.leftover()
	var rest []int
	for b := range r.marks {
		if b >= r.next {
			rest = append(rest, b)
		}
	}
	slices.Sort(rest)
	for _, b := range rest {
		for _, m := range r.marks[b] {
			m.page.doc = r.file
			r.w.marker(m.page)
		}
	}
}
