package check

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path"
	"regexp"
	"strconv"
	"strings"
)

const (
	epubMimetype = "application/epub+zip"
	nsXMLAttr    = "http://www.w3.org/XML/1998/namespace"
	nsEPUBOps    = "http://www.idpf.org/2007/ops"
)

// modifiedRe is the form EPUB 3 requires for dcterms:modified.
var modifiedRe = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$`)

// EPUB checks the structure of an EPUB file: the zip container (mimetype
// first, stored, without extra field), META-INF/container.xml, the package
// document (version 3.0, unique identifier, title, language, modified date,
// manifest and spine), the navigation document's toc, and every XHTML
// document through a strict XML parser: its language declared (lang and
// xml:lang alike, dir="rtl" for a right-to-left language), no deprecated
// epub:type, and each epub:type that has a DPUB-ARIA role paired with it.
// Problems with the file are findings; the error is for failures to read it.
func EPUB(r io.ReaderAt, size int64) ([]Finding, error) {
	c := &epubChecker{}
	zr, err := zip.NewReader(r, size)
	if err != nil {
		if errors.Is(err, zip.ErrFormat) || errors.Is(err, zip.ErrAlgorithm) || errors.Is(err, zip.ErrChecksum) {
			c.add(Fatal, "", "the file is not a zip archive: %v", err)
			return c.findings, nil
		}
		return nil, fmt.Errorf("check: reading EPUB: %w", err)
	}
	c.files = map[string]*zip.File{}
	for _, f := range zr.File {
		c.files[f.Name] = f
	}
	if err := c.mimetype(r, zr); err != nil {
		return nil, err
	}
	opfPath := c.container()
	if opfPath != "" {
		c.pkg(opfPath)
	}
	return c.findings, nil
}

type epubChecker struct {
	files    map[string]*zip.File
	findings []Finding
}

func (c *epubChecker) add(sev Severity, where, format string, args ...any) {
	c.findings = append(c.findings, Finding{Severity: sev, Checker: "edition", Where: where,
		Message: fmt.Sprintf(format, args...)})
}

func (c *epubChecker) read(name string) ([]byte, error) {
	f := c.files[name]
	if f == nil {
		return nil, fs404
	}
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return io.ReadAll(rc)
}

var fs404 = errors.New("not in the archive")

// mimetype checks the first entry, reading its local header: readers find
// the type at a fixed offset, so it must be first, stored and without extra
// field.
func (c *epubChecker) mimetype(r io.ReaderAt, zr *zip.Reader) error {
	if len(zr.File) == 0 || zr.File[0].Name != "mimetype" {
		c.add(Error, "mimetype", "the first entry of the archive must be the file mimetype")
		return nil
	}
	f := zr.File[0]
	if f.Method != zip.Store {
		c.add(Error, "mimetype", "mimetype must be stored, not compressed")
	}
	var hdr [30]byte
	if _, err := r.ReadAt(hdr[:], 0); err != nil {
		return fmt.Errorf("check: reading the zip's first header: %w", err)
	}
	if binary.LittleEndian.Uint32(hdr[0:]) != 0x04034b50 {
		c.add(Fatal, "mimetype", "the archive does not start with a local file header")
		return nil
	}
	if n := binary.LittleEndian.Uint16(hdr[28:]); n != 0 || len(f.Extra) != 0 {
		c.add(Error, "mimetype", "mimetype has an extra field; it must have none")
	}
	data, err := c.read("mimetype")
	if err != nil {
		c.add(Error, "mimetype", "cannot read mimetype: %v", err)
		return nil
	}
	if string(data) != epubMimetype {
		c.add(Error, "mimetype", "mimetype holds %q; it must hold exactly %q", data, epubMimetype)
	}
	return nil
}

// container returns the package document's path from META-INF/container.xml.
func (c *epubChecker) container() string {
	const where = "META-INF/container.xml"
	data, err := c.read(where)
	if err != nil {
		c.add(Fatal, where, "cannot read the container file: %v", err)
		return ""
	}
	var ct struct {
		Rootfiles []struct {
			FullPath  string `xml:"full-path,attr"`
			MediaType string `xml:"media-type,attr"`
		} `xml:"rootfiles>rootfile"`
	}
	if err := strictUnmarshal(data, &ct); err != nil {
		c.add(Fatal, xmlWhere(where, err), "the container file is not well-formed XML: %v", err)
		return ""
	}
	for _, rf := range ct.Rootfiles {
		if rf.MediaType == "application/oebps-package+xml" && rf.FullPath != "" {
			if c.files[rf.FullPath] == nil {
				c.add(Fatal, where, "the package document %s is not in the archive", rf.FullPath)
				return ""
			}
			return rf.FullPath
		}
	}
	c.add(Fatal, where, "no rootfile of type application/oebps-package+xml")
	return ""
}

type opfDoc struct {
	Version          string `xml:"version,attr"`
	UniqueIdentifier string `xml:"unique-identifier,attr"`
	Metadata         struct {
		Identifiers []struct {
			ID    string `xml:"id,attr"`
			Value string `xml:",chardata"`
		} `xml:"http://purl.org/dc/elements/1.1/ identifier"`
		Titles    []string `xml:"http://purl.org/dc/elements/1.1/ title"`
		Languages []string `xml:"http://purl.org/dc/elements/1.1/ language"`
		Metas     []struct {
			Property string `xml:"property,attr"`
			Value    string `xml:",chardata"`
		} `xml:"meta"`
	} `xml:"metadata"`
	Items []struct {
		ID         string `xml:"id,attr"`
		Href       string `xml:"href,attr"`
		MediaType  string `xml:"media-type,attr"`
		Properties string `xml:"properties,attr"`
	} `xml:"manifest>item"`
	Itemrefs []struct {
		IDRef string `xml:"idref,attr"`
	} `xml:"spine>itemref"`
}

// pkg checks the package document and the documents it lists.
func (c *epubChecker) pkg(opfPath string) {
	data, err := c.read(opfPath)
	if err != nil {
		c.add(Fatal, opfPath, "cannot read the package document: %v", err)
		return
	}
	var opf opfDoc
	if err := strictUnmarshal(data, &opf); err != nil {
		c.add(Fatal, xmlWhere(opfPath, err), "the package document is not well-formed XML: %v", err)
		return
	}
	if opf.Version != "3.0" {
		c.add(Error, opfPath, "package version is %q; an EPUB 3 needs 3.0", opf.Version)
	}
	found := false
	for _, id := range opf.Metadata.Identifiers {
		if id.ID != "" && id.ID == opf.UniqueIdentifier {
			found = true
			if strings.TrimSpace(id.Value) == "" {
				c.add(Error, opfPath, "the unique identifier is empty")
			}
		}
	}
	if !found {
		c.add(Error, opfPath, "unique-identifier %q names no dc:identifier", opf.UniqueIdentifier)
	}
	if !nonEmpty(opf.Metadata.Titles) {
		c.add(Error, opfPath, "no dc:title")
	}
	if !nonEmpty(opf.Metadata.Languages) {
		c.add(Error, opfPath, "no dc:language")
	}
	modified := 0
	for _, m := range opf.Metadata.Metas {
		if m.Property == "dcterms:modified" {
			modified++
			if !modifiedRe.MatchString(strings.TrimSpace(m.Value)) {
				c.add(Error, opfPath, "dcterms:modified %q is not of the form CCYY-MM-DDThh:mm:ssZ", m.Value)
			}
		}
	}
	if modified != 1 {
		c.add(Error, opfPath, "%d dcterms:modified; there must be exactly one", modified)
	}

	base := path.Dir(opfPath)
	ids := map[string]bool{}
	navs := 0
	for _, it := range opf.Items {
		ids[it.ID] = true
		name, err := resolve(base, it.Href)
		if err != nil || c.files[name] == nil {
			c.add(Error, opfPath, "manifest item %q: %s is not in the archive", it.ID, it.Href)
			continue
		}
		isNav := hasToken(it.Properties, "nav")
		if isNav {
			navs++
		}
		if it.MediaType == "application/xhtml+xml" {
			c.xhtml(name, isNav)
		}
	}
	if navs != 1 {
		c.add(Error, opfPath, "%d manifest items have the nav property; there must be exactly one", navs)
	}
	if len(opf.Itemrefs) == 0 {
		c.add(Error, opfPath, "the spine is empty")
	}
	for _, ref := range opf.Itemrefs {
		if !ids[ref.IDRef] {
			c.add(Error, opfPath, "spine itemref %q is not in the manifest", ref.IDRef)
		}
	}
}

// xhtml parses a content document strictly and checks its <html> declares
// its language (and, for a right-to-left language, its direction), that
// every epub:type is current and goes with its DPUB-ARIA role; for the
// navigation document, that it holds a toc nav.
func (c *epubChecker) xhtml(name string, isNav bool) {
	data, err := c.read(name)
	if err != nil {
		c.add(Error, name, "cannot read: %v", err)
		return
	}
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	root, toc := true, false
	// The depth of the landmarks nav being read, 0 outside it: its links'
	// epub:type names the landmark they point at, not what they are.
	depth, landmarks := 0, 0
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			c.add(Error, xmlWhere(name, err), "not well-formed XML: %v", err)
			return
		}
		if _, ok := tok.(xml.EndElement); ok {
			if depth == landmarks {
				landmarks = 0
			}
			depth--
			continue
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		depth++
		line, _ := d.InputPos()
		where := fmt.Sprintf("%s:%d", name, line)
		if root {
			root = false
			var lang, xmlLang, dir string
			for _, a := range se.Attr {
				switch {
				case a.Name.Space == "" && a.Name.Local == "lang":
					lang = a.Value
				case (a.Name.Space == nsXMLAttr || a.Name.Space == "xml") && a.Name.Local == "lang":
					xmlLang = a.Value
				case a.Name.Space == "" && a.Name.Local == "dir":
					dir = a.Value
				}
			}
			if se.Name.Local != "html" {
				c.add(Error, name, "the root element is <%s>, not <html>", se.Name.Local)
			}
			switch {
			case lang == "" || xmlLang == "":
				c.add(Error, name, "<html> must declare its language with both lang and xml:lang")
			case !strings.EqualFold(lang, xmlLang):
				c.add(Error, name, "<html> has lang=%q but xml:lang=%q; they must agree", lang, xmlLang)
			case rightToLeft(lang) && dir != "rtl":
				// Without it, readers lay out the text left to right until
				// their bidi algorithm guesses otherwise, line by line.
				c.add(Warning, name, `<html> is in %s, a right-to-left language, but has no dir="rtl"`, lang)
			}
		}
		c.epubType(se, where, landmarks > 0)
		if isNav && se.Name.Local == "nav" {
			for _, a := range se.Attr {
				if a.Name.Space == nsEPUBOps && a.Name.Local == "type" && hasToken(a.Value, "toc") {
					toc = true
				}
				if a.Name.Space == nsEPUBOps && a.Name.Local == "type" && hasToken(a.Value, "landmarks") {
					landmarks = depth
				}
			}
		}
	}
	if isNav && !toc {
		c.add(Error, name, `the navigation document has no <nav epub:type="toc">`)
	}
}

// strictUnmarshal decodes XML with a strict parser that knows only the
// five predefined entities.
func strictUnmarshal(data []byte, v any) error {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	return d.Decode(v)
}

func xmlWhere(name string, err error) string {
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		return fmt.Sprintf("%s:%d", name, se.Line)
	}
	return name
}

// resolve turns a manifest href, relative to the package document's
// folder, into an archive path.
func resolve(base, href string) (string, error) {
	u, err := url.Parse(href)
	if err != nil {
		return "", err
	}
	if u.IsAbs() || u.Host != "" || strings.HasPrefix(u.Path, "/") {
		return "", fmt.Errorf("%s is not a relative path", href)
	}
	return path.Join(base, u.Path), nil
}

func hasToken(list, tok string) bool {
	for _, f := range strings.Fields(list) {
		if f == tok {
			return true
		}
	}
	return false
}

func nonEmpty(ss []string) bool {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return true
		}
	}
	return false
}

// EPUBCheckJar is where EPUBCheck's jar is looked for.
var EPUBCheckJar = "/usr/share/java/epubcheck.jar"

// EPUBCheck runs EPUBCheck (with usage notes) on the EPUB at path and
// returns its messages as findings, one per location. It returns
// ErrToolMissing when java or the jar is not installed.
func EPUBCheck(ctx context.Context, path string) ([]Finding, error) {
	java, err := lookTool("java")
	if err != nil {
		return nil, fmt.Errorf("%w: java (apt-get install default-jre-headless)", ErrToolMissing)
	}
	if _, err := os.Stat(EPUBCheckJar); err != nil {
		return nil, fmt.Errorf("%w: EPUBCheck at %s (apt-get install epubcheck)", ErrToolMissing, EPUBCheckJar)
	}
	// EPUBCheck reports a missing file only on its console; say it clearly.
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("check: EPUBCheck: %w", err)
	}
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, java, "-jar", EPUBCheckJar, path, "--usage", "--quiet", "--json", "-")
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	runErr := cmd.Run()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var report struct {
		Messages []struct {
			ID         string  `json:"ID"`
			Severity   string  `json:"severity"`
			Message    string  `json:"message"`
			Suggestion *string `json:"suggestion"`
			Locations  []struct {
				Path    string  `json:"path"`
				Line    int     `json:"line"`
				Column  int     `json:"column"`
				Context *string `json:"context"`
			} `json:"locations"`
		} `json:"messages"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &report); err != nil {
		// Exit status 1 means "errors found", with a report; anything else
		// without a report is a failure to run.
		return nil, fmt.Errorf("check: EPUBCheck on %s gave no report (%v): %w: %s",
			path, runErr, err, strings.TrimSpace(stderr.String()))
	}
	var fs []Finding
	for _, m := range report.Messages {
		var sev Severity
		switch m.Severity {
		case "FATAL":
			sev = Fatal
		case "ERROR":
			sev = Error
		case "WARNING":
			sev = Warning
		case "USAGE", "INFO":
			sev = Usage
		default: // SUPPRESSED
			continue
		}
		msg := m.Message
		if m.Suggestion != nil && *m.Suggestion != "" {
			msg += " " + *m.Suggestion
		}
		if len(m.Locations) == 0 {
			fs = append(fs, Finding{Severity: sev, Checker: "epubcheck", Code: m.ID, Message: msg})
			continue
		}
		for _, l := range m.Locations {
			where := l.Path
			if l.Line > 0 {
				where += ":" + strconv.Itoa(l.Line)
				if l.Column > 0 {
					where += ":" + strconv.Itoa(l.Column)
				}
			}
			lmsg := msg
			if l.Context != nil && *l.Context != "" {
				lmsg += " (" + *l.Context + ")"
			}
			fs = append(fs, Finding{Severity: sev, Checker: "epubcheck", Code: m.ID, Where: where, Message: lmsg})
		}
	}
	return fs, nil
}
