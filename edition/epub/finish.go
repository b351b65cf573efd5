package epub

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/xml"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"maps"
	"path"
	"slices"
	"strings"
	"sync"
)

// finish reads the EPUB go-epub wrote and writes ours to w: the same files,
// with our package metadata, our navigation document, language and
// direction on every content document, in a fixed order with fixed
// timestamps and no extra fields, so that the same book gives the same bytes.
func (p *plan) finish(src []byte, w io.Writer) error {
	zr, err := zip.NewReader(bytes.NewReader(src), int64(len(src)))
	if err != nil {
		return fmt.Errorf("epub: finishing: reading go-epub's output: %w", err)
	}
	files := map[string][]byte{}
	var names []string
	stands, put := map[string]*imageFile{}, map[string]bool{}
	for _, img := range p.images {
		if img.stand != nil {
			stands[contentDir+imageDir+img.file] = img
		}
	}
	for _, f := range zr.File {
		if strings.HasSuffix(f.Name, "/") {
			continue
		}
		data, err := readEntry(f)
		if err != nil {
			return fmt.Errorf("epub: finishing: %s: %w", f.Name, err)
		}
		if img := stands[f.Name]; img != nil {
			// go-epub got a placeholder for this picture: put the
			// picture in.
			if !bytes.Equal(data, img.stand.data) {
				return fmt.Errorf("epub: finishing: %s: go-epub did not write the placeholder it was given", f.Name)
			}
			data = img.enc.Data
			put[f.Name] = true
		}
		if f.Name == contentDir+ncxFile {
			// EPUB 3 readers navigate with the navigation document; an
			// NCX only draws EPUBCheck notes (HTM-010, OPF-059).
			continue
		}
		if _, dup := files[f.Name]; !dup {
			names = append(names, f.Name)
		}
		files[f.Name] = data
	}
	if p.fonts != nil {
		// go-epub cannot take fonts (see fonts.go): add them here.
		added, err := p.fonts.files()
		if err != nil {
			return err
		}
		for _, name := range slices.Sorted(maps.Keys(added)) {
			if _, dup := files[name]; !dup {
				names = append(names, name)
			}
			files[name] = added[name]
		}
	}
	docs := map[string]*doc{}
	for _, d := range p.docs {
		docs[contentDir+xhtmlDir+d.file] = d
	}
	for _, name := range names {
		var err error
		switch {
		case name == contentDir+pkgFile:
			files[name], err = p.rewriteOPF(files[name])
		case name == contentDir+navFile:
			files[name] = p.navDocument()
		case docs[name] != nil:
			files[name], err = setLanguage(files[name], docs[name])
			delete(docs, name)
		}
		if err != nil {
			return fmt.Errorf("epub: finishing: %s: %w", name, err)
		}
	}
	for name := range docs {
		return fmt.Errorf("epub: finishing: go-epub did not write %s", name)
	}
	for name := range stands {
		if !put[name] {
			return fmt.Errorf("epub: finishing: go-epub did not write %s", name)
		}
	}
	for _, need := range []string{"mimetype", "META-INF/container.xml", contentDir + pkgFile, contentDir + navFile} {
		if files[need] == nil {
			return fmt.Errorf("epub: finishing: go-epub did not write %s", need)
		}
	}

	// mimetype first (the OCF requires it), then the container, the
	// package document, and everything else by name.
	rank := func(name string) int {
		switch {
		case name == "mimetype":
			return 0
		case strings.HasPrefix(name, "META-INF/"):
			return 1
		case name == contentDir+pkgFile:
			return 2
		}
		return 3
	}
	slices.SortFunc(names, func(a, b string) int {
		if ra, rb := rank(a), rank(b); ra != rb {
			return ra - rb
		}
		return strings.Compare(a, b)
	})

	date, tim := msDosTime(p)
	zw := zip.NewWriter(w)
	// One compressor, reset for each entry and kept for the next book:
	// each new one allocates about a megabyte.
	fz, err := compressor()
	if err != nil {
		return fmt.Errorf("epub: finishing: %w", err)
	}
	defer compressors.Put(fz)
	for _, name := range names {
		data := files[name]
		fh := &zip.FileHeader{
			Name:               name,
			CreatorVersion:     20, // MS-DOS attributes, zip 2.0
			ReaderVersion:      20,
			ModifiedDate:       date,
			ModifiedTime:       tim,
			CRC32:              crc32.ChecksumIEEE(data),
			UncompressedSize64: uint64(len(data)),
		}
		body := data
		if stored(name) {
			fh.Method = zip.Store
		} else {
			fh.Method = zip.Deflate
			if body, err = p.fonts.compressed(name, data, func() ([]byte, error) { return deflate(fz, data) }); err != nil {
				return fmt.Errorf("epub: finishing: compressing %s: %w", name, err)
			}
		}
		fh.CompressedSize64 = uint64(len(body))
		// CreateRaw writes sizes and checksum in the local header: no data
		// descriptor, no extra field, nothing taken from the clock.
		fw, err := zw.CreateRaw(fh)
		if err != nil {
			return fmt.Errorf("epub: finishing: writing %s: %w", name, err)
		}
		if _, err := fw.Write(body); err != nil {
			return fmt.Errorf("epub: finishing: writing %s: %w", name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("epub: finishing: %w", err)
	}
	return nil
}

// stored reports whether an entry is kept uncompressed: the mimetype, which
// must be, and pictures, which are compressed already.
func stored(name string) bool {
	switch path.Ext(name) {
	case ".jpg", ".jpeg", ".png", ".gif":
		return true
	}
	return name == "mimetype"
}

func readEntry(f *zip.File) ([]byte, error) {
	r, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	// The entries are go-epub's, sized in its central directory; the cap
	// keeps a wrong size from asking for much memory.
	buf := bytes.NewBuffer(make([]byte, 0, min(f.UncompressedSize64, 1<<20)+bytes.MinRead))
	if _, err := buf.ReadFrom(r); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// compressors holds *flate.Writer at the default level for finish. Reset
// makes one as good as new, so which one a book gets changes nothing.
var compressors sync.Pool

func compressor() (*flate.Writer, error) {
	if fw, ok := compressors.Get().(*flate.Writer); ok {
		return fw, nil
	}
	return flate.NewWriter(io.Discard, flate.DefaultCompression)
}

func deflate(fw *flate.Writer, data []byte) ([]byte, error) {
	var buf bytes.Buffer
	fw.Reset(&buf)
	if _, err := fw.Write(data); err != nil {
		return nil, err
	}
	if err := fw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// msDosTime returns the book's modification time in the zip format's fields.
func msDosTime(p *plan) (date, tim uint16) {
	t := stamp(p.b.Modified)
	date = uint16((t.Year()-1980)<<9 | int(t.Month())<<5 | t.Day())
	tim = uint16(t.Hour()<<11 | t.Minute()<<5 | t.Second()/2)
	return date, tim
}

// element is where one element of an XML document sits: its start tag
// [start, tagEnd) and the whole element [start, end).
type element struct {
	name               xml.Name // as written: Space holds the prefix
	attrs              []xml.Attr
	depth              int
	start, tagEnd, end int64
	parent             *element
}

// scan lists the elements of an XML document with their byte ranges, read
// with a strict XML decoder, in document order.
func scan(doc []byte) ([]*element, error) {
	d := xml.NewDecoder(bytes.NewReader(doc))
	var (
		all   []*element
		stack []*element
	)
	for {
		start := d.InputOffset()
		tok, err := d.RawToken()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			e := &element{name: t.Name, attrs: slices.Clone(t.Attr), depth: len(stack),
				start: start, tagEnd: d.InputOffset()}
			if len(stack) > 0 {
				e.parent = stack[len(stack)-1]
			}
			all = append(all, e)
			stack = append(stack, e)
		case xml.EndElement:
			if len(stack) == 0 {
				return nil, fmt.Errorf("unexpected </%s>", t.Name.Local)
			}
			stack[len(stack)-1].end = d.InputOffset()
			stack = stack[:len(stack)-1]
		}
	}
	if len(stack) > 0 {
		return nil, fmt.Errorf("<%s> is not closed", stack[len(stack)-1].name.Local)
	}
	return all, nil
}

// edit replaces the bytes [start, end) of a document.
type edit struct {
	start, end int64
	with       string
}

// splice applies non-overlapping edits to doc.
func splice(doc []byte, edits []edit) []byte {
	slices.SortFunc(edits, func(a, b edit) int { return int(a.start - b.start) })
	var out bytes.Buffer
	out.Grow(len(doc))
	var at int64
	for _, e := range edits {
		out.Write(doc[at:e.start])
		out.WriteString(e.with)
		at = e.end
	}
	out.Write(doc[at:])
	return out.Bytes()
}

// startTag writes a start tag from raw (prefixed) names.
func startTag(name xml.Name, attrs []xml.Attr) string {
	w := &xw{}
	w.WriteByte('<')
	w.WriteString(qname(name))
	for _, a := range attrs {
		w.attr(qname(a.Name), a.Value)
	}
	w.WriteByte('>')
	return w.String()
}

func qname(n xml.Name) string {
	if n.Space != "" {
		return n.Space + ":" + n.Local
	}
	return n.Local
}

// setLanguage puts lang, xml:lang and dir on a content document's <html>,
// drops go-epub's dir="auto" from <body> and <title> (the direction comes
// from the language, not from a guess on the first letters), writes the
// title with character references like the rest of the document, drops
// the epub namespace declaration when the document does not use it, and
// puts d.body in place of the marker go-epub got instead.
func setLanguage(doc []byte, d *doc) ([]byte, error) {
	els, err := scan(doc)
	if err != nil {
		return nil, err
	}
	usesEPUB, err := bodyUsesEPUB(d.body)
	if err != nil {
		return nil, err
	}
	usesEPUB = usesEPUB || slices.ContainsFunc(els, func(e *element) bool {
		return slices.ContainsFunc(e.attrs, func(a xml.Attr) bool { return a.Name.Space == "epub" })
	})
	var edits []edit
	body := false
	for _, e := range els {
		switch {
		case e.depth == 0 && e.name.Local == "html":
			attrs := slices.DeleteFunc(e.attrs, func(a xml.Attr) bool {
				return a.Name.Local == "lang" || a.Name.Local == "dir" ||
					!usesEPUB && a.Name.Space == "xmlns" && a.Name.Local == "epub"
			})
			attrs = append(attrs, xml.Attr{Name: xml.Name{Local: "lang"}, Value: d.lang},
				xml.Attr{Name: xml.Name{Space: "xml", Local: "lang"}, Value: d.lang},
				xml.Attr{Name: xml.Name{Local: "dir"}, Value: d.dir})
			edits = append(edits, edit{e.start, e.tagEnd, startTag(e.name, attrs)})
		case e.depth == 2 && e.name.Local == "title" && e.parent.name.Local == "head":
			edits = append(edits, edit{e.start, e.end, "<title>" + escapeString(d.title) + "</title>"})
		case e.depth == 1 && e.name.Local == "body":
			attrs := slices.DeleteFunc(e.attrs, func(a xml.Attr) bool { return a.Name.Local == "dir" })
			edits = append(edits, edit{e.start, e.tagEnd, startTag(e.name, attrs)})
			at, err := markerAt(doc[e.tagEnd:e.end])
			if err != nil {
				return nil, err
			}
			at += e.tagEnd
			edits = append(edits, edit{at, at + int64(len(bodyMarker)), d.body})
			body = true
		}
	}
	if len(edits) == 0 {
		return nil, errors.New("no <html> element")
	}
	if !body {
		return nil, errors.New("no <body> element")
	}
	return splice(doc, edits), nil
}

// rewriteOPF replaces go-epub's package element attributes, metadata,
// manifest and spine with ours. Only the manifest's items (ids, files and
// the media types go-epub detected) are kept.
func (p *plan) rewriteOPF(doc []byte) ([]byte, error) {
	els, err := scan(doc)
	if err != nil {
		return nil, err
	}
	var (
		root, metadata, manifest, spine *element
		items                           []manifestItem
	)
	for _, e := range els {
		switch {
		case e.depth == 0 && e.name.Local == "package":
			root = e
		case e.depth == 1 && e.name.Local == "metadata":
			metadata = e
		case e.depth == 1 && e.name.Local == "manifest":
			manifest = e
		case e.depth == 1 && e.name.Local == "spine":
			spine = e
		case e.depth == 2 && e.name.Local == "item" && e.parent == manifest:
			var it manifestItem
			for _, a := range e.attrs {
				switch a.Name.Local {
				case "id":
					it.id = a.Value
				case "href":
					it.href = a.Value
				case "media-type":
					it.mediaType = a.Value
				case "properties":
					it.properties = a.Value
				}
			}
			if it.href != ncxFile {
				items = append(items, it)
			}
		}
	}
	if root == nil || metadata == nil || manifest == nil || spine == nil {
		return nil, errors.New("no package, metadata, manifest or spine element")
	}
	if p.fonts != nil {
		items = append(items, p.fonts.items()...)
	}
	idOf := map[string]string{}
	for _, it := range items {
		idOf[it.href] = it.id
	}
	coverID := ""
	if p.cover != nil {
		coverID = idOf[imageDir+p.cover.file]
	}
	// The spine: the cover, the contents (the landmarks point at it, and
	// EPUBCheck wants every link target in the spine), then the articles.
	// A whole edition has its own contents page after the cover; the
	// navigation document, which its landmarks and page list still link
	// to, then follows the articles out of the reading order.
	if idOf[navFile] == "" {
		return nil, fmt.Errorf("no manifest item for %s", navFile)
	}
	var refs []string
	for i, d := range p.docs {
		id := idOf[xhtmlDir+d.file]
		if id == "" {
			return nil, fmt.Errorf("no manifest item for %s", d.file)
		}
		refs = append(refs, id)
		if i == 0 && !p.front {
			refs = append(refs, idOf[navFile])
		}
	}
	spineAttrs := []string{}
	if p.progression() == "rtl" {
		spineAttrs = append(spineAttrs, "page-progression-direction", "rtl")
	}
	sw := &xw{}
	sw.open("spine", spineAttrs...)
	for _, id := range refs {
		sw.WriteString("\n    ")
		sw.empty("itemref", "idref", id)
	}
	if p.front {
		sw.WriteString("\n    ")
		sw.empty("itemref", "idref", idOf[navFile], "linear", "no")
	}
	sw.WriteString("\n  </spine>")

	pkg := startTag(xml.Name{Local: "package"}, []xml.Attr{
		{Name: xml.Name{Local: "xmlns"}, Value: nsOPF},
		{Name: xml.Name{Local: "version"}, Value: "3.0"},
		{Name: xml.Name{Local: "unique-identifier"}, Value: pubID},
		{Name: xml.Name{Space: "xml", Local: "lang"}, Value: p.lang},
		{Name: xml.Name{Local: "dir"}, Value: p.dir},
	})
	return splice(doc, []edit{
		{root.start, root.tagEnd, pkg},
		{metadata.start, metadata.end, p.metadata(coverID)},
		{manifest.start, manifest.end, p.manifest(items)},
		{spine.start, spine.end, sw.String()},
	}), nil
}
