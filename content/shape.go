package content

import "bytes"

// Bounds on the shape of Markdown, checked before it is parsed. The Markdown
// parser takes time that grows with the square of the nesting depth and of
// the emphasis and quote marks in one paragraph: a 50 KB paragraph of
// unmatched asterisks takes it 8 s, lists nested a thousand deep 6 s, and a
// 16 MB file of either hours. Within these bounds it takes time in
// proportion to the text. No article comes near them.
const (
	// maxNesting bounds the quote and list markers that open a line ("> - >").
	maxNesting = 32
	// maxIndent bounds a line's indentation, in columns (a tab counts up to
	// the next multiple of 4), outside fenced code.
	maxIndent = 80
	// maxMarks bounds the emphasis, strikethrough and quote marks (* _ ~ ' ")
	// in one paragraph.
	maxMarks = 200
)

// checkShape checks the Markdown src, which starts on the file's line, against
// the bounds above, outside fenced code blocks.
func (p *parser) checkShape(src []byte, line int, field string) error {
	var fence byte // the fence character while inside fenced code
	fenceLen := 0
	marks, paraLine := 0, line
	for len(src) > 0 {
		l := src
		if i := bytes.IndexByte(src, '\n'); i >= 0 {
			l, src = src[:i], src[i+1:]
		} else {
			src = nil
		}
		indent, nesting, rest := linePrefix(l)
		if c, n := fenceOf(rest); n > 0 && (fence == 0 || c == fence && n >= fenceLen) {
			if fence == 0 {
				fence, fenceLen = c, n
			} else {
				fence, fenceLen = 0, 0
			}
			line++
			continue
		}
		if fence != 0 {
			line++
			continue
		}
		if isBlank(rest) {
			marks, paraLine = 0, line+1
			line++
			continue
		}
		if nesting > maxNesting && !isThematicBreak(l) {
			return errorf(p.file, line, field, "lists or quotes nested %d deep, more than the limit of %d: flatten them", nesting, maxNesting)
		}
		if indent > maxIndent {
			return errorf(p.file, line, field, "the line is indented by %d columns, more than the limit of %d: indent it less", indent, maxIndent)
		}
		for _, b := range rest {
			switch b {
			case '*', '_', '~', '\'', '"':
				marks++
			}
		}
		if marks > maxMarks {
			return errorf(p.file, paraLine, field, "the paragraph has more than %d emphasis and quote marks (* _ ~ ' \"): write fewer, or escape them with \\", maxMarks)
		}
		line++
	}
	return nil
}

// linePrefix measures what opens a line: its width in columns (spaces,
// tabs and markers) and the number of quote and list markers in it, and
// returns the rest.
func linePrefix(l []byte) (indent, nesting int, rest []byte) {
	col := 0
	i := 0
	for i < len(l) {
		switch c := l[i]; {
		case c == ' ':
			col++
			i++
		case c == '\t':
			col += 4 - col%4
			i++
		case c == '>':
			nesting++
			col++
			i++
		case (c == '-' || c == '*' || c == '+') && (i+1 == len(l) || l[i+1] == ' ' || l[i+1] == '\t'):
			nesting++
			col++
			i++
		case c >= '0' && c <= '9':
			j := i
			for j < len(l) && j-i < 9 && l[j] >= '0' && l[j] <= '9' {
				j++
			}
			if j < len(l) && (l[j] == '.' || l[j] == ')') && (j+1 == len(l) || l[j+1] == ' ' || l[j+1] == '\t') {
				nesting++
				col += j + 1 - i
				i = j + 1
				continue
			}
			return col, nesting, l[i:]
		default:
			return col, nesting, l[i:]
		}
	}
	return col, nesting, l[i:]
}

// fenceOf returns the character and length of a code fence (``` or ~~~)
// that starts s, or 0, 0.
func fenceOf(s []byte) (byte, int) {
	if len(s) < 3 || (s[0] != '`' && s[0] != '~') {
		return 0, 0
	}
	n := 0
	for n < len(s) && s[n] == s[0] {
		n++
	}
	if n < 3 {
		return 0, 0
	}
	return s[0], n
}

func isBlank(s []byte) bool {
	for _, b := range s {
		if b != ' ' && b != '\t' && b != '\r' {
			return false
		}
	}
	return true
}

// isThematicBreak reports whether l is a line of three or more -, * or _
// and spaces ("- - -"), which is a rule, not nested lists.
func isThematicBreak(l []byte) bool {
	var c byte
	n := 0
	for _, b := range l {
		switch {
		case b == ' ' || b == '\t' || b == '\r':
		case (b == '-' || b == '*' || b == '_') && (c == 0 || b == c):
			c = b
			n++
		default:
			return false
		}
	}
	return n >= 3
}
