package edition

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"runtime"
	"strings"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"

	"github.com/edition-project/edition/content"
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

// coverText is what a generated cover says.
type coverText struct {
	Masthead   string // the edition's or publication's name
	Date       string
	Section    string
	Headline   string
	Standfirst string
	Byline     string

	// A whole edition's cover (Book.FrontMatter) carries its title as a
	// nameplate, its subtitle, and lines pointing at other sections' stories.
	Edition  bool
	Subtitle string
	Lines    []coverLine
}

// coverLine is a line on an edition's cover: a story and its section.
type coverLine struct{ Section, Headline string }

// MakeCover sets b.Cover, unless it is set: the edition's own cover picture
// when its manifest names one, else one generated from the lead article:
// its photo on the upper part, the headline large below it, the masthead
// and date at the top. Build calls it unless Options.DeferCover is set.
// Errors about the content are *content.Error values. It must not run
// while a renderer reads b.
func (b *Book) MakeCover(ctx context.Context) error {
	if b.Cover != nil {
		return nil
	}
	return makeCover(ctx, b)
}

// makeCover is MakeCover, making the cover even if there is one.
func makeCover(ctx context.Context, b *Book) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if b.Edition.Cover != "" {
		var err error
		b.Cover, err = manifestPicture(b, "cover", b.Edition.Cover)
		return err
	}
	lead, src, err := coverLead(b)
	if err != nil {
		return err
	}
	t := coverTextOf(b, lead)
	key := coverKey(t, src)
	data, ok := cachedCover(b.Options.Cache, key)
	if !ok {
		var photo *images.Decoded
		if src != nil {
			if err := src.photo.Load(); err != nil {
				return src.fail(err)
			}
			photo = src.photo
		}
		if data, err = drawCover(ctx, t, photo); err != nil {
			return err
		}
		if b.Options.Cache != nil && key != "" {
			b.Options.Cache.Put(key, data)
		}
	}
	enc := Encoded{Data: data, MediaType: "image/jpeg", Width: coverWidth, Height: coverHeight}
	b.Cover = &Image{Name: "cover.jpg", EPUB: enc, PDF: enc}
	return nil
}

// coverSource is the photo a generated cover is made from: opened, and
// decoded only when the cover is painted.
type coverSource struct {
	photo *images.Decoded
	data  []byte            // its file: the cover's cache key holds its digest
	fail  func(error) error // makes an error decoding it the content's error
}

