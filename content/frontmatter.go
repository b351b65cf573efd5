package content

import (
	"bytes"
	"fmt"
	"net/url"
	"path"
	"sort"
	"strings"
	"time"

	"golang.org/x/text/language"
	"gopkg.in/yaml.v3"
)

// frontMatterKeys are the keys an article's front matter may hold; anything
// else is a typo or an unsupported feature and is rejected.
var frontMatterKeys = []string{
	"headline", "standfirst", "byline", "published", "updated", "language",
	"section", "publisher", "source", "photo", "background",
}

var photoKeys = []string{"src", "alt", "caption", "credit"}
var backgroundKeys = []string{"title", "body"}

// splitFrontMatter separates "---"-delimited YAML front matter from the
// Markdown body. bodyLine is the 1-based line where the body starts.
func splitFrontMatter(file string, src []byte) (fm []byte, body []byte, bodyLine int, err error) {
	first, rest, _ := bytes.Cut(src, []byte("\n"))
	if strings.TrimRight(string(first), " \t\r") != "---" {
		return nil, nil, 0, errorf(file, 1, "", "an article starts with YAML front matter between two lines of ---; add them with at least a headline and a published date")
	}
	line := 2
	off := 0
	for off <= len(rest) {
		end := bytes.IndexByte(rest[off:], '\n')
		var l []byte
		if end < 0 {
			l = rest[off:]
		} else {
			l = rest[off : off+end]
		}
		if t := strings.TrimRight(string(l), " \t\r"); t == "---" || t == "..." {
			fm = rest[:off]
			if end < 0 {
				return fm, nil, line + 1, nil
			}
			return fm, rest[off+end+1:], line + 1, nil
		}
		if end < 0 {
			break
		}
		off += end + 1
		line++
	}
	return nil, nil, 0, errorf(file, 1, "", "the front matter is not closed: add a line holding only --- after it")
}

// frontMatter reads the YAML front matter into a. fmLine is the line of the
// file where the YAML starts, so errors point into the file, not the YAML.
func (p *parser) frontMatter(fm []byte, fmLine int) error {
	var doc yaml.Node
	if err := yaml.Unmarshal(fm, &doc); err != nil {
		return p.yamlError(err, fmLine)
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return errorf(p.file, fmLine, "", "the front matter is empty: give at least headline and published")
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return errorf(p.file, fmLine+root.Line-1, "", "the front matter must be a mapping of keys to values (key: value)")
	}
	p.fmLine = fmLine
	fields, err := p.mapping(root, "", frontMatterKeys)
	if err != nil {
		return err
	}
	a := p.article
	if n := fields["headline"]; n != nil {
		s, err := p.scalar(n, "headline")
		if err != nil {
			return err
		}
		a.Headline = PlainText(p.inlineText(s, n))
	}
	if strings.TrimSpace(a.Headline) == "" {
		line := fmLine
		if n := fields["headline"]; n != nil {
			line = p.line(n)
		}
		return errorf(p.file, line, "headline", "an article needs a headline: add `headline: ...` to the front matter")
	}
	if n := fields["standfirst"]; n != nil {
		s, err := p.scalar(n, "standfirst")
		if err != nil {
			return err
		}
		a.Standfirst = p.inlineText(s, n)
	}
	if n := fields["byline"]; n != nil {
		if err := p.byline(n); err != nil {
			return err
		}
	}
	if n := fields["published"]; n != nil {
		t, err := p.date(n, "published")
		if err != nil {
			return err
		}
		a.Published = t
	} else {
		return errorf(p.file, fmLine, "published", "an article needs a publication date: add `published: 2016-12-13T08:26:00+11:00` (RFC 3339) or `published: 2016-12-13`")
	}
	if n := fields["updated"]; n != nil {
		t, err := p.date(n, "updated")
		if err != nil {
			return err
		}
		if t.Before(a.Published) {
			return errorf(p.file, p.line(n), "updated", "updated (%s) is before published (%s): check both dates", n.Value, fields["published"].Value)
		}
		a.Updated = t
	}
	a.Language = "en"
	if n := fields["language"]; n != nil {
		s, err := p.scalar(n, "language")
		if err != nil {
			return err
		}
		tag, err := language.Parse(s)
		if err != nil || s == "" {
			return errorf(p.file, p.line(n), "language", "%q is not a BCP 47 language tag: use one like en, en-AU, ar or zh-Hant", s)
		}
		a.Language = tag.String()
	}
	for key, dst := range map[string]*string{"section": &a.Section, "publisher": &a.Publisher} {
		if n := fields[key]; n != nil {
			s, err := p.scalar(n, key)
			if err != nil {
				return err
			}
			*dst = PlainText(p.inlineText(s, n))
		}
	}
	if n := fields["source"]; n != nil {
		s, err := p.scalar(n, "source")
		if err != nil {
			return err
		}
		u, err := url.Parse(s)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return errorf(p.file, p.line(n), "source", "%q is not a web address: give the original's http or https URL", s)
		}
		a.Source = s
	}
	if n := fields["photo"]; n != nil {
		ph, err := p.photo(n)
		if err != nil {
			return err
		}
		a.Photo = ph
	}
	if n := fields["background"]; n != nil {
		if err := p.background(n); err != nil {
			return err
		}
	}
	return nil
}

