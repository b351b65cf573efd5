package epub

import (
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/image/font/sfnt"

	"github.com/edition-project/edition/content"
	"github.com/edition-project/edition/edition"
	"github.com/edition-project/edition/fonts"
)

// With edition.Options.EmbedFonts the EPUB carries the print edition's
// typefaces (package fonts) in EPUB/fonts/, with @font-face rules, the
// stylesheet's font stacks led by them, and their licence files beside
// them. Only the faces the book's text needs go in: a family for a script
// only when the text holds that script, and of the large Latin families
// only the styles the text is set in. go-epub is not told about them (it
// cannot take font media types in data: URLs); finish adds the files and
// their manifest items.

// fontDir is where the fonts and their licences go, inside the EPUB folder.
const fontDir = "fonts/"

// fontMediaType is the EPUB 3 core media type of TrueType fonts.
const fontMediaType = "font/ttf"

// family is a font family of package fonts as the stylesheet names it.
type family struct {
	name    string
	faces   []fonts.Face // by Style: "" first
	generic string       // the role's own stack it stands in for
}

var (
	serifFamily = &family{name: fonts.Serif.Family,
		faces: []fonts.Face{fonts.Serif, fonts.SerifItalic, fonts.SerifBold, fonts.SerifBoldItalic}}
	sansFamily  = &family{name: fonts.Sans.Family, faces: []fonts.Face{fonts.Sans, fonts.SansBold}}
	monoFamily  = &family{name: fonts.Mono.Family, faces: []fonts.Face{fonts.Mono}}
	naskhFamily = &family{name: fonts.NaskhArabic.Family, faces: []fonts.Face{fonts.NaskhArabic, fonts.NaskhArabicBold}}
	serifHebrew = &family{name: fonts.SerifHebrew.Family, faces: []fonts.Face{fonts.SerifHebrew, fonts.SerifHebrewBold}}
	sansHebrew  = &family{name: fonts.SansHebrew.Family, faces: []fonts.Face{fonts.SansHebrew, fonts.SansHebrewBold}}
	devanagari  = &family{name: fonts.SansDevanagari.Family, faces: []fonts.Face{fonts.SansDevanagari, fonts.SansDevanagariBold}}
	cjkFamily   = &family{name: fonts.CJK.Family, faces: []fonts.Face{fonts.CJK}}
	symbols     = &family{name: fonts.Symbols.Family, faces: []fonts.Face{fonts.Symbols}}
)

// fontRole is one of the stylesheet's three font stacks.
type fontRole int

const (
	serifRole fontRole = iota // running text
	sansRole                  // headings, captions, bylines
	monoRole                  // code
)

// chains are the families each role draws from, in the order a reader
// looks for a glyph: the role's own family, then the script families.
var chains = [...][]*family{
	serifRole: {serifFamily, naskhFamily, serifHebrew, devanagari, cjkFamily, symbols},
	sansRole:  {sansFamily, naskhFamily, sansHebrew, devanagari, cjkFamily, symbols},
	monoRole:  {monoFamily, naskhFamily, sansHebrew, devanagari, cjkFamily, symbols},
}

// scriptFamily returns the family a script is set in for a role, or nil
// for the scripts of the role's own family (Latin, Greek, Cyrillic) and
// those without a family of their own.
func scriptFamily(r rune, role fontRole) *family {
	switch {
	case unicode.Is(unicode.Arabic, r):
		return naskhFamily
	case unicode.Is(unicode.Hebrew, r):
		if role == serifRole {
			return serifHebrew
		}
		return sansHebrew
	case unicode.Is(unicode.Devanagari, r):
		return devanagari
	case unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Bopomofo):
		return cjkFamily
	}
	return nil
}

// Parsed fonts, for their character maps.
var parsed struct {
	sync.Mutex
	fonts map[string]*sfnt.Font
}

