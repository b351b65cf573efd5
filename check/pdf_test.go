package check

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/edition-project/edition/fonts"
)

// testPDF describes a one-page PDF written by hand, so that each rule of
// PDF can be broken alone. The zero value breaks none but the ones its
// fields say: use goodPDF for a file that passes.
type testPDF struct {
	noTitle, noLang, noID bool
	noDisplayTitle        bool
	font                  string // "tagged" (default), "untagged", "core"
	xmp                   string // the metadata packet; "none" for none
	outlineCount          int    // /Count of an outline item with a child
}

func goodPDF() testPDF { return testPDF{font: "tagged", outlineCount: 1} }

func xmpPacket(title string) string {
	return `<?xpacket begin="` + "\uFEFF" + `" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:title><rdf:Alt><rdf:li xml:lang="de">Ein Titel</rdf:li><rdf:li xml:lang="x-default">` + title + `</rdf:li></rdf:Alt></dc:title>
</rdf:Description></rdf:RDF></x:xmpmeta>
<?xpacket end="r"?>`
}

// bytes writes the PDF, cross-reference table and all.
func (p testPDF) bytes() []byte {
	var objs []string // objs[i] is object i+1
	obj := func(s string) int { objs = append(objs, s); return len(objs) }
	stream := func(dict, data string) string {
		return fmt.Sprintf("<<%s /Length %d>>\nstream\n%s\nendstream", dict, len(data), data)
	}
	cat := obj("")
	pages := obj("<</Type /Pages /Kids [3 0 R] /Count 1>>")
	page := obj("")
	content := obj(stream("", "BT /F1 12 Tf 72 720 Td (Hello) Tj ET"))
	name, file := "ABCDEF+NotoSerif-Regular", ""
	switch p.font {
	case "core":
		name = "Georgia"
	case "untagged":
		name = "NotoSerif-Regular"
	}
	if p.font != "core" {
		file = fmt.Sprintf(" /FontFile2 %d 0 R", obj(stream(fmt.Sprintf(" /Length1 %d", len(fonts.Serif.Bytes())), string(fonts.Serif.Bytes()))))
	}
	desc := obj(fmt.Sprintf("<</Type /FontDescriptor /FontName /%s /Flags 32 /FontBBox [-600 -300 1400 1100] "+
		"/ItalicAngle 0 /Ascent 1069 /Descent -293 /CapHeight 714 /StemV 80%s>>", name, file))
	font := obj(fmt.Sprintf("<</Type /Font /Subtype /TrueType /BaseFont /%s /FirstChar 32 /LastChar 126 /Widths [%s] "+
		"/FontDescriptor %d 0 R /Encoding /WinAnsiEncoding>>", name, strings.TrimSpace(strings.Repeat("500 ", 95)), desc))
	objs[page-1] = fmt.Sprintf("<</Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources <</Font <</F1 %d 0 R>>>> /Contents %d 0 R>>",
		pages, font, content)
	info := "<</Producer (test)>>"
	if !p.noTitle {
		info = "<</Title (A title) /Producer (test)>>"
	}
	infoN := obj(info)
	c := "<</Type /Catalog /Pages 2 0 R"
	if !p.noLang {
		c += " /Lang (en)"
	}
	if !p.noDisplayTitle {
		c += " /ViewerPreferences <</DisplayDocTitle true>>"
	}
	switch p.xmp {
	case "none":
	case "":
		c += fmt.Sprintf(" /Metadata %d 0 R", obj(stream(" /Type /Metadata /Subtype /XML", xmpPacket("A title"))))
	default:
		c += fmt.Sprintf(" /Metadata %d 0 R", obj(stream(" /Type /Metadata /Subtype /XML", p.xmp)))
	}
	// An outline: one item with one child.
	root := len(objs) + 1
	obj(fmt.Sprintf("<</Type /Outlines /First %d 0 R /Last %d 0 R /Count 2>>", root+1, root+1))
	obj(fmt.Sprintf("<</Title (One) /Parent %d 0 R /First %d 0 R /Last %d 0 R /Count %d /Dest [%d 0 R /Fit]>>",
		root, root+2, root+2, p.outlineCount, page))
	obj(fmt.Sprintf("<</Title (Two) /Parent %d 0 R /Dest [%d 0 R /Fit]>>", root+1, page))
	c += fmt.Sprintf(" /Outlines %d 0 R>>", root)
	objs[cat-1] = c

	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<</Size %d /Root %d 0 R /Info %d 0 R", len(objs)+1, cat, infoN)
	if !p.noID {
		b.WriteString(" /ID [<00112233445566778899AABBCCDDEEFF> <00112233445566778899AABBCCDDEEFF>]")
	}
	fmt.Fprintf(&b, ">>\nstartxref\n%d\n%%%%EOF\n", xref)
	return b.Bytes()
}

