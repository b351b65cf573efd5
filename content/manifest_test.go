package content_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/edition-project/edition/content"
)

func TestParseManifest(t *testing.T) {
	src, err := os.ReadFile("testdata/manifest/edition.yaml")
	require.NoError(t, err)
	m, err := content.ParseManifest("ed/edition.yaml", src)
	require.NoError(t, err)
	assert.Equal(t, "The Weekend Edition", m.Title)
	assert.Equal(t, "News from “everywhere” – in one book", m.Subtitle, "typographic punctuation, as in headlines")
	assert.Equal(t, "The Example Paper", m.Publisher)
	assert.True(t, m.Date.Equal(time.Date(2016, 12, 17, 0, 0, 0, 0, time.UTC)))
	assert.True(t, content.IsDateOnly(m.Date))
	assert.Equal(t, "en-AU", m.Language)
	assert.Equal(t, "urn:isbn:9780000000002", m.Identifier)
	assert.Equal(t, content.ManifestPath{Path: "images/cover.jpg", Line: 8, Field: "cover"}, m.Cover)
	assert.Equal(t, "images/masthead.png", m.Masthead.Path)
	assert.Equal(t, content.Theme{PageSize: "letter", Columns: 2, Accent: "#B5121B"}, m.Theme)
	require.Len(t, m.Sections, 2)
	assert.Equal(t, "World", m.Sections[0].Title)
	assert.Equal(t, 15, m.Sections[0].Line)
	assert.Equal(t, []content.ManifestPath{
		{Path: "aleppo/aleppo.md", Line: 17, Field: "sections[0].articles[0]"},
		{Path: "stories/berlin", Line: 18, Field: "sections[0].articles[1]"},
	}, m.Sections[0].Articles)
	assert.Equal(t, "Business", m.Sections[1].Title)
	assert.Equal(t, []content.ManifestPath{{Path: "stories/markets.json", Line: 21, Field: "sections[1].articles[0]"}}, m.Sections[1].Articles)
}

