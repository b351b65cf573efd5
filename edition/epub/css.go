package epub

import (
	"regexp"
	"strings"
)

var (
	classAttr     = regexp.MustCompile(`class="([^"]*)"`)
	classSelector = regexp.MustCompile(`\.([A-Za-z][A-Za-z0-9_-]*)`)
	cssComment    = regexp.MustCompile(`(?s)/\*.*?\*/`)
)

// usedClasses returns the class names used in the given markup, which is
// ours: attribute values never hold a double quote.
func usedClasses(markup ...string) map[string]bool {
	used := map[string]bool{}
	for _, m := range markup {
		for _, match := range classAttr.FindAllStringSubmatch(m, -1) {
			for _, c := range strings.Fields(match[1]) {
				used[c] = true
			}
		}
	}
	return used
}

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
			for _, m := range classSelector.FindAllStringSubmatch(sel, -1) {
				live = live && used[m[1]]
			}
			if live && sel != "" {
				keep = append(keep, sel)
			}
		}
		if len(keep) > 0 {
			out.WriteString(strings.Join(keep, ", ") + " {" + body + "}\n")
		}
	}
}
