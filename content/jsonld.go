package content

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/text"
	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"
)

// ErrRemoteImage is what a *RemoteImageError matches with errors.Is: an
// article refers to an image by web address. Images are downloaded only by
// a Loader given a Fetch function; the zero Loader returns this error.
var ErrRemoteImage = errors.New("the image is a web address")

// RemoteImageError is the Err of a content *Error for an image given by
// http or https URL.
type RemoteImageError struct{ URL string }

func (e *RemoteImageError) Error() string {
	return fmt.Sprintf("%q is a web address: images are not downloaded; save the file next to the article and give its name", e.URL)
}

// Is makes errors.Is(err, ErrRemoteImage) true.
func (e *RemoteImageError) Is(target error) bool { return target == ErrRemoteImage }

// jsonLDTypes are the schema.org types read as an article.
var jsonLDTypes = []string{
	"Article", "NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle", "BackgroundNewsArticle",
	"OpinionNewsArticle", "ReviewNewsArticle", "AskPublicNewsArticle", "BlogPosting",
}

// ReadJSONLDFile loads an article from a schema.org JSON-LD file; its images
// resolve inside the file's folder.
func (ld Loader) ReadJSONLDFile(path string) (*Article, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, &Error{File: path, Err: errors.New("cannot read it: check the path")}
	}
	src, err := readSource(path, fi, "give a JSON-LD file", ": split the article")
	if err != nil {
		return nil, err
	}
	return ld.ParseJSONLD(path, src, folderFS(filepath.Dir(path)))
}

// ParseJSONLD reads an article from a schema.org JSON-LD document: a
// NewsArticle (or Article, ReportageNewsArticle and the other NewsArticle
// types), alone, in an array or in @graph. name is the file's path as the
// user knows it; assets resolves image paths, relative to the file.
//
// Text is plain, not Markdown: nothing in it is markup, but it gets the same
// typographic punctuation as Markdown. The mapping: headline; description,
// else alternativeHeadline → Standfirst; author → Byline; datePublished,
// dateModified; inLanguage (a tag, or a Language's alternateName or name);
// articleSection (the first); publisher; url → Source; articleBody →
// paragraphs split on blank lines; a hasPart BackgroundNewsArticle →
// Background (headline, articleBody). image: a local path in an ImageObject
// (contentUrl, else url) whose description is the alt text, caption the
// caption and creditText (else copyrightHolder) the credit; the first image
// is the lead photo, the others become figures after the body. Properties
// not listed are ignored.
func (ld Loader) ParseJSONLD(name string, src []byte, assets fs.FS) (*Article, error) {
	if err := checkText(name, src); err != nil {
		return nil, err
	}
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	l := &ldLoader{p: &parser{file: name, article: &Article{File: name, Assets: assets}, fetch: ld.Fetch}, src: src,
		lineStarts: lineStarts(src), ids: map[string]*jsonValue{}}
	root, err := l.decode()
	if err != nil {
		return nil, err
	}
	node, err := l.findArticle(root)
	if err != nil {
		return nil, err
	}
	if err := l.article(node); err != nil {
		return nil, err
	}
	a := l.p.article
	a.Slug = Slug(name, a.Headline)
	a.Assets = l.p.withFetched(a.Assets)
	return a, nil
}

// plainMD parses plain text for its typographic punctuation only: the
// same substitutions as Markdown articles (see md), nothing else.
var plainMD = goldmark.New(goldmark.WithExtensions(typographer))

// markupChars may start Markdown markup anywhere in a line; heldBase is the
// first of the private-use runes that stand in for them while parsing.
const (
	markupChars      = "\\`*_[]<>&"
	heldBase    rune = 0x10FF00
	heldLead         = heldBase + rune(len(markupChars)) // then ASCII markers held at a line's start
)

