package epub

import (
	"fmt"
	"path"
	"strconv"
	"strings"

	"github.com/edition-project/edition/content"
	"github.com/edition-project/edition/edition"
	"golang.org/x/text/language"
)

// Where things live inside the EPUB. go-epub fixes the folders; the names
// are ours.
const (
	contentDir   = "EPUB/"
	xhtmlDir     = "xhtml/"
	imageDir     = "images/"
	cssDir       = "css/"
	navFile      = "nav.xhtml"
	contentsFile = "contents.xhtml" // a whole edition's contents page
	ncxFile      = "toc.ncx"        // go-epub's EPUB 2 table of contents, dropped
	styleFile    = "edition.css"
	coverFile    = "cover.xhtml"
	pkgFile      = "package.opf"
	fromContent  = "../" // from a content document up to the EPUB folder
)

// plan is everything the renderer decides before it hands the parts to
// go-epub: file names, content documents, pictures and navigation.
type plan struct {
	b    *edition.Book
	opts Renderer
	lang string // the book's language, well-formed BCP 47
	dir  string // "ltr" or "rtl"
	l    *edition.Labels

	// marks are the page breaks to write, by article (index in
	// Edition.Articles()) and block; pages are the page list's entries in
	// page order, their documents filled in as articles are written.
	marks map[int]blockMarks
	pages []*pageEntry

	docs   []*doc       // content documents in reading order, cover first
	images []*imageFile // pictures in the order they appear
	cover  *imageFile   // nil when the book has no cover picture
	toc    []*tocEntry

	// A whole edition (edition.Book.FrontMatter) has a contents page and
	// links between its articles: front says so, and entries and
	// sections are what the contents page lists (see contents.go).
	front    bool
	entries  []*listed
	sections []*sectionEntry
	// frontMarks are the page breaks in the cover and the contents page.
	frontMarks frontMarks

	photos        int // photos shown in the content (not the cover)
	photosWithAlt int
	files         map[string]bool // used file names, to keep them unique
	fonts         *fontFiles      // the embedded fonts (fonts.go); nil when none
	aligns        map[content.Align]bool
}

// doc is one XHTML content document.
type doc struct {
	file  string // name inside xhtml/
	title string
	lang  string
	dir   string
	body  string // markup that goes inside <body>
	// landmark is the landmark type this document starts ("cover", "bodymatter"), if any.
	landmark string
}

// imageFile is a picture stored in images/.
type imageFile struct {
	file string
	enc  edition.Encoded
	src  *edition.Image
	// stand is the placeholder go-epub got instead of the picture
	// (placeholder.go), nil when it got the picture itself.
	stand *placeholder
}

// tocEntry is one line of the table of contents; href "" makes it a heading
// without a link (a section of the edition).
type tocEntry struct {
	title    string
	href     string
	children []*tocEntry
}

// newPlan lays out the book's parts.
func newPlan(b *edition.Book, opts Renderer) (*plan, error) {
	if b == nil || b.Edition == nil {
		return nil, fmt.Errorf("epub: no book to render")
	}
	p := &plan{b: b, opts: opts, files: map[string]bool{coverFile: true, contentsFile: true},
		aligns: map[content.Align]bool{}, front: b.FrontMatter()}
	var err error
	if p.lang, p.dir, err = langDir(b.Language); err != nil {
		return nil, err
	}
	p.l = edition.LabelsFor(p.lang)
	if err := p.placePages(opts.Pages); err != nil {
		return nil, err
	}
	if b.Cover != nil && imageExt(b.Cover.EPUB.MediaType) != "" && len(b.Cover.EPUB.Data) > 0 {
		p.cover = &imageFile{file: p.imageName(b.Cover.Name, "cover", b.Cover.EPUB.MediaType),
			enc: b.Cover.EPUB, src: b.Cover}
		p.images = append(p.images, p.cover)
	}
	p.docs = append(p.docs, p.coverDoc())
	var contents *doc
	if p.front {
		contents = &doc{file: contentsFile, title: p.l.Contents, lang: p.lang, dir: p.dir, landmark: "toc"}
		p.docs = append(p.docs, contents)
	}

	ed := b.Edition
	arts := ed.Articles()
	// An edition of one untitled section is simply its articles; otherwise
	// the table of contents groups articles under their section.
	grouped := len(ed.Sections) > 1 || len(ed.Sections) == 1 && clean(ed.Sections[0].Title) != ""
	n, ai := 0, 0
	for si, s := range ed.Sections {
		var parent *tocEntry
		var sec *sectionEntry
		if grouped && len(s.Articles) > 0 {
			title := clean(s.Title)
			if title == "" {
				title = "Section " + strconv.Itoa(si+1)
			}
			parent = &tocEntry{title: title}
			p.toc = append(p.toc, parent)
			sec = &sectionEntry{title: title, id: "section-" + strconv.Itoa(len(p.sections)+1)}
			p.sections = append(p.sections, sec)
		}
		for _, a := range s.Articles {
			ai++
			if a == nil {
				continue
			}
			n++
			d, entry, err := p.article(a, n, ai-1)
			if err != nil {
				return nil, err
			}
			if n == 1 {
				d.landmark = "bodymatter"
			}
			p.docs = append(p.docs, d)
			p.entries = append(p.entries, &listed{a: a, index: ai - 1, doc: d, section: sec})
			if parent != nil {
				parent.children = append(parent.children, entry)
			} else {
				p.toc = append(p.toc, entry)
			}
		}
	}
	if n == 0 || len(arts) == 0 {
		return nil, fmt.Errorf("epub: the book has no articles")
	}
	if contents != nil {
		contents.body = p.contentsBody()
		p.linkArticles()
		// Every document in the spine is reachable from the contents.
		p.toc = append([]*tocEntry{{title: p.l.Contents, href: xhtmlDir + contentsFile}}, p.toc...)
	}
	// The cover heads the table of contents: readers find it there, and
	// every document in the spine is then reachable from the contents.
	p.toc = append([]*tocEntry{{title: p.l.Cover, href: xhtmlDir + coverFile}}, p.toc...)
	for _, pg := range p.pages {
		if pg.doc == "" {
			return nil, fmt.Errorf("epub: page %s: its position was not found in article %d", pg.label, pg.article+1)
		}
	}
	return p, nil
}

