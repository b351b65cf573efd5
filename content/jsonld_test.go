package content_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/edition-project/edition/content"
	"github.com/edition-project/edition/examples"
)

// normalised copies an article without what depends on where it was read
// from (File, Slug, Assets, the photos' lines), so that loaders can be
// compared on content alone.
func normalised(a *content.Article) content.Article {
	c := *a
	c.File, c.Slug, c.Assets = "", "", nil
	strip := func(p *content.Photo) *content.Photo {
		if p == nil {
			return nil
		}
		q := *p
		q.Line = 0
		return &q
	}
	c.Photo = strip(c.Photo)
	var blocks func([]content.Block) []content.Block
	blocks = func(bs []content.Block) []content.Block {
		out := make([]content.Block, len(bs))
		for i, b := range bs {
			switch b := b.(type) {
			case *content.Figure:
				out[i] = &content.Figure{Photo: strip(b.Photo)}
			case *content.Quote:
				out[i] = &content.Quote{Blocks: blocks(b.Blocks)}
			default:
				out[i] = b
			}
		}
		return out
	}
	c.Body = blocks(c.Body)
	if c.Background != nil {
		bg := *c.Background
		bg.Body = blocks(bg.Body)
		c.Background = &bg
	}
	return c
}

var photoFS = fstest.MapFS{"photo.jpg": {Data: []byte("jpeg")}, "second.jpg": {Data: []byte("jpeg")}}

// TestJSONLDTwinOfMarkdown loads the example article from Markdown and its
// JSON-LD twin: both must give the same content model.
func TestJSONLDTwinOfMarkdown(t *testing.T) {
	md, err := examples.Aleppo()
	require.NoError(t, err)
	src, err := os.ReadFile("testdata/jsonld/aleppo.json")
	require.NoError(t, err)
	ld, err := content.ParseJSONLD("testdata/jsonld/aleppo.json", src, photoFS)
	require.NoError(t, err)

	assert.Equal(t, "aleppo", ld.Slug)
	assert.Equal(t, 12, ld.Photo.Line, "the line of contentUrl")
	_, err = ld.Assets.Open(ld.Photo.Src)
	assert.NoError(t, err)

	want, got := normalised(md), normalised(ld)
	// Field by field first, for a readable failure; then the whole.
	assert.Equal(t, want.Headline, got.Headline)
	assert.Equal(t, want.Standfirst, got.Standfirst)
	assert.Equal(t, want.Byline, got.Byline)
	assert.True(t, want.Published.Equal(got.Published))
	assert.True(t, want.Updated.Equal(got.Updated))
	assert.Equal(t, want.Language, got.Language)
	assert.Equal(t, want.Section, got.Section)
	assert.Equal(t, want.Publisher, got.Publisher)
	assert.Equal(t, want.Source, got.Source)
	assert.Equal(t, want.Photo, got.Photo)
	require.Len(t, got.Body, len(want.Body))
	for i := range want.Body {
		assert.Equal(t, want.Body[i], got.Body[i], "paragraph %d", i+1)
	}
	assert.Equal(t, want.Background, got.Background)
	assert.Equal(t, want.Notes, got.Notes)
	assert.Equal(t, want, got)
}