// plain turns plain text into inlines with typographic punctuation and
// nothing else: characters that Markdown would read as markup are held out
// of the parser's sight and put back afterwards.
func (l *ldLoader) plain(s string, v *jsonValue) []Inline {
	s = norm.NFC.String(strings.Join(strings.Fields(s), " "))
	var b strings.Builder
	for i, r := range s {
		k := strings.IndexRune(markupChars, r)
		lead := i == 0 && strings.ContainsRune("-+#>=~|", r) ||
			(r == '.' || r == ')') && i > 0 && strings.Trim(s[:i], "0123456789") == "" // "1. " starts a list
		switch {
		case k >= 0:
			b.WriteRune(heldBase + rune(k))
		case lead:
			b.WriteRune(heldLead + r)
		default:
			b.WriteRune(r)
		}
	}
	src := []byte(b.String())
	doc := plainMD.Parser().Parse(text.NewReader(src))
	c := &converter{p: l.p, src: src, line: l.line(v.off)}
	var out []Inline
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		out = append(out, c.inlines(n, 0, "")...)
	}
	for i := range out {
		out[i].Text = strings.Map(func(r rune) rune {
			switch {
			case r >= heldLead && r < heldLead+128:
				return r - heldLead
			case r >= heldBase && r < heldLead:
				return rune(markupChars[r-heldBase])
			}
			return r
		}, out[i].Text)
	}
	return mergeInlines(out)
}

// paragraphs splits plain text on blank lines.
func (l *ldLoader) paragraphs(s string, v *jsonValue) []Block {
	var out []Block
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			if ins := l.plain(strings.Join(cur, " "), v); len(ins) > 0 {
				out = append(out, &Paragraph{Inlines: ins})
			}
			cur = nil
		}
	}
	for _, line := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		if strings.TrimSpace(line) == "" {
			flush()
			continue
		}
		cur = append(cur, strings.TrimSpace(line))
	}
	flush()
	return out
}

// article maps the article node's properties onto the model.
func (l *ldLoader) article(n *jsonValue) error {
	a, f := l.p.article, n.fields
	hv := f["headline"]
	if hv == nil {
		return l.errorf(n, "headline", "an article needs a headline: add \"headline\": \"...\"")
	}
	s, err := l.text(hv, "headline")
	if err != nil {
		return err
	}
	if a.Headline = PlainText(l.plain(s, hv)); a.Headline == "" {
		return l.errorf(hv, "headline", "the headline is empty: write it")
	}
	for _, key := range []string{"description", "alternativeHeadline"} {
		if v := f[key]; v != nil && a.Standfirst == nil {
			s, err := l.text(v, key)
			if err != nil {
				return err
			}
			if s != "" {
				a.Standfirst = l.plain(s, v)
			}
		}
	}
	if v := f["author"]; v != nil {
		for i, it := range l.list(v) {
			field := index("author", i, v.kind == jsonArray)
			s, err := l.name(it, field)
			if err != nil {
				return err
			}
			if s == "" {
				return l.errorf(it, field, "an empty name in the byline: remove it")
			}
			a.Byline = append(a.Byline, PlainText(l.plain(s, it)))
		}
	}
	pv := f["datePublished"]
	if pv == nil {
		return l.errorf(n, "datePublished", "an article needs a publication date: add \"datePublished\": \"2016-12-13T08:26:00+11:00\" (ISO 8601 with a UTC offset) or \"2016-12-13\"")
	}
	if a.Published, err = l.date(pv, "datePublished"); err != nil {
		return err
	}
	if v := f["dateModified"]; v != nil {
		if a.Updated, err = l.date(v, "dateModified"); err != nil {
			return err
		}
		if a.Updated.Before(a.Published) {
			return l.errorf(v, "dateModified", "dateModified (%s) is before datePublished (%s): check both dates", v.str, pv.str)
		}
	}
	if err := l.language(f["inLanguage"]); err != nil {
		return err
	}
	if v := f["articleSection"]; v != nil {
		if items := l.list(v); len(items) > 0 {
			s, err := l.text(items[0], index("articleSection", 0, v.kind == jsonArray))
			if err != nil {
				return err
			}
			a.Section = PlainText(l.plain(s, items[0]))
		}
	}
	if v := f["publisher"]; v != nil {
		s, err := l.name(v, "publisher")
		if err != nil {
			return err
		}
		a.Publisher = PlainText(l.plain(s, v))
	}
	if v := f["url"]; v != nil {
		s, err := l.text(v, "url")
		if err != nil {
			return err
		}
		if !isWebURL(s) {
			return l.errorf(v, "url", "%q is not a web address: give the original's http or https URL", s)
		}
		a.Source = s
	}
	var figures []Block
	if v := f["image"]; v != nil {
		for i, it := range l.list(v) {
			ph, err := l.image(it, index("image", i, v.kind == jsonArray))
			if err != nil {
				return err
			}
			if a.Photo == nil {
				a.Photo = ph
			} else {
				figures = append(figures, &Figure{Photo: ph})
			}
		}
	}
	bv := f["articleBody"]
	if bv == nil {
		return l.errorf(n, "articleBody", "the article has no body: add \"articleBody\" with its text, paragraphs separated by blank lines")
	}
	if s, err = l.text(bv, "articleBody"); err != nil {
		return err
	}
	if a.Body = l.paragraphs(s, bv); len(a.Body) == 0 {
		return l.errorf(bv, "articleBody", "the article's body is empty: write its text")
	}
	a.Body = append(a.Body, figures...)
	if v := f["hasPart"]; v != nil {
		return l.background(v)
	}
	return nil
}

