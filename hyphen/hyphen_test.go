package hyphen

import (
	"bytes"
	"flag"
	"io/fs"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// show writes word with a hyphen at each of its points.
func show(h *Hyphenator, word string) string {
	rs := []rune(word)
	var b strings.Builder
	prev := 0
	for _, p := range h.Points(word) {
		b.WriteString(string(rs[prev:p]))
		b.WriteByte('-')
		prev = p
	}
	b.WriteString(string(rs[prev:]))
	return b.String()
}

func TestKnownWords(t *testing.T) {
	for _, c := range []struct{ lang, word, want string }{
		{"en", "hyphenation", "hy-phen-ation"},
		{"en", "typographical", "ty-po-graph-i-cal"},
		{"en", "evacuation", "evac-u-a-tion"},
		{"en-US", "international", "in-ter-na-tional"},
		{"en-GB", "hyphenation", "hy-phen-a-tion"},
		{"de", "Silbentrennung", "Sil-ben-tren-nung"},
		{"de", "Rechtschreibung", "Recht-schrei-bung"},
		{"de", "Bundesregierung", "Bun-des-re-gie-rung"},
		// Compound boundaries come from the first level of patterns.
		{"de", "Donaudampfschifffahrtsgesellschaft", "Do-nau-dampf-schiff-fahrts-ge-sell-schaft"},
		{"fr", "dictionnaire", "dic-tion-naire"},
		{"fr", "hyphénation", "hy-phé-na-tion"},
		{"es", "separación", "se-pa-ra-ción"},
		{"es", "computadora", "com-pu-ta-dora"},
		{"it", "straordinario", "straor-di-na-rio"},
		{"it", "sillabazione", "sil-la-ba-zione"},
		{"pt", "hifenização", "hi-fe-ni-za-ção"},
		{"pt-BR", "computador", "com-pu-ta-dor"},
		{"nl", "ziekenhuis", "zie-ken-huis"},
		{"nl", "gemeenteraad", "ge-meen-te-raad"},
		{"ru", "государство", "го-су-дар-ство"},
		{"ru", "библиотека", "биб-лио-тека"},
		{"pl", "rzeczywistość", "rze-czy-wi-stość"},
		{"pl", "przenoszenie", "prze-no-sze-nie"},
	} {
		h := For(c.lang)
		require.NotNil(t, h, c.lang)
		assert.Equal(t, c.want, show(h, c.word), "%s %s", c.lang, c.word)
	}
}

func TestRules(t *testing.T) {
	en := For("en")
	for _, c := range []struct{ word, want string }{
		{"HYPHENATION", "HY-PHEN-ATION"},          // case does not matter
		{"(hyphenation),", "(hy-phen-ation),"},    // punctuation around the word
		{"“Hyphenation’s", "“Hy-phen-ation’s"},    // quotes and a possessive
		{"well-known", "well--known"},             // only after the hard hyphen
		{"long‐established", "long‐-established"}, // U+2010 too
		{"e-mail", "e-mail"},                      // one letter before: no break
		{"X-rays", "X-rays"},
		{"co-op", "co-op"}, // two letters after: no break
		{"hyphenation2", "hyphenation2"},
		{"1990s", "1990s"},
		{"https://example.org/hyphenation", "https://example.org/hyphenation"},
		{"www.hyphenation.org", "www.hyphenation.org"},
		{"hyphenation.example.org", "hyphenation.example.org"},
		{"editor@hyphenation.org", "editor@hyphenation.org"},
		{"AT&T", "AT&T"},
		{"", ""},
		{"a", "a"},
		{"ally", "ally"}, // nothing leaves 2 letters before and 3 after
	} {
		assert.Equal(t, c.want, show(en, c.word), c.word)
	}
	// No break next to an apostrophe; each side is hyphenated alone.
	assert.Equal(t, "au-jourd’hui", show(For("fr"), "aujourd’hui"))
	assert.Equal(t, "l'abré-via-tion", show(For("fr"), "l'abréviation"))
	// Two letters at least before a break, three after, in every language.
	for _, tag := range Languages() {
		h := For(tag)
		for _, w := range []string{"hyphenation", "Silbentrennung", "separación", "государство", "rzeczywistość", "aaaaaaaaaaaaaaaaaaaaa"} {
			n := len([]rune(w))
			for _, p := range h.Points(w) {
				assert.GreaterOrEqual(t, p, 2, "%s %s", tag, w)
				assert.LessOrEqual(t, p, n-3, "%s %s", tag, w)
			}
		}
	}
	var nilH *Hyphenator
	assert.Nil(t, nilH.Points("hyphenation"))
	assert.Equal(t, "", nilH.Lang())
}

func TestFor(t *testing.T) {
	for lang, want := range map[string]string{
		"en": "en-US", "EN": "en-US", "en-US": "en-US", "en_US": "en-US", "en-CA": "en-US", "en-Latn-US": "en-US",
		"en-GB": "en-GB", "en-AU": "en-GB", "en-NZ": "en-GB", "en-IE": "en-GB", "en-ZA": "en-GB", "en-Latn-GB": "en-GB",
		"en-150": "en-US", "en-x-gb": "en-US",
		"de": "de", "de-DE": "de", "de-CH": "de", "de-AT": "de", "de-1996": "de",
		"fr": "fr", "fr-CA": "fr", "es": "es", "es-419": "es", "es-MX": "es", "it": "it", "it-CH": "it",
		"pt": "pt", "pt-BR": "pt", "pt-PT": "pt", "nl": "nl", "nl-BE": "nl",
		"ru": "ru", "ru-RU": "ru", "ru-Cyrl": "ru", "pl": "pl", "pl-PL": "pl",
	} {
		assert.Equal(t, want, For(lang).Lang(), lang)
	}
	for _, lang := range []string{"", "und", "ar", "he", "zh", "zh-Hans", "ja", "el", "uk", "ru-Latn", "en-Cyrl", "sr", "e", "-", "en-"[:0]} {
		assert.Nil(t, For(lang), lang)
	}
	assert.Same(t, For("en"), For("en-US"), "one Hyphenator per language, shared")
	assert.Equal(t, []string{"en-US", "en-GB", "de", "fr", "es", "it", "pt", "nl", "ru", "pl"}, Languages())
}

// TestPatternsLoad parses every shipped file and checks that each has a
// licence notice.
func TestPatternsLoad(t *testing.T) {
	for _, h := range all {
		d, err := h.load()
		require.NoError(t, err, h.file)
		require.NotEmpty(t, d.levels, h.file)
		assert.Greater(t, len(d.levels[len(d.levels)-1].val), 100, "%s: patterns read", h.file)
		notice := "LICENSES/" + strings.TrimSuffix(h.file, ".dic") + ".txt"
		b, err := fs.ReadFile(FS(), notice)
		require.NoError(t, err, notice)
		assert.Contains(t, string(b), h.file)
	}
	readme, err := readFS("README.md")
	require.NoError(t, err)
	for _, h := range all {
		assert.Contains(t, string(readme), h.file, "README.md says where %s comes from", h.file)
	}
}

var update = flag.Bool("update", false, "rewrite the compiled pattern files")

func readFS(name string) ([]byte, error) { return files.ReadFile("patterns/" + name) }

func TestParseDict(t *testing.T) {
	d, err := parseDict("test.dic", []byte("UTF-8\nLEFTHYPHENMIN 1\n% a comment\n# another\nc1k/k=k\nNOHYPHEN -\nFOO\na1b\n\n  b2c3  trailing\n"))
	require.NoError(t, err)
	assert.Equal(t, 1, d.leftMin)
	require.Len(t, d.levels, 1)
	pts := make([]uint8, 5)
	d.levels[0].apply([]byte("abcd"), pts)
	assert.Equal(t, []uint8{0, 1, 2, 3, 0}, pts)

	for _, bad := range []string{"", "EBCDIC\na1b\n", "UTF-8\n\xff1a\n", "UTF-8\nLEFTHYPHENMIN x\n", "UTF-8\nLEFTHYPHENMIN\n", "UTF-8\na\nNEXTLEVEL\nb\nNEXTLEVEL\nc\n"} {
		_, err := parseDict("bad.dic", []byte(bad))
		assert.Error(t, err, "%q", bad)
	}
	// Latin-1, Latin-2 and KOI8-R files are read as such.
	d, err = parseDict("latin1.dic", []byte("ISO8859-1\n\xe41b\n"))
	require.NoError(t, err)
	pts = make([]uint8, 5)
	d.levels[0].apply([]byte("äb"), pts)
	assert.Equal(t, uint8(1), pts[2])
}

func TestConcurrent(t *testing.T) {
	var wg sync.WaitGroup
	got := make([]string, 8)
	for i := range got {
		wg.Go(func() {
			// The first calls race to load the patterns.
			got[i] = show(For("nl"), "woordafbreking") + show(For("ru"), "перенос")
		})
	}
	wg.Wait()
	for _, g := range got {
		assert.Equal(t, "woord-af-bre-kingпе-ре-нос", g)
	}
}

func FuzzPoints(f *testing.F) {
	for _, s := range []string{"hyphenation", "well-known", "l'abréviation", "Donaudampfschifffahrt", "государство", "https://x.org", "ﬀﬁ", "İstanbul", "a\u0301b\u0301c\u0301d\u0301e\u0301"} {
		f.Add("en", s)
		f.Add("de", s)
		f.Add("fr", s)
	}
	f.Fuzz(func(t *testing.T, lang, word string) {
		h := For(lang)
		ps := h.Points(word)
		n := len([]rune(word))
		prev := 0
		for _, p := range ps {
			if p <= prev || p >= n {
				t.Fatalf("points %v out of order or range for %q (%d runes)", ps, word, n)
			}
			prev = p
		}
		for _, p := range ps {
			rs := []rune(word)
			if !unicode.IsLetter(rs[p]) {
				t.Fatalf("break before a non-letter at %d in %q", p, word)
			}
		}
	})
}

func BenchmarkPoints(b *testing.B) {
	words := strings.Fields(`Syrians trapped in the besieged eastern districts of Aleppo have been
posting heartbreaking farewell messages on social media as government forces close in on the
last rebel-held neighbourhoods, with the United Nations describing a complete meltdown of
humanity in the city. International organisations called for an immediate ceasefire and the
evacuation of civilians, while activists described bombardment of unprecedented intensity.`)
	h := For("en")
	h.Points("warm") // load the patterns outside the timing
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		for _, w := range words {
			n += len(h.Points(w))
		}
	}
	b.ReportMetric(float64(len(words))*float64(b.N)/b.Elapsed().Seconds(), "words/s")
}

