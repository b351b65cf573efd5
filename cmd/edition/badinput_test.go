package main

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/edition-project/edition/check"
	"github.com/edition-project/edition/internal/testtool"
)

// badCase is one hostile or broken input for `edition build`.
type badCase struct {
	name  string
	files map[string]string // text files by slash path, in the case's folder
	// pictures are fixtures by slash path: a kind of fixture (see fixture).
	pictures map[string]string
	setup    func(t *testing.T, dir string) // anything else: links, folders
	args     []string                       // after "build"; "$D" is the folder
	// want matches stderr when the build must fail: the error names the
	// file and the line or field. Empty when the build must succeed.
	want string
	// check looks at what a build that must succeed wrote.
	check func(t *testing.T, epub, pdf string)
	// noPath: the error is about the build, not an input (--timeout).
	noPath bool
}

const badFM = "---\nheadline: A story\npublished: 2024-05-01\n"

// badArticle is an article of front matter lines (after headline and
// published) and a body.
func badArticle(front, body string) string { return badFM + front + "---\n\n" + body }

func badManifest(body string) string {
	return "title: The Weekly\ndate: 2024-05-04\n" + body
}

const goodMD = "---\nheadline: Good\npublished: 2024-05-01\n---\n\nText.\n"

func badCases() []badCase {
	photo := func(src string) string { return badArticle("photo:\n  src: "+src+"\n  alt: A picture\n", "Body.\n") }
	return []badCase{
		// Front matter.
		{name: "broken YAML", files: map[string]string{"a.md": badArticle("byline: [Ann\n", "Body.\n")},
			want: `a\.md:3: front matter is not valid YAML`},
		{name: "YAML tab indent", files: map[string]string{"a.md": badArticle("photo:\n\tsrc: a.jpg\n", "Body.\n")},
			want: `a\.md:\d+: front matter is not valid YAML`},
		{name: "wrong type headline", files: map[string]string{"a.md": "---\nheadline: [a, b]\npublished: 2024-05-01\n---\nBody.\n"},
			want: `a\.md:2: headline: must be a single text value, not a list`},
		{name: "wrong type byline", files: map[string]string{"a.md": badArticle("byline: {name: Ann}\n", "Body.\n")},
			want: `a\.md:4: byline: must be a name or a list of names`},
		{name: "wrong type photo", files: map[string]string{"a.md": badArticle("photo: lead.jpg\n", "Body.\n")},
			want: `a\.md:4: photo: must be a mapping`},
		{name: "wrong type published", files: map[string]string{"a.md": "---\nheadline: A\npublished: [2024]\n---\nBody.\n"},
			want: `a\.md:3: published: must be a date, not a list`},
		{name: "unknown key", files: map[string]string{"a.md": badArticle("headlien: B\n", "Body.\n")},
			want: `a\.md:4: headlien: unknown key "headlien": did you mean "headline"\?`},
		{name: "unknown nested key", files: map[string]string{"a.md": badArticle("photo:\n  src: a.jpg\n  alt: x\n  credits: y\n", "Body.\n")},
			want: `a\.md:7: photo\.credits: unknown key`},
		{name: "missing headline", files: map[string]string{"a.md": "---\npublished: 2024-05-01\n---\nBody.\n"},
			want: `a\.md:2: headline: an article needs a headline`},
		{name: "empty headline", files: map[string]string{"a.md": "---\nheadline: \"  \"\npublished: 2024-05-01\n---\nBody.\n"},
			want: `a\.md:2: headline: an article needs a headline`},
		{name: "bad date", files: map[string]string{"a.md": "---\nheadline: A\npublished: 13/12/2016\n---\nBody.\n"},
			want: `a\.md:3: published: "13/12/2016" is not a date`},
		{name: "impossible date", files: map[string]string{"a.md": "---\nheadline: A\npublished: 2024-02-30\n---\nBody.\n"},
			want: `a\.md:3: published: "2024-02-30" is not a date`},
		{name: "updated before published", files: map[string]string{"a.md": badArticle("updated: 2020-01-01\n", "Body.\n")},
			want: `a\.md:4: updated: updated \(2020-01-01\) is before published`},
		{name: "invalid language tag", files: map[string]string{"a.md": badArticle("language: english please\n", "Body.\n")},
			want: `a\.md:4: language: "english please" is not a BCP 47 language tag`},
		{name: "invalid UTF-8 in the body", files: map[string]string{"a.md": badArticle("", "Caf\xe9.\n")},
			want: `a\.md:6: the file is not valid UTF-8`},
		{name: "invalid UTF-8 in the front matter", files: map[string]string{"a.md": "---\nheadline: Caf\xe9\npublished: 2024-05-01\n---\nBody.\n"},
			want: `a\.md:2: the file is not valid UTF-8`},
		{name: "NUL", files: map[string]string{"a.md": badArticle("", "Bo\x00dy.\n")},
			want: `a\.md:6: control character U\+0000`},
		{name: "control character", files: map[string]string{"a.md": badArticle("", "Body \x1b[31mred.\n")},
			want: `a\.md:6: control character U\+001B`},
		{name: "no front matter", files: map[string]string{"a.md": "Just text.\n"},
			want: `a\.md:1: an article starts with YAML front matter`},
		{name: "front matter not closed", files: map[string]string{"a.md": "---\nheadline: A\n"},
			want: `a\.md:1: the front matter is not closed`},
		{name: "no body", files: map[string]string{"a.md": badArticle("", "\n")},
			want: `a\.md:5: the article has no body`},
		{name: "zero-byte article", files: map[string]string{"a.md": ""},
			want: `a\.md:1: an article starts with YAML front matter`},
		{name: "directory where the article should be", setup: mkdirs("a.md"),
			want: `a\.md: holds no article`},
		{name: "missing article", want: `a\.md: cannot read it`},

		// Size and shape.
		{name: "10 MB single paragraph", files: map[string]string{"a.md": badArticle("", strings.Repeat("word ", 2<<20)+"\n")},
			want: `a\.md: body: the paragraph "word word .*" holds 10\.0 MB of text, more than the limit of 256\.0 KB for one block`},
		{name: "100,000 paragraphs", files: map[string]string{"a.md": badArticle("", strings.Repeat("A short paragraph.\n\n", 100_000))},
			want: `a\.md: body: the edition has more than 50000 blocks`},
		{name: "lists nested 12 deep", files: map[string]string{"a.md": badArticle("", nestedList(12))},
			want: `a\.md: body: the list "level \d+" has lists or quotes nested more than 8 deep`},
		{name: "quotes nested 12 deep", files: map[string]string{"a.md": badArticle("", strings.Repeat("> ", 12)+"deep\n")},
			want: `a\.md: body: the quote "deep" has lists or quotes nested more than 8 deep`},
		{name: "lists nested 1000 deep", files: map[string]string{"a.md": badArticle("", nestedList(1000))},
			want: `a\.md:\d+: the line is indented by \d+ columns, more than the limit of 80`},
		{name: "quotes nested 10000 deep", files: map[string]string{"a.md": badArticle("", strings.Repeat(">", 10000)+" deep\n")},
			want: `a\.md:6: lists or quotes nested 10000 deep, more than the limit of 32`},
		{name: "emphasis bomb", files: map[string]string{"a.md": badArticle("", strings.Repeat("*a ", 5000)+strings.Repeat("b*", 5000)+"\n")},
			want: `a\.md:6: the paragraph has more than 200 emphasis and quote marks`},
		{name: "text over --max-input", files: map[string]string{"a.md": badArticle("", strings.Repeat("Some words here.\n\n", 100))},
			args: []string{"$D/a.md", "--max-input", "1KB"}, want: `a\.md: the edition holds [\d.]+ KB of text by this article, more than the limit of 1\.0 KB`},

		// Pictures that cannot be used.
		{name: "missing image", files: map[string]string{"a.md": photo("gone.jpg")},
			want: `a\.md:5: photo\.src: photo "gone\.jpg": not found in the article's folder`},
		{name: "image path with ..", files: map[string]string{"a.md": photo("../up.jpg")},
			want: `a\.md:5: photo\.src: "\.\./up\.jpg" leads out of the article's folder`},
		{name: "image path with .. in the body", files: map[string]string{"a.md": badArticle("", "Text.\n\n![A map](pics/../../x.jpg)\n")},
			want: `a\.md:8: figure: "pics/\.\./\.\./x\.jpg" leads out of the article's folder`},
		{name: "absolute image path", files: map[string]string{"a.md": photo("/etc/passwd")},
			want: `a\.md:5: photo\.src: "/etc/passwd" is an absolute path`},
		{name: "image symlink out of the folder", files: map[string]string{"a.md": photo("link.jpg")},
			setup: func(t *testing.T, dir string) {
				secret := filepath.Join(t.TempDir(), "secret.jpg")
				j, _ := fixture("jpeg")
				require.NoError(t, os.WriteFile(secret, j, 0o644))
				require.NoError(t, os.Symlink(secret, filepath.Join(dir, "link.jpg")))
			},
			want: `a\.md:5: photo\.src: photo "link\.jpg": .*(escapes|outside|leads out)`},
		{name: "truncated JPEG", files: map[string]string{"a.md": photo("x.jpg")}, pictures: map[string]string{"x.jpg": "truncated-jpeg"},
			want: `a\.md:5: photo\.src: photo "x\.jpg": images: cannot decode picture`},
		{name: "truncated PNG", files: map[string]string{"a.md": photo("x.png")}, pictures: map[string]string{"x.png": "truncated-png"},
			want: `a\.md:5: photo\.src: photo "x\.png": images: cannot decode picture`},
		{name: "garbage JPEG", files: map[string]string{"a.md": photo("x.jpg")}, pictures: map[string]string{"x.jpg": "garbage-jpeg"},
			want: `a\.md:5: photo\.src: photo "x\.jpg": images: cannot decode picture`},
		{name: "garbage PNG", files: map[string]string{"a.md": photo("x.png")}, pictures: map[string]string{"x.png": "garbage-png"},
			want: `a\.md:5: photo\.src: photo "x\.png": images: cannot decode picture`},
		{name: "decompression bomb", files: map[string]string{"a.md": photo("bomb.png")}, pictures: map[string]string{"bomb.png": "bomb"},
			want: `a\.md:5: photo\.src: photo "bomb\.png": images: picture too large: it is 100000×100000 pixels`},
		{name: "zero-byte image", files: map[string]string{"a.md": photo("x.jpg")}, pictures: map[string]string{"x.jpg": "empty"},
			want: `a\.md:5: photo\.src: photo "x\.jpg": images: not a supported picture format: the file is empty`},
		{name: "directory where the image should be", files: map[string]string{"a.md": photo("x.jpg")}, setup: mkdirs("x.jpg"),
			want: `a\.md:5: photo\.src: photo "x\.jpg": is a folder, not a picture`},
		{name: "text file named .jpg", files: map[string]string{"a.md": photo("x.jpg"), "x.jpg": "hello"},
			want: `a\.md:5: photo\.src: photo "x\.jpg": images: not a supported picture format`},
		{name: "image over --max-image-bytes", files: map[string]string{"a.md": photo("x.jpg")}, pictures: map[string]string{"x.jpg": "jpeg"},
			args: []string{"$D/a.md", "--max-image-bytes", "100B"}, want: `a\.md:5: photo\.src: photo "x\.jpg": images: picture too large: the file is`},
		{name: "image over --max-image-pixels", files: map[string]string{"a.md": photo("x.jpg")}, pictures: map[string]string{"x.jpg": "jpeg"},
			args: []string{"$D/a.md", "--max-image-pixels", "1000"}, want: `a\.md:5: photo\.src: photo "x\.jpg": images: picture too large: it is 64×48 pixels`},

		// Where the files go, and how long it may take.
		{name: "unwritable output folder", files: map[string]string{"a.md": goodMD, "file": "x"},
			args: []string{"$D/a.md", "-o", "$D/file/out"}, want: `cannot create the output folder: mkdir .*file: not a directory`},
		{name: "timeout", files: map[string]string{"a.md": goodMD},
			args: []string{"$D/a.md", "--timeout", "1ns"}, want: `context deadline exceeded: the build took longer than --timeout allows`, noPath: true},

		// Edition manifests.
		{name: "manifest: broken YAML", files: map[string]string{"edition.yaml": badManifest("sections: [\n")},
			want: `edition\.yaml:\d+: not valid YAML`},
		{name: "manifest: unknown key", files: map[string]string{"edition.yaml": badManifest("sectoins: []\n")},
			want: `edition\.yaml:3: sectoins: unknown key "sectoins": did you mean "sections"\?`},
		{name: "manifest: wrong type", files: map[string]string{"edition.yaml": badManifest("sections: News\n")},
			want: `edition\.yaml:3: sections: must be a list of sections`},
		{name: "manifest: empty sections", files: map[string]string{"edition.yaml": badManifest("sections: []\n")},
			want: `edition\.yaml:3: sections: must be a list of sections`},
		{name: "manifest: no sections", files: map[string]string{"edition.yaml": badManifest("")},
			want: `edition\.yaml:1: sections: an edition needs sections`},
		{name: "manifest: section without articles", files: map[string]string{"edition.yaml": badManifest("sections:\n  - title: News\n    articles: []\n")},
			want: `edition\.yaml:5: sections\[0\]\.articles: the section "News" has no articles`},
		{name: "manifest: section without title", files: map[string]string{"edition.yaml": badManifest("sections:\n  - articles: [a.md]\n"), "a.md": goodMD},
			want: `edition\.yaml:4: sections\[0\]\.title: a section needs a title`},
		{name: "manifest: no title", files: map[string]string{"edition.yaml": "sections:\n  - title: News\n    articles: [a.md]\n", "a.md": goodMD},
			want: `edition\.yaml:1: title: an edition needs a title`},
		{name: "manifest: bad date", files: map[string]string{"edition.yaml": "title: T\ndate: someday\nsections:\n  - title: News\n    articles: [a.md]\n", "a.md": goodMD},
			want: `edition\.yaml:2: date: "someday" is not a date`},
		{name: "manifest: bad language", files: map[string]string{"edition.yaml": badManifest("language: 12\nsections:\n  - title: News\n    articles: [a.md]\n"), "a.md": goodMD},
			want: `edition\.yaml:3: language: "12" is not a BCP 47 language tag`},
		{name: "manifest: missing article", files: map[string]string{"edition.yaml": badManifest("sections:\n  - title: News\n    articles: [a.md, gone.md]\n"), "a.md": goodMD},
			want: `edition\.yaml:5: sections\[0\]\.articles\[1\]: "gone\.md" does not exist`},
		{name: "manifest: article listed twice", files: map[string]string{"edition.yaml": badManifest("sections:\n  - title: News\n    articles: [a.md]\n  - title: More\n    articles: [./a.md]\n"), "a.md": goodMD},
			want: `edition\.yaml:7: sections\[1\]\.articles\[0\]: "a\.md" is already listed at line 5`},
		{name: "manifest: article path with ..", files: map[string]string{"edition.yaml": badManifest("sections:\n  - title: News\n    articles: [../a.md]\n")},
			want: `edition\.yaml:5: sections\[0\]\.articles\[0\]: "\.\./a\.md" leads out of the manifest's folder`},
		{name: "manifest: absolute article path", files: map[string]string{"edition.yaml": badManifest("sections:\n  - title: News\n    articles: [/etc/passwd]\n")},
			want: `edition\.yaml:5: sections\[0\]\.articles\[0\]: "/etc/passwd" is an absolute path`},
		{name: "manifest: symlink out of the folder", files: map[string]string{"edition.yaml": badManifest("sections:\n  - title: News\n    articles: [link.md]\n")},
			setup: func(t *testing.T, dir string) {
				secret := filepath.Join(t.TempDir(), "secret.md")
				require.NoError(t, os.WriteFile(secret, []byte(goodMD), 0o644))
				require.NoError(t, os.Symlink(secret, filepath.Join(dir, "link.md")))
			},
			want: `edition\.yaml:5: sections\[0\]\.articles\[0\]: "link\.md" leads out of the manifest's folder`},
		{name: "manifest: broken article", files: map[string]string{"edition.yaml": badManifest("sections:\n  - title: News\n    articles: [a.md]\n"), "a.md": badArticle("headlien: x\n", "Body.\n")},
			want: `a\.md:4: headlien: unknown key`},
		{name: "manifest: zero-byte", files: map[string]string{"edition.yaml": ""},
			want: `edition\.yaml:1: the manifest is empty`},
		{name: "manifest: missing cover", files: map[string]string{"edition.yaml": badManifest("cover: c.jpg\nsections:\n  - title: News\n    articles: [a.md]\n"), "a.md": goodMD},
			want: `edition\.yaml:3: cover: "c\.jpg" is not a file in the manifest's folder`},
		{name: "manifest: garbage cover", files: map[string]string{"edition.yaml": badManifest("cover: c.jpg\nsections:\n  - title: News\n    articles: [a.md]\n"), "a.md": goodMD},
			pictures: map[string]string{"c.jpg": "garbage-jpeg"}, want: `edition\.yaml: cover: "c\.jpg": images: cannot decode picture`},
		{name: "manifest: bad theme", files: map[string]string{"edition.yaml": badManifest("theme: {columns: 3}\nsections:\n  - title: News\n    articles: [a.md]\n"), "a.md": goodMD},
			want: `edition\.yaml:3: theme\.columns: must be 1 or 2, not "3"`},
		{name: "manifest: invalid UTF-8", files: map[string]string{"edition.yaml": "title: Caf\xe9\n"},
			want: `edition\.yaml:1: the file is not valid UTF-8`},
		{name: "manifest: directory where an article should be", files: map[string]string{"edition.yaml": badManifest("sections:\n  - title: News\n    articles: [a.md]\n")},
			setup: mkdirs("a.md"), want: `a\.md: holds no article`},

		// Hostile input that must build, and safely.
		{name: "raw HTML and script", files: map[string]string{"a.md": badArticle("standfirst: Hi <script>alert('sf')</script>\n",
			"Text <script>alert('inline')</script> and <b onclick=\"alert('click')\">bold</b> <img src=\"x\" onerror=\"alert('img')\">.\n\n"+
				"<script>\nalert('block')\n</script>\n\n<iframe src=\"https://example.com\"></iframe>\n\n"+
				"[link](javascript:alert('href')) <style>body{display:none}</style>\n")},
			check: func(t *testing.T, epub, pdf string) {
				raw, _ := epubDocs(t, epub)
				for _, s := range []string{"<script", "alert(", "onclick", "onerror", "javascript:", "<iframe", "<style>", "display:none"} {
					assert.NotContains(t, raw, s)
					assert.NotContains(t, pdfText(t, pdf), s)
				}
				assert.Contains(t, pdfText(t, pdf), "bold")
			}},
		{name: "& < ]]> in every text field", files: map[string]string{"a.md": "---\n" + specials + "---\n\n" +
			"Body & < > ]]> \"q\" 'a' &amp; &lt;x&gt; <![CDATA[x]]>.\n\n# Head & < ]]>\n\n- item & < ]]>\n\n> quote & < ]]>\n\n" +
			"| h & < ]]> |\n|---|\n| c & < ]]> |\n\n```\ncode & < ]]> </pre>\n```\n\nNote[^1].\n\n[^1]: note & < ]]>\n\n" +
			"{{< figure src=\"p.jpg\" alt=\"fig & < ]]>\" caption=\"cap & < ]]>\" attr=\"cred & < ]]>\" >}}\n"},
			pictures: map[string]string{"p.jpg": "jpeg"},
			check: func(t *testing.T, epub, pdf string) {
				txt := pdfText(t, pdf)
				for _, s := range []string{"Head & < ]]>", "item & < ]]>", "code & < ]]> </pre>", "note & < ]]>", "cap & < ]]>"} {
					assert.Contains(t, txt, s)
				}
				_, text := epubDocs(t, epub)
				for _, s := range []string{"Head & < ]]> line", "Stand & < ]]> first", "Sec & < ]]>", "Alt & < ]]>", "Caption & < ]]>",
					"Credit & < ]]>", "Back & < ]]>", "Background & < ]]> text.", "Body & < > ]]>", "item & < ]]>", "quote & < ]]>",
					"h & < ]]>", "c & < ]]>", "code & < ]]> </pre>", "note & < ]]>", "cap & < ]]>", "cred & < ]]>"} {
					assert.Contains(t, text, s)
				}
			}},
		{name: "lists nested 8 deep, the limit", files: map[string]string{"a.md": badArticle("", nestedList(8)+"\n"+strings.Repeat("> ", 8)+"deep\n")}},
		{name: "16-bit PNG", files: map[string]string{"a.md": photo("x.png")}, pictures: map[string]string{"x.png": "png16"}},
		{name: "CMYK JPEG", files: map[string]string{"a.md": photo("x.jpg")}, pictures: map[string]string{"x.jpg": "cmyk"}},
		{name: "YCCK JPEG", files: map[string]string{"a.md": photo("x.jpg")}, pictures: map[string]string{"x.jpg": "ycck"}},
		{name: "progressive JPEG", files: map[string]string{"a.md": photo("x.jpg")}, pictures: map[string]string{"x.jpg": "progressive"}},
		{name: "animated GIF", files: map[string]string{"a.md": photo("x.gif")}, pictures: map[string]string{"x.gif": "gif"}},
	}
}