// line maps a YAML node's line to the article file's line.
func (p *parser) line(n *yaml.Node) int { return p.fmLine + n.Line - 1 }

func (p *parser) yamlError(err error, fmLine int) error {
	msg := err.Error()
	msg = strings.TrimPrefix(msg, "yaml: ")
	// yaml.v3 says "line N: ..." relative to the YAML; point into the file.
	var n int
	if _, scanErr := fmt.Sscanf(msg, "line %d:", &n); scanErr == nil {
		rest := msg[strings.Index(msg, ":")+1:]
		return errorf(p.file, fmLine+n-1, "", "front matter is not valid YAML:%s", rest)
	}
	return errorf(p.file, fmLine, "", "front matter is not valid YAML: %s", msg)
}

// mapping checks that n is a mapping with only known keys, no repeats, and
// returns the value nodes by key.
func (p *parser) mapping(n *yaml.Node, prefix string, known []string) (map[string]*yaml.Node, error) {
	fields := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		name := k.Value
		field := prefix + name
		if k.Kind != yaml.ScalarNode {
			return nil, errorf(p.file, p.line(k), prefix, "keys must be plain words")
		}
		if !contains(known, name) {
			hint := "the known keys are " + strings.Join(known, ", ")
			if s := closest(name, known); s != "" {
				hint = fmt.Sprintf("did you mean %q?", prefix+s)
			}
			return nil, errorf(p.file, p.line(k), field, "unknown key %q: %s", field, hint)
		}
		if _, dup := fields[name]; dup {
			return nil, errorf(p.file, p.line(k), field, "%q is given twice: keep one", field)
		}
		if v.Kind == yaml.AliasNode {
			return nil, errorf(p.file, p.line(v), field, "YAML aliases are not supported: write the value out")
		}
		fields[name] = v
	}
	return fields, nil
}

func (p *parser) scalar(n *yaml.Node, field string) (string, error) {
	if n.Kind != yaml.ScalarNode {
		return "", errorf(p.file, p.line(n), field, "must be a single text value, not a %s", kindName(n))
	}
	if n.Tag == "!!null" {
		return "", nil
	}
	return n.Value, nil
}

func (p *parser) byline(n *yaml.Node) error {
	switch n.Kind {
	case yaml.ScalarNode:
		if s := strings.TrimSpace(n.Value); s != "" && n.Tag != "!!null" {
			p.article.Byline = []string{PlainText(p.inlineText(s, n))}
		}
		return nil
	case yaml.SequenceNode:
		for _, c := range n.Content {
			s, err := p.scalar(c, "byline")
			if err != nil {
				return err
			}
			if s = strings.TrimSpace(s); s == "" {
				return errorf(p.file, p.line(c), "byline", "an empty name in the byline: remove it")
			}
			p.article.Byline = append(p.article.Byline, PlainText(p.inlineText(s, c)))
		}
		return nil
	}
	return errorf(p.file, p.line(n), "byline", "must be a name or a list of names")
}

// DateOnly is the location of times that were given as a plain date
// ("2016-12-13"), so that renderers show a date without a time of day.
var DateOnly = time.FixedZone("", 0)

// IsDateOnly reports whether t was given as a plain date.
func IsDateOnly(t time.Time) bool { return t.Location() == DateOnly }

func (p *parser) date(n *yaml.Node, field string) (time.Time, error) {
	if n.Kind != yaml.ScalarNode {
		return time.Time{}, errorf(p.file, p.line(n), field, "must be a date, not a %s", kindName(n))
	}
	s := strings.TrimSpace(n.Value)
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	if t, err := time.ParseInLocation("2006-01-02", s, DateOnly); err == nil {
		return t, nil
	}
	return time.Time{}, errorf(p.file, p.line(n), field, "%q is not a date: use RFC 3339 with a UTC offset (2016-12-13T08:26:00+11:00) or a plain date (2016-12-13)", s)
}

