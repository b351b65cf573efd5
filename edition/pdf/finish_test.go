package pdf

import (
	"bytes"
	"context"
	"encoding/xml"
	"image"
	"image/color"
	"image/png"
	"strings"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/edition-project/edition/edition"
)

// xmpDoc is the part of the XMP packet the tests read.
type xmpDoc struct {
	Desc struct {
		Title       []string  `xml:"title>Alt>li"`
		Creator     []string  `xml:"creator>Seq>li"`
		Description []string  `xml:"description>Alt>li"`
		Language    []string  `xml:"language>Bag>li"`
		CreateDate  time.Time `xml:"http://ns.adobe.com/xap/1.0/ CreateDate"`
		ModifyDate  time.Time `xml:"http://ns.adobe.com/xap/1.0/ ModifyDate"`
		CreatorTool string    `xml:"http://ns.adobe.com/xap/1.0/ CreatorTool"`
		Producer    string    `xml:"http://ns.adobe.com/pdf/1.3/ Producer"`
		Keywords    string    `xml:"http://ns.adobe.com/pdf/1.3/ Keywords"`
	} `xml:"RDF>Description"`
}

// TestXMPMatchesInfo reads the catalog's XMP metadata and compares every
// field with the Info dictionary, dates as instants.
func TestXMPMatchesInfo(t *testing.T) {
	awkward := aleppo(t)
	awkward.Headline = "Emoji 😢 in a headline, a bell\x07 and bad \xff UTF-8 & <markup>"
	for _, tc := range []struct {
		name string
		b    *edition.Book
	}{{"aleppo", book(t, edition.Options{})}, {"awkward", book(t, edition.Options{}, awkward)}} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := readContext(t, renderBytes(t, tc.b))
			cat, err := ctx.Catalog()
			require.NoError(t, err)
			o, ok := cat.Find("Metadata")
			require.True(t, ok, "the catalog links the XMP metadata")
			sd, _, err := ctx.DereferenceStreamDict(o)
			require.NoError(t, err)
			require.NoError(t, sd.Decode())
			assert.True(t, bytes.HasPrefix(sd.Content, []byte("<?xpacket begin=")), "an XMP packet")
			var x xmpDoc
			require.NoError(t, xml.Unmarshal(sd.Content, &x), "the packet is well-formed XML")
			d := x.Desc

			info := infoDict(t, ctx)
			assert.Equal(t, []string{info["Title"]}, d.Title)
			assert.Equal(t, metaText(tc.b.Title), info["Title"], "the title as the book has it, made printable")
			assert.Equal(t, info["Author"], strings.Join(d.Creator, ", "))
			assert.Equal(t, []string{info["Subject"]}, d.Description)
			assert.Equal(t, []string{info["Lang"]}, d.Language)
			assert.Equal(t, info["Creator"], d.CreatorTool)
			assert.Equal(t, info["Producer"], d.Producer)
			assert.Equal(t, info["Keywords"], d.Keywords)
			for _, pair := range []struct {
				info string
				xmp  time.Time
			}{{info["CreationDate"], d.CreateDate}, {info["ModDate"], d.ModifyDate}} {
				it, ok := types.DateTime(pair.info, false)
				require.True(t, ok, "Info date %q", pair.info)
				assert.True(t, it.Equal(pair.xmp), "Info %s and XMP %s are the same instant", it, pair.xmp)
			}
			assert.True(t, d.CreateDate.Equal(tc.b.Date.Truncate(time.Second)))
			assert.True(t, d.ModifyDate.Equal(tc.b.Modified.Truncate(time.Second)))
			if tc.name == "awkward" {
				assert.Contains(t, info["Title"], "😢", "characters beyond the BMP survive in Info")
				assert.Contains(t, info["Title"], "& <markup>")
			}
		})
	}
}

