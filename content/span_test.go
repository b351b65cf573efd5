package content_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/edition-project/edition/content"
)

// paragraph parses one body paragraph.
func paragraph(t *testing.T, body string) []content.Inline {
	t.Helper()
	a := parse(t, "---\nheadline: T\npublished: 2020-01-02\n---\n\n"+body+"\n")
	require.Len(t, a.Body, 1)
	p, ok := a.Body[0].(*content.Paragraph)
	require.True(t, ok, "%T", a.Body[0])
	return p.Inlines
}

func TestSpans(t *testing.T) {
	for _, tc := range []struct {
		name, body string
		want       []content.Inline
	}{
		{"lang", "He said [bonjour à tous]{lang=fr} and left.", []content.Inline{
			{Text: "He said "}, {Text: "bonjour à tous", Lang: "fr"}, {Text: " and left."}}},
		{"canonical tag, quoted", `A [word]{lang="pt-br"}.`, []content.Inline{
			{Text: "A "}, {Text: "word", Lang: "pt-BR"}, {Text: "."}}},
		{"dir and lang", "See [نص]{lang=ar dir=rtl} here.", []content.Inline{
			{Text: "See "}, {Text: "نص", Lang: "ar", Dir: "rtl"}, {Text: " here."}}},
		{"dir alone", "[abc]{dir=LTR}", []content.Inline{{Text: "abc", Dir: "ltr"}}},
		{"styles inside", "[un *mot* **fort**]{lang=fr}", []content.Inline{
			{Text: "un ", Lang: "fr"}, {Text: "mot", Style: content.Emphasis, Lang: "fr"},
			{Text: " ", Lang: "fr"}, {Text: "fort", Style: content.Strong, Lang: "fr"}}},
		{"inside emphasis", "*a [b]{lang=de} c*", []content.Inline{
			{Text: "a ", Style: content.Emphasis}, {Text: "b", Style: content.Emphasis, Lang: "de"},
			{Text: " c", Style: content.Emphasis}}},
		{"link inside", "[le [site](https://example.fr)]{lang=fr}", []content.Inline{
			{Text: "le ", Lang: "fr"}, {Text: "site", Link: "https://example.fr", Lang: "fr"}}},
		{"span in link", "[[le site]{lang=fr}](https://example.fr)", []content.Inline{
			{Text: "le site", Link: "https://example.fr", Lang: "fr"}}},
		{"nested", "[a [b]{lang=de} c]{lang=fr}", []content.Inline{
			{Text: "a ", Lang: "fr"}, {Text: "b", Lang: "de"}, {Text: " c", Lang: "fr"}}},
		{"across lines", "[un\ndeux]{lang=fr}", []content.Inline{{Text: "un deux", Lang: "fr"}}},
		{"brackets inside", "[a [x] b]{lang=fr}", []content.Inline{{Text: "a [x] b", Lang: "fr"}}},
		{"code span with bracket", "[a `]` b]{lang=fr}", []content.Inline{
			{Text: "a ", Lang: "fr"}, {Text: "]", Style: content.Mono, Lang: "fr"}, {Text: " b", Lang: "fr"}}},
		{"not attributes", "[0, 1]{x} and [a]{} stay", []content.Inline{{Text: "[0, 1]{x} and [a]{} stay"}}},
		{"escaped", `\[a]{lang=fr}`, []content.Inline{{Text: "[a]{lang=fr}"}}},
		{"unclosed", "[a {lang=fr}", []content.Inline{{Text: "[a {lang=fr}"}}},
		{"plain link", "[a](https://example.com) and [b]", []content.Inline{
			{Text: "a", Link: "https://example.com"}, {Text: " and [b]"}}},
		{"footnote", "Text[^1]{lang=fr}\n\n[^1]: Note.", []content.Inline{
			{Text: "Text"}, {Text: "1", Note: 1}, {Text: "{lang=fr}"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := paragraph(t, tc.body)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestSpanPlainText(t *testing.T) {
	ins := paragraph(t, "He said [bonjour]{lang=fr}.")
	assert.Equal(t, "He said bonjour.", content.PlainText(ins))
}

func TestSpanInFrontMatter(t *testing.T) {
	a := parse(t, "---\nheadline: T\nstandfirst: \"It said [merci]{lang=fr}.\"\npublished: 2020-01-02\n---\n\nBody.\n")
	assert.Equal(t, []content.Inline{{Text: "It said "}, {Text: "merci", Lang: "fr"}, {Text: "."}}, a.Standfirst)
}

func TestSpanErrors(t *testing.T) {
	for _, tc := range []struct {
		name, src, want string
	}{
		{"bad tag", "---\nheadline: T\npublished: 2020-01-02\n---\n\nOne.\n\nTwo [x]{lang=french-ish}.\n",
			`x/story.md:8: span {lang=french-ish}: lang="french-ish" is not a BCP 47 language tag`},
		{"unknown key", "---\nheadline: T\npublished: 2020-01-02\n---\n\n- item\n- [x]{lang=fr style=bold}\n",
			`x/story.md:7: span {lang=fr style=bold}: the attribute style does nothing here`},
		{"class", "---\nheadline: T\npublished: 2020-01-02\n---\n\nText\nmore [x]{.smallcaps}\n",
			`x/story.md:7: span {.smallcaps}: a class (.smallcaps) does nothing here`},
		{"bad dir", "---\nheadline: T\npublished: 2020-01-02\n---\n\n[x]{dir=up}\n",
			`x/story.md:6: span {dir=up}: dir="up": write dir=rtl or dir=ltr`},
		{"front matter", "---\nheadline: T\nstandfirst: \"[x]{lang=12}\"\npublished: 2020-01-02\n---\n\nBody.\n",
			`x/story.md:3: span {lang=12}`},
		{"background", "---\nheadline: T\npublished: 2020-01-02\nbackground: |\n  One.\n\n  [x]{id=y}\n---\n\nBody.\n",
			`the attribute id does nothing here`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := content.ParseArticle("x/story.md", []byte(tc.src), nil)
			require.Error(t, err)
			assert.True(t, content.IsContentError(err), "%v", err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

func FuzzSpans(f *testing.F) {
	for _, s := range []string{"[a]{lang=fr}", "[a [b]{dir=rtl}](u)", "[`]`]{lang=x}", "*[a*]{lang=fr}", "[[a]{lang=de}", "]{lang=fr}["} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		src := "---\nheadline: T\npublished: 2020-01-02\n---\n\nx " + body + "\n"
		a, err := content.ParseArticle("f.md", []byte(src), nil)
		if err != nil {
			return
		}
		for _, b := range a.Body {
			if p, ok := b.(*content.Paragraph); ok {
				_ = content.PlainText(p.Inlines)
			}
		}
	})
}
