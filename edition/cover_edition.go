package edition

import (
	"fmt"
	"image"
	"image/color"
	"strings"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"

	"github.com/edition-project/edition/content"
	"github.com/edition-project/edition/fonts"
	"github.com/edition-project/edition/images"
)

// A whole edition's generated cover: the edition's title as a nameplate
// across the top, its subtitle and date under it, the lead story's photo
// and headline, and at the foot a line for the lead story of each other
// section, as newsstand covers point at what is inside.

// maxCoverLines is how many other stories the cover names.
const maxCoverLines = 3

// nameplateFont parses Noto Serif Bold, the nameplate's face, once per
// process, and only for editions that need it.
var nameplateFont = sync.OnceValues(func() (*opentype.Font, error) {
	f, err := opentype.Parse(fonts.SerifBold.Bytes())
	if err != nil {
		return nil, fmt.Errorf("edition: cover font %s: %w", fonts.SerifBold.File, err)
	}
	return f, nil
})

// CoverBackground returns the background colour of a generated cover and
// true, or false when the cover is the edition's own picture (or none): a
// print page that is not of the cover's proportions frames it in this
// colour.
func (b *Book) CoverBackground() (color.RGBA, bool) {
	if b == nil || b.Cover == nil || b.Edition == nil || b.Edition.Cover != "" ||
		b.Cover.PDF.Width != coverWidth || b.Cover.PDF.Height != coverHeight {
		return color.RGBA{}, false
	}
	return coverInk, true
}

// prepareMasthead sets b.Masthead from the edition's masthead picture.
func prepareMasthead(b *Book) (err error) {
	b.Masthead, err = manifestPicture(b, "masthead", b.Edition.Masthead)
	return err
}

// manifestPicture reads and prepares a picture the edition's manifest names
// in field (cover, masthead), within the build's limits; nil when it names
// none.
func manifestPicture(b *Book, field, src string) (*Image, error) {
	ed := b.Edition
	if src == "" {
		return nil, nil
	}
	fail := func(err error) error {
		return &content.Error{File: ed.File, Field: field, Err: fmt.Errorf("%q: %w", src, err)}
	}
	data, err := readAsset(ed.Assets, "the edition's folder", src, b.Options.Limits.MaxImageBytes)
	if err != nil {
		return nil, fail(err)
	}
	d, err := images.Decode(data, b.Options.Limits.images())
	if err != nil {
		return nil, fail(err)
	}
	img, err := prepareImage(d, printWidth(b.Options.PageSize), field)
	if err != nil {
		return nil, fail(err)
	}
	return img, nil
}

// coverLead returns the article a generated cover is about and its photo,
// or nil: the first article, or in a whole edition the first article with
// a photo, so that the cover shows a picture whenever there is one.
func coverLead(b *Book) (*content.Article, *coverSource, error) {
	arts := b.Edition.Articles()
	if !b.FrontMatter() {
		return arts[0], b.coverPhoto, nil
	}
	for i, a := range arts {
		p := coverPhoto(a)
		if p == nil || b.Image(p) == nil {
			continue
		}
		if i == 0 && b.coverPhoto != nil {
			return a, b.coverPhoto, nil // opened when it was prepared
		}
		// The prepared print picture is upright and large enough for
		// the cover; decoding it again costs less than keeping every
		// photo's pixels until the cover is made.
		data := b.Image(p).PDF.Data
		d, err := images.Open(data, images.Limits{})
		if err != nil {
			return nil, nil, fmt.Errorf("edition: the cover's photo: %w", err)
		}
		return a, &coverSource{photo: d, data: data, fail: func(err error) error {
			return fmt.Errorf("edition: the cover's photo: %w", err)
		}}, nil
	}
	return arts[0], nil, nil
}

// sectionOf returns the title of the section that holds a, or "".
func sectionOf(ed *content.Edition, a *content.Article) string {
	for _, s := range ed.Sections {
		for _, x := range s.Articles {
			if x == a {
				return s.Title
			}
		}
	}
	return ""
}

// editionCoverText adds a whole edition's parts to the cover's text: its
// subtitle, the lead story's section and the other stories' lines.
func editionCoverText(b *Book, lead *content.Article, t *coverText) {
	ed := b.Edition
	t.Edition = true
	t.Subtitle = ed.Subtitle
	if s := sectionOf(ed, lead); s != "" {
		t.Section = s
	}
	line := func(s *content.Section, a *content.Article) coverLine {
		sec := s.Title
		if sec == "" {
			sec = a.Section
		}
		return coverLine{Section: sec, Headline: a.Headline}
	}
	// The first story of each other section, then any others in order.
	used := map[*content.Article]bool{lead: true}
	for _, s := range ed.Sections {
		for _, a := range s.Articles {
			if !used[a] && len(t.Lines) < maxCoverLines {
				used[a] = true
				t.Lines = append(t.Lines, line(s, a))
				break
			}
		}
	}
	for _, s := range ed.Sections {
		for _, a := range s.Articles {
			if !used[a] && len(t.Lines) < maxCoverLines {
				used[a] = true
				t.Lines = append(t.Lines, line(s, a))
			}
		}
	}
}