func TestJSONLDShapes(t *testing.T) {
	const body = `"articleBody": "One -- two... \"three\" *not em* [x](y) <b>&amp;</b>\n  joined\n\n1. not a list\n\n# not a heading"`
	cases := map[string]string{
		"graph": `{"@context": "https://schema.org", "@graph": [
			{"@type": "WebPage", "@id": "#page"},
			{"@type": "Person", "@id": "#ann", "name": "Ann Lee"},
			{"@type": ["Article", "ReportageNewsArticle"], "headline": "H", "datePublished": "2020-01-02",
			 "author": [{"@id": "#ann"}, "Bo Chen", {"@type": "Organization", "name": "Desk"}],
			 "inLanguage": {"@type": "Language", "name": "German", "alternateName": "de"},
			 "articleSection": ["World", "Europe"], "publisher": {"@type": "Organization", "name": "The Paper"},
			 "url": "https://example.com/h", "alternativeHeadline": "Standfirst",
			 "image": [{"@type": "ImageObject", "url": "photo.jpg", "description": "Alt", "copyrightHolder": {"name": "Agency"}},
			           {"contentUrl": "sub/../second.jpg", "description": "Alt 2", "caption": "Cap 2"}],
			 ` + body + `}]}`,
		"array": `[{"@type": "schema:NewsArticle", "headline": "H", "datePublished": "2020-01-02T10:00Z",
			"author": "Ann Lee", "inLanguage": "de", "articleSection": "World", "publisher": "The Paper",
			"url": "https://example.com/h", "description": "Standfirst", ` + body + `}]`,
	}
	for name, src := range cases {
		t.Run(name, func(t *testing.T) {
			a, err := content.ParseJSONLD("x/story.json", []byte(src), photoFS)
			require.NoError(t, err)
			assert.Equal(t, "H", a.Headline)
			assert.Equal(t, "story", a.Slug)
			assert.Equal(t, "Standfirst", content.PlainText(a.Standfirst))
			assert.Equal(t, "de", a.Language)
			assert.Equal(t, "World", a.Section)
			assert.Equal(t, "The Paper", a.Publisher)
			assert.Equal(t, "https://example.com/h", a.Source)
			require.GreaterOrEqual(t, len(a.Body), 3)
			assert.Equal(t, []content.Inline{{Text: "One – two… “three” *not em* [x](y) <b>&amp;</b> joined"}},
				a.Body[0].(*content.Paragraph).Inlines, "plain text: no markup, typographic punctuation")
			assert.Equal(t, "1. not a list", content.PlainText(a.Body[1].(*content.Paragraph).Inlines))
			assert.Equal(t, "# not a heading", content.PlainText(a.Body[2].(*content.Paragraph).Inlines))
			if name == "graph" {
				assert.Equal(t, []string{"Ann Lee", "Bo Chen", "Desk"}, a.Byline)
				require.NotNil(t, a.Photo)
				assert.Equal(t, "photo.jpg", a.Photo.Src)
				assert.Equal(t, "Agency", content.PlainText(a.Photo.Credit))
				require.Len(t, a.Body, 4, "the second image follows the body")
				fig := a.Body[3].(*content.Figure).Photo
				assert.Equal(t, "second.jpg", fig.Src)
				assert.Equal(t, "Alt 2", fig.Alt)
				assert.Equal(t, "Cap 2", content.PlainText(fig.Caption))
				assert.Len(t, a.Photos(), 2)
			} else {
				assert.Equal(t, []string{"Ann Lee"}, a.Byline)
				assert.False(t, content.IsDateOnly(a.Published))
				assert.Nil(t, a.Photo)
			}
		})
	}
}

