package check

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/validate"
)

// ErrToolMissing reports that an external validator is not installed.
var ErrToolMissing = errors.New("check: validator not installed")

// disableConfigDir keeps pdfcpu from creating a configuration directory in
// the user's home on first use (what api.DisableConfigDir does). check uses
// pdfcpu's reader and validator directly rather than its api package, which
// links packages (forms, through go-runewidth) whose initialisation costs
// every edition command ~30 ms at start-up.
var disableConfigDir = sync.OnceFunc(func() { model.ConfigPath = "disable" })

// readPDF reads a PDF with pdfcpu; a panic in its parser is an error.
func readPDF(r io.ReadSeeker, conf *model.Configuration) (ctx *model.Context, err error) {
	defer func() {
		if p := recover(); p != nil {
			ctx, err = nil, fmt.Errorf("pdfcpu failed: %v", p)
		}
	}()
	return pdfcpu.Read(r, conf)
}

// validatePDF validates a read PDF with pdfcpu; a panic is an error.
func validatePDF(ctx *model.Context) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("pdfcpu failed: %v", p)
		}
	}()
	if ctx.XRefTable == nil {
		return errors.New("no cross-reference table")
	}
	return validate.XRefTable(ctx)
}

// lookTool finds an external validator on PATH. EDITION_SKIP_TOOLS=1 makes
// every validator count as missing: a quick local run, or a second CI pass
// (under -race) that need not run the validators again.
func lookTool(name string) (string, error) {
	if os.Getenv("EDITION_SKIP_TOOLS") == "1" {
		return "", fmt.Errorf("%s: EDITION_SKIP_TOOLS=1", name)
	}
	return exec.LookPath(name)
}

// PDF checks the PDF read from r with pdfcpu in strict mode (ISO 32000-1
// to the letter) and the rules print editions keep: at least one page, a
// file identifier (/ID), every font embedded and, being a subset, tagged as
// one ("ABCDEF+Name"), a title in the document information, XMP metadata
// (/Metadata) whose dc:title says the same, a /Lang in the catalog and
// viewer preferences that show the title (/DisplayDocTitle true). A file
// pdfcpu cannot read at all is a Fatal finding, not an error; the error is
// for a missing reader.
func PDF(r io.ReadSeeker) ([]Finding, error) {
	if r == nil {
		return nil, errors.New("check: PDF: no reader")
	}
	disableConfigDir()
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationStrict
	conf.Cmd = model.VALIDATE
	ctx, err := readPDF(r, conf)
	if err != nil {
		return []Finding{{Severity: Fatal, Checker: "pdfcpu", Message: "cannot read the PDF: " + err.Error()}}, nil
	}
	var fs []Finding
	add := func(sev Severity, checker, where, msg string) {
		fs = append(fs, Finding{Severity: sev, Checker: checker, Where: where, Message: msg})
	}
	if err := validatePDF(ctx); err != nil {
		add(Error, "pdfcpu", fmt.Sprintf("object %d", ctx.CurObj), "strict validation: "+err.Error())
	}
	xt := ctx.XRefTable
	if err := xt.EnsurePageCount(); err != nil || xt.PageCount == 0 {
		add(Error, "edition", "page tree", "the document has no pages")
	}
	if len(xt.ID) != 2 {
		add(Error, "edition", "trailer", "the document has no file identifier (trailer /ID): tools cannot tell this file from another")
	}
	fs = append(fs, fontFindings(xt)...)

	title := ""
	if xt.Info != nil {
		if info, err := xt.DereferenceDict(*xt.Info); err == nil && info != nil {
			title = textEntry(info, "Title")
		}
	}
	if title == "" {
		add(Error, "edition", "Info", "the document has no title (Info /Title): readers show the file name instead")
	}
	cat, err := xt.Catalog()
	if err != nil {
		add(Error, "edition", "Catalog", "the document has no catalog: "+err.Error())
		return fs, nil
	}
	if textEntry(cat, "Lang") == "" {
		add(Error, "edition", "Catalog", "the document has no language (Catalog /Lang): screen readers cannot pick a voice")
	}
	display := false
	if o, ok := cat.Find("ViewerPreferences"); ok {
		if vp, err := xt.DereferenceDict(o); err == nil && vp != nil {
			if b := vp.BooleanEntry("DisplayDocTitle"); b != nil {
				display = *b
			}
		}
	}
	if !display {
		add(Error, "edition", "Catalog", "the viewer preferences do not say /DisplayDocTitle true: viewers show the file name, not the title")
	}
	fs = append(fs, metadataFindings(xt, cat, title)...)
	return fs, nil
}

// textEntry returns the text string d holds under key, trimmed, or "".
func textEntry(d types.Dict, key string) string {
	if o, ok := d.Find(key); ok {
		if s, err := types.StringOrHexLiteral(o); err == nil && s != nil {
			return strings.TrimSpace(*s)
		}
	}
	return ""
}

// metadataFindings checks the catalog's XMP metadata: there, well-formed
// XML, and with the Info dictionary's title as its dc:title.
func metadataFindings(xt *model.XRefTable, cat types.Dict, title string) []Finding {
	bad := func(msg string) []Finding {
		return []Finding{{Severity: Error, Checker: "edition", Where: "Catalog /Metadata", Message: msg}}
	}
	o, ok := cat.Find("Metadata")
	if !ok {
		return bad("the document has no XMP metadata: PDF/A and PDF/UA tools and asset managers read only XMP")
	}
	sd, _, err := xt.DereferenceStreamDict(o)
	if err != nil || sd == nil {
		return bad("the XMP metadata is not a stream")
	}
	if err := sd.Decode(); err != nil {
		return bad("the XMP metadata cannot be decoded: " + err.Error())
	}
	xmpTitle, err := xmpTitle(sd.Content)
	if err != nil {
		return bad("the XMP metadata is not well-formed XML: " + err.Error())
	}
	if xmpTitle != title {
		return bad(fmt.Sprintf("the XMP dc:title %q is not the Info /Title %q", xmpTitle, title))
	}
	return nil
}

