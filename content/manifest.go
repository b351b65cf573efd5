package content

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"golang.org/x/text/language"
	"gopkg.in/yaml.v3"
)

// ManifestName is the file a folder's edition is read from.
const ManifestName = "edition.yaml"

// Manifest is an edition manifest (edition.yaml) as written: the edition's
// metadata and, per section, the paths of its articles. It is what
// ParseManifest returns before anything is read from disk.
type Manifest struct {
	File       string // as given to ParseManifest, for errors
	Title      string
	Subtitle   string
	Publisher  string
	Language   string // BCP 47; empty means from the articles
	Identifier string // ISBN, URN; empty means derived
	Date       time.Time
	Cover      ManifestPath // Path empty when not given
	Masthead   ManifestPath
	Theme      Theme
	Sections   []ManifestSection
}

// ManifestSection is a section as the manifest lists it.
type ManifestSection struct {
	Title    string
	Line     int
	Articles []ManifestPath
}

// ManifestPath is a path in a manifest: slash-separated, cleaned, inside the
// manifest's folder, with the line it was written on.
type ManifestPath struct {
	Path  string
	Line  int
	Field string // "sections[0].articles[1]", "cover"
}

var manifestKeys = []string{
	"title", "subtitle", "publisher", "date", "language", "identifier",
	"cover", "masthead", "theme", "sections",
}
var themeKeys = []string{"page-size", "columns", "accent"}
var sectionKeys = []string{"title", "articles"}

var accentRE = regexp.MustCompile(`^#[0-9A-Fa-f]{6}$`)

// ParseManifest reads an edition manifest. name is the file's path as the
// user knows it, for errors; nothing is read from disk.
func ParseManifest(name string, src []byte) (*Manifest, error) {
	if err := checkText(name, src); err != nil {
		return nil, err
	}
	p := &parser{file: name, fmLine: 1, article: &Article{File: name}}
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		var n int
		if _, scanErr := fmt.Sscanf(msg, "line %d:", &n); scanErr == nil {
			return nil, errorf(name, n, "", "not valid YAML:%s", msg[strings.Index(msg, ":")+1:])
		}
		return nil, errorf(name, 1, "", "not valid YAML: %s", msg)
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return nil, errorf(name, 1, "", "the manifest is empty: give at least a title and sections")
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, errorf(name, root.Line, "", "the manifest must be a mapping of keys to values (key: value)")
	}
	fields, err := p.mapping(root, "", manifestKeys)
	if err != nil {
		return nil, err
	}
	m := &Manifest{File: name}
	text := func(key string) (string, error) {
		n := fields[key]
		if n == nil {
			return "", nil
		}
		s, err := p.scalar(n, key)
		if err != nil || strings.TrimSpace(s) == "" {
			return "", err
		}
		return PlainText(p.inlineText(s, n)), nil
	}
	if m.Title, err = text("title"); err != nil {
		return nil, err
	}
	if m.Subtitle, err = text("subtitle"); err != nil {
		return nil, err
	}
	if m.Publisher, err = text("publisher"); err != nil {
		return nil, err
	}
	if m.Title == "" {
		line := 1
		if n := fields["title"]; n != nil {
			line = n.Line
		}
		return nil, errorf(name, line, "title", "an edition needs a title: add `title: ...` to the manifest")
	}
	if n := fields["date"]; n != nil {
		if m.Date, err = p.date(n, "date"); err != nil {
			return nil, err
		}
	}
	if n := fields["language"]; n != nil {
		s, err := p.scalar(n, "language")
		if err != nil {
			return nil, err
		}
		tag, err := language.Parse(s)
		if err != nil || s == "" {
			return nil, errorf(name, n.Line, "language", "%q is not a BCP 47 language tag: use one like en, en-AU, ar or zh-Hant", s)
		}
		m.Language = tag.String()
	}
	if n := fields["identifier"]; n != nil {
		s, err := p.scalar(n, "identifier")
		if err != nil {
			return nil, err
		}
		if m.Identifier = strings.TrimSpace(s); m.Identifier == "" {
			return nil, errorf(name, n.Line, "identifier", "the identifier is empty: give an ISBN or URN, or remove the key to have one derived")
		}
	}
	if n := fields["cover"]; n != nil {
		if m.Cover, err = p.manifestPath(n, "cover", "an image file"); err != nil {
			return nil, err
		}
	}
	if n := fields["masthead"]; n != nil {
		if m.Masthead, err = p.manifestPath(n, "masthead", "an image file"); err != nil {
			return nil, err
		}
	}
	if n := fields["theme"]; n != nil {
		if m.Theme, err = p.theme(n); err != nil {
			return nil, err
		}
	}
	if m.Sections, err = p.sections(fields["sections"]); err != nil {
		return nil, err
	}
	return m, nil
}

