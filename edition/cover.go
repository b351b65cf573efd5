package edition

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"math"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"github.com/edition-project/edition/content"
	"github.com/edition-project/edition/fonts"
	"github.com/edition-project/edition/images"
)

// The generated cover: a portrait page in the 2:3 proportion EPUB readers
// show well, encoded once and used by both formats.
const (
	coverWidth   = 1600
	coverHeight  = 2400
	coverQuality = 85
	coverMargin  = 100
)

var (
	coverInk    = color.RGBA{0x16, 0x19, 0x1e, 0xff} // background: blue-black
	coverPaper  = color.RGBA{0xf4, 0xf1, 0xea, 0xff} // headline, masthead
	coverMuted  = color.RGBA{0xa9, 0xae, 0xb6, 0xff} // date, standfirst
	coverRule   = color.RGBA{0x3b, 0x40, 0x48, 0xff}
	coverAccent = color.RGBA{0xe3, 0xa0, 0x47, 0xff} // section, bar
)

// coverFonts parses Noto Sans once per process: parsing is the costly part.
var coverFonts = sync.OnceValues(func() ([2]*sfnt.Font, error) {
	var fs [2]*sfnt.Font
	for i, f := range []fonts.Face{fonts.SansBold, fonts.Sans} {
		var err error
		if fs[i], err = sfnt.Parse(f.Bytes()); err != nil {
			return fs, fmt.Errorf("edition: cover font %s: %w", f.File, err)
		}
	}
	return fs, nil
})

// coverText is what a generated cover says.
type coverText struct {
	Masthead   string // the edition's or publication's name
	Date       string
	Section    string
	Headline   string
	Standfirst string
	Byline     string
}

// makeCover sets b.Cover, generating one from the lead article: its photo
// on the upper part, the headline large below it, the masthead and date at
// the top. (The content model has no edition cover yet; when it gets one,
// this is where it is used instead.)
func makeCover(ctx context.Context, b *Book) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	lead := b.Edition.Articles()[0]
	var photo *images.Decoded
	if p := coverPhoto(lead); p != nil {
		if img := b.Image(p); img != nil {
			// The print version: the largest we have, at most 2008 px wide.
			d, err := images.Decode(img.PDF.Data, images.Limits{})
			if err != nil {
				return fmt.Errorf("edition: cover photo %s: %w", img.Name, err)
			}
			photo = d
		}
	}
	data, err := drawCover(coverTextOf(b, lead), photo)
	if err != nil {
		return err
	}
	enc := Encoded{Data: data, MediaType: "image/jpeg", Width: coverWidth, Height: coverHeight}
	b.Cover = &Image{Name: "cover.jpg", EPUB: enc, PDF: enc}
	return nil
}

// coverPhoto is the lead photo, or else the article's first figure.
func coverPhoto(a *content.Article) *content.Photo {
	if ps := a.Photos(); len(ps) > 0 {
		return ps[0]
	}
	return nil
}

func coverTextOf(b *Book, lead *content.Article) coverText {
	t := coverText{
		Masthead:   b.Edition.Title,
		Section:    lead.Section,
		Headline:   lead.Headline,
		Standfirst: content.PlainText(lead.Standfirst),
	}
	if t.Masthead == "" {
		t.Masthead = lead.Publisher
	}
	if len(lead.Byline) > 0 {
		t.Byline = "By " + joinNames(lead.Byline)
	}
	if !b.Date.IsZero() {
		// English month names only where the edition is English; elsewhere
		// the ISO form every reader can read.
		if b.Language == "en" || strings.HasPrefix(b.Language, "en-") {
			t.Date = b.Date.Format("2 January 2006")
		} else {
			t.Date = b.Date.Format("2006-01-02")
		}
	}
	return t
}