// date reads an ISO 8601 date-time with a UTC offset, or a plain date.
func (l *ldLoader) date(v *jsonValue, field string) (time.Time, error) {
	s, err := l.text(v, field)
	if err != nil {
		return time.Time{}, err
	}
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04Z07:00"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	if t, err := time.ParseInLocation("2006-01-02", s, DateOnly); err == nil {
		return t, nil
	}
	for _, layout := range []string{"2006-01-02T15:04:05", "2006-01-02T15:04"} {
		if _, err := time.Parse(layout, s); err == nil {
			return time.Time{}, l.errorf(v, field, "%q has no UTC offset: add one, as in %s+11:00 or %sZ", s, s, s)
		}
	}
	return time.Time{}, l.errorf(v, field, "%q is not a date: use ISO 8601 with a UTC offset (2016-12-13T08:26:00+11:00) or a plain date (2016-12-13)", s)
}

// language reads inLanguage: a tag, or a Language object whose
// alternateName (the code) or name is one.
func (l *ldLoader) language(v *jsonValue) error {
	a := l.p.article
	a.Language = "en"
	if v == nil {
		return nil
	}
	field := "inLanguage"
	if v = l.resolve(v); v.kind == jsonObject {
		switch {
		case v.fields["alternateName"] != nil:
			v, field = v.fields["alternateName"], field+".alternateName"
		case v.fields["name"] != nil:
			v, field = v.fields["name"], field+".name"
		default:
			return l.errorf(v, field, "a Language needs alternateName: its BCP 47 tag, such as \"en-AU\"")
		}
	}
	s, err := l.text(v, field)
	if err != nil {
		return err
	}
	tag, err := language.Parse(s)
	if err != nil || s == "" {
		return l.errorf(v, field, "%q is not a BCP 47 language tag: use one like en, en-AU, ar or zh-Hant", s)
	}
	a.Language = tag.String()
	return nil
}

func isWebURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (strings.EqualFold(u.Scheme, "http") || strings.EqualFold(u.Scheme, "https")) && u.Host != ""
}