// covers reports whether the family has a glyph for r (its regular face's
// character map stands for all its styles).
func (f *family) covers(r rune) bool {
	parsed.Lock()
	defer parsed.Unlock()
	if parsed.fonts == nil {
		parsed.fonts = map[string]*sfnt.Font{}
	}
	file := f.faces[0].File
	font, ok := parsed.fonts[file]
	if !ok {
		var err error
		if font, err = sfnt.Parse(f.faces[0].Bytes()); err != nil {
			font = nil // an unreadable font covers nothing
		}
		parsed.fonts[file] = font
	}
	if font == nil {
		return false
	}
	var buf sfnt.Buffer
	g, err := font.GlyphIndex(&buf, r)
	return err == nil && g != 0
}

// face returns the family's face for a style, the nearest one when it has
// no such style (a synthesised bold or italic beats a missing glyph).
func (f *family) face(bold, italic bool) fonts.Face {
	want := []string{""}
	switch {
	case bold && italic:
		want = []string{"BI", "B", "I", ""}
	case bold:
		want = []string{"B", ""}
	case italic:
		want = []string{"I", ""}
	}
	for _, s := range want {
		for _, fc := range f.faces {
			if fc.Style == s {
				return fc
			}
		}
	}
	return f.faces[0]
}

// fontSet collects the faces a book's text needs.
type fontSet struct {
	used  map[string]bool        // face files
	cache map[fontKey]fonts.Face // rune and setting to face; zero Face for none
}

type fontKey struct {
	r            rune
	role         fontRole
	bold, italic bool
}

// add records the faces for text set in a role and style. A character
// common to scripts (a digit, punctuation) goes with the script around it,
// so that an Arabic paragraph's digits do not pull in the Latin family
// when the Arabic one has them.
func (s *fontSet) add(text string, role fontRole, bold, italic bool) {
	var around *family // the script family of the text so far
	for _, r := range text {
		if unicode.IsSpace(r) || unicode.IsControl(r) || r == 0xfeff || unicode.Is(unicode.Bidi_Control, r) {
			continue
		}
		if f := scriptFamily(r, role); f != nil {
			around = f
		} else if !unicode.In(r, unicode.Common, unicode.Inherited) {
			around = nil
		}
		k := fontKey{r, role, bold, italic}
		fc, ok := s.cache[k]
		if !ok {
			fc = s.pick(r, role, bold, italic, around)
			s.cache[k] = fc
		}
		if fc.File != "" {
			s.used[fc.File] = true
		}
	}
}

// pick returns the face a reader would draw r with, or the zero Face when
// no family has it.
func (s *fontSet) pick(r rune, role fontRole, bold, italic bool, around *family) fonts.Face {
	if f := scriptFamily(r, role); f != nil && f.covers(r) {
		return f.face(bold, italic)
	}
	if around != nil && unicode.In(r, unicode.Common, unicode.Inherited) && around.covers(r) {
		return around.face(bold, italic)
	}
	for _, f := range chains[role] {
		if f.covers(r) {
			return f.face(bold, italic)
		}
	}
	return fonts.Face{}
}

// inlines records runs of text set in a role, their styles added to the
// context's.
func (s *fontSet) inlines(ins []content.Inline, role fontRole, bold, italic bool) {
	for _, in := range ins {
		r := role
		if in.Style&content.Mono != 0 {
			r = monoRole
		}
		s.add(in.Text, r, bold || in.Style&content.Strong != 0, italic || in.Style&content.Emphasis != 0)
	}
}

// blocks records body blocks; italic is true inside a quotation, which
// the stylesheet sets in italics.
func (s *fontSet) blocks(bs []content.Block, italic bool) {
	for _, b := range bs {
		switch b := b.(type) {
		case *content.Paragraph:
			s.inlines(b.Inlines, serifRole, false, italic)
		case *content.Heading:
			s.inlines(b.Inlines, sansRole, true, italic)
			s.inlines(b.Inlines, serifRole, false, false) // in the navigation document
		case *content.List:
			for _, it := range b.Items {
				s.blocks(it.Blocks, italic)
			}
		case *content.Quote:
			s.blocks(b.Blocks, true)
		case *content.Figure:
			s.photo(b.Photo)
		case *content.Code:
			s.add(b.Text, monoRole, false, false)
		case *content.Table:
			for _, c := range b.Head {
				s.inlines(c.Inlines, sansRole, true, false)
			}
			for _, row := range b.Rows {
				for _, c := range row {
					s.inlines(c.Inlines, serifRole, false, false)
				}
			}
		}
	}
}