func TestPDF(t *testing.T) {
	fs, err := PDF(bytes.NewReader(goodPDF().bytes()))
	require.NoError(t, err)
	assert.Empty(t, fs, "a file that keeps every rule")

	for _, tc := range []struct {
		name string
		edit func(*testPDF)
		sev  Severity
		want string
		n    int // findings
	}{
		{"not embedded", func(p *testPDF) { p.font = "core" }, Error, "Georgia is not embedded", 1},
		{"no subset tag", func(p *testPDF) { p.font = "untagged" }, Warning, "NotoSerif-Regular has no subset tag", 1},
		// The XMP title then differs from the (empty) Info title too.
		{"no title", func(p *testPDF) { p.noTitle = true }, Error, "no title", 2},
		{"no language", func(p *testPDF) { p.noLang = true }, Error, "no language", 1},
		{"no identifier", func(p *testPDF) { p.noID = true }, Error, "no file identifier", 1},
		{"title not displayed", func(p *testPDF) { p.noDisplayTitle = true }, Error, "/DisplayDocTitle true", 1},
		{"no metadata", func(p *testPDF) { p.xmp = "none" }, Error, "no XMP metadata", 1},
		// pdfcpu finds it too.
		{"metadata not XML", func(p *testPDF) { p.xmp = "<x:xmpmeta><dc:title>" }, Error, "not well-formed XML", 2},
		{"metadata title differs", func(p *testPDF) { p.xmp = xmpPacket("Another title") }, Error,
			`dc:title "Another title" is not the Info /Title "A title"`, 1},
		{"not strictly valid", func(p *testPDF) { p.outlineCount = 0 }, Error, "strict validation: ", 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := goodPDF()
			tc.edit(&p)
			fs, err := PDF(bytes.NewReader(p.bytes()))
			require.NoError(t, err)
			var msgs []string
			for _, f := range fs {
				msgs = append(msgs, f.String())
			}
			require.Len(t, fs, tc.n, msgs)
			i := slices.IndexFunc(fs, func(f Finding) bool { return strings.Contains(f.Message, tc.want) })
			require.GreaterOrEqual(t, i, 0, "no finding says %q: %v", tc.want, msgs)
			assert.Equal(t, tc.sev, fs[i].Severity)
		})
	}

	fs, err = PDF(bytes.NewReader([]byte("not a pdf")))
	require.NoError(t, err)
	require.Len(t, fs, 1)
	assert.Equal(t, Fatal, fs[0].Severity)

	_, err = PDF(nil)
	assert.Error(t, err)
}

func TestXMPTitle(t *testing.T) {
	got, err := xmpTitle([]byte(xmpPacket("Tom &amp; Jerry")))
	require.NoError(t, err)
	assert.Equal(t, "Tom & Jerry", got, "the x-default alternative, unescaped")
	got, err = xmpTitle([]byte(`<x xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title><li>First</li><li>Second</li></dc:title></x>`))
	require.NoError(t, err)
	assert.Equal(t, "First", got, "without x-default, the first")
	got, err = xmpTitle([]byte(`<x/>`))
	require.NoError(t, err)
	assert.Empty(t, got)
}

func TestQpdf(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.pdf")
	require.NoError(t, os.WriteFile(good, goodPDF().bytes(), 0o600))
	fs, err := Qpdf(context.Background(), good)
	if errors.Is(err, ErrToolMissing) {
		if os.Getenv("EDITION_REQUIRE_TOOLS") == "1" {
			t.Fatal("qpdf is required (EDITION_REQUIRE_TOOLS=1) but not installed")
		}
		t.Skip("qpdf not installed")
	}
	require.NoError(t, err)
	assert.Empty(t, fs)

	bad := filepath.Join(dir, "bad.pdf")
	require.NoError(t, os.WriteFile(bad, []byte("%PDF-1.4\nnonsense\n"), 0o600))
	fs, err = Qpdf(context.Background(), bad)
	require.NoError(t, err)
	assert.NotEmpty(t, fs)
	_, lookErr := exec.LookPath("qpdf")
	assert.NoError(t, lookErr)
}