// TestLinksIndirect follows every link annotation: each is an object of
// its own, on its page, pointing at a web address or at a page of the file.
func TestLinksIndirect(t *testing.T) {
	ctx := readContext(t, renderBytes(t, book(t, edition.Options{})))
	var uris []string
	dests := 0
	for p := 1; p <= ctx.PageCount; p++ {
		pd, pageRef, _, err := ctx.PageDict(p, false)
		require.NoError(t, err)
		o, ok := pd.Find("Annots")
		if !ok {
			continue
		}
		arr, err := ctx.DereferenceArray(o)
		require.NoError(t, err)
		for _, a := range arr {
			ref, ok := a.(types.IndirectRef)
			require.True(t, ok, "page %d: annotation %v is an indirect reference", p, a)
			ad, err := ctx.DereferenceDict(ref)
			require.NoError(t, err)
			assert.Equal(t, "Link", *ad.Subtype())
			assert.Equal(t, pageRef.ObjectNumber, ad.IndirectRefEntry("P").ObjectNumber, "/P is the page")
			if act := ad.DictEntry("A"); act != nil {
				s, err := types.StringOrHexLiteral(act["URI"])
				require.NoError(t, err)
				uris = append(uris, *s)
				continue
			}
			dest := ad.ArrayEntry("Dest")
			require.NotEmpty(t, dest, "a link has an action or a destination")
			target, ok := dest[0].(types.IndirectRef)
			require.True(t, ok)
			found := false
			for q := 1; q <= ctx.PageCount; q++ {
				_, qr, _, err := ctx.PageDict(q, false)
				require.NoError(t, err)
				found = found || qr.ObjectNumber == target.ObjectNumber
			}
			assert.True(t, found, "the destination %v is a page of the file", target)
			dests++
		}
	}
	assert.Contains(t, uris, "https://twitter.com/AlabedBana")
	assert.Equal(t, 1, dests, "the note marker links to its note")
}

func TestOutlineCounts(t *testing.T) {
	doc := renderBytes(t, book(t, edition.Options{}, aleppo(t), aleppo(t)))
	// The contents, then a section of two articles, each with three
	// entries beneath: every item open.
	assert.Contains(t, string(doc), "/Type /Outlines /First")
	assert.Equal(t, 1, strings.Count(string(doc), " /Count 10>>"), "the root counts every item")
	assert.Equal(t, 1, strings.Count(string(doc), "/Count 8>>"), "the section counts its articles and theirs")
	assert.Equal(t, 2, strings.Count(string(doc), "/Count 3>>"), "an article counts its three entries")
	assert.NotContains(t, string(doc), "/Count 0", "no item says it has no children")
}

func TestFinishRejects(t *testing.T) {
	good := renderBytes(t, book(t, edition.Options{}))
	for name, doc := range map[string][]byte{
		"empty":          nil,
		"not a PDF":      []byte("hello"),
		"no trailer":     bytes.Replace(good, []byte("trailer"), []byte("trailor"), 1),
		"moved object":   append([]byte("%PDF-1.3\n%\n "), good[len("%PDF-1.7\n%µ¶\n"):]...),
		"bad xref entry": bytes.Replace(good, []byte(" 00000 n \n"), []byte(" 00000 f \n"), 1),
	} {
		_, err := finish(doc, "seed", docInfo{})
		assert.Error(t, err, name)
	}
}

func TestArrayItems(t *testing.T) {
	items, err := arrayItems([]byte(`<</A <</URI (a>>b\)c(d))>>>> 12 0 R <</B 1>> /Name]`))
	require.NoError(t, err)
	var got []string
	for _, it := range items {
		got = append(got, string(it))
	}
	assert.Equal(t, []string{`<</A <</URI (a>>b\)c(d))>>>>`, "12 0 R", "<</B 1>>", "/Name"}, got)
	_, err = arrayItems([]byte(`<</A 1`))
	assert.Error(t, err)
	_, err = arrayItems([]byte(`<</A 1]`))
	assert.Error(t, err)
}

func TestTextString(t *testing.T) {
	assert.Equal(t, `(a \(b\) \\ c)`, textString(`a (b) \ c`))
	assert.Equal(t, "<FEFF00E9D83DDE22>", textString("é😢"), "UTF-16 with a surrogate pair")
}

