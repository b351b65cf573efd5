package epub

import (
	"regexp"
	"strings"
)

var cssComment = regexp.MustCompile(`(?s)/\*.*?\*/`)

// usedClasses returns the class names used in the given markup, which is
// ours: attribute values never hold a double quote. It reads the values of
// every class="…" in the markup.
func usedClasses(markup ...string) map[string]bool {
	const attr = `class="`
	used := map[string]bool{}
	for _, m := range markup {
		for {
			i := strings.Index(m, attr)
			if i < 0 {
				break
			}
			m = m[i+len(attr):]
			end := strings.IndexByte(m, '"')
			if end < 0 {
				break
			}
			for c := range strings.FieldsSeq(m[:end]) {
				used[c] = true
			}
			m = m[end+1:]
		}
	}
	return used
}

// selectorClasses calls f with each class a selector names: each
// .name, the name a letter followed by letters, digits, '_' and '-'.
func selectorClasses(sel string, f func(class string)) {
	for i := 0; i < len(sel); i++ {
		if sel[i] != '.' || i+1 == len(sel) || !isLetter(sel[i+1]) {
			continue
		}
		j := i + 2
		for j < len(sel) && (isLetter(sel[j]) || sel[j] >= '0' && sel[j] <= '9' || sel[j] == '_' || sel[j] == '-') {
			j++
		}
		f(sel[i+1 : j])
		i = j - 1
	}
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// pruneCSS returns the stylesheet without comments and without the
// selectors that name a class the book does not use, and without rules left
// with no selector, so that EPUBCheck finds no unused rules. It understands
// the stylesheet of this package: rules and @media blocks of rules, no
// strings or URLs holding braces.
func pruneCSS(css string, used map[string]bool) string {
	css = cssComment.ReplaceAllString(css, "")
	var out strings.Builder
	pruneRules(&out, css, used)
	return out.String()
}

func pruneRules(out *strings.Builder, css string, used map[string]bool) {
	for {
		open := strings.IndexByte(css, '{')
		if open < 0 {
			return
		}
		prelude := strings.TrimSpace(css[:open])
		// Find the matching closing brace.
		depth, end := 0, -1
		for i := open; i < len(css); i++ {
			switch css[i] {
			case '{':
				depth++
			case '}':
				depth--
			}
			if depth == 0 {
				end = i
				break
			}
		}
		if end < 0 {
			return
		}
		body := css[open+1 : end]
		css = css[end+1:]
		if strings.HasPrefix(prelude, "@") {
			var inner strings.Builder
			pruneRules(&inner, body, used)
			if inner.Len() > 0 {
				out.WriteString(prelude + " {\n" + inner.String() + "}\n")
			}
			continue
		}
		var keep []string
		for _, sel := range strings.Split(prelude, ",") {
			sel = strings.TrimSpace(sel)
			live := true
			selectorClasses(sel, func(c string) { live = live && used[c] })
			if live && sel != "" {
				keep = append(keep, sel)
			}
		}
		if len(keep) > 0 {
			out.WriteString(strings.Join(keep, ", ") + " {" + body + "}\n")
		}
	}
}