func (p *parser) theme(n *yaml.Node) (Theme, error) {
	var th Theme
	if n.Kind != yaml.MappingNode {
		return th, errorf(p.file, n.Line, "theme", "must be a mapping with page-size, columns and accent")
	}
	fields, err := p.mapping(n, "theme.", themeKeys)
	if err != nil {
		return th, err
	}
	if v := fields["page-size"]; v != nil {
		s, err := p.scalar(v, "theme.page-size")
		if err != nil {
			return th, err
		}
		if th.PageSize = strings.ToLower(strings.TrimSpace(s)); th.PageSize != "a4" && th.PageSize != "letter" {
			return th, errorf(p.file, v.Line, "theme.page-size", "%q is not a page size: use a4 or letter", s)
		}
	}
	if v := fields["columns"]; v != nil {
		if v.Kind != yaml.ScalarNode || v.Tag != "!!int" || (v.Value != "1" && v.Value != "2") {
			return th, errorf(p.file, v.Line, "theme.columns", "must be 1 or 2, not %q", v.Value)
		}
		th.Columns = int(v.Value[0] - '0')
	}
	if v := fields["accent"]; v != nil {
		s, err := p.scalar(v, "theme.accent")
		if err != nil {
			return th, err
		}
		if !accentRE.MatchString(strings.TrimSpace(s)) {
			return th, errorf(p.file, v.Line, "theme.accent", "%q is not a colour: give \"#RRGGBB\" in quotes, such as \"#B5121B\"", s)
		}
		th.Accent = strings.ToUpper(strings.TrimSpace(s))
	}
	return th, nil
}

func (p *parser) sections(n *yaml.Node) ([]ManifestSection, error) {
	if n == nil {
		return nil, errorf(p.file, 1, "sections", "an edition needs sections: add `sections:` with a list of {title, articles}")
	}
	if n.Kind != yaml.SequenceNode || len(n.Content) == 0 {
		return nil, errorf(p.file, n.Line, "sections", "must be a list of sections, each with a title and articles")
	}
	var out []ManifestSection
	for i, sn := range n.Content {
		field := fmt.Sprintf("sections[%d]", i)
		if sn.Kind != yaml.MappingNode {
			return nil, errorf(p.file, sn.Line, field, "a section must be a mapping with title and articles, not a %s", kindName(sn))
		}
		fields, err := p.mapping(sn, field+".", sectionKeys)
		if err != nil {
			return nil, err
		}
		s := ManifestSection{Line: sn.Line}
		if v := fields["title"]; v != nil {
			t, err := p.scalar(v, field+".title")
			if err != nil {
				return nil, err
			}
			if strings.TrimSpace(t) != "" {
				s.Title = PlainText(p.inlineText(t, v))
			}
		}
		if s.Title == "" {
			return nil, errorf(p.file, sn.Line, field+".title", "a section needs a title: add `title: World`")
		}
		an := fields["articles"]
		if an == nil || an.Kind != yaml.SequenceNode || len(an.Content) == 0 {
			line := sn.Line
			if an != nil {
				line = an.Line
			}
			return nil, errorf(p.file, line, field+".articles", "the section %q has no articles: list their files or folders under `articles:`", s.Title)
		}
		for j, a := range an.Content {
			mp, err := p.manifestPath(a, fmt.Sprintf("%s.articles[%d]", field, j), "an article file or folder")
			if err != nil {
				return nil, err
			}
			s.Articles = append(s.Articles, mp)
		}
		out = append(out, s)
	}
	return out, nil
}

// manifestPath checks that a path stays inside the manifest's folder.
func (p *parser) manifestPath(n *yaml.Node, field, what string) (ManifestPath, error) {
	s, err := p.scalar(n, field)
	if err != nil {
		return ManifestPath{}, err
	}
	mp := ManifestPath{Line: n.Line, Field: field}
	src := strings.TrimSpace(s)
	if src == "" {
		return mp, errorf(p.file, n.Line, field, "the path is empty: give %s, relative to the manifest's folder", what)
	}
	if u, err := url.Parse(src); err == nil && len(u.Scheme) > 1 {
		return mp, errorf(p.file, n.Line, field, "%q is a URL: nothing is downloaded; save %s in the manifest's folder and give its path", src, what)
	}
	slash := strings.ReplaceAll(src, "\\", "/")
	if strings.HasPrefix(slash, "/") || (len(slash) > 1 && slash[1] == ':') {
		return mp, errorf(p.file, n.Line, field, "%q is an absolute path: give a path relative to the manifest's folder", src)
	}
	mp.Path = path.Clean(slash)
	if mp.Path == ".." || strings.HasPrefix(mp.Path, "../") {
		return mp, errorf(p.file, n.Line, field, "%q leads out of the manifest's folder: move it under the folder that holds the manifest", src)
	}
	return mp, nil
}

