package pdf

import (
	"context"
	"fmt"

	"github.com/edition-project/edition/edition"
	"github.com/edition-project/edition/edition/pdf/layout"
)

// Report says how the text of a rendering was set, so that tests and
// benchmarks can hold the layout to account.
type Report struct {
	Pages int
	Lines int // lines of text of every kind
	// Justified counts the lines of justified paragraphs (the body text).
	Justified int
	// Hyphenated counts lines that end inside a word, at a hyphen drawn
	// there or after a hard one; HyphenatedInRow those that follow a
	// hyphenated line of the same paragraph.
	Hyphenated, HyphenatedInRow int
	// Overfull counts lines that run past their measure.
	Overfull int
	// Loose counts justified lines too loose to justify (their spaces
	// would open into rivers), set ragged instead.
	Loose int
	// MaxRatio is the largest adjustment ratio of a justified line that is
	// not its paragraph's last: 1 means its spaces took all their
	// stretch. MaxStretch is the most any space of such a line grew, in
	// points.
	MaxRatio, MaxStretch float64
	// Orphans counts paragraphs whose first line ends a page alone,
	// Widows those whose last line starts one alone.
	Widows, Orphans int
}

// String sums the report up in one line.
func (rep *Report) String() string {
	share := 0.0
	if rep.Justified > 0 {
		share = 100 * float64(rep.Hyphenated) / float64(rep.Justified)
	}
	return fmt.Sprintf("%d pages, %d lines (%d justified), %d hyphenated (%.1f%% of justified), %d after another, %d loose, %d overfull, max ratio %.2f (%.2f pt a space), %d widows, %d orphans",
		rep.Pages, rep.Lines, rep.Justified, rep.Hyphenated, share, rep.HyphenatedInRow, rep.Loose, rep.Overfull, rep.MaxRatio, rep.MaxStretch, rep.Widows, rep.Orphans)
}

// Layout lays b out as Render does — measures, breaks into lines, paginates —
// and reports how its text was set. It draws nothing and writes no file, so
// it needs no font added to fpdf (see metrics).
func Layout(ctx context.Context, b *edition.Book) (*Report, error) {
	return layoutReport(ctx, b, &typesetter{})
}

// layoutReport lays b out with tx and returns its report.
func layoutReport(ctx context.Context, b *edition.Book, tx *typesetter) (*Report, error) {
	if b == nil || b.Edition == nil {
		return nil, fmt.Errorf("pdf: nothing to lay out: the book is empty")
	}
	tx.reportOnly = true
	if _, _, err := layOutWith(ctx, b, tx, nil); err != nil {
		return nil, err
	}
	rep := tx.report
	return &rep, nil
}

// maxJustify is the largest adjustment ratio a line is justified at; a
// looser line is set ragged.
const maxJustify = 3

// ragged reports whether a line is set ragged rather than justified: in
// ragged text, the last line of a paragraph or before a line break, and a
// line too loose to justify.
func ragged(al align, last bool, ratio float64) bool {
	return al != justify || last || ratio > maxJustify
}

// linePair is two lines of a justified paragraph that belong on one page:
// its first two (else the first is an orphan) or its last two (else the
// last is a widow).
type linePair struct {
	a, b  *row
	widow bool
}

// settle keeps a line that ends in a hyphen on the page of the next (a
// word is not broken across pages: readers lose it, and pdftotext would
// join it to the folio) and adds a broken paragraph's lines to the report.
func (r *renderer) settle(p *para, ls []layout.Line, al align, rows []*row) {
	rep := &r.tx.report
	prevHyphen := false
	for i, l := range ls {
		rep.Lines++
		if l.Overfull {
			rep.Overfull++
		}
		hyphen := l.End < len(p.items) && p.items[l.End].Kind == layout.Penalty && p.items[l.End].Flagged
		if hyphen {
			if i+1 < len(rows) && len(rows) == len(ls) {
				rows[i].keep = true
			}
			rep.Hyphenated++
			if prevHyphen {
				rep.HyphenatedInRow++
			}
		}
		prevHyphen = hyphen
		if al != justify {
			continue
		}
		rep.Justified++
		last := i == len(ls)-1 || ends(p.items, l.End)
		switch {
		case last || l.Ratio <= 0:
		case ragged(al, last, l.Ratio):
			rep.Loose++
		default:
			rep.MaxRatio = max(rep.MaxRatio, l.Ratio)
			for _, it := range p.items[l.Start:l.End] {
				if it.Kind == layout.Glue {
					rep.MaxStretch = max(rep.MaxStretch, l.Ratio*it.Stretch)
				}
			}
		}
	}
	if n := len(rows); al == justify && n > 1 && n == len(ls) {
		r.tx.pairs = append(r.tx.pairs, linePair{rows[0], rows[1], false}, linePair{rows[n-2], rows[n-1], true})
	}
}

// countPages counts the pages, widows and orphans once the rows are placed.
func (r *renderer) countPages(pages [][]placed) {
	rep := &r.tx.report
	rep.Pages = len(pages)
	page := make(map[*row]int, len(r.rows))
	for n, pg := range pages {
		for _, p := range pg {
			page[p.r] = n
		}
	}
	for _, pr := range r.tx.pairs {
		pa, oka := page[pr.a]
		pb, okb := page[pr.b]
		if !oka || !okb || (pa == pb && pr.a.column == pr.b.column) {
			continue
		}
		if pr.widow {
			rep.Widows++
		} else {
			rep.Orphans++
		}
	}
}