func BenchmarkFinish(b *testing.B) {
	bk := book(b, edition.Options{})
	raw, _, err := layOut(context.Background(), bk)
	require.NoError(b, err)
	info := newDocInfo(bk)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := finish(raw, bk.ID, info); err != nil {
			b.Fatal(err)
		}
	}
}

// TestStreamsCompressed reads every page's content stream back through
// pdfcpu: each is Flate-compressed and decodes to drawing operators.
func TestStreamsCompressed(t *testing.T) {
	ctx := readContext(t, renderBytes(t, book(t, edition.Options{})))
	require.Positive(t, ctx.PageCount)
	for p := 1; p <= ctx.PageCount; p++ {
		pd, _, _, err := ctx.PageDict(p, false)
		require.NoError(t, err)
		o, ok := pd.Find("Contents")
		require.True(t, ok, "page %d has contents", p)
		sd, _, err := ctx.DereferenceStreamDict(o)
		require.NoError(t, err)
		require.NotNil(t, sd)
		require.Len(t, sd.FilterPipeline, 1, "page %d", p)
		assert.Equal(t, "FlateDecode", sd.FilterPipeline[0].Name, "page %d", p)
		require.NoError(t, sd.Decode())
		assert.Contains(t, string(sd.Content), " Tf", "page %d draws text", p)
	}
}

// TestFinishCompressesAsFpdf writes one document with fpdf compressing its
// streams and once without: finished, the two files are the same to the
// byte, page contents and an indexed picture's palette included.
func TestFinishCompressesAsFpdf(t *testing.T) {
	pal := image.NewPaletted(image.Rect(0, 0, 8, 8), color.Palette{color.Black, color.White, color.RGBA{200, 30, 30, 255}})
	for i := range pal.Pix {
		pal.Pix[i] = uint8(i % 3)
	}
	var img bytes.Buffer
	require.NoError(t, png.Encode(&img, pal))
	raw := func(compress bool) []byte {
		doc := fpdf.New("P", "pt", "A4", "")
		doc.SetCatalogSort(true)
		doc.SetFont("Helvetica", "", 12)
		for p := range 3 {
			doc.AddPage()
			doc.Text(50, 50, strings.Repeat("page ", p+1))
			doc.RegisterImageOptionsReader("pal", fpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(img.Bytes()))
			doc.ImageOptions("pal", 50, 100, 40, 40, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
		}
		doc.SetCompression(compress)
		var out bytes.Buffer
		require.NoError(t, doc.Output(&out))
		return out.Bytes()
	}
	plain, packed := raw(false), raw(true)
	require.Contains(t, string(plain), "/Indexed /DeviceRGB", "the picture has a palette")
	require.NotContains(t, string(plain), "/Filter /FlateDecode /Length", "fpdf compressed nothing of its own accord")
	info := docInfo{title: "t", created: time.Unix(0, 0).UTC(), modified: time.Unix(0, 0).UTC()}
	want, err := finish(packed, "seed", info)
	require.NoError(t, err)
	got, err := finish(plain, "seed", info)
	require.NoError(t, err)
	assert.Equal(t, 4, bytes.Count(got, []byte("<</Filter /FlateDecode /Length ")), "three pages and a palette")
	assert.Equal(t, want, got)

	// A stream cut short is an error, not a guess.
	bad := bytes.Replace(plain, []byte("endstream"), []byte("endstreax"), 1)
	_, err = finish(bad, "seed", info)
	assert.ErrorContains(t, err, "is not the one fpdf writes")
}

func TestPlainStream(t *testing.T) {
	data, ok := plainStream([]byte("/Length 3>>\nstream\nabc\nendstream\nendobj\n"))
	assert.True(t, ok)
	assert.Equal(t, "abc", string(data))
	for _, s := range []string{
		"/Length 4>>\nstream\nabc\nendstream\nendobj\n",
		"/Length -1>>\nstream\nabc\nendstream\nendobj\n",
		"/Length 3 /X 1>>\nstream\nabc\nendstream\nendobj\n",
		"/Length 3>>\nstream\nabc\nendstream\n",
		"/Length >>\nstream\n",
	} {
		_, ok := plainStream([]byte(s))
		assert.False(t, ok, "%q", s)
	}
}