func (s *fontSet) photo(ph *content.Photo) {
	if ph == nil {
		return
	}
	s.inlines(ph.Caption, sansRole, false, false)
	s.inlines(ph.Credit, sansRole, false, false)
}

// embeddedFonts returns the faces the book's text needs, in package
// fonts' order.
func (p *plan) embeddedFonts() []fonts.Face {
	b := p.b
	s := &fontSet{used: map[string]bool{}, cache: map[fontKey]fonts.Face{}}
	l := p.l
	// The words around the content, in the book's language and in each
	// article's: headings, labels, navigation.
	labels := func(l *edition.Labels) {
		for _, w := range []string{l.Contents, l.Cover, l.Background, l.Notes} {
			s.add(w, sansRole, true, false)
			s.add(w, serifRole, false, false)
		}
		s.add(l.By+l.And+l.Published+l.Updated+l.Photo+l.Continued, sansRole, false, false)
		s.add(l.Previous+l.Next+l.Section, sansRole, true, false)
	}
	labels(l)
	if p.cover == nil {
		// The title page: the title as a heading, the rest in sans.
		s.add(b.Title, sansRole, true, false)
		s.add(b.Edition.Subtitle, serifRole, false, true)
		s.add(strings.Join(b.Authors, ", ")+publisher(b)+b.Date.Format("2 January 2006"), sansRole, false, false)
	}
	if p.front {
		// The contents page's masthead.
		s.add(b.Title, serifRole, true, false)
		s.add(b.Edition.Subtitle, serifRole, false, true)
		s.add(l.Date(b.Date), sansRole, false, false)
	}
	for _, sec := range b.Edition.Sections {
		s.add(sec.Title, sansRole, true, false)   // the contents page
		s.add(sec.Title, serifRole, false, false) // the navigation document
	}
	for _, a := range b.Edition.Articles() {
		if a == nil {
			continue
		}
		al := edition.LabelsFor(a.Language)
		if a.Language == "" {
			al = l
		}
		labels(al)
		s.add(a.Section, sansRole, true, false)
		// The headline: the article's, the contents page's and the
		// navigation's.
		s.add(a.Headline, sansRole, true, false)
		s.add(a.Headline, sansRole, false, false)
		s.add(a.Headline, serifRole, false, false)
		s.inlines(a.Standfirst, serifRole, false, false)
		for _, name := range a.Byline {
			s.add(name, sansRole, true, false)
		}
		s.add(al.DateTime(a.Published)+al.DateTime(a.Updated), sansRole, false, false)
		s.photo(a.Photo)
		s.blocks(a.Body, false)
		if bg := a.Background; bg != nil {
			s.add(bg.Title, sansRole, true, false)
			s.blocks(bg.Body, false)
		}
		for _, n := range a.Notes {
			s.blocks(n.Blocks, false)
		}
	}
	var out []fonts.Face
	for _, f := range append(slices.Clone(fonts.All), fonts.Scripts...) {
		if s.used[f.File] {
			out = append(out, f)
		}
	}
	return out
}

// fontFiles are the files embedding adds: fonts and licences, by their
// paths inside the EPUB folder.
type fontFiles struct {
	faces    []fonts.Face
	licences []string // licence file names, in order
}

func newFontFiles(faces []fonts.Face) *fontFiles {
	ff := &fontFiles{faces: faces}
	for _, f := range faces {
		if !slices.Contains(ff.licences, f.License) {
			ff.licences = append(ff.licences, f.License)
		}
	}
	return ff
}

// files returns the files to add, by path inside the container.
func (ff *fontFiles) files() (map[string][]byte, error) {
	out := map[string][]byte{}
	for _, f := range ff.faces {
		out[contentDir+fontDir+f.File] = f.Bytes()
	}
	for _, name := range ff.licences {
		data, err := fontsFile(name)
		if err != nil {
			return nil, err
		}
		out[contentDir+fontDir+name] = data
	}
	return out, nil
}