func joinNames(names []string) string {
	if len(names) == 1 {
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// drawCover paints the cover and encodes it as a JPEG.
func drawCover(t coverText, photo *images.Decoded) ([]byte, error) {
	fs, err := coverFonts()
	if err != nil {
		return nil, err
	}
	bold, regular := fs[0], fs[1]
	// Text in a script Noto Sans lacks (Arabic, Hebrew, Chinese…) would show
	// as empty boxes: leave it off rather than print boxes.
	for _, s := range []*string{&t.Masthead, &t.Section, &t.Headline, &t.Standfirst, &t.Byline} {
		if !hasGlyphs(bold, *s) || !hasGlyphs(regular, *s) {
			*s = ""
		}
	}

	c := &canvas{img: image.NewRGBA(image.Rect(0, 0, coverWidth, coverHeight))}
	draw.Draw(c.img, c.img.Rect, image.NewUniform(coverInk), image.Point{}, draw.Src)
	width := coverWidth - 2*coverMargin

	// Masthead band: name on the left, date on the right, a rule below.
	if t.Masthead != "" {
		f := face(bold, 50)
		c.textFit(f, coverPaper, coverMargin, 118, strings.ToUpper(t.Masthead), 6, width*2/3)
	}
	if t.Date != "" {
		f := face(regular, 36)
		w := measure(f, t.Date, 0)
		c.text(f, coverMuted, coverWidth-coverMargin-w, 118, t.Date, 0)
	}
	c.fill(image.Rect(coverMargin, 176, coverWidth-coverMargin, 179), coverRule)

	// The text block: section, headline, standfirst. Under a photo it hangs
	// from the photo; without one it stands a little above the middle of
	// the page, under an accent bar, and the headline may grow larger.
	top, bottom, maxSize, maxLines := 1430, 2200, 108, 5
	if photo != nil {
		const y0, y1 = 210, 1340
		m := photo.Fill(coverWidth, y1-y0)
		op := draw.Src
		if !photo.Opaque {
			op = draw.Over
		}
		draw.Draw(c.img, image.Rect(0, y0, coverWidth, y1), m, image.Point{}, op)
		c.fade(y1-260, y1)
	} else {
		top, maxSize, maxLines = 330, 150, 7
	}
	var blocks []textBlock
	room := bottom - top
	if t.Section != "" {
		blocks = append(blocks, textBlock{face(bold, 38), coverAccent, []string{strings.ToUpper(t.Section)}, 38, 38, 4, 0})
		room -= 38 + 40
	}
	var sf *typeface
	var sfLines []string
	if t.Standfirst != "" {
		sf = face(regular, 42)
		sfLines = wrap(sf, t.Standfirst, width)
		room -= 40 + 56*min(len(sfLines), 2) // keep room for two lines of it
	}
	if t.Headline != "" {
		size, lines := fitHeadline(bold, t.Headline, width, room, maxSize, maxLines)
		b := textBlock{face(bold, float64(size)), coverPaper, lines, size, size * 110 / 100, 0, 40}
		blocks = append(blocks, b)
		room -= b.height() - 56*min(len(sfLines), 2)
	}
	if n := min(3, room/56); sf != nil && n > 0 {
		blocks = append(blocks, textBlock{sf, coverMuted, clip(sf, sfLines, n, width), 42, 56, 0, 40})
	}
	h := 0
	for _, b := range blocks {
		h += b.gap + b.height()
	}
	y := top
	if photo == nil {
		y = top + (bottom-top-h)*2/5
		c.fill(image.Rect(coverMargin, y-90, coverMargin+140, y-78), coverAccent)
	}
	for _, b := range blocks {
		y += b.gap
		for i, l := range b.lines {
			c.text(b.face, b.col, coverMargin, y+b.size*3/4+i*b.lead, l, b.tracking)
		}
		y += b.height()
	}

	// Footer: a rule and the byline.
	c.fill(image.Rect(coverMargin, 2250, coverWidth-coverMargin, 2253), coverRule)
	if t.Byline != "" {
		f := face(bold, 34)
		c.textFit(f, coverPaper, coverMargin, 2318, t.Byline, 0, width)
	}

	var buf bytes.Buffer
	buf.Grow(256 << 10)
	if err := jpeg.Encode(&buf, c.img, &jpeg.Options{Quality: coverQuality}); err != nil {
		return nil, fmt.Errorf("edition: encoding the cover: %w", err)
	}
	return buf.Bytes(), nil
}

// textBlock is lines of one face and colour, gap pixels below what is above.
type textBlock struct {
	face       *typeface
	col        color.RGBA
	lines      []string
	size, lead int
	tracking   int
	gap        int
}

// height runs from the top of the capitals to below the descenders.
func (b textBlock) height() int {
	return (len(b.lines)-1)*b.lead + b.size
}

// fitHeadline finds the largest size, from maxSize down, at which the headline
// fits in width and height in at most maxLines lines; at the smallest size it
// cuts the headline short with an ellipsis.
func fitHeadline(f *sfnt.Font, s string, width, height, maxSize, maxLines int) (int, []string) {
	const minSize = 60
	for size := maxSize; ; size -= 6 {
		fc := face(f, float64(size))
		lines := wrap(fc, s, width)
		fits := len(lines) <= maxLines && (len(lines)-1)*size*110/100+size <= height
		for _, l := range lines {
			fits = fits && measure(fc, l, 0) <= width
		}
		if fits {
			return size, lines
		}
		if size-6 < minSize {
			n := min(maxLines, max(1, (height-size)/(size*110/100)+1))
			return size, clip(fc, lines, n, width)
		}
	}
}

// wrap breaks s into lines no wider than width, between words; a word wider
// than width is broken between letters.
func wrap(f *typeface, s string, width int) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(s) {
		try := w
		if line != "" {
			try = line + " " + w
		}
		if measure(f, try, 0) <= width {
			line = try
			continue
		}
		if line != "" {
			lines = append(lines, line)
		}
		line = w
		for measure(f, line, 0) > width && len([]rune(line)) > 1 {
			r := []rune(line)
			n := len(r) - 1
			for n > 1 && measure(f, string(r[:n]), 0) > width {
				n--
			}
			lines = append(lines, string(r[:n]))
			line = string(r[n:])
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

// clip keeps the first n lines, ending the last with an ellipsis when text
// was cut.
func clip(f *typeface, lines []string, n, width int) []string {
	if len(lines) <= n {
		return lines
	}
	lines = append([]string(nil), lines[:n]...)
	last := []rune(lines[n-1])
	for len(last) > 0 && measure(f, strings.TrimRightFunc(string(last), unicode.IsSpace)+"…", 0) > width {
		last = last[:len(last)-1]
	}
	lines[n-1] = strings.TrimRightFunc(string(last), func(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) }) + "…"
	return lines
}

func face(f *sfnt.Font, px float64) *typeface {
	return &typeface{f: f, ppem: fixed.Int26_6(px * 64)}
}

// measure is the width of s in pixels, with tracking pixels between letters.
func measure(f *typeface, s string, tracking int) int {
	var w fixed.Int26_6
	prev := sfnt.GlyphIndex(0)
	for _, r := range s {
		g := f.glyph(r)
		w += f.kern(prev, g) + f.advance(g) + fixed.I(tracking)
		prev = g
	}
	if s != "" {
		w -= fixed.I(tracking)
	}
	return w.Ceil()
}

func hasGlyphs(f *sfnt.Font, s string) bool {
	var buf sfnt.Buffer
	for _, r := range s {
		if unicode.IsSpace(r) || unicode.Is(unicode.Cf, r) {
			continue
		}
		if i, err := f.GlyphIndex(&buf, r); err != nil || i == 0 {
			return false
		}
	}
	return true
}

// canvas is the cover being painted.
type canvas struct{ img *image.RGBA }

func (c *canvas) fill(r image.Rectangle, col color.RGBA) {
	draw.Draw(c.img, r, image.NewUniform(col), image.Point{}, draw.Src)
}

// text draws s with its baseline at y, letter-spaced by tracking pixels.
func (c *canvas) text(f *typeface, col color.RGBA, x, y int, s string, tracking int) {
	pen := fixed.I(x)
	prev := sfnt.GlyphIndex(0)
	for _, r := range s {
		g := f.glyph(r)
		pen += f.kern(prev, g)
		c.glyph(f, g, float64(pen)/64, float64(y), col)
		pen += f.advance(g) + fixed.I(tracking)
		prev = g
	}
}

// textFit draws s on one line no wider than width, cut short if need be.
func (c *canvas) textFit(f *typeface, col color.RGBA, x, y int, s string, tracking, width int) {
	for r := []rune(s); measure(f, s, tracking) > width && len(r) > 1; {
		r = r[:len(r)-1]
		s = strings.TrimRightFunc(string(r), unicode.IsSpace) + "…"
	}
	c.text(f, col, x, y, s, tracking)
}

// fade blends rows [y0, y1) of the photo into the background, so that the
// photo melts into the page above the headline.
func (c *canvas) fade(y0, y1 int) {
	for y := y0; y < y1; y++ {
		// Ease in: a gentle start, full background at the bottom.
		t := float64(y-y0) / float64(y1-y0)
		a := uint32(t * t * 256)
		row := c.img.Pix[c.img.PixOffset(0, y):c.img.PixOffset(coverWidth, y)]
		bg := [3]uint32{uint32(coverInk.R), uint32(coverInk.G), uint32(coverInk.B)}
		for i := 0; i+3 < len(row); i += 4 {
			for k := 0; k < 3; k++ {
				row[i+k] = uint8((uint32(row[i+k])*(256-a) + bg[k]*a) >> 8)
			}
		}
	}
}

// typeface is a font at one size. Glyphs are rasterised here rather than
// with golang.org/x/image/font/opentype, whose rasteriser pulls in
// golang.org/x/sys, a module this one does not depend on.
type typeface struct {
	f    *sfnt.Font
	ppem fixed.Int26_6
	buf  sfnt.Buffer
}

func (f *typeface) glyph(r rune) sfnt.GlyphIndex {
	g, err := f.f.GlyphIndex(&f.buf, r)
	if err != nil {
		return 0
	}
	return g
}

func (f *typeface) advance(g sfnt.GlyphIndex) fixed.Int26_6 {
	a, err := f.f.GlyphAdvance(&f.buf, g, f.ppem, font.HintingNone)
	if err != nil {
		return 0
	}
	return a
}

func (f *typeface) kern(a, b sfnt.GlyphIndex) fixed.Int26_6 {
	if a == 0 {
		return 0
	}
	k, err := f.f.Kern(&f.buf, a, b, f.ppem, font.HintingNone)
	if err != nil {
		return 0
	}
	return k
}

// glyph paints glyph g with its origin at (x, y) in colour col.
func (c *canvas) glyph(f *typeface, g sfnt.GlyphIndex, x, y float64, col color.RGBA) {
	segs, err := f.f.LoadGlyph(&f.buf, g, f.ppem, nil)
	if err != nil || len(segs) == 0 {
		return // a space, or a glyph the font cannot draw
	}
	// The glyph's box on the canvas, from its points (control points bound
	// the curves too).
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, s := range segs {
		for _, p := range s.Args[:segArgs(s.Op)] {
			px, py := x+float64(p.X)/64, y+float64(p.Y)/64
			minX, minY, maxX, maxY = math.Min(minX, px), math.Min(minY, py), math.Max(maxX, px), math.Max(maxY, py)
		}
	}
	box := image.Rect(int(math.Floor(minX)), int(math.Floor(minY)), int(math.Ceil(maxX)), int(math.Ceil(maxY))).Intersect(c.img.Rect)
	if box.Empty() {
		return
	}
	r := &raster{w: box.Dx(), h: box.Dy()}
	r.acc = make([]float32, r.w*r.h+1)
	ox, oy := x-float64(box.Min.X), y-float64(box.Min.Y)
	pt := func(p fixed.Point26_6) [2]float32 {
		return [2]float32{float32(ox + float64(p.X)/64), float32(oy + float64(p.Y)/64)}
	}
	var start, cur [2]float32
	for _, s := range segs {
		switch s.Op {
		case sfnt.SegmentOpMoveTo:
			r.line(cur, start) // close the previous contour
			start, cur = pt(s.Args[0]), pt(s.Args[0])
		case sfnt.SegmentOpLineTo:
			p := pt(s.Args[0])
			r.line(cur, p)
			cur = p
		case sfnt.SegmentOpQuadTo:
			p1, p2 := pt(s.Args[0]), pt(s.Args[1])
			r.curve(cur, p1, p1, p2, true)
			cur = p2
		case sfnt.SegmentOpCubeTo:
			p1, p2, p3 := pt(s.Args[0]), pt(s.Args[1]), pt(s.Args[2])
			r.curve(cur, p1, p2, p3, false)
			cur = p3
		}
	}
	r.line(cur, start)

	// Coverage is the running sum of the accumulated areas.
	var acc float32
	for j := 0; j < r.h; j++ {
		row := c.img.Pix[c.img.PixOffset(box.Min.X, box.Min.Y+j):]
		for i := 0; i < r.w; i++ {
			acc += r.acc[j*r.w+i]
			a := uint32(min(float32(math.Abs(float64(acc))), 1) * 255)
			if a == 0 {
				continue
			}
			p := row[i*4 : i*4+3]
			p[0] = uint8((uint32(p[0])*(255-a) + uint32(col.R)*a + 127) / 255)
			p[1] = uint8((uint32(p[1])*(255-a) + uint32(col.G)*a + 127) / 255)
			p[2] = uint8((uint32(p[2])*(255-a) + uint32(col.B)*a + 127) / 255)
		}
	}
}

func segArgs(op sfnt.SegmentOp) int {
	switch op {
	case sfnt.SegmentOpQuadTo:
		return 2
	case sfnt.SegmentOpCubeTo:
		return 3
	}
	return 1
}

// raster accumulates the signed area a glyph's outline covers in each
// pixel (the method of font-rs and golang.org/x/image/vector): summing a row
// from the left gives each pixel's coverage, so non-zero winding needs no
// scanline sorting.
type raster struct {
	w, h int
	acc  []float32
}

func (r *raster) line(p0, p1 [2]float32) {
	if p0[1] == p1[1] {
		return
	}
	dir := float32(1)
	if p0[1] > p1[1] {
		dir, p0, p1 = -1, p1, p0
	}
	dxdy := (p1[0] - p0[0]) / (p1[1] - p0[1])
	x := p0[0]
	if p0[1] < 0 {
		x -= p0[1] * dxdy
	}
	for y := max(int(p0[1]), 0); y < min(r.h, int(math.Ceil(float64(p1[1])))); y++ {
		base := y * r.w
		dy := min(float32(y+1), p1[1]) - max(float32(y), p0[1])
		xnext := x + dxdy*dy
		d := dy * dir
		x0, x1 := min(x, xnext), max(x, xnext)
		x0f := float32(math.Floor(float64(x0)))
		x0i := int(x0f)
		x1c := float32(math.Ceil(float64(x1)))
		x1i := int(x1c)
		// Points are inside the box but for rounding: clamp the columns.
		add := func(i int, v float32) {
			i = min(max(i, 0), r.w)
			r.acc[min(base+i, len(r.acc)-1)] += v
		}
		if x1i <= x0i+1 {
			xm := 0.5*(x+xnext) - x0f
			add(x0i, d-d*xm)
			add(x0i+1, d*xm)
		} else {
			s := 1 / (x1 - x0)
			fx0 := x0 - x0f
			a0 := 0.5 * s * (1 - fx0) * (1 - fx0)
			fx1 := x1 - x1c + 1
			am := 0.5 * s * fx1 * fx1
			add(x0i, d*a0)
			if x1i == x0i+2 {
				add(x0i+1, d*(1-a0-am))
			} else {
				a1 := s * (1.5 - fx0)
				add(x0i+1, d*(a1-a0))
				for xi := x0i + 2; xi < x1i-1; xi++ {
					add(xi, d*s)
				}
				a2 := a1 + float32(x1i-x0i-3)*s
				add(x1i-1, d*(1-a2-am))
			}
			add(x1i, d*am)
		}
		x = xnext
	}
}

// curve flattens a quadratic (quad: p1 == p2 is its one control point) or
// cubic Bézier into lines, finer where it bends more.
func (r *raster) curve(p0, p1, p2, p3 [2]float32, quad bool) {
	dev := func(a, b, c [2]float32) float64 {
		dx, dy := a[0]-2*b[0]+c[0], a[1]-2*b[1]+c[1]
		return float64(dx*dx + dy*dy)
	}
	var d float64
	if quad {
		d = dev(p0, p1, p3)
	} else {
		d = math.Max(dev(p0, p1, p2), dev(p1, p2, p3))
	}
	n := 1 + int(math.Sqrt(math.Sqrt(3*d)))
	prev := p0
	for i := 1; i <= n; i++ {
		t := float32(i) / float32(n)
		u := 1 - t
		var p [2]float32
		for k := 0; k < 2; k++ {
			if quad {
				p[k] = u*u*p0[k] + 2*u*t*p1[k] + t*t*p3[k]
			} else {
				p[k] = u*u*u*p0[k] + 3*u*u*t*p1[k] + 3*u*t*t*p2[k] + t*t*t*p3[k]
			}
		}
		r.line(prev, p)
		prev = p
	}
}
