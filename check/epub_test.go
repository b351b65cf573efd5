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

// withDoc returns the content document a.xhtml with its <html> attributes
// and body replaced.
func withDoc(html, body string) map[string]string {
	return map[string]string{"EPUB/xhtml/a.xhtml": `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" ` + html + `>
<head><title>A</title></head>
<body>` + body + `</body>
</html>
`}
}

func TestEPUBFindings(t *testing.T) {
	opf := minimalEPUB["EPUB/package.opf"]
	const en = `lang="en" xml:lang="en"`
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
		{"languages differ", zipOpts{replace: withDoc(`lang="en" xml:lang="fr"`, "<p>A</p>")},
			"EPUB/xhtml/a.xhtml", "must agree"},
		{"right to left without dir", zipOpts{replace: withDoc(`lang="ar" xml:lang="ar"`, "<p>أ</p>")},
			"EPUB/xhtml/a.xhtml", `dir="rtl"`},
		{"right to left marked ltr", zipOpts{replace: withDoc(`lang="he" xml:lang="he" dir="ltr"`, "<p>א</p>")},
			"EPUB/xhtml/a.xhtml", `dir="rtl"`},
		{"epub:type without role", zipOpts{replace: withDoc(en, `<section epub:type="chapter"><h1>A</h1></section>`)},
			"EPUB/xhtml/a.xhtml:5", `role="doc-chapter"`},
		{"epub:type with another role", zipOpts{replace: withDoc(en, `<p>A<span epub:type="pagebreak" role="note" id="p1" aria-label="1"/></p>`)},
			"EPUB/xhtml/a.xhtml:5", `role="doc-pagebreak"`},
		{"page list without role", zipOpts{replace: map[string]string{"EPUB/nav.xhtml": strings.Replace(minimalEPUB["EPUB/nav.xhtml"], `</nav>`,
			`</nav><nav epub:type="page-list" hidden=""><ol><li><a href="xhtml/a.xhtml">1</a></li></ol></nav>`, 1)}},
			"EPUB/nav.xhtml", `role="doc-pagelist"`},
		{"deprecated epub:type", zipOpts{replace: withDoc(en, `<p>A</p><aside epub:type="rearnote"><p>B</p></aside>`)},
			"EPUB/xhtml/a.xhtml:5", `"rearnote" is deprecated`},
		{"deprecated role", zipOpts{replace: withDoc(en, `<ol><li role="doc-endnote">B</li></ol>`)},
			"EPUB/xhtml/a.xhtml:5", `"doc-endnote" is deprecated`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := checkBytes(t, buildEPUB(t, tt.opts))
			require.NotEmpty(t, fs)
			found := false
			for _, f := range fs {
				assert.Equal(t, "edition", f.Checker)
				assert.LessOrEqual(t, f.Severity, Warning, f.String())
				if strings.HasPrefix(f.Where, tt.where) && strings.Contains(f.Message, tt.want) {
					found = true
				}
			}
			assert.True(t, found, "want a finding at %s containing %q, got %v", tt.where, tt.want, fs)
		})
	}
}

// TestEPUBSemanticsClean is what the semantic checks must accept: paired
// epub:type and role, landmark links (whose epub:type names their target),
// right-to-left documents that say so, languages without a direction rule.
func TestEPUBSemanticsClean(t *testing.T) {
	nav := strings.Replace(minimalEPUB["EPUB/nav.xhtml"], `</nav>`, `</nav>
<nav epub:type="landmarks" hidden=""><ol><li><a epub:type="cover" href="xhtml/a.xhtml">Cover</a></li>
<li><a epub:type="toc" href="nav.xhtml">Contents</a></li></ol></nav>
<nav epub:type="page-list" role="doc-pagelist" hidden=""><ol><li><a href="xhtml/a.xhtml#p1">1</a></li></ol></nav>`, 1)
	for name, doc := range map[string]map[string]string{
		"paired": withDoc(`lang="en" xml:lang="en"`, `<p>A<span epub:type="pagebreak" role="doc-pagebreak" id="p1" aria-label="1"/>
<a epub:type="noteref" role="doc-noteref" href="#n1">1</a></p><section epub:type="endnotes" role="doc-endnotes"><ol><li id="n1">B</li></ol></section>`),
		"rtl":      withDoc(`lang="ar" xml:lang="ar" dir="rtl"`, `<p>أ<span epub:type="pagebreak" role="doc-pagebreak" id="p1" aria-label="1"/></p>`),
		"rtl body": withDoc(`lang="ar-Latn" xml:lang="ar-Latn"`, `<p>A<span id="p1"/></p>`),
		"no rule":  withDoc(`lang="ja" xml:lang="JA"`, `<p epub:type="z3998:poem">A<span id="p1"/></p>`),
	} {
		t.Run(name, func(t *testing.T) {
			doc["EPUB/nav.xhtml"] = nav
			assert.Empty(t, checkBytes(t, buildEPUB(t, zipOpts{replace: doc})))
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
