package pdf

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestSegments(t *testing.T) {
	c := newCoverage()
	for _, tc := range []struct {
		in   string
		f    face
		want []segment
	}{
		{"plain “text” – Ж", serif, []segment{{serif, "plain “text” – Ж"}}},
		{"a → b", serif, []segment{{serif, "a "}, {mono, "→"}, {serif, " b"}}},
		{"sad 😢", sans, []segment{{sans, "sad \uFFFD"}}},
		{"bad \xff", serif, []segment{{serif, "bad \uFFFD"}}},
		{"bell\x07", serif, []segment{{serif, "bell "}}},
	} {
		assert.Equal(t, tc.want, c.segments(tc.f, tc.in, nil), tc.in)
	}
}

func TestFontNamesKeepLength(t *testing.T) {
	for f := range numFaces {
		old := "/utf8" + f.family() + f.style()
		assert.Len(t, old, len("/ABCDEF+")+len(psNames[f]), psNames[f])
	}
}

func TestWords(t *testing.T) {
	type w struct {
		s     string
		space bool
	}
	var got []w
	for s, sp := range words("  two\u00A0words and\tmore ") {
		got = append(got, w{s, sp})
	}
	assert.Equal(t, []w{{"  ", true}, {"two\u00A0words", false}, {" ", true}, {"and", false}, {"\t", true}, {"more", false}, {" ", true}}, got)
}
