package epub

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestClassScanners holds usedClasses and selectorClasses to the regular
// expressions they stand for.
func TestClassScanners(t *testing.T) {
	attrRe := regexp.MustCompile(`class="([^"]*)"`)
	selRe := regexp.MustCompile(`\.([A-Za-z][A-Za-z0-9_-]*)`)
	markup := []string{
		`<p class="a b">x</p><span class="">y</span><div data-class="c  d">`,
		`<a class="e"><b class="f`,
		`class="g"class="h i"`,
		"",
	}
	want := map[string]bool{}
	for _, m := range markup {
		for _, match := range attrRe.FindAllStringSubmatch(m, -1) {
			for _, c := range strings.Fields(match[1]) {
				want[c] = true
			}
		}
	}
	assert.Equal(t, want, usedClasses(markup...))

	sels := strings.FieldsFunc(string(stylesheet)+string(titlePageStyle), func(r rune) bool { return r == '{' || r == '}' || r == ',' })
	sels = append(sels, ".a.b-c_d9", "p.x > .1y .-z", "..q", ".", "a.", ".é.ok", "x.y:not(.z)")
	for _, sel := range sels {
		var want, got []string
		for _, m := range selRe.FindAllStringSubmatch(sel, -1) {
			want = append(want, m[1])
		}
		selectorClasses(sel, func(c string) { got = append(got, c) })
		assert.True(t, slices.Equal(want, got), "%q: want %q, got %q", sel, want, got)
	}
}
