package check

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"slices"
	"strings"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// ErrToolMissing reports that an external validator is not installed.
var ErrToolMissing = errors.New("check: validator not installed")

// PDF checks the structure of the PDF read from r with pdfcpu (relaxed
// validation) and the rules print editions keep: at least one page, every
// font embedded, a title in the document information and a /Lang in the
// catalog. A file pdfcpu cannot read at all is a Fatal finding, not an
// error; the error is for a missing reader.
func PDF(r io.ReadSeeker) ([]Finding, error) {
	if r == nil {
		return nil, errors.New("check: PDF: no reader")
	}
	// pdfcpu would otherwise create a configuration directory in the
	// user's home on first use.
	api.DisableConfigDir()
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	conf.Cmd = model.VALIDATE
	ctx, err := api.ReadContext(r, conf)
	if err != nil {
		return []Finding{{Severity: Fatal, Checker: "pdfcpu", Message: "cannot read the PDF: " + err.Error()}}, nil
	}
	var fs []Finding
	add := func(sev Severity, checker, where, msg string) {
		fs = append(fs, Finding{Severity: sev, Checker: checker, Where: where, Message: msg})
	}
	if err := api.ValidateContext(ctx); err != nil {
		add(Error, "pdfcpu", fmt.Sprintf("object %d", ctx.CurObj), err.Error())
	}
	xt := ctx.XRefTable
	if err := xt.EnsurePageCount(); err != nil || xt.PageCount == 0 {
		add(Error, "edition", "page tree", "the document has no pages")
	}
	fs = append(fs, fontFindings(xt)...)

	title := ""
	if xt.Info != nil {
		if info, err := xt.DereferenceDict(*xt.Info); err == nil && info != nil {
			if o, ok := info.Find("Title"); ok {
				if s, err := types.StringOrHexLiteral(o); err == nil && s != nil {
					title = strings.TrimSpace(*s)
				}
			}
		}
	}
	if title == "" {
		add(Error, "edition", "Info", "the document has no title (Info /Title): readers show the file name instead")
	}
	lang := ""
	if cat, err := xt.Catalog(); err == nil {
		if o, ok := cat.Find("Lang"); ok {
			if s, err := types.StringOrHexLiteral(o); err == nil && s != nil {
				lang = strings.TrimSpace(*s)
			}
		}
	}
	if lang == "" {
		add(Error, "edition", "Catalog", "the document has no language (Catalog /Lang): screen readers cannot pick a voice")
	}
	return fs, nil
}

// fontFindings reports every font that is not embedded, in object order.
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
		if !embedded {
			fs = append(fs, Finding{Severity: Error, Checker: "edition", Where: fmt.Sprintf("object %d", n),
				Message: fmt.Sprintf("font %s is not embedded: the page will look different on every printer", name)})
		}
	}
	return fs
}

// Qpdf runs `qpdf --check` on the PDF at path and returns what it finds:
// errors (exit status 2) and warnings (status 3). It returns ErrToolMissing
// when qpdf is not installed.
func Qpdf(ctx context.Context, path string) ([]Finding, error) {
	bin, err := exec.LookPath("qpdf")
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