// image reads an ImageObject with a local path.
func (l *ldLoader) image(v *jsonValue, field string) (*Photo, error) {
	v = l.resolve(v)
	if v.kind == jsonString {
		s, err := l.text(v, field)
		if err != nil {
			return nil, err
		}
		if isWebURL(s) && l.p.fetch == nil {
			return nil, &Error{File: l.p.file, Line: l.line(v.off), Field: field, Err: &RemoteImageError{URL: s}}
		}
		return nil, l.errorf(v, field, "a bare image path has no alt text: give an ImageObject, {\"contentUrl\": %q, \"description\": \"what the picture shows\"}", s)
	}
	if v.kind != jsonObject {
		return nil, l.errorf(v, field, "must be an ImageObject, not %s", v.kindName())
	}
	ts, err := l.types(v, field)
	if err != nil {
		return nil, err
	}
	for _, t := range ts {
		if t != "ImageObject" && t != "Photograph" {
			return nil, l.errorf(v.fields["@type"], field+".@type", "%q is not an image: use ImageObject", t)
		}
	}
	sv, key := v.fields["contentUrl"], "contentUrl"
	if sv == nil {
		sv, key = v.fields["url"], "url"
	}
	if sv == nil {
		return nil, l.errorf(v, field+".contentUrl", "the image needs contentUrl: the path of the image file next to the JSON file")
	}
	src, err := l.text(sv, field+"."+key)
	if err != nil {
		return nil, err
	}
	line := l.line(sv.off)
	if isWebURL(src) && l.p.fetch == nil { // with fetch, assetPath downloads it
		return nil, &Error{File: l.p.file, Line: line, Field: field + "." + key, Err: &RemoteImageError{URL: src}}
	}
	if src == "" {
		return nil, l.errorf(sv, field+"."+key, "the image path is empty: give the image file's name")
	}
	ph := &Photo{Line: line}
	if ph.Src, err = l.p.assetPath(src, line, field+"."+key); err != nil {
		return nil, err
	}
	alt := ""
	if d := v.fields["description"]; d != nil {
		if alt, err = l.text(d, field+".description"); err != nil {
			return nil, err
		}
	}
	if alt == "" {
		return nil, l.errorf(v, field+".description", "the image %q needs alt text: add \"description\": \"what the picture shows\" to the ImageObject", src)
	}
	ph.Alt = PlainText(l.plain(alt, v.fields["description"]))
	if c := v.fields["caption"]; c != nil {
		s, err := l.text(c, field+".caption")
		if err != nil {
			return nil, err
		}
		if s != "" {
			ph.Caption = l.plain(s, c)
		}
	}
	cv, ckey := v.fields["creditText"], "creditText"
	if cv == nil {
		cv, ckey = v.fields["copyrightHolder"], "copyrightHolder"
	}
	if cv != nil {
		s, err := l.name(cv, field+"."+ckey)
		if err != nil {
			return nil, err
		}
		if s != "" {
			ph.Credit = l.plain(s, cv)
		}
	}
	return ph, nil
}

// background reads the explainer from a hasPart BackgroundNewsArticle;
// other parts are ignored.
func (l *ldLoader) background(v *jsonValue) error {
	for i, it := range l.list(v) {
		field := index("hasPart", i, v.kind == jsonArray)
		it = l.resolve(it)
		if it.kind != jsonObject {
			return l.errorf(it, field, "must be an object, not %s", it.kindName())
		}
		ts, err := l.types(it, field)
		if err != nil {
			return err
		}
		if !contains(ts, "BackgroundNewsArticle") {
			continue
		}
		if l.p.article.Background != nil {
			return l.errorf(it, field, "a second background: an article has one; merge them")
		}
		bg := &Background{Title: "Background"}
		for _, key := range []string{"headline", "name"} {
			if t := it.fields[key]; t != nil {
				s, err := l.text(t, field+"."+key)
				if err != nil {
					return err
				}
				if s != "" {
					bg.Title = PlainText(l.plain(s, t))
					break
				}
			}
		}
		bv := it.fields["articleBody"]
		if bv == nil {
			return l.errorf(it, field+".articleBody", "the background needs a body: add \"articleBody\" with its text")
		}
		s, err := l.text(bv, field+".articleBody")
		if err != nil {
			return err
		}
		if bg.Body = l.paragraphs(s, bv); len(bg.Body) == 0 {
			return l.errorf(bv, field+".articleBody", "the background's body is empty: write it or remove the part")
		}
		l.p.article.Background = bg
	}
	return nil
}