// xmpTitle returns the dc:title of an XMP packet (its x-default or first
// alternative), reading the whole packet as XML.
func xmpTitle(packet []byte) (string, error) {
	const dc = "http://purl.org/dc/elements/1.1/"
	dec := xml.NewDecoder(bytes.NewReader(packet))
	var title string
	found, inTitle, inLi, isDefault := false, false, false, false
	var text strings.Builder
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch {
			case t.Name.Space == dc && t.Name.Local == "title":
				inTitle = true
			case inTitle && t.Name.Local == "li":
				inLi, isDefault = true, false
				for _, a := range t.Attr {
					if a.Name.Space == "http://www.w3.org/XML/1998/namespace" && a.Name.Local == "lang" && a.Value == "x-default" {
						isDefault = true
					}
				}
				text.Reset()
			}
		case xml.CharData:
			if inLi {
				text.Write(t)
			}
		case xml.EndElement:
			switch {
			case inLi && t.Name.Local == "li":
				inLi = false
				if !found || isDefault {
					title, found = strings.TrimSpace(text.String()), true
				}
			case t.Name.Space == dc && t.Name.Local == "title":
				inTitle = false
			}
		}
	}
	return title, nil
}

// subsetTag is the prefix of a subset font's name: six capitals and a plus.
var subsetTag = regexp.MustCompile(`^[A-Z]{6}\+`)

// fontFindings reports every font that is not embedded or is embedded
// without a subset tag, in object order.
func fontFindings(xt *model.XRefTable) []Finding {
	var nums []int
	for n, e := range xt.Table {
		if e != nil && !e.Free {
			if d, ok := e.Object.(types.Dict); ok && d.Type() != nil && *d.Type() == "Font" {
				nums = append(nums, n)
			}
		}
	}
	slices.Sort(nums)
	var fs []Finding
	for _, n := range nums {
		d := xt.Table[n].Object.(types.Dict)
		sub := d.Subtype()
		if sub == nil || *sub == "Type0" || *sub == "Type3" {
			// A Type0 font's glyphs live in its descendant (a font object
			// of its own, checked in turn); a Type3 font's are procedures.
			continue
		}
		name := ""
		if bf := d.NameEntry("BaseFont"); bf != nil {
			name = *bf
		}
		embedded := false
		if o, ok := d.Find("FontDescriptor"); ok {
			if fd, err := xt.DereferenceDict(o); err == nil && fd != nil {
				for _, k := range []string{"FontFile", "FontFile2", "FontFile3"} {
					if _, ok := fd.Find(k); ok {
						embedded = true
					}
				}
			}
		}
		switch {
		case !embedded:
			fs = append(fs, Finding{Severity: Error, Checker: "edition", Where: fmt.Sprintf("object %d", n),
				Message: fmt.Sprintf("font %s is not embedded: the page will look different on every printer", name)})
		case !subsetTag.MatchString(name):
			// A whole font may go untagged, but editions embed subsets
			// only, and preflight tools take an untagged subset for the
			// whole font.
			fs = append(fs, Finding{Severity: Warning, Checker: "edition", Where: fmt.Sprintf("object %d", n),
				Message: fmt.Sprintf("embedded font %s has no subset tag (ABCDEF+): a subset passes for the whole font", name)})
		}
	}
	return fs
}

// Qpdf runs `qpdf --check` on the PDF at path and returns what it finds:
// errors (exit status 2) and warnings (status 3). It returns ErrToolMissing
// when qpdf is not installed.
func Qpdf(ctx context.Context, path string) ([]Finding, error) {
	bin, err := lookTool("qpdf")
	if err != nil {
		return nil, fmt.Errorf("%w: qpdf (apt-get install qpdf)", ErrToolMissing)
	}
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, bin, "--check", path)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err = cmd.Run()
	status := 0
	if err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			return nil, fmt.Errorf("check: running qpdf on %s: %w", path, err)
		}
		status = ee.ExitCode()
	}
	var fs []Finding
	for _, line := range strings.Split(stdout.String()+"\n"+stderr.String(), "\n") {
		line = strings.TrimSpace(line)
		switch {
		case line == "":
		case strings.Contains(line, "WARNING:"):
			fs = append(fs, Finding{Severity: Warning, Checker: "qpdf", Message: line})
		case status == 2 && (strings.Contains(line, "ERROR") || strings.HasPrefix(line, "qpdf:") ||
			strings.Contains(line, "error")):
			fs = append(fs, Finding{Severity: Error, Checker: "qpdf", Message: line})
		}
	}
	if status == 2 && !slices.ContainsFunc(fs, func(f Finding) bool { return f.Severity == Error }) {
		fs = append(fs, Finding{Severity: Error, Checker: "qpdf", Message: strings.TrimSpace(stderr.String() + " " + stdout.String())})
	}
	if status != 0 && status != 2 && status != 3 {
		return fs, fmt.Errorf("check: qpdf on %s exited with status %d: %s", path, status, strings.TrimSpace(stderr.String()))
	}
	return fs, nil
}