// specials puts & < ]]> into every text field of the front matter.
const specials = "headline: Head & < ]]> line\nstandfirst: Stand & < ]]> first\nbyline: [\"Ann & <Bo> ]]>\"]\n" +
	"published: 2024-05-01\nsection: Sec & < ]]>\npublisher: Pub & < ]]>\nsource: https://example.com/?a=1&b=<2>\n" +
	"photo:\n  src: p.jpg\n  alt: Alt & < ]]>\n  caption: Caption & < ]]>\n  credit: Credit & < ]]>\n" +
	"background:\n  title: Back & < ]]>\n  body: Background & < ]]> text.\n"

func nestedList(depth int) string {
	var b strings.Builder
	for i := 0; i < depth; i++ {
		b.WriteString(strings.Repeat("  ", i) + "- level " + strconv.Itoa(i) + "\n")
	}
	return b.String()
}

func mkdirs(names ...string) func(*testing.T, string) {
	return func(t *testing.T, dir string) {
		for _, n := range names {
			require.NoError(t, os.MkdirAll(filepath.Join(dir, n), 0o755))
		}
	}
}

// TestBadInput runs `edition build` on every bad case: a failing build exits
// 1 with an error that names the file and the line or field, and leaves no
// file in the output folder, not even a temporary one; a hostile input that
// may build builds, and what it wrote is safe.
func TestBadInput(t *testing.T) {
	cases := badCases()
	require.GreaterOrEqual(t, len(cases), 40)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, text := range tc.files {
				writeFixture(t, filepath.Join(dir, filepath.FromSlash(name)), []byte(text))
			}
			for name, kind := range tc.pictures {
				data, ok := fixture(kind)
				require.True(t, ok, kind)
				writeFixture(t, filepath.Join(dir, filepath.FromSlash(name)), data)
			}
			if tc.setup != nil {
				tc.setup(t, dir)
			}
			args := tc.args
			if args == nil {
				input := "$D/a.md"
				if _, ok := tc.files["edition.yaml"]; ok {
					input = "$D/edition.yaml"
				}
				args = []string{input}
			}
			out := filepath.Join(dir, "out")
			full := []string{"build", "-o", out}
			for _, a := range args {
				full = append(full, strings.ReplaceAll(a, "$D", dir))
			}
			var stdout, stderr bytes.Buffer
			code := run(full, &stdout, &stderr)
			if tc.want == "" {
				require.Equal(t, exitOK, code, "stderr: %s", stderr.String())
				epub, pdf := filepath.Join(out, "a.epub"), filepath.Join(out, "a.pdf")
				validateOutputs(t, epub, pdf)
				if tc.check != nil {
					tc.check(t, epub, pdf)
				}
				assert.Empty(t, tempFiles(t, out), "temporary files left")
				return
			}
			assert.Equal(t, exitContent, code, "exit status; stderr: %s", stderr.String())
			assert.Regexp(t, regexp.MustCompile(`^edition: .*`+tc.want), stderr.String())
			if !tc.noPath {
				assert.Contains(t, filepath.ToSlash(stderr.String()), filepath.ToSlash(dir), "the error names the input by its path")
			}
			assert.Empty(t, stdout.String())
			assert.Empty(t, filesIn(t, out), "files left in the output folder")
		})
	}
}