// paintEditionCover paints a whole edition's cover.
func paintEditionCover(t coverText, photo *images.Decoded) (*canvas, error) {
	fs, err := coverFonts()
	if err != nil {
		return nil, err
	}
	serifBold, err := nameplateFont()
	if err != nil {
		return nil, err
	}
	bold, regular := fs[0], fs[1]
	// Text in a script the fonts lack would show as empty boxes: leave it
	// off rather than print boxes.
	drawable := func(f *opentype.Font, s string) string {
		if !hasGlyphs(f, s) {
			return ""
		}
		return s
	}
	t.Masthead = drawable(serifBold, t.Masthead)
	for _, s := range []*string{&t.Section, &t.Headline, &t.Standfirst, &t.Subtitle, &t.Date} {
		*s = drawable(bold, drawable(regular, *s))
	}
	var lines []coverLine
	for _, l := range t.Lines {
		if l.Headline = drawable(regular, l.Headline); l.Headline != "" {
			l.Section = drawable(bold, l.Section)
			lines = append(lines, l)
		}
	}

	var small, section, standfirst, lineFace, lineSection font.Face
	for _, f := range []struct {
		dst  *font.Face
		font *opentype.Font
		px   int
	}{{&small, regular, 38}, {&section, bold, 38}, {&standfirst, regular, 42},
		{&lineFace, regular, 44}, {&lineSection, bold, 30}} {
		if *f.dst, err = face(f.font, f.px); err != nil {
			return nil, err
		}
	}

	c := &canvas{}
	c.fill(image.Rect(0, 0, coverWidth, coverHeight), coverInk)
	width := coverWidth - 2*coverMargin

	// The nameplate: the title as large as fits, centred, over an accent
	// rule; the subtitle on the left and the date on the right under it.
	y := 90
	if t.Masthead != "" {
		f, size, ls, err := fitHeadline(serifBold, t.Masthead, width, 170, 160, 1)
		if err != nil {
			return nil, err
		}
		w := measure(f, ls[0], 0)
		c.text(f, coverPaper, (coverWidth-w)/2, y+size*3/4, ls[0], 0)
		y += size + 20
	}
	c.fill(image.Rect(coverMargin, y, coverWidth-coverMargin, y+8), coverAccent)
	y += 8 + 62
	dateW := 0
	if t.Date != "" {
		dateW = measure(small, t.Date, 0)
		c.text(small, coverMuted, coverWidth-coverMargin-dateW, y, t.Date, 0)
	}
	if t.Subtitle != "" {
		c.textFit(small, coverMuted, coverMargin, y, t.Subtitle, 0, width-dateW-60)
	}
	y += 30
	c.fill(image.Rect(coverMargin, y, coverWidth-coverMargin, y+3), coverRule)
	y += 3

	// The foot: one line per other story, its section in the accent
	// colour in a column of its own, under a rule.
	const lineLead = 78
	foot := coverHeight - coverMargin
	if len(lines) > 0 {
		foot = coverHeight - coverMargin - len(lines)*lineLead - 20
		c.fill(image.Rect(coverMargin, foot, coverWidth-coverMargin, foot+3), coverRule)
		col := 0
		for _, l := range lines {
			col = max(col, measure(lineSection, strings.ToUpper(l.Section), 3))
		}
		col = min(col, width/3)
		for i, l := range lines {
			base := foot + 20 + (i+1)*lineLead - 22
			x := coverMargin
			if col > 0 {
				c.textFit(lineSection, coverAccent, x, base, strings.ToUpper(l.Section), 3, col)
				x += col + 36
			}
			c.textFit(lineFace, coverPaper, x, base, l.Headline, 0, coverWidth-coverMargin-x)
		}
	}

	// The lead story: its photo under the nameplate, melting into the
	// page, then section, headline and standfirst. Without a photo the
	// text stands in the middle of the page under an accent bar.
	top, maxSize, maxLines := y+60, 150, 6
	if photo != nil {
		y0, y1 := y+30, y+30+940
		c.photo(photo, y0, y1, 240)
		top, maxSize, maxLines = y1+30, 124, 4
	}
	bottom := foot - 50
	var blocks []textBlock
	room := bottom - top
	if t.Section != "" {
		blocks = append(blocks, textBlock{section, coverAccent, []string{strings.ToUpper(t.Section)}, 38, 38, 4, 0})
		room -= 38 + 36
	}
	var sfLines []string
	if t.Standfirst != "" {
		sfLines = wrap(standfirst, t.Standfirst, width)
		room -= 36 + 56*min(len(sfLines), 2) // keep room for two lines of it
	}
	if t.Headline != "" && room > 60 {
		f, size, hl, err := fitHeadline(bold, t.Headline, width, room, maxSize, maxLines)
		if err != nil {
			return nil, err
		}
		b := textBlock{f, coverPaper, hl, size, size * 110 / 100, 0, 36}
		blocks = append(blocks, b)
		room -= b.height() - 56*min(len(sfLines), 2)
	}
	if n := min(3, (room-36)/56); len(sfLines) > 0 && n > 0 {
		blocks = append(blocks, textBlock{standfirst, coverMuted, clip(standfirst, sfLines, n, width), 42, 56, 0, 36})
	}
	h := 0
	for _, b := range blocks {
		h += b.gap + b.height()
	}
	y = top
	if photo == nil {
		y = top + max(0, bottom-top-h)*2/5
		c.fill(image.Rect(coverMargin, y-80, coverMargin+140, y-68), coverAccent)
	}
	for _, b := range blocks {
		y += b.gap
		for i, l := range b.lines {
			c.text(b.face, b.col, coverMargin, y+b.size*3/4+i*b.lead, l, b.tracking)
		}
		y += b.height()
	}
	return c, nil
}
