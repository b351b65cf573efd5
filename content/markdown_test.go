package content_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/edition-project/edition/content"
	"github.com/edition-project/edition/examples"
)

func TestExampleArticle(t *testing.T) {
	a, err := examples.Aleppo()
	require.NoError(t, err)
	assert.Equal(t, "aleppo", a.Slug)
	assert.Equal(t, "Syrians Are Posting Heartbreaking Messages As Aleppo Is Seized", a.Headline)
	assert.Equal(t, "‘I am very sad no one is helping us in this world, no one is evacuating me’.", content.PlainText(a.Standfirst))
	aedt := time.FixedZone("", 11*3600)
	assert.True(t, a.Published.Equal(time.Date(2016, 12, 13, 8, 26, 0, 0, aedt)), a.Published)
	assert.True(t, a.Updated.Equal(time.Date(2016, 12, 13, 9, 28, 0, 0, aedt)), a.Updated)
	_, off := a.Published.Zone()
	assert.Equal(t, 11*3600, off, "the offset is kept for display")
	assert.Equal(t, "en-AU", a.Language)
	assert.Equal(t, "World", a.Section)
	require.NotNil(t, a.Photo)
	assert.Equal(t, "photo.jpg", a.Photo.Src)
	assert.NotEmpty(t, a.Photo.Alt)
	assert.Equal(t, "People carry their belongings as they flee deeper into the remaining rebel-held areas of Aleppo", content.PlainText(a.Photo.Caption))
	assert.Equal(t, "Abdalrhman Ismail / Reuters", content.PlainText(a.Photo.Credit))
	require.NotNil(t, a.Background)
	assert.Equal(t, "Background", a.Background.Title)
	require.Len(t, a.Background.Body, 2)
	assert.True(t, strings.HasPrefix(content.PlainText(a.Background.Body[0].(*content.Paragraph).Inlines), "The battle for Aleppo has raged since 2012."))
	require.Len(t, a.Body, 9)
	first := content.PlainText(a.Body[0].(*content.Paragraph).Inlines)
	assert.Contains(t, first, "in the “final stages” of retaking")
	fourth := content.PlainText(a.Body[3].(*content.Paragraph).Inlines)
	assert.Contains(t, fourth, "inside Aleppo – those who had opposed")
	assert.Contains(t, fourth, "Assad’s forces.")
	_, err = a.Assets.Open(a.Photo.Src)
	assert.NoError(t, err, "the stand-in photo is embedded next to the article")
}

const minimal = "---\nheadline: Title\npublished: 2020-01-02\n---\n\nBody.\n"

func parse(t *testing.T, src string) *content.Article {
	t.Helper()
	a, err := content.ParseArticle("x/story.md", []byte(src), nil)
	require.NoError(t, err)
	return a
}