func writeFixture(t *testing.T, name string, data []byte) {
	t.Helper()
	require.NoError(t, os.MkdirAll(filepath.Dir(name), 0o755))
	require.NoError(t, os.WriteFile(name, data, 0o644))
}

// filesIn lists every file under dir; none when dir does not exist.
func filesIn(t *testing.T, dir string) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			files = append(files, p)
		}
		return nil
	})
	if os.IsNotExist(err) {
		return nil
	}
	require.NoError(t, err)
	return files
}

func tempFiles(t *testing.T, dir string) []string {
	var tmp []string
	for _, f := range filesIn(t, dir) {
		if strings.HasSuffix(f, ".tmp") {
			tmp = append(tmp, f)
		}
	}
	return tmp
}

// validateOutputs runs the structural checks on both files.
func validateOutputs(t *testing.T, epub, pdf string) {
	t.Helper()
	data, err := os.ReadFile(epub)
	require.NoError(t, err)
	fs, err := check.EPUB(bytes.NewReader(data), int64(len(data)))
	require.NoError(t, err)
	assert.Empty(t, fs, "EPUB findings")
	data, err = os.ReadFile(pdf)
	require.NoError(t, err)
	fs, err = check.PDF(bytes.NewReader(data))
	require.NoError(t, err)
	assert.Empty(t, fs, "PDF findings")
}

