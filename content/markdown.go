package content

import (
	"bytes"
	"io/fs"
	"path"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
	"golang.org/x/text/unicode/norm"
	"gopkg.in/yaml.v3"
)

// typographer turns straight quotes, dashes and dots into typographic
// punctuation, written as Unicode characters (never entities).
var typographer = extension.NewTypographer(extension.WithTypographicSubstitutions(map[extension.TypographicPunctuation]string{
	extension.LeftSingleQuote:  "‘",
	extension.RightSingleQuote: "’",
	extension.LeftDoubleQuote:  "“",
	extension.RightDoubleQuote: "”",
	extension.EnDash:           "–",
	extension.EmDash:           "—",
	extension.Ellipsis:         "…",
	extension.LeftAngleQuote:   "«",
	extension.RightAngleQuote:  "»",
	extension.Apostrophe:       "’",
}))

// md is the Markdown parser shared by all loads; goldmark parsers are safe
// for concurrent use once built.
var md = goldmark.New(goldmark.WithExtensions(
	extension.Table,
	extension.Linkify,
	extension.Strikethrough,
	extension.Footnote,
	typographer,
	spanExtension{}, // [texte]{lang=fr}, see span.go
))

// ParseArticle reads an article from Markdown with YAML front matter. name is
// the file's path as the user knows it: it appears in errors and gives the
// slug. assets resolves the photos' paths (it may be nil when the article has
// no photos; Build reports a missing file then).
func (ld Loader) ParseArticle(name string, src []byte, assets fs.FS) (*Article, error) {
	if err := checkText(name, src); err != nil {
		return nil, err
	}
	fm, body, bodyLine, err := splitFrontMatter(name, src)
	if err != nil {
		return nil, err
	}
	p := &parser{file: name, article: &Article{File: name, Assets: assets}, fetch: ld.Fetch}
	if err := p.frontMatter(fm, 2); err != nil {
		return nil, err
	}
	blocks, err := p.blocks(body, bodyLine, "")
	if err != nil {
		return nil, err
	}
	a := p.article
	a.Body = blocks
	if len(a.Body) == 0 {
		return nil, errorf(name, bodyLine, "", "the article has no body: write its text after the front matter")
	}
	a.Slug = Slug(name, a.Headline)
	a.Assets = p.withFetched(a.Assets)
	return a, nil
}

// SingleArticle returns an edition holding just a. It has no title of its
// own: the article's headline stands for it.
func SingleArticle(a *Article) *Edition {
	return &Edition{
		Publisher: a.Publisher,
		Language:  a.Language,
		Sections:  []*Section{{Title: a.Section, Articles: []*Article{a}}},
	}
}

// checkText rejects what no article should hold: invalid UTF-8, NUL and
// other control characters (a sign of a binary or corrupted file).
func checkText(name string, src []byte) error {
	line := 1
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			return errorf(name, line, "", "the file is not valid UTF-8 (byte %#02x at offset %d): save it as UTF-8", src[i], i)
		case r == '\n':
			line++
		case r == '\t' || r == '\r':
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
			return errorf(name, line, "", "control character U+%04X in the text: remove it", r)
		case r == 0xfeff && i == 0:
		}
		i += size
	}
	return nil
}

// parser holds the state of one article's load.
type parser struct {
	file    string
	fmLine  int
	article *Article
	notes   map[int]bool
	fetch   func(url string) ([]byte, error) // Loader.Fetch; nil: URLs are errors
	fetched map[string][]byte                // downloaded pictures by their names in Assets
	// inlineErr is the first problem found in inline Markdown outside the
	// body (front matter values, shortcode captions): a bad span.
	inlineErr error
}

var shortcodeRE = regexp.MustCompile(`^\s*\{\{[<%]\s*figure\s+(.*?)\s*[>%]\}\}\s*$`)
var shortcodeAttrRE = regexp.MustCompile(`(\w+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+))`)

// figurePlaceholder stands in the Markdown for a Hugo figure shortcode
// until the tree is built; it is a word Markdown leaves alone.
const figurePlaceholder = "EDITIONFIGURESHORTCODE"

