package check

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A minimal EPUB 3 that EPUBCheck accepts without errors or warnings.
var minimalEPUB = map[string]string{
	"mimetype": "application/epub+zip",
	"META-INF/container.xml": `<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles><rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>
`,
	"EPUB/package.opf": `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="pub-id" xml:lang="en">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="pub-id">urn:uuid:2b7c3b5e-1d6f-5a8e-9c41-0d2f3e4a5b6c</dc:identifier>
    <dc:title>A test</dc:title>
    <dc:language>en</dc:language>
    <meta property="dcterms:modified">2016-12-12T22:28:00Z</meta>
  </metadata>
  <manifest>
    <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
    <item id="a" href="xhtml/a.xhtml" media-type="application/xhtml+xml"/>
  </manifest>
  <spine><itemref idref="a"/></spine>
</package>
`,
	"EPUB/nav.xhtml": `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="en" xml:lang="en">
<head><title>Contents</title></head>
<body><nav epub:type="toc" role="doc-toc"><h1>Contents</h1><ol><li><a href="xhtml/a.xhtml">A</a></li></ol></nav></body>
</html>
`,
	"EPUB/xhtml/a.xhtml": `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" lang="en" xml:lang="en">
<head><title>A</title></head>
<body><h1>A</h1><p>Text &#38; more.</p></body>
</html>
`,
}

var minimalOrder = []string{"mimetype", "META-INF/container.xml", "EPUB/package.opf", "EPUB/nav.xhtml", "EPUB/xhtml/a.xhtml"}

// zipOpts changes how buildEPUB writes the archive.
type zipOpts struct {
	order       []string
	deflateMime bool
	extraOnMime bool
	replace     map[string]string
	drop        []string
}