func (p *parser) photo(n *yaml.Node) (*Photo, error) {
	if n.Kind != yaml.MappingNode {
		return nil, errorf(p.file, p.line(n), "photo", "must be a mapping with src, alt, caption and credit")
	}
	fields, err := p.mapping(n, "photo.", photoKeys)
	if err != nil {
		return nil, err
	}
	ph := &Photo{Line: p.line(n)}
	get := func(key string) (string, *yaml.Node, error) {
		v := fields[key]
		if v == nil {
			return "", nil, nil
		}
		s, err := p.scalar(v, "photo."+key)
		return strings.TrimSpace(s), v, err
	}
	src, srcNode, err := get("src")
	if err != nil {
		return nil, err
	}
	if src == "" {
		return nil, errorf(p.file, ph.Line, "photo.src", "a photo needs src: the path of the image file inside the article's folder")
	}
	ph.Line = p.line(srcNode)
	if ph.Src, err = p.assetPath(src, ph.Line, "photo.src"); err != nil {
		return nil, err
	}
	alt, altNode, err := get("alt")
	if err != nil {
		return nil, err
	}
	if alt != "" {
		ph.Alt = strings.TrimSpace(PlainText(p.inlineText(alt, altNode)))
	}
	if ph.Alt == "" {
		return nil, errorf(p.file, ph.Line, "photo.alt", "the photo needs alt text: describe what the picture shows for readers who cannot see it")
	}
	if s, v, err := get("caption"); err != nil {
		return nil, err
	} else if s != "" {
		ph.Caption = p.inlineText(s, v)
	}
	if s, v, err := get("credit"); err != nil {
		return nil, err
	} else if s != "" {
		ph.Credit = p.inlineText(s, v)
	}
	return ph, nil
}

// assetPath checks that an image path stays inside the article's folder and
// returns it as a slash-separated fs.FS path.
func (p *parser) assetPath(src string, line int, field string) (string, error) {
	if u, err := url.Parse(src); err == nil && u.Scheme != "" && len(u.Scheme) > 1 {
		if isWebURL(src) {
			if p.fetch != nil {
				return p.download(src, line, field)
			}
			return "", &Error{File: p.file, Line: line, Field: field, Err: &RemoteImageError{URL: src}}
		}
		return "", errorf(p.file, line, field, "%q is a URL: images are never downloaded; save the file next to the article and give its name", src)
	}
	s := strings.ReplaceAll(src, "\\", "/")
	if strings.HasPrefix(s, "/") || (len(s) > 1 && s[1] == ':') {
		return "", errorf(p.file, line, field, "%q is an absolute path: give a path inside the article's folder", src)
	}
	clean := path.Clean(s)
	if clean == ".." || strings.HasPrefix(clean, "../") {
		return "", errorf(p.file, line, field, "%q leads out of the article's folder: move the image next to the article", src)
	}
	return clean, nil
}

func (p *parser) background(n *yaml.Node) error {
	bg := &Background{Title: "Background"}
	var body *yaml.Node
	switch n.Kind {
	case yaml.ScalarNode:
		body = n
	case yaml.MappingNode:
		fields, err := p.mapping(n, "background.", backgroundKeys)
		if err != nil {
			return err
		}
		if v := fields["title"]; v != nil {
			s, err := p.scalar(v, "background.title")
			if err != nil {
				return err
			}
			if s = strings.TrimSpace(s); s != "" {
				bg.Title = PlainText(p.inlineText(s, v))
			}
		}
		body = fields["body"]
	default:
		return errorf(p.file, p.line(n), "background", "must be a mapping with title and body, or the body text itself")
	}
	if body == nil {
		return errorf(p.file, p.line(n), "background.body", "the background needs a body: add `body: |` followed by its paragraphs")
	}
	s, err := p.scalar(body, "background.body")
	if err != nil {
		return err
	}
	if strings.TrimSpace(s) == "" {
		return errorf(p.file, p.line(body), "background.body", "the background's body is empty: write it or remove the background")
	}
	line := p.line(body)
	if body.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
		line++ // the text starts on the line after "body: |"
	}
	blocks, err := p.blocks([]byte(s), line, "background.body")
	if err != nil {
		return err
	}
	bg.Body = blocks
	p.article.Background = bg
	return nil
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "mapping"
	case yaml.SequenceNode:
		return "list"
	}
	return "value"
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// closest returns the known key nearest to s by edit distance, when it is
// near enough to be a likely typo.
func closest(s string, known []string) string {
	best, bestD := "", 3
	sorted := append([]string(nil), known...)
	sort.Strings(sorted)
	for _, k := range sorted {
		if d := editDistance(strings.ToLower(s), k); d < bestD {
			best, bestD = k, d
		}
	}
	return best
}

func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