func TestBodyBlocks(t *testing.T) {
	src := "---\nheadline: It's \"here\"\nbyline: [Ann Lee, Bo Chen]\npublished: 2020-01-02\n---\n\n" +
		"Intro with *emphasis*, **strong**, `code`, ~~gone~~ and a [link](https://example.com \"t\").  \nNext line.\n\n" +
		"## Sub\n\n### Deeper\n\n- one\n- two\n  1. nested\n\n3. three\n4. four\n\n> quoted\n\n```go\nx := 1\n```\n\n" +
		"| a | b |\n|:--|--:|\n| 1 | 2 |\n\n---\n\nA note.[^1]\n\n[^1]: The note.\n\n" +
		"![A dog](dog.jpg \"The dog\")\n\n{{< figure src=\"cat.jpg\" alt=\"A cat\" caption=\"The \\\"cat\\\"\" attr=\"Jo / Agency\" >}}\n\n" +
		"<script>alert(1)</script>\n\nText <b>bold</b> [bad](javascript:alert(1)).\n"
	a := parse(t, src)
	assert.Equal(t, "It’s “here”", a.Headline)
	assert.Equal(t, []string{"Ann Lee", "Bo Chen"}, a.Byline)
	assert.True(t, content.IsDateOnly(a.Published))
	assert.Equal(t, "story", a.Slug)
	var kinds []string
	for _, b := range a.Body {
		switch b := b.(type) {
		case *content.Paragraph:
			kinds = append(kinds, "p")
		case *content.Heading:
			kinds = append(kinds, "h"+string(rune('0'+b.Level)))
		case *content.List:
			if b.Ordered {
				kinds = append(kinds, "ol")
			} else {
				kinds = append(kinds, "ul")
			}
		case *content.Quote:
			kinds = append(kinds, "quote")
		case *content.Code:
			kinds = append(kinds, "code:"+b.Language)
		case *content.Table:
			kinds = append(kinds, "table")
		case *content.Rule:
			kinds = append(kinds, "hr")
		case *content.Figure:
			kinds = append(kinds, "figure:"+b.Photo.Src)
		}
	}
	assert.Equal(t, []string{"p", "h1", "h2", "ul", "ol", "quote", "code:go", "table", "hr", "p", "figure:dog.jpg", "figure:cat.jpg", "p"}, kinds)
	intro := a.Body[0].(*content.Paragraph).Inlines
	assert.Equal(t, content.Inline{Text: "emphasis", Style: content.Emphasis}, intro[1])
	assert.Equal(t, content.Inline{Text: "strong", Style: content.Strong}, intro[3])
	assert.Equal(t, content.Inline{Text: "code", Style: content.Mono}, intro[5])
	assert.Equal(t, content.Inline{Text: "gone", Style: content.Strike}, intro[7])
	assert.Equal(t, content.Inline{Text: "link", Link: "https://example.com"}, intro[9])
	assert.Equal(t, content.LineBreak, intro[11].Style)
	ol := a.Body[4].(*content.List)
	assert.Equal(t, 3, ol.Start)
	tb := a.Body[7].(*content.Table)
	assert.Equal(t, []content.Align{content.AlignLeft, content.AlignRight}, tb.Align)
	require.Len(t, tb.Rows, 1)
	require.Len(t, a.Notes, 1)
	assert.Equal(t, "The note.", content.PlainText(a.Notes[0].Blocks[0].(*content.Paragraph).Inlines))
	note := a.Body[9].(*content.Paragraph).Inlines
	assert.Equal(t, 1, note[len(note)-1].Note)
	dog := a.Body[10].(*content.Figure).Photo
	assert.Equal(t, "A dog", dog.Alt)
	assert.Equal(t, "The dog", content.PlainText(dog.Caption))
	cat := a.Body[11].(*content.Figure).Photo
	assert.Equal(t, "The “cat”", content.PlainText(cat.Caption))
	assert.Equal(t, "Jo / Agency", content.PlainText(cat.Credit))
	last := a.Body[12].(*content.Paragraph).Inlines
	assert.Equal(t, "Text bold bad.", content.PlainText(last), "raw HTML dropped, its text kept")
	for _, in := range last {
		assert.Empty(t, in.Link, "javascript: links are dropped")
	}
}