func buildEPUB(t *testing.T, o zipOpts) []byte {
	t.Helper()
	files := map[string]string{}
	for k, v := range minimalEPUB {
		files[k] = v
	}
	for k, v := range o.replace {
		files[k] = v
	}
	for _, k := range o.drop {
		delete(files, k)
	}
	order := o.order
	if order == nil {
		order = minimalOrder
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range order {
		data, ok := files[name]
		if !ok {
			continue
		}
		fh := &zip.FileHeader{Name: name, Method: zip.Deflate}
		if name == "mimetype" {
			if !o.deflateMime {
				fh.Method = zip.Store
			}
			if o.extraOnMime {
				fh.Extra = []byte{0xfe, 0xca, 0, 0}
			}
		}
		w, err := zw.CreateHeader(fh)
		require.NoError(t, err)
		_, err = w.Write([]byte(data))
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	return buf.Bytes()
}

func checkBytes(t *testing.T, data []byte) []Finding {
	t.Helper()
	fs, err := EPUB(bytes.NewReader(data), int64(len(data)))
	require.NoError(t, err)
	return fs
}

func TestEPUBMinimalIsClean(t *testing.T) {
	assert.Empty(t, checkBytes(t, buildEPUB(t, zipOpts{})))
}

func TestEPUBFindings(t *testing.T) {
	opf := minimalEPUB["EPUB/package.opf"]
	tests := []struct {
		name  string
		opts  zipOpts
		where string
		want  string
	}{
		{"mimetype not first", zipOpts{order: []string{"META-INF/container.xml", "mimetype", "EPUB/package.opf", "EPUB/nav.xhtml", "EPUB/xhtml/a.xhtml"}},
			"mimetype", "first entry"},
		{"mimetype compressed", zipOpts{deflateMime: true}, "mimetype", "stored"},
		{"mimetype extra field", zipOpts{extraOnMime: true}, "mimetype", "extra field"},
		{"mimetype content", zipOpts{replace: map[string]string{"mimetype": "application/zip"}}, "mimetype", "must hold exactly"},
		{"no container", zipOpts{drop: []string{"META-INF/container.xml"}}, "META-INF/container.xml", "cannot read"},
		{"container without rootfile", zipOpts{replace: map[string]string{"META-INF/container.xml": `<container xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles/></container>`}},
			"META-INF/container.xml", "no rootfile"},
		{"opf version", zipOpts{replace: map[string]string{"EPUB/package.opf": strings.Replace(opf, `version="3.0"`, `version="2.0"`, 1)}},
			"EPUB/package.opf", "version"},
		{"unique identifier", zipOpts{replace: map[string]string{"EPUB/package.opf": strings.Replace(opf, `unique-identifier="pub-id"`, `unique-identifier="isbn"`, 1)}},
			"EPUB/package.opf", "names no dc:identifier"},
		{"no title", zipOpts{replace: map[string]string{"EPUB/package.opf": strings.Replace(opf, "<dc:title>A test</dc:title>", "", 1)}},
			"EPUB/package.opf", "dc:title"},
		{"no language", zipOpts{replace: map[string]string{"EPUB/package.opf": strings.Replace(opf, "<dc:language>en</dc:language>", "", 1)}},
			"EPUB/package.opf", "dc:language"},
		{"no modified", zipOpts{replace: map[string]string{"EPUB/package.opf": strings.Replace(opf, `<meta property="dcterms:modified">2016-12-12T22:28:00Z</meta>`, "", 1)}},
			"EPUB/package.opf", "dcterms:modified"},
		{"bad modified", zipOpts{replace: map[string]string{"EPUB/package.opf": strings.Replace(opf, "2016-12-12T22:28:00Z", "2016-12-12", 1)}},
			"EPUB/package.opf", "CCYY-MM-DDThh:mm:ssZ"},
		{"missing manifest file", zipOpts{drop: []string{"EPUB/xhtml/a.xhtml"}}, "EPUB/package.opf", "not in the archive"},
		{"spine idref", zipOpts{replace: map[string]string{"EPUB/package.opf": strings.Replace(opf, `<itemref idref="a"/>`, `<itemref idref="b"/>`, 1)}},
			"EPUB/package.opf", `"b" is not in the manifest`},
		{"no nav", zipOpts{replace: map[string]string{"EPUB/package.opf": strings.Replace(opf, ` properties="nav"`, "", 1)}},
			"EPUB/package.opf", "nav property"},
		{"nav without toc", zipOpts{replace: map[string]string{"EPUB/nav.xhtml": strings.Replace(minimalEPUB["EPUB/nav.xhtml"], `epub:type="toc"`, `epub:type="landmarks"`, 1)}},
			"EPUB/nav.xhtml", "no <nav"},
		{"named entity", zipOpts{replace: map[string]string{"EPUB/xhtml/a.xhtml": strings.Replace(minimalEPUB["EPUB/xhtml/a.xhtml"], "&#38;", "&nbsp;", 1)}},
			"EPUB/xhtml/a.xhtml:5", "not well-formed"},
		{"unclosed element", zipOpts{replace: map[string]string{"EPUB/xhtml/a.xhtml": strings.Replace(minimalEPUB["EPUB/xhtml/a.xhtml"], "</p>", "", 1)}},
			"EPUB/xhtml/a.xhtml", "not well-formed"},
		{"no xml:lang", zipOpts{replace: map[string]string{"EPUB/xhtml/a.xhtml": strings.Replace(minimalEPUB["EPUB/xhtml/a.xhtml"], ` xml:lang="en"`, "", 1)}},
			"EPUB/xhtml/a.xhtml", "lang and xml:lang"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := checkBytes(t, buildEPUB(t, tt.opts))
			require.NotEmpty(t, fs)
			found := false
			for _, f := range fs {
				assert.Equal(t, "edition", f.Checker)
				assert.LessOrEqual(t, f.Severity, Error, f.String())
				if strings.HasPrefix(f.Where, tt.where) && strings.Contains(f.Message, tt.want) {
					found = true
				}
			}
			assert.True(t, found, "want a finding at %s containing %q, got %v", tt.where, tt.want, fs)
		})
	}
}

func TestEPUBNotAZip(t *testing.T) {
	fs := checkBytes(t, []byte("%PDF-1.7 not an epub at all"))
	require.Len(t, fs, 1)
	assert.Equal(t, Fatal, fs[0].Severity)
}

// requireTool skips a test when an external validator is missing, or
// fails it when EDITION_REQUIRE_TOOLS=1.
func requireTool(t *testing.T, err error) {
	t.Helper()
	if errors.Is(err, ErrToolMissing) {
		if os.Getenv("EDITION_REQUIRE_TOOLS") == "1" {
			t.Fatalf("EDITION_REQUIRE_TOOLS=1 but: %v", err)
		}
		t.Skipf("skipping: %v", err)
	}
}

func TestEPUBCheck(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.epub")
	require.NoError(t, os.WriteFile(good, buildEPUB(t, zipOpts{}), 0o644))
	fs, err := EPUBCheck(context.Background(), good)
	requireTool(t, err)
	require.NoError(t, err)
	for _, f := range fs {
		assert.Equal(t, Usage, f.Severity, f.String())
	}

	bad := filepath.Join(dir, "bad.epub")
	require.NoError(t, os.WriteFile(bad, buildEPUB(t, zipOpts{drop: []string{"EPUB/xhtml/a.xhtml"}}), 0o644))
	fs, err = EPUBCheck(context.Background(), bad)
	require.NoError(t, err)
	var errs []Finding
	for _, f := range fs {
		if f.Severity <= Error {
			errs = append(errs, f)
		}
	}
	require.NotEmpty(t, errs)
	assert.Equal(t, "epubcheck", errs[0].Checker)
	assert.NotEmpty(t, errs[0].Code)
	assert.NotEmpty(t, errs[0].Where)
}

func TestEPUBCheckMissing(t *testing.T) {
	saved := EPUBCheckJar
	t.Cleanup(func() { EPUBCheckJar = saved })
	EPUBCheckJar = filepath.Join(t.TempDir(), "no-such.jar")
	_, err := EPUBCheck(context.Background(), "whatever.epub")
	assert.ErrorIs(t, err, ErrToolMissing)
}
