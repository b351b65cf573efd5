package epub

import (
	"bytes"
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden from the current output")

// TestGolden compares what readers get with testdata/*.golden: the
// article and cover documents, the navigation document and a dump of the
// package document. Run with -update after a deliberate change and read
// the diff.
func TestGolden(t *testing.T) {
	u := unzipEPUB(t, renderBytes(t, aleppoBook(t)))
	// With the page list of aleppoPages and a conformance claim.
	paged := unzipEPUB(t, renderWith(t, Renderer{Pages: aleppoPages(), Certified: "edition, checked with EPUBCheck and DAISY Ace"},
		aleppoBook(t)))
	// A whole edition: its contents page, and an article's navigation line.
	multi := unzipEPUB(t, renderBytes(t, multiSectionBook(t)))
	cases := map[string]string{
		"aleppo-paged-article.xhtml": string(paged.files["EPUB/xhtml/syrians-aleppo.xhtml"]),
		"aleppo-paged-nav.xhtml":     string(paged.files["EPUB/nav.xhtml"]),
		"aleppo-paged-package.txt":   dumpPackage(t, paged),
		"aleppo-article.xhtml":       string(u.files["EPUB/xhtml/syrians-aleppo.xhtml"]),
		"aleppo-cover.xhtml":         string(u.files["EPUB/xhtml/cover.xhtml"]),
		"aleppo-nav.xhtml":           string(u.files["EPUB/nav.xhtml"]),
		"aleppo-package.txt":         dumpPackage(t, u),
		"multi-nav.xhtml":            string(multi.files["EPUB/nav.xhtml"]),
		"multi-contents.xhtml":       string(multi.files["EPUB/xhtml/contents.xhtml"]),
		"multi-markets.xhtml":        string(multi.files["EPUB/xhtml/markets.xhtml"]),
		"multi-package.txt":          dumpPackage(t, multi),
	}
	for name, got := range cases {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join("testdata", name+".golden")
			if *update {
				require.NoError(t, os.MkdirAll("testdata", 0o755))
				require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
			}
			want, err := os.ReadFile(path)
			require.NoError(t, err, "run go test -update to create it")
			assert.Equal(t, string(want), got)
		})
	}
}

// dumpPackage prints the package document's metadata, manifest and spine
// one item a line, and the archive's entries with their compression.
func dumpPackage(t *testing.T, u *unzipped) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("archive:\n")
	for _, f := range u.zr.File {
		method := "deflate"
		if f.Method == 0 {
			method = "store"
		}
		fmt.Fprintf(&b, "  %s %s %s\n", f.Name, method, f.Modified.UTC().Format("2006-01-02T15:04:05Z"))
	}
	d := xml.NewDecoder(bytes.NewReader(u.files["EPUB/package.opf"]))
	d.Strict = true
	var (
		path []string
		text strings.Builder
		line string
	)
	for {
		tok, err := d.RawToken()
		if errors.Is(err, io.EOF) {
			break
		}
		require.NoError(t, err)
		switch tok := tok.(type) {
		case xml.StartElement:
			path = append(path, tok.Name.Local)
			name := tok.Name.Local
			if tok.Name.Space != "" {
				name = tok.Name.Space + ":" + name
			}
			if len(path) == 2 {
				b.WriteString(name)
				for _, a := range tok.Attr {
					fmt.Fprintf(&b, " %s=%q", a.Name.Local, a.Value)
				}
				b.WriteString(":\n")
				continue
			}
			line = "  " + name
			for _, a := range tok.Attr {
				if a.Name.Space == "xmlns" || a.Name.Local == "xmlns" {
					continue
				}
				line += fmt.Sprintf(" %s=%q", a.Name.Local, a.Value)
			}
			text.Reset()
		case xml.CharData:
			text.Write(tok)
		case xml.EndElement:
			if len(path) == 3 {
				if s := strings.TrimSpace(text.String()); s != "" {
					line += " = " + s
				}
				b.WriteString(line + "\n")
			}
			path = path[:len(path)-1]
		}
	}
	return b.String()
}