// BenchmarkLoad measures reading the compiled patterns, as every process
// that hyphenates does once per language, and parsing the pattern files,
// which compiling spares it.
func BenchmarkLoad(b *testing.B) {
	for _, h := range []*Hyphenator{enUS, de} {
		data, err := readFS(h.file)
		require.NoError(b, err)
		compiled, err := files.ReadFile(compiledName(h.file))
		require.NoError(b, err)
		b.Run(h.tag+"/compiled", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := unmarshalDict(compiled); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(h.tag+"/parse", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := parseDict(h.file, data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestCompiledPatterns checks that every compiled pattern file is what
// parseDict makes of its pattern file, and that it reads back to the same
// dict; with -update it writes them.
func TestCompiledPatterns(t *testing.T) {
	for _, h := range all {
		t.Run(h.tag, func(t *testing.T) {
			data, err := readFS(h.file)
			require.NoError(t, err)
			d, err := parseDict(h.file, data)
			require.NoError(t, err)
			want := d.marshal()
			if *update {
				require.NoError(t, os.WriteFile(compiledName(h.file), want, 0o644))
			}
			got, err := files.ReadFile(compiledName(h.file))
			if !*update {
				require.NoError(t, err, "run go test ./hyphen -run TestCompiledPatterns -update")
				require.True(t, bytes.Equal(want, got), "%s is out of date: run go test ./hyphen -run TestCompiledPatterns -update", compiledName(h.file))
			}
			back, err := unmarshalDict(want)
			require.NoError(t, err)
			assert.Equal(t, d, back)
		})
	}
}

// TestDamagedCompiledPatterns cuts and flips a compiled file: reading it
// fails or gives a dict that hyphenates without panicking.
func TestDamagedCompiledPatterns(t *testing.T) {
	data, err := files.ReadFile(compiledName(fr.file))
	require.NoError(t, err)
	for _, n := range []int{0, 3, 5, 9, 20, len(data) / 2, len(data) - 1} {
		_, err := unmarshalDict(data[:n])
		assert.Error(t, err, "cut at %d", n)
	}
	_, err = unmarshalDict(append(slices.Clone(data), 0))
	assert.Error(t, err, "a byte too many")
	for i := 5; i < len(data); i += 97 {
		b := slices.Clone(data)
		b[i] ^= 0x5a
		if d, err := unmarshalDict(b); err == nil {
			for _, w := range []string{"hyphénation", "anticonstitutionnellement", "été"} {
				d.part([]rune(w), true, true, nil)
			}
		}
	}
}