// epubDocs returns every XHTML document of an EPUB, each checked to be
// well-formed XML, joined as they are and as the text they show.
func epubDocs(t *testing.T, name string) (raw, text string) {
	t.Helper()
	zr, err := zip.OpenReader(name)
	require.NoError(t, err)
	defer zr.Close()
	var all, shown strings.Builder
	for _, f := range zr.File {
		if !strings.HasSuffix(f.Name, ".xhtml") {
			continue
		}
		r, err := f.Open()
		require.NoError(t, err)
		data, err := io.ReadAll(r)
		require.NoError(t, err)
		d := xml.NewDecoder(bytes.NewReader(data))
		d.Strict = true
		d.Entity = xml.HTMLEntity
		for {
			tok, err := d.Token()
			if err == io.EOF {
				break
			}
			require.NoError(t, err, "%s is not well-formed", f.Name)
			switch tok := tok.(type) {
			case xml.CharData:
				shown.Write(tok)
			case xml.StartElement:
				for _, a := range tok.Attr {
					shown.WriteString(a.Value + "\n") // alt text, titles
				}
			}
		}
		all.Write(data)
	}
	return all.String(), shown.String()
}

// pdfText is the text pdftotext reads from a PDF.
func pdfText(t *testing.T, name string) string {
	t.Helper()
	tool := testtool.Path(t, "pdftotext", "apt-get install poppler-utils")
	out, err := exec.Command(tool, "-enc", "UTF-8", name, "-").Output()
	require.NoError(t, err)
	return string(out)
}