// coverKey returns the cache key of the cover made from t and src by this
// code, or "" when the code's version is unknown (see Cache).
func coverKey(t coverText, src *coverSource) string {
	v := codeVersion()
	if v == "" {
		return ""
	}
	h := sha256.New()
	text, err := json.Marshal(t)
	if err != nil {
		return ""
	}
	fmt.Fprintf(h, "edition cover\x00%s\x00%d\x00%s\x00", v, len(text), text)
	if src != nil {
		h.Write(src.data)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// cachedCover returns the cover stored under key in c, if there is one
// and it is whole: a JPEG of the cover's size with all its segments.
func cachedCover(c Cache, key string) ([]byte, bool) {
	if c == nil || key == "" {
		return nil, false
	}
	data, ok := c.Get(key)
	if !ok {
		return nil, false
	}
	d, err := images.Open(data, images.Limits{})
	if err != nil || d.Format != "jpeg" || d.Width != coverWidth || d.Height != coverHeight {
		return nil, false
	}
	return data, true
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
	l := LabelsFor(lead.Language)
	if b.FrontMatter() {
		// An edition's cover speaks the edition's language.
		l = LabelsFor(b.Language)
		editionCoverText(b, lead, &t)
	}
	if len(lead.Byline) > 0 {
		t.Byline = l.By + " " + l.Names(lead.Byline)
	}
	if !b.Date.IsZero() {
		t.Date = l.Date(b.Date)
	}
	return t
}

// drawCover paints the cover and encodes it as a JPEG.
func drawCover(ctx context.Context, t coverText, photo *images.Decoded) ([]byte, error) {
	c, err := paintCover(t, photo)
	if err != nil {
		return nil, err
	}
	// Painting and encoding each take a few tens of milliseconds.
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return encodeCover(c)
}

// paintCover lays the cover out and records how to paint it.
func paintCover(t coverText, photo *images.Decoded) (*canvas, error) {
	if t.Edition {
		return paintEditionCover(t, photo)
	}
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

	var masthead, date, section, standfirst, byline font.Face
	for _, f := range []struct {
		dst  *font.Face
		font *opentype.Font
		px   int
	}{{&masthead, bold, 50}, {&date, regular, 36}, {&section, bold, 38}, {&standfirst, regular, 42}, {&byline, bold, 34}} {
		if *f.dst, err = face(f.font, f.px); err != nil {
			return nil, err
		}
	}

	c := &canvas{}
	c.fill(image.Rect(0, 0, coverWidth, coverHeight), coverInk)
	width := coverWidth - 2*coverMargin

	// Masthead band: name on the left, date on the right, a rule below.
	if t.Masthead != "" {
		c.textFit(masthead, coverPaper, coverMargin, 118, strings.ToUpper(t.Masthead), 6, width*2/3)
	}
	if t.Date != "" {
		w := measure(date, t.Date, 0)
		c.text(date, coverMuted, coverWidth-coverMargin-w, 118, t.Date, 0)
	}
	c.fill(image.Rect(coverMargin, 176, coverWidth-coverMargin, 179), coverRule)

	// The text block: section, headline, standfirst. Under a photo it hangs
	// from the photo; without one it stands a little above the middle of
	// the page, under an accent bar, and the headline may grow larger.
	top, bottom, maxSize, maxLines := 1430, 2200, 108, 5
	if photo != nil {
		const y0, y1 = 210, 1340
		c.photo(photo, y0, y1, 260)
	} else {
		top, maxSize, maxLines = 330, 150, 7
	}
	var blocks []textBlock
	room := bottom - top
	if t.Section != "" {
		blocks = append(blocks, textBlock{section, coverAccent, []string{strings.ToUpper(t.Section)}, 38, 38, 4, 0})
		room -= 38 + 40
	}
	var sfLines []string
	if t.Standfirst != "" {
		sfLines = wrap(standfirst, t.Standfirst, width)
		room -= 40 + 56*min(len(sfLines), 2) // keep room for two lines of it
	}
	if t.Headline != "" {
		f, size, lines, err := fitHeadline(bold, t.Headline, width, room, maxSize, maxLines)
		if err != nil {
			return nil, err
		}
		b := textBlock{f, coverPaper, lines, size, size * 110 / 100, 0, 40}
		blocks = append(blocks, b)
		room -= b.height() - 56*min(len(sfLines), 2)
	}
	if n := min(3, room/56); len(sfLines) > 0 && n > 0 {
		blocks = append(blocks, textBlock{standfirst, coverMuted, clip(standfirst, sfLines, n, width), 42, 56, 0, 40})
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
		c.textFit(byline, coverPaper, coverMargin, 2318, t.Byline, 0, width)
	}

	return c, nil
}

// coverStripRows is the height of the strips the cover is painted and
// encoded in, side by side on the machine's CPUs: image/jpeg encodes on
// one, and encoding is most of the cost of a cover. The height is fixed,
// not derived from the number of CPUs, so that every machine writes the
// same bytes; 16 divides it, as a strip must be whole rows of 4:2:0
// blocks. Each CPU holds one strip's pixels (1.5 MB); 400 rows made the
// example's build peak at 41 MB instead of 39.
const coverStripRows = 240

// encodeCover paints and encodes the cover as a JPEG, strip by strip on
// the machine's CPUs: the whole cover is never in memory (15 MB), at most a
// strip a CPU.
func encodeCover(c *canvas) ([]byte, error) {
	opts := &jpeg.Options{Quality: coverQuality}
	n := (coverHeight + coverStripRows - 1) / coverStripRows
	strips, errs := make([][]byte, n), make([]error, n)
	var wg sync.WaitGroup
	workers := min(n, runtime.GOMAXPROCS(0))
	for w := range workers {
		wg.Go(func() {
			// One strip's pixels a worker, painted over for each of its
			// strips: garbage would wait for the collector in fresh memory.
			var pix []byte
			for i := w; i < n; i += workers {
				m := c.paint(pix, i*coverStripRows, min(coverHeight, (i+1)*coverStripRows))
				pix = m.Pix
				var buf bytes.Buffer
				buf.Grow(64 << 10)
				errs[i] = jpeg.Encode(&buf, m, opts)
				strips[i] = buf.Bytes()
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("edition: encoding the cover: %w", err)
	}
	if data, err := joinJPEGStrips(strips, coverHeight, (coverWidth+15)/16*(coverStripRows/16)); err == nil {
		return data, nil
	}
	// image/jpeg wrote something joinJPEGStrips does not expect: encode the
	// cover whole, on one CPU.
	var buf bytes.Buffer
	buf.Grow(256 << 10)
	if err := jpeg.Encode(&buf, c.image(), opts); err != nil {
		return nil, fmt.Errorf("edition: encoding the cover: %w", err)
	}
	return buf.Bytes(), nil
}

// joinJPEGStrips joins baseline JPEGs of horizontal strips of one picture,
// top to bottom, into one JPEG of the given height. Each strip's scan
// becomes a restart interval of interval MCUs: a decoder resets its DC
// predictions at each restart marker, just as it starts each strip afresh,
// so the joined picture decodes to exactly the strips' pixels. The strips
// must share their tables (image/jpeg writes the same ones at one quality)
// and be whole intervals but for the last.
func joinJPEGStrips(strips [][]byte, height, interval int) ([]byte, error) {
	if len(strips) == 0 || len(strips) > 1 && interval > 0xffff || height > 0xffff {
		return nil, errors.New("no strips, or too many MCUs")
	}
	var out []byte
	for i, s := range strips {
		head, sof, sos, scan, err := splitJPEG(s)
		if err != nil {
			return nil, fmt.Errorf("strip %d: %w", i, err)
		}
		// The frame header's height (SOF0: marker, length, precision,
		// height) is the whole picture's, so that the heads compare equal.
		head = bytes.Clone(head)
		head[sof+5], head[sof+6] = byte(height>>8), byte(height)
		if i == 0 {
			out = make([]byte, 0, len(strips)*(len(scan)+2)+len(head)+len(sos)+8)
			out = append(out, head...)
			out = append(out, 0xff, 0xdd, 0, 4, byte(interval>>8), byte(interval)) // DRI
			out = append(out, sos...)
		} else if !bytes.Equal(head, out[:len(head)]) || !bytes.Equal(sos, out[len(head)+6:len(head)+6+len(sos)]) {
			return nil, fmt.Errorf("strip %d: tables differ from the first strip's", i)
		} else {
			out = append(out, 0xff, 0xd0+byte((i-1)%8)) // RST0…RST7, in turn
		}
		out = append(out, scan...)
	}
	return append(out, 0xff, 0xd9), nil
}

// splitJPEG splits a baseline JPEG of one scan into what precedes its scan
// header (head, with its frame header at sof), the scan header, and the
// entropy-coded data up to the end marker.
func splitJPEG(b []byte) (head []byte, sof int, sos, scan []byte, err error) {
	if len(b) < 4 || b[0] != 0xff || b[1] != 0xd8 || !bytes.HasSuffix(b, []byte{0xff, 0xd9}) {
		return nil, 0, nil, nil, errors.New("not a whole JPEG")
	}
	sof = -1
	for i := 2; i+4 <= len(b); {
		if b[i] != 0xff {
			return nil, 0, nil, nil, fmt.Errorf("no marker at byte %d", i)
		}
		end := i + 2 + (int(b[i+2])<<8 | int(b[i+3]))
		if end > len(b)-2 {
			return nil, 0, nil, nil, fmt.Errorf("segment at byte %d runs past the end", i)
		}
		switch b[i+1] {
		case 0xc0:
			if end-i >= 7 {
				sof = i
			}
		case 0xda:
			if sof < 0 {
				return nil, 0, nil, nil, errors.New("no baseline frame header")
			}
			return b[:i], sof, b[i:end], b[end : len(b)-2], nil
		}
		i = end
	}
	return nil, 0, nil, nil, errors.New("no scan")
}

// canvas is the cover being painted.
// canvas records how a cover is painted, as operations on the rows they
// touch, and paints any band of its rows on demand (band): the cover is
// painted and encoded strip by strip, never whole.
type canvas struct {
	ops []paintOp
	// faceMu serialises drawing text: a font.Face is not safe for
	// concurrent use, and strips are painted at once.
	faceMu sync.Mutex
}

// paintOp paints rows [y0, y1) of the cover, or the part of them in dst.
type paintOp struct {
	y0, y1 int
	text   bool // draws with a font.Face
	draw   func(dst *image.RGBA)
}

func (c *canvas) add(y0, y1 int, text bool, draw func(dst *image.RGBA)) {
	c.ops = append(c.ops, paintOp{y0, y1, text, draw})
}

// band paints rows [y0, y1) of the cover: every operation that touches
// them, in order, clipped to them. The pixels are those of the same rows
// of the whole cover.
func (c *canvas) band(y0, y1 int) *image.RGBA { return c.paint(nil, y0, y1) }

// paint is band, painting in pix when it is large enough.
func (c *canvas) paint(pix []byte, y0, y1 int) *image.RGBA {
	r := image.Rect(0, y0, coverWidth, y1)
	dst := &image.RGBA{Pix: pix, Stride: 4 * coverWidth, Rect: r}
	if n := 4 * r.Dx() * r.Dy(); cap(pix) >= n {
		dst.Pix = pix[:n]
		clear(dst.Pix)
	} else {
		dst = image.NewRGBA(r)
	}
	for _, op := range c.ops {
		if op.y0 >= y1 || op.y1 <= y0 {
			continue
		}
		if op.text {
			c.faceMu.Lock()
		}
		op.draw(dst)
		if op.text {
			c.faceMu.Unlock()
		}
	}
	return dst
}

// image paints the whole cover.
func (c *canvas) image() *image.RGBA { return c.band(0, coverHeight) }

func (c *canvas) fill(r image.Rectangle, col color.RGBA) {
	c.add(r.Min.Y, r.Max.Y, false, func(dst *image.RGBA) {
		draw.Draw(dst, r, image.NewUniform(col), image.Point{}, draw.Src)
	})
}

// photo fills rows [y0, y1) across the cover with the picture, cropped about
// its centre, fading into the background over its last fade rows.
func (c *canvas) photo(photo *images.Decoded, y0, y1, fade int) {
	m := photo.Fill(coverWidth, y1-y0)
	op := draw.Src
	if !photo.Opaque {
		op = draw.Over
	}
	c.add(y0, y1, false, func(dst *image.RGBA) {
		draw.Draw(dst, image.Rect(0, y0, coverWidth, y1), m, image.Point{}, op)
	})
	c.fade(y1-fade, y1)
}

// fade blends rows [y0, y1) of the photo into the background, so that the
// photo melts into the page above the headline.
func (c *canvas) fade(y0, y1 int) {
	c.add(y0, y1, false, func(dst *image.RGBA) {
		bg := [3]uint32{uint32(coverInk.R), uint32(coverInk.G), uint32(coverInk.B)}
		for y := max(y0, dst.Rect.Min.Y); y < min(y1, dst.Rect.Max.Y); y++ {
			// Ease in: a gentle start, full background at the bottom.
			t := float64(y-y0) / float64(y1-y0)
			a := uint32(t * t * 256)
			row := dst.Pix[dst.PixOffset(0, y):dst.PixOffset(coverWidth, y)]
			for i := 0; i+3 < len(row); i += 4 {
				for k := 0; k < 3; k++ {
					row[i+k] = uint8((uint32(row[i+k])*(256-a) + bg[k]*a) >> 8)
				}
			}
		}
	})
}