// ReadEditionFile loads an edition from a manifest file, or from a folder
// holding edition.yaml, and every article it lists: Markdown files or
// folders, and JSON-LD files (.json, .jsonld). Errors in an article name the
// article's file; the manifest's own name its file and line.
func (ld Loader) ReadEditionFile(name string) (*Edition, error) {
	fi, err := os.Stat(name)
	if err != nil {
		return nil, &Error{File: name, Err: errors.New("cannot read it: check the path")}
	}
	if fi.IsDir() {
		dir := name
		if name = filepath.Join(dir, ManifestName); !isFile(name) {
			if alt := filepath.Join(dir, "edition.yml"); isFile(alt) {
				name = alt
			} else {
				return nil, &Error{File: dir, Err: errors.New("holds no edition.yaml: write one listing the sections and their articles")}
			}
		}
		if fi, err = os.Stat(name); err != nil {
			return nil, &Error{File: name, Err: err}
		}
	}
	src, err := readSource(name, fi, "give edition.yaml or its folder", "")
	if err != nil {
		return nil, err
	}
	m, err := ParseManifest(name, src)
	if err != nil {
		return nil, err
	}
	dir := filepath.Dir(name)
	ed := &Edition{
		File:  name,
		Title: m.Title, Subtitle: m.Subtitle, Publisher: m.Publisher, Language: m.Language,
		Date: m.Date, Identifier: m.Identifier, Theme: m.Theme,
		Cover: m.Cover.Path, Masthead: m.Masthead.Path,
	}
	for _, img := range []ManifestPath{m.Cover, m.Masthead} {
		if img.Path == "" {
			continue
		}
		if !isFile(filepath.Join(dir, filepath.FromSlash(img.Path))) {
			return nil, errorf(name, img.Line, img.Field, "%q is not a file in the manifest's folder: check the path", img.Path)
		}
		ed.Assets = folderFS(dir)
	}
	seen := map[string]ManifestPath{}
	for _, ms := range m.Sections {
		s := &Section{Title: ms.Title}
		for _, mp := range ms.Articles {
			if first, dup := seen[mp.Path]; dup {
				return nil, errorf(name, mp.Line, mp.Field, "%q is already listed at line %d: list each article once", mp.Path, first.Line)
			}
			seen[mp.Path] = mp
			full := filepath.Join(dir, filepath.FromSlash(mp.Path))
			if _, err := os.Stat(full); err != nil {
				return nil, errorf(name, mp.Line, mp.Field, "%q does not exist: check the path, relative to the manifest's folder", mp.Path)
			}
			if escapes(dir, mp.Path) {
				return nil, errorf(name, mp.Line, mp.Field, "%q leads out of the manifest's folder through a symbolic link: copy the article into the folder", mp.Path)
			}
			a, err := ld.readListedArticle(full)
			if err != nil {
				return nil, err
			}
			s.Articles = append(s.Articles, a)
		}
		ed.Sections = append(ed.Sections, s)
	}
	return ed, nil
}

// readListedArticle loads an article by extension: JSON-LD for .json and
// .jsonld, Markdown otherwise; a folder holding no Markdown but one JSON-LD
// file is read as that file.
func (lo Loader) readListedArticle(p string) (*Article, error) {
	if fi, err := os.Stat(p); err == nil && fi.IsDir() {
		md, _ := filepath.Glob(filepath.Join(p, "*.md"))
		var ld []string
		for _, pat := range []string{"*.json", "*.jsonld"} {
			m, _ := filepath.Glob(filepath.Join(p, pat))
			ld = append(ld, m...)
		}
		if len(md) == 0 && len(ld) == 1 {
			return lo.ReadJSONLDFile(ld[0])
		}
		if len(md) == 0 && len(ld) > 1 {
			sort.Strings(ld)
			return nil, &Error{File: p, Err: fmt.Errorf("holds several JSON files (%s) and no Markdown: give the article's file", strings.Join(ld, ", "))}
		}
		return lo.ReadArticleFile(p)
	}
	switch strings.ToLower(filepath.Ext(p)) {
	case ".json", ".jsonld":
		return lo.ReadJSONLDFile(p)
	}
	return lo.ReadArticleFile(p)
}

func isFile(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.Mode().IsRegular()
}