func fontsFile(name string) ([]byte, error) {
	data, err := fs.ReadFile(fonts.FS(), name)
	if err != nil {
		return nil, fmt.Errorf("epub: font licence %s: %w", name, err)
	}
	return data, nil
}

// items returns the manifest items of the added files. Licences are plain
// text: a reader never shows them, but they travel with the fonts as their
// licences ask.
func (ff *fontFiles) items() []manifestItem {
	var out []manifestItem
	for _, f := range ff.faces {
		out = append(out, manifestItem{id: manifestID(f.File), href: fontDir + f.File, mediaType: fontMediaType})
	}
	for _, name := range ff.licences {
		out = append(out, manifestItem{id: manifestID(name), href: fontDir + name, mediaType: "text/plain"})
	}
	return out
}

// manifestID returns the id of a font file's manifest item: an XML name
// go-epub's ids (file names) cannot take.
func manifestID(file string) string {
	var b strings.Builder
	b.WriteString("font-")
	for _, c := range strings.TrimSuffix(file, path.Ext(file)) + "-" + strings.TrimPrefix(path.Ext(file), ".") {
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' {
			b.WriteRune(c)
		} else {
			b.WriteByte('-')
		}
	}
	return b.String()
}

// fontFamilyDecl is a font-family declaration of the stylesheet.
var fontFamilyDecl = regexp.MustCompile(`font-family:\s*([^;}]+)`)

// css returns the stylesheet with @font-face rules for the faces and each
// font stack led by the embedded families of its role: a reader's own
// fonts named first in the stylesheet (Georgia) would otherwise win.
func (ff *fontFiles) css(style string) string {
	if len(ff.faces) == 0 {
		return style
	}
	var b strings.Builder
	embedded := map[string]bool{}
	for _, f := range ff.faces {
		embedded[f.Family] = true
		weight, slant := "normal", "normal"
		if strings.Contains(f.Style, "B") {
			weight = "bold"
		}
		if strings.Contains(f.Style, "I") {
			slant = "italic"
		}
		fmt.Fprintf(&b, "@font-face {\n  font-family: %q;\n  font-weight: %s;\n  font-style: %s;\n  src: url(\"%s%s%s\");\n}\n",
			f.Family, weight, slant, fromContent, fontDir, f.File)
	}
	b.WriteString(fontFamilyDecl.ReplaceAllStringFunc(style, func(decl string) string {
		m := fontFamilyDecl.FindStringSubmatch(decl)
		var names []string
		for _, n := range strings.Split(m[1], ",") {
			names = append(names, strings.TrimSpace(n))
		}
		role := serifRole
		switch {
		case slices.Contains(names, `"`+monoFamily.name+`"`):
			role = monoRole
		case slices.Contains(names, `"`+sansFamily.name+`"`):
			role = sansRole
		case !slices.Contains(names, `"`+serifFamily.name+`"`):
			return decl // not one of our stacks
		}
		var lead []string
		for _, f := range chains[role] {
			if embedded[f.name] {
				lead = append(lead, `"`+f.name+`"`)
			}
		}
		rest := slices.DeleteFunc(names, func(n string) bool { return slices.Contains(lead, n) })
		return "font-family: " + strings.Join(append(lead, rest...), ", ")
	}))
	return b.String()
}

// deflated holds the fonts compressed, by file: the same bytes always
// compress to the same bytes, and a 4 MB font takes a good part of a
// second to compress.
var deflated sync.Map

// compressed returns the compressed bytes of a container entry, computed
// by deflate unless it is an embedded font compressed before.
func (ff *fontFiles) compressed(name string, data []byte, deflate func() ([]byte, error)) ([]byte, error) {
	file, ok := strings.CutPrefix(name, contentDir+fontDir)
	if ff == nil || !ok || path.Ext(file) != ".ttf" {
		return deflate()
	}
	if body, ok := deflated.Load(file); ok {
		return body.([]byte), nil
	}
	body, err := deflate()
	if err != nil {
		return nil, err
	}
	deflated.Store(file, slices.Clip(body))
	return body, nil
}