func TestBadJSONLD(t *testing.T) {
	const ok = `"@type": "NewsArticle", "headline": "H", "datePublished": "2020-01-02", "articleBody": "Text."`
	cases := []struct {
		name, src, want string
	}{
		{"syntax", "{\n  \"headline\": \"H\",\n  \"x\": ]\n}", `x/s.json:3: not valid JSON: invalid character ']'`},
		{"ends early", "{\n\"headline\": \"H\"", "x/s.json:2: the JSON ends early"},
		{"trailing", "{" + ok + "}\n{}", "x/s.json:2: text after the end"},
		{"not object", `"text"`, "x/s.json:1: the file holds text, not a JSON-LD object"},
		{"no type", `{"headline": "H"}`, `x/s.json:1: @type: the object has no @type`},
		{"unknown type", "{\n\"@type\": \"Recipe\", \"headline\": \"H\"}", `x/s.json:2: @type: "Recipe" is not an article type`},
		{"type not text", `{"@type": 3}`, `x/s.json:1: @type: must be a type name, not number`},
		{"graph without article", "{\"@graph\": [\n{\"@type\": \"WebPage\"}, {\"@type\": \"Person\"}]}", `x/s.json:1: no NewsArticle among the nodes (types: WebPage, Person)`},
		{"two articles", "[{" + ok + "},\n{" + ok + "}]", `x/s.json:2: @type: the file holds 2 articles`},
		{"bad context", `{"@context": "https://example.org", ` + ok + `}`, `x/s.json:1: @context: "https://example.org" is not schema.org`},
		{"dup key", "{" + ok + ",\n\"headline\": \"again\"}", `x/s.json:2: headline: "headline" is given twice`},
		{"no headline", `{"@type": "NewsArticle", "datePublished": "2020-01-02", "articleBody": "x"}`, `x/s.json:1: headline: an article needs a headline`},
		{"headline list", "{\"@type\": \"NewsArticle\",\n \"headline\": [\"a\"]}", `x/s.json:2: headline: must be text, not list`},
		{"empty headline", `{"@type": "NewsArticle", "headline": "  "}`, `headline: the headline is empty`},
		{"no date", `{"@type": "NewsArticle", "headline": "H", "articleBody": "x"}`, `x/s.json:1: datePublished: an article needs a publication date`},
		{"bad date", "{\"@type\": \"NewsArticle\", \"headline\": \"H\",\n\"datePublished\": \"13/12/2016\"}", `x/s.json:2: datePublished: "13/12/2016" is not a date`},
		{"no offset", `{"@type": "NewsArticle", "headline": "H", "datePublished": "2016-12-13T08:26:00"}`, `datePublished: "2016-12-13T08:26:00" has no UTC offset`},
		{"modified before", `{` + ok + `, "dateModified": "2019-01-01"}`, `dateModified: dateModified (2019-01-01) is before datePublished (2020-01-02)`},
		{"bad language", `{` + ok + `, "inLanguage": "english please"}`, `inLanguage: "english please" is not a BCP 47 language tag`},
		{"language object without code", `{` + ok + `, "inLanguage": {"@type": "Language"}}`, `inLanguage: a Language needs alternateName`},
		{"language name", `{` + ok + `, "inLanguage": {"name": "English"}}`, `inLanguage.name: "English" is not a BCP 47`},
		{"author without name", "{" + ok + ",\n\"author\": [\"A\", {\"@type\": \"Person\"}]}", `x/s.json:2: author[1]: needs a name`},
		{"author empty", `{` + ok + `, "author": ""}`, `author: an empty name in the byline`},
		{"author number", `{` + ok + `, "author": {"name": 7}}`, `author.name: must be text, not number`},
		{"bad url", `{` + ok + `, "url": "ftp://x"}`, `url: "ftp://x" is not a web address`},
		{"no body", `{"@type": "NewsArticle", "headline": "H", "datePublished": "2020-01-02"}`, `articleBody: the article has no body`},
		{"empty body", `{"@type": "NewsArticle", "headline": "H", "datePublished": "2020-01-02", "articleBody": "\n\n"}`, `articleBody: the article's body is empty`},
		{"control char", `{"@type": "NewsArticle", "headline": "H\u0000", "datePublished": "2020-01-02"}`, `headline: control character U+0000`},
		{"raw control char", "{\"headline\": \"a\x01\"}", `x/s.json:1: control character U+0001`},
		{"invalid utf8", "{\n\"headline\": \"a\xff\"}", `x/s.json:2: the file is not valid UTF-8`},
		{"image string", `{` + ok + `, "image": "photo.jpg"}`, `image: a bare image path has no alt text: give an ImageObject`},
		{"image number", `{` + ok + `, "image": 3}`, `image: must be an ImageObject, not number`},
		{"image no alt", "{" + ok + ", \"image\": [\n{\"contentUrl\": \"photo.jpg\", \"caption\": \"c\"}]}", `x/s.json:2: image[0].description: the image "photo.jpg" needs alt text: add "description"`},
		{"image no path", `{` + ok + `, "image": {"@type": "ImageObject", "description": "d"}}`, `image.contentUrl: the image needs contentUrl`},
		{"image wrong type", `{` + ok + `, "image": {"@type": "VideoObject", "contentUrl": "a.mp4"}}`, `image.@type: "VideoObject" is not an image`},
		{"image dotdot", "{" + ok + ", \"image\": [{\"contentUrl\": \"photo.jpg\", \"description\": \"d\"},\n {\"url\": \"../up.jpg\", \"description\": \"d\"}]}", `x/s.json:2: image[1].url: "../up.jpg" leads out of the article's folder`},
		{"image absolute", `{` + ok + `, "image": {"contentUrl": "/etc/a.jpg", "description": "d"}}`, `image.contentUrl: "/etc/a.jpg" is an absolute path`},
		{"image credit object without name", `{` + ok + `, "image": {"contentUrl": "a.jpg", "description": "d", "copyrightHolder": {}}}`, `image.copyrightHolder: needs a name`},
		{"background without body", `{` + ok + `, "hasPart": {"@type": "BackgroundNewsArticle"}}`, `hasPart.articleBody: the background needs a body`},
		{"two backgrounds", `{` + ok + `, "hasPart": [{"@type": "BackgroundNewsArticle", "articleBody": "a"}, {"@type": "BackgroundNewsArticle", "articleBody": "b"}]}`, `hasPart[1]: a second background`},
		{"too deep", strings.Repeat("[", 100) + strings.Repeat("]", 100), `nested more than 64 levels deep`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := content.ParseJSONLD("x/s.json", []byte(tc.src), photoFS)
			require.Error(t, err)
			var ce *content.Error
			require.ErrorAs(t, err, &ce)
			assert.Equal(t, "x/s.json", ce.File)
			assert.Positive(t, ce.Line)
			assert.Contains(t, err.Error(), tc.want)
			assert.False(t, errors.Is(err, content.ErrRemoteImage))
		})
	}
}