func TestBadArticles(t *testing.T) {
	cases := []struct {
		name, src, want string
	}{
		{"no front matter", "Body\n", "x/story.md:1: an article starts with YAML front matter"},
		{"unclosed", "---\nheadline: a\n", "x/story.md:1: the front matter is not closed"},
		{"unknown key", "---\nheadline: a\npublished: 2020-01-02\nheadlien: b\n---\nBody\n", `x/story.md:4: headlien: unknown key "headlien": did you mean "headline"?`},
		{"unknown photo key", "---\nheadline: a\npublished: 2020-01-02\nphoto:\n  src: a.jpg\n  alt: x\n  credits: y\n---\nBody\n", `x/story.md:7: photo.credits: unknown key "photo.credits": did you mean "photo.credit"?`},
		{"missing headline", "---\npublished: 2020-01-02\n---\nBody\n", "x/story.md:2: headline: an article needs a headline"},
		{"missing published", "---\nheadline: a\n---\nBody\n", "x/story.md:2: published: an article needs a publication date"},
		{"bad date", "---\nheadline: a\npublished: 13/12/2016\n---\nBody\n", `x/story.md:3: published: "13/12/2016" is not a date`},
		{"updated before", "---\nheadline: a\npublished: 2020-01-02\nupdated: 2019-01-01\n---\nBody\n", "x/story.md:4: updated: updated (2019-01-01) is before published"},
		{"bad language", "---\nheadline: a\npublished: 2020-01-02\nlanguage: english please\n---\nBody\n", `x/story.md:4: language: "english please" is not a BCP 47 language tag`},
		{"yaml syntax", "---\nheadline: a\npublished: [2020\n---\nBody\n", "x/story.md:"},
		{"wrong type", "---\nheadline: [a, b]\npublished: 2020-01-02\n---\nBody\n", "x/story.md:2: headline: must be a single text value, not a list"},
		{"dup key", "---\nheadline: a\nheadline: b\npublished: 2020-01-02\n---\nBody\n", `x/story.md:3: headline: "headline" is given twice`},
		{"photo no alt", "---\nheadline: a\npublished: 2020-01-02\nphoto:\n  src: a.jpg\n---\nBody\n", "x/story.md:5: photo.alt: the photo needs alt text"},
		{"photo dotdot", "---\nheadline: a\npublished: 2020-01-02\nphoto:\n  src: ../a.jpg\n  alt: x\n---\nBody\n", `x/story.md:5: photo.src: "../a.jpg" leads out of the article's folder`},
		{"photo absolute", "---\nheadline: a\npublished: 2020-01-02\nphoto:\n  src: /etc/a.jpg\n  alt: x\n---\nBody\n", `x/story.md:5: photo.src: "/etc/a.jpg" is an absolute path`},
		{"photo url", "---\nheadline: a\npublished: 2020-01-02\nphoto:\n  src: https://x.org/a.jpg\n  alt: x\n---\nBody\n", `x/story.md:5: photo.src: "https://x.org/a.jpg" is a web address`},
		{"bad source", "---\nheadline: a\npublished: 2020-01-02\nsource: ftp://x\n---\nBody\n", `x/story.md:4: source: "ftp://x" is not a web address`},
		{"empty body", "---\nheadline: a\npublished: 2020-01-02\n---\n\n", "x/story.md:5: the article has no body"},
		{"invalid utf8", "---\nheadline: a\xff\npublished: 2020-01-02\n---\nBody\n", "x/story.md:2: the file is not valid UTF-8"},
		{"nul", "---\nheadline: a\npublished: 2020-01-02\n---\nBo\x00dy\n", "x/story.md:5: control character U+0000"},
		{"image no alt", "---\nheadline: a\npublished: 2020-01-02\n---\n\ntext\n\n![](a.jpg)\n", `x/story.md:8: figure: the image "a.jpg" needs alt text`},
		{"shortcode no alt", "---\nheadline: a\npublished: 2020-01-02\n---\n\n{{< figure src=\"a.jpg\" >}}\n", `x/story.md:6: figure alt: the figure "a.jpg" needs alt text`},
		{"other shortcode", "---\nheadline: a\npublished: 2020-01-02\n---\n\n{{< youtube abc >}}\n", `x/story.md:6: unsupported shortcode`},
		{"background empty", "---\nheadline: a\npublished: 2020-01-02\nbackground:\n  title: B\n---\nBody\n", "x/story.md:5: background.body: the background needs a body"},
		{"background bad image", "---\nheadline: a\npublished: 2020-01-02\nbackground:\n  body: |\n    Text\n\n    ![x](../up.jpg)\n---\nBody\n", `x/story.md:8: background.body: "../up.jpg" leads out`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := content.ParseArticle("x/story.md", []byte(tc.src), nil)
			require.Error(t, err)
			assert.True(t, content.IsContentError(err), "%T", err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

func TestSlug(t *testing.T) {
	assert.Equal(t, "aleppo", content.Slug("examples/aleppo/index.md", "Whatever"))
	assert.Equal(t, "syrians-are-posting", content.Slug("index.md", "Syrians Are Posting"))
	assert.Equal(t, "cafe-creme", content.Slug("Café Crème.md", ""))
	assert.Equal(t, "article", content.Slug("index.md", "Всем миром"))
}

func TestMinimal(t *testing.T) {
	a := parse(t, minimal)
	assert.Equal(t, "en", a.Language)
	assert.Nil(t, a.Photo)
	assert.Nil(t, a.Background)
}

func TestEscapesAndEntities(t *testing.T) {
	a := parse(t, "---\nheadline: A\npublished: 2020-01-02\n---\n\nA \\*b\\* c \\& d &amp; e&nbsp;f &#8364; `\\*raw\\*`\n")
	assert.Equal(t, "A *b* c & d & e\u00a0f € \\*raw\\*", content.PlainText(a.Body[0].(*content.Paragraph).Inlines))
}