// langDir checks a BCP 47 tag and returns it with the writing direction of
// its script.
func langDir(tag string) (string, string, error) {
	if tag == "" {
		tag = "en"
	}
	t, err := language.Parse(tag)
	if err != nil {
		return "", "", fmt.Errorf("epub: language %q is not a BCP 47 tag: %w", tag, err)
	}
	script, _ := t.Script()
	switch script.String() {
	case "Arab", "Hebr", "Thaa", "Syrc", "Nkoo", "Adlm", "Rohg", "Samr", "Mand", "Yezi":
		return tag, "rtl", nil
	}
	return tag, "ltr", nil
}

// docName returns a unique content document name for an article.
func (p *plan) docName(slug string, n int) string {
	base := "article-" + strconv.Itoa(n)
	if validName(slug) && slug[0] >= 'a' && slug[0] <= 'z' {
		// go-epub uses the file name as the manifest id, an XML name.
		base = slug
	}
	name := base + ".xhtml"
	for i := 2; p.files[name]; i++ {
		name = base + "-" + strconv.Itoa(i) + ".xhtml"
	}
	p.files[name] = true
	return name
}

// imageName returns a unique picture file name, from the prepared image's
// name when it is a plain one.
func (p *plan) imageName(name, fallback, mediaType string) string {
	ext := imageExt(mediaType)
	base := strings.TrimSuffix(name, path.Ext(name))
	if !validName(base) {
		base = fallback
	}
	file := base + ext
	for i := 2; p.files[imageDir+file]; i++ {
		file = base + "-" + strconv.Itoa(i) + ext
	}
	p.files[imageDir+file] = true
	return file
}

// validName reports whether s is a plain file name: ASCII letters, digits,
// hyphens and underscores, starting with a letter or digit.
func validName(s string) bool {
	if s == "" || len(s) > 100 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		case (c == '-' || c == '_') && i > 0:
		default:
			return false
		}
	}
	return true
}

// imageExt returns the file extension for a picture type EPUB readers must
// support, or "" for any other type.
func imageExt(mediaType string) string {
	switch mediaType {
	case "image/jpeg":
		return ".jpg"
	case "image/png":
		return ".png"
	case "image/gif":
		return ".gif"
	}
	return ""
}

// photo returns the stored picture for a photo of the content, adding it on
// first use, or nil when the book has no usable image data for it.
func (p *plan) photo(ph *content.Photo) *imageFile {
	img := p.b.Image(ph)
	if ph == nil || img == nil || len(img.EPUB.Data) == 0 || imageExt(img.EPUB.MediaType) == "" {
		return nil
	}
	for _, f := range p.images {
		if f.src == img {
			return f
		}
	}
	f := &imageFile{file: p.imageName(img.Name, "photo-"+strconv.Itoa(len(p.images)+1), img.EPUB.MediaType),
		enc: img.EPUB, src: img}
	p.images = append(p.images, f)
	return f
}