func TestBadManifests(t *testing.T) {
	const secs = "sections:\n  - title: World\n    articles: [a.md]\n"
	cases := []struct {
		name, src, want string
	}{
		{"empty", "", "e.yaml:1: the manifest is empty"},
		{"not mapping", "- a\n- b\n", "e.yaml:1: the manifest must be a mapping"},
		{"yaml syntax", "title: a\nsections: [\n", "e.yaml:2: not valid YAML: did not find expected node content"},
		{"unknown key", "title: a\nsubtitel: b\n" + secs, `e.yaml:2: subtitel: unknown key "subtitel": did you mean "subtitle"?`},
		{"unknown theme key", "title: a\ntheme:\n  colums: 2\n" + secs, `e.yaml:3: theme.colums: unknown key "theme.colums": did you mean "theme.columns"?`},
		{"unknown section key", "title: a\nsections:\n  - title: W\n    article: [a.md]\n", `e.yaml:4: sections[0].article: unknown key "sections[0].article": did you mean "sections[0].articles"?`},
		{"unknown key far", "title: a\nzzzzzzzz: 1\n" + secs, `e.yaml:2: zzzzzzzz: unknown key "zzzzzzzz": the known keys are title, subtitle`},
		{"dup key", "title: a\ntitle: b\n" + secs, `e.yaml:2: title: "title" is given twice`},
		{"no title", secs, "e.yaml:1: title: an edition needs a title"},
		{"blank title", "title: ''\n" + secs, "e.yaml:1: title: an edition needs a title"},
		{"title list", "title: [a]\n" + secs, "e.yaml:1: title: must be a single text value, not a list"},
		{"bad date", "title: a\ndate: 17/12/2016\n" + secs, `e.yaml:2: date: "17/12/2016" is not a date`},
		{"bad language", "title: a\nlanguage: english please\n" + secs, `e.yaml:2: language: "english please" is not a BCP 47 language tag`},
		{"empty identifier", "title: a\nidentifier: ' '\n" + secs, `e.yaml:2: identifier: the identifier is empty`},
		{"cover mapping", "title: a\ncover: {src: a.jpg}\n" + secs, `e.yaml:2: cover: must be a single text value, not a mapping`},
		{"cover url", "title: a\ncover: https://x.org/c.jpg\n" + secs, `e.yaml:2: cover: "https://x.org/c.jpg" is a URL`},
		{"masthead dotdot", "title: a\nmasthead: ../m.png\n" + secs, `e.yaml:2: masthead: "../m.png" leads out of the manifest's folder`},
		{"theme scalar", "title: a\ntheme: dark\n" + secs, "e.yaml:2: theme: must be a mapping"},
		{"page size", "title: a\ntheme: {page-size: a5}\n" + secs, `e.yaml:2: theme.page-size: "a5" is not a page size: use a4 or letter`},
		{"columns 3", "title: a\ntheme:\n  columns: 3\n" + secs, `e.yaml:3: theme.columns: must be 1 or 2, not "3"`},
		{"columns text", "title: a\ntheme:\n  columns: two\n" + secs, `e.yaml:3: theme.columns: must be 1 or 2, not "two"`},
		{"accent", "title: a\ntheme:\n  accent: red\n" + secs, `e.yaml:3: theme.accent: "red" is not a colour`},
		{"accent unquoted", "title: a\ntheme:\n  accent: #b5121b\n" + secs, `e.yaml:3: theme.accent: "" is not a colour: give "#RRGGBB" in quotes`},
		{"no sections", "title: a\n", "e.yaml:1: sections: an edition needs sections"},
		{"sections empty", "title: a\nsections: []\n", "e.yaml:2: sections: must be a list of sections"},
		{"sections mapping", "title: a\nsections:\n  world: [a.md]\n", "e.yaml:3: sections: must be a list of sections"},
		{"section scalar", "title: a\nsections:\n  - World\n", "e.yaml:3: sections[0]: a section must be a mapping with title and articles, not a value"},
		{"section no title", "title: a\nsections:\n  - articles: [a.md]\n", "e.yaml:3: sections[0].title: a section needs a title"},
		{"section no articles", "title: a\nsections:\n  - title: World\n", `e.yaml:3: sections[0].articles: the section "World" has no articles`},
		{"section empty articles", "title: a\nsections:\n  - title: World\n    articles: []\n", `e.yaml:4: sections[0].articles: the section "World" has no articles`},
		{"article not text", "title: a\nsections:\n  - title: W\n    articles:\n      - {path: a.md}\n", `e.yaml:5: sections[0].articles[0]: must be a single text value, not a mapping`},
		{"article empty", "title: a\nsections:\n  - title: W\n    articles:\n      - a.md\n      - ''\n", `e.yaml:6: sections[0].articles[1]: the path is empty`},
		{"article dotdot", "title: a\nsections:\n  - title: W\n    articles:\n      - x/../../a.md\n", `e.yaml:5: sections[0].articles[0]: "x/../../a.md" leads out of the manifest's folder`},
		{"article absolute", "title: a\nsections:\n  - title: W\n    articles:\n      - /etc/a.md\n", `e.yaml:5: sections[0].articles[0]: "/etc/a.md" is an absolute path`},
		{"article windows absolute", "title: a\nsections:\n  - title: W\n    articles:\n      - 'C:\\a.md'\n", `is an absolute path`},
		{"alias", "title: &t a\nsubtitle: *t\n" + secs, `e.yaml:2: subtitle: YAML aliases are not supported`},
		{"invalid utf8", "title: a\xff\n" + secs, "e.yaml:1: the file is not valid UTF-8"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := content.ParseManifest("e.yaml", []byte(tc.src))
			require.Error(t, err)
			var ce *content.Error
			require.ErrorAs(t, err, &ce)
			assert.Equal(t, "e.yaml", ce.File)
			assert.Positive(t, ce.Line)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

// writeFiles lays out files under dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(data), 0o644))
	}
}

func TestReadEditionFile(t *testing.T) {
	dir := t.TempDir()
	aleppo, err := os.ReadFile("testdata/jsonld/aleppo.json")
	require.NoError(t, err)
	writeFiles(t, dir, map[string]string{
		"edition.yaml": "title: Weekend\npublisher: The Paper\nlanguage: en-AU\ndate: 2016-12-17\ncover: cover.jpg\n" +
			"theme: {page-size: a4, columns: 1}\nsections:\n" +
			"  - title: World\n    articles:\n      - world/aleppo.json\n      - world/berlin\n" +
			"  - title: Business\n    articles:\n      - markets.md\n      - ld\n",
		"cover.jpg":                "jpeg",
		"world/aleppo.json":        string(aleppo),
		"world/photo.jpg":          "jpeg",
		"world/berlin/index.md":    "---\nheadline: Berlin\npublished: 2016-12-16\nlanguage: de\n---\n\nText.\n",
		"markets.md":               "---\nheadline: Markets\npublished: 2016-12-15\n---\n\nText.\n",
		"ld/story.jsonld":          `{"@type": "NewsArticle", "headline": "LD", "datePublished": "2016-12-14", "articleBody": "Text."}`,
		"ld/README.txt":            "not an article",
		"world/berlin/unused.json": "{}",
	})
	for _, p := range []string{dir, filepath.Join(dir, "edition.yaml")} {
		ed, err := content.ReadEditionFile(p)
		require.NoError(t, err)
		assert.Equal(t, "Weekend", ed.Title)
		assert.Equal(t, "The Paper", ed.Publisher)
		assert.Equal(t, "en-AU", ed.Language)
		assert.Equal(t, 17, ed.Date.Day())
		assert.Equal(t, content.Theme{PageSize: "a4", Columns: 1}, ed.Theme)
		assert.Equal(t, "cover.jpg", ed.Cover)
		require.NotNil(t, ed.Assets)
		_, err = ed.Assets.Open(ed.Cover)
		assert.NoError(t, err)
		require.Len(t, ed.Sections, 2)
		assert.Equal(t, "World", ed.Sections[0].Title)
		assert.Equal(t, "Business", ed.Sections[1].Title)
		var heads []string
		for _, a := range ed.Articles() {
			heads = append(heads, a.Headline)
		}
		assert.Equal(t, []string{"Syrians Are Posting Heartbreaking Messages As Aleppo Is Seized", "Berlin", "Markets", "LD"}, heads)
		ld := ed.Sections[0].Articles[0]
		assert.Equal(t, filepath.Join(dir, "world", "aleppo.json"), ld.File)
		_, err = ld.Assets.Open(ld.Photo.Src)
		assert.NoError(t, err, "the JSON-LD article's photo resolves beside it")
	}
}

func TestReadEditionFileErrors(t *testing.T) {
	const good = "---\nheadline: A\npublished: 2016-12-16\n---\n\nText.\n"
	cases := []struct {
		name  string
		files map[string]string
		want  string // after the temporary folder and a slash
	}{
		{"missing article", map[string]string{"edition.yaml": "title: E\nsections:\n  - title: W\n    articles:\n      - a.md\n      - gone.md\n", "a.md": good},
			`edition.yaml:6: sections[0].articles[1]: "gone.md" does not exist`},
		{"article error keeps its place", map[string]string{"edition.yaml": "title: E\nsections:\n  - title: W\n    articles: [a.md]\n", "a.md": "---\nheadline: A\npublished: 2016-12-16\nheadlien: x\n---\nText\n"},
			`a.md:4: headlien: unknown key`},
		{"json article error keeps its place", map[string]string{"edition.yaml": "title: E\nsections:\n  - title: W\n    articles: [a.json]\n", "a.json": "{\"@type\": \"NewsArticle\",\n\"headline\": 1}"},
			`a.json:2: headline: must be text, not number`},
		{"listed twice", map[string]string{"edition.yaml": "title: E\nsections:\n  - title: W\n    articles: [a.md]\n  - title: X\n    articles: [./a.md]\n", "a.md": good},
			`edition.yaml:6: sections[1].articles[0]: "a.md" is already listed at line 4`},
		{"missing cover", map[string]string{"edition.yaml": "title: E\ncover: c.jpg\nsections:\n  - title: W\n    articles: [a.md]\n", "a.md": good},
			`edition.yaml:2: cover: "c.jpg" is not a file in the manifest's folder`},
		{"folder without manifest", map[string]string{"a.md": good}, `holds no edition.yaml`},
		{"folder with two json", map[string]string{"edition.yaml": "title: E\nsections:\n  - title: W\n    articles: [d]\n", "d/a.json": "{}", "d/b.json": "{}"},
			`d: holds several JSON files`},
		{"bad manifest", map[string]string{"edition.yaml": "title: E\n"}, `edition.yaml:1: sections: an edition needs sections`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFiles(t, dir, tc.files)
			_, err := content.ReadEditionFile(dir)
			require.Error(t, err)
			assert.True(t, content.IsContentError(err), "%T %v", err, err)
			assert.Contains(t, err.Error(), dir)
			assert.Contains(t, filepath.ToSlash(err.Error()), tc.want)
		})
	}
	_, err := content.ReadEditionFile(filepath.Join(t.TempDir(), "nothing"))
	assert.True(t, content.IsContentError(err))
}

// FuzzParseManifest feeds the manifest parser arbitrary YAML seeded from the
// fixtures: no panic, only content errors, and what it accepts has a title,
// sections with titles, and paths inside the folder.
func FuzzParseManifest(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/manifest/*.yaml")
	for _, s := range seeds {
		if b, err := os.ReadFile(s); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("title: a\ntheme: {columns: 2, accent: '#000000'}\nsections:\n  - title: W\n    articles: [a.md, 'b/../c']\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		m, err := content.ParseManifest("fuzz.yaml", src)
		if err != nil {
			if !content.IsContentError(err) {
				t.Fatalf("not a content error: %T %v", err, err)
			}
			return
		}
		if m.Title == "" || len(m.Sections) == 0 {
			t.Fatalf("accepted a manifest without title or sections")
		}
		for _, s := range m.Sections {
			if s.Title == "" || len(s.Articles) == 0 {
				t.Fatalf("accepted an empty section: %+v", s)
			}
			for _, a := range s.Articles {
				if a.Path == "" || a.Path[0] == '/' || a.Path == ".." || strings.HasPrefix(a.Path, "../") {
					t.Fatalf("accepted a path outside the folder: %q", a.Path)
				}
			}
		}
	})
}