func TestJSONLDRemoteImage(t *testing.T) {
	for field, src := range map[string]string{
		"image[1].contentUrl": "{\"@type\": \"NewsArticle\", \"image\": [{\"contentUrl\": \"photo.jpg\", \"description\": \"d\"},\n{\"contentUrl\": \"https://example.com/a.jpg\"}]}",
		"image":               "{\"@type\": \"NewsArticle\",\n\"image\": \"https://example.com/a.jpg\"}",
	} {
		t.Run(field, func(t *testing.T) {
			_, err := content.ParseJSONLD("x/s.json", []byte(`{"headline": "H", "datePublished": "2020-01-02", "articleBody": "x", `+src[1:]), nil)
			require.Error(t, err)
			assert.ErrorIs(t, err, content.ErrRemoteImage)
			var re *content.RemoteImageError
			require.ErrorAs(t, err, &re)
			assert.Equal(t, "https://example.com/a.jpg", re.URL)
			var ce *content.Error
			require.ErrorAs(t, err, &ce)
			assert.Equal(t, field, ce.Field)
			assert.Equal(t, 2, ce.Line)
			assert.Contains(t, err.Error(), "is a web address: images are not downloaded")
		})
	}
}

func TestReadJSONLDFile(t *testing.T) {
	a, err := content.ReadJSONLDFile("testdata/jsonld/aleppo.json")
	require.NoError(t, err)
	assert.Equal(t, "testdata/jsonld/aleppo.json", a.File)
	_, err = content.ReadJSONLDFile("testdata/jsonld/missing.json")
	assert.True(t, content.IsContentError(err))
}

// FuzzParseJSONLD feeds the JSON-LD loader arbitrary files seeded from the
// fixtures: it must never panic, only return content errors, and what it
// accepts must hold the same promises as a Markdown article.
func FuzzParseJSONLD(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/jsonld/*.json")
	for _, s := range seeds {
		if b, err := os.ReadFile(s); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte(`{"@graph": [{"@id": "#a", "name": "A"}, {"@type": ["NewsArticle"], "headline": "1. *x*", "author": {"@id": "#a"}, "datePublished": "2020-01-02", "articleBody": "- a\n\n> b", "image": [{"url": "a.jpg", "description": "d"}, "https://x.org/b.jpg"]}]}`))
	f.Fuzz(func(t *testing.T, src []byte) {
		a, err := content.ParseJSONLD("fuzz.json", src, photoFS)
		if err != nil {
			if !content.IsContentError(err) {
				t.Fatalf("not a content error: %T %v", err, err)
			}
			return
		}
		if a.Headline == "" || len(a.Body) == 0 || a.Published.IsZero() || a.Language == "" {
			t.Fatalf("accepted an article without headline, body, date or language")
		}
		if !utf8.ValidString(a.Headline) {
			t.Fatalf("invalid UTF-8 in the headline")
		}
		for _, p := range a.Photos() {
			if p.Alt == "" || p.Src == "" || p.Src[0] == '/' || p.Src == ".." || strings.HasPrefix(p.Src, "../") {
				t.Fatalf("accepted a bad photo: %+v", p)
			}
		}
	})
}