// blocks parses Markdown into blocks. line is the file line where src starts.
func (p *parser) blocks(src []byte, line int, field string) ([]Block, error) {
	src = norm.NFC.Bytes(src)
	if err := p.checkShape(src, line, field); err != nil {
		return nil, err
	}
	// Hugo's figure shortcode: swap each for a placeholder paragraph,
	// keeping the line count, and parse its attributes ourselves so that
	// smart punctuation never touches them.
	var figures []*Photo
	lines := bytes.Split(src, []byte("\n"))
	for i, l := range lines {
		m := shortcodeRE.FindSubmatch(l)
		if m == nil {
			if bytes.Contains(l, []byte("{{<")) || bytes.Contains(l, []byte("{{%")) {
				if !bytes.Contains(l, []byte("figure")) {
					return nil, errorf(p.file, line+i, field, "unsupported shortcode %q: only {{< figure >}} is understood", strings.TrimSpace(string(l)))
				}
				return nil, errorf(p.file, line+i, field, "a figure shortcode must stand alone on one line: {{< figure src=\"x.jpg\" alt=\"...\" caption=\"...\" attr=\"credit\" >}}")
			}
			continue
		}
		ph, err := p.shortcode(string(m[1]), line+i, field)
		if err != nil {
			return nil, err
		}
		figures = append(figures, ph)
		lines[i] = []byte(figurePlaceholder + strconv.Itoa(len(figures)-1))
	}
	src = bytes.Join(lines, []byte("\n"))
	doc := md.Parser().Parse(text.NewReader(src))
	c := &converter{p: p, src: src, line: line, field: field, figures: figures}
	c.lineStarts = lineStarts(src)
	blocks, err := c.blocks(doc)
	if err != nil {
		return nil, err
	}
	if p.inlineErr != nil {
		return nil, p.inlineErr
	}
	normaliseHeadings(blocks)
	return blocks, nil
}

func (p *parser) shortcode(attrs string, line int, field string) (*Photo, error) {
	vals := map[string]string{}
	for _, m := range shortcodeAttrRE.FindAllStringSubmatch(attrs, -1) {
		v := m[2]
		if m[3] != "" {
			v = m[3]
		} else if m[4] != "" {
			v = m[4]
		} else {
			v = strings.ReplaceAll(v, `\"`, `"`)
		}
		vals[m[1]] = v
	}
	ph := &Photo{Line: line}
	src := strings.TrimSpace(vals["src"])
	if src == "" {
		return nil, errorf(p.file, line, field, "the figure shortcode needs src=\"file.jpg\"")
	}
	var err error
	if ph.Src, err = p.assetPath(src, line, "figure src"); err != nil {
		return nil, err
	}
	ph.Alt = strings.TrimSpace(PlainText(p.inlineString(vals["alt"], line)))
	if ph.Alt == "" {
		return nil, errorf(p.file, line, "figure alt", "the figure %q needs alt text: add alt=\"what the picture shows\"", src)
	}
	caption := vals["caption"]
	if caption == "" {
		caption = vals["title"]
	}
	if caption != "" {
		ph.Caption = p.inlineString(caption, line)
	}
	if attr := vals["attr"]; attr != "" {
		ph.Credit = p.inlineString(attr, line)
	}
	return ph, nil
}

// inlineText parses a front matter value as inline Markdown.
func (p *parser) inlineText(s string, n *yaml.Node) []Inline {
	return p.inlineString(s, p.line(n))
}

func (p *parser) inlineString(s string, line int) []Inline {
	src := norm.NFC.Bytes([]byte(strings.TrimSpace(s)))
	if (&parser{}).checkShape(src, line, "") != nil {
		// Markup the parser would take too long over (see checkShape)
		// stays as it is, plain text.
		return []Inline{{Text: string(src)}}
	}
	doc := md.Parser().Parse(text.NewReader(src))
	c := &converter{p: p, src: src, line: line}
	var out []Inline
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		if len(out) > 0 {
			out = append(out, Inline{Style: LineBreak})
		}
		out = append(out, c.inlines(n, 0, "")...)
	}
	if c.err != nil && p.inlineErr == nil {
		p.inlineErr = c.err
	}
	return mergeInlines(out)
}

func lineStarts(src []byte) []int {
	starts := []int{0}
	for i, b := range src {
		if b == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// Slug derives a file name from the article's file name, or from its
// headline when the file is a generic index.md: lower-case ASCII letters,
// digits and hyphens.
func Slug(name, headline string) string {
	base := path.Base(strings.ReplaceAll(name, "\\", "/"))
	base = strings.TrimSuffix(base, path.Ext(base))
	switch strings.ToLower(base) {
	case "index", "article", "readme", "_index", ".", "/", "":
		dir := path.Base(path.Dir(strings.ReplaceAll(name, "\\", "/")))
		if dir != "." && dir != "/" && dir != ".." {
			base = dir
		} else {
			base = headline
		}
	}
	if s := slugify(base); s != "" {
		return s
	}
	if s := slugify(headline); s != "" {
		return s
	}
	return "article"
}

func slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFKD.String(s) {
		switch {
		case r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(unicode.ToLower(r))
		case unicode.Is(unicode.Mn, r):
			// combining accents: drop, keeping the base letter
		default:
			dash = true
		}
		if b.Len() >= 80 {
			break
		}
	}
	return strings.Trim(b.String(), "-")
}
