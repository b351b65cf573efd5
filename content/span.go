package content

import (
	"fmt"
	"sort"
	"strings"

	"github.com/yuin/goldmark"
	gast "github.com/yuin/goldmark/ast"
	gparser "github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	"golang.org/x/text/language"
)

// Bracketed spans, as pandoc writes them: [texte]{lang=fr} marks a run of
// text in another language, [نص]{dir=rtl} one in another direction. Only
// lang and dir are understood; any other attribute (an id, a class, another
// key) is an error, so that an author never believes a span did something
// it silently did not. Braces that do not hold attributes
// ("[0, 1]{x}") are no span and stay text, as in pandoc.

// spanExtension adds bracketed spans to a goldmark parser.
type spanExtension struct{}

func (spanExtension) Extend(m goldmark.Markdown) {
	// Before the link parser (200), which would otherwise take the '[';
	// after footnote references (101), which start "[^".
	m.Parser().AddOptions(gparser.WithInlineParsers(util.Prioritized(spanParser{}, 150)))
}

// kindSpan is the goldmark node kind of a bracketed span.
var kindSpan = gast.NewNodeKind("Span")

// spanNode is a bracketed span in the goldmark tree; its children are the
// span's text.
type spanNode struct {
	gast.BaseInline
	Lang string // canonical BCP 47, "" when not given
	Dir  string // "rtl", "ltr" or ""
	Err  error  // what is wrong with the attributes; nil when nothing is
}

func (n *spanNode) Kind() gast.NodeKind { return kindSpan }

func (n *spanNode) Dump(source []byte, level int) {
	gast.DumpHelper(n, source, level, map[string]string{"Lang": n.Lang, "Dir": n.Dir}, nil)
}

// kindSpanOpen is the kind of the placeholder a '[' leaves until its ']'.
var kindSpanOpen = gast.NewNodeKind("SpanOpen")

// spanOpen stands where a span's '[' was until the span closes; a span
// left open at the end of its block turns back into the text "[".
type spanOpen struct {
	gast.BaseInline
	seg    text.Segment // the '['
	match  spanMatch
	bottom gast.Node // the last emphasis delimiter before the '[', or nil
}

func (n *spanOpen) Kind() gast.NodeKind { return kindSpanOpen }

func (n *spanOpen) Dump(source []byte, level int) { gast.DumpHelper(n, source, level, nil, nil) }

// spanMatch is a '[' whose matching ']' is followed by an attribute block.
type spanMatch struct {
	close int // offset of the ']' in the source
	end   int // offset just after the '}'
	node  *spanNode
}

var spanStateKey = gparser.NewContextKey()

// spanState is the span parser's state inside one block: the brackets
// found by one scan of the block's text, and the spans open.
type spanState struct {
	from, to int // the source range scanned
	matches  map[int]spanMatch
	open     []*spanOpen
}

type spanParser struct{}

func (spanParser) Trigger() []byte { return []byte{'[', ']'} }

func (spanParser) Parse(parent gast.Node, block text.Reader, pc gparser.Context) gast.Node {
	line, seg := block.PeekLine()
	if len(line) == 0 {
		return nil
	}
	st, _ := pc.Get(spanStateKey).(*spanState)
	if line[0] == '[' {
		if st == nil || seg.Start < st.from || seg.Start >= st.to {
			st = scanSpans(block)
			pc.Set(spanStateKey, st)
		}
		m, ok := st.matches[seg.Start]
		if !ok {
			return nil
		}
		open := &spanOpen{seg: text.NewSegment(seg.Start, seg.Start+1), match: m}
		if d := pc.LastDelimiter(); d != nil {
			open.bottom = d
		}
		st.open = append(st.open, open)
		block.Advance(1)
		return open
	}
	// ']': close the span it ends, if any.
	if st == nil {
		return nil
	}
	i := len(st.open) - 1
	for i >= 0 && st.open[i].match.close != seg.Start {
		i--
	}
	if i < 0 {
		return nil
	}
	open := st.open[i]
	// Spans opened inside this one and never closed are text.
	for _, inner := range st.open[i+1:] {
		inner.Parent().ReplaceChild(inner.Parent(), inner, gast.NewTextSegment(inner.seg))
	}
	st.open = st.open[:i]
	gparser.ProcessDelimiters(open.bottom, pc)
	span := open.match.node
	for c := open.NextSibling(); c != nil; {
		next := c.NextSibling()
		c.Parent().RemoveChild(c.Parent(), c)
		span.AppendChild(span, c)
		c = next
	}
	open.Parent().RemoveChild(open.Parent(), open)
	span.SetPos(open.seg.Start)
	block.Advance(open.match.end - seg.Start)
	return span
}

// CloseBlock turns the spans left open back into text and forgets the
// block's scan.
func (spanParser) CloseBlock(parent gast.Node, block text.Reader, pc gparser.Context) {
	st, _ := pc.Get(spanStateKey).(*spanState)
	if st == nil {
		return
	}
	for _, open := range st.open {
		if p := open.Parent(); p != nil {
			p.ReplaceChild(p, open, gast.NewTextSegment(open.seg))
		}
	}
	pc.Set(spanStateKey, nil)
}

// scanSpans reads the block from the reader's position to its end, without
// moving the reader, and pairs brackets as the link parser does (the
// innermost open '[' takes the next ']'), skipping escaped brackets and
// code spans. A pair followed by a well-formed attribute block on the same
// line is a span.
func scanSpans(block text.Reader) *spanState {
	line0, pos0 := block.Position()
	defer block.SetPosition(line0, pos0)
	_, first := block.PeekLine()
	st := &spanState{from: first.Start, to: first.Start, matches: map[int]spanMatch{}}
	var lines []spanLine // the block's remaining text
	for {
		l, seg := block.PeekLine()
		if l == nil {
			break
		}
		lines = append(lines, spanLine{l, seg.Start})
		st.to = seg.Stop
		block.AdvanceLine()
	}
	var stack []int // offsets of open '['
	fence := 0      // length of the backtick run that opened a code span; 0 outside one
	for li, p := range lines {
		l := p.text
		for i := 0; i < len(l); i++ {
			c := l[i]
			if c == '`' {
				n := 1
				for i+n < len(l) && l[i+n] == '`' {
					n++
				}
				switch {
				case fence == n:
					fence = 0
				case fence == 0 && closesCode(lines[li:], i+n, n):
					fence = n
				}
				i += n - 1
				continue
			}
			if fence > 0 {
				continue
			}
			switch c {
			case '\\':
				i++ // an escaped character is no bracket
			case '[':
				stack = append(stack, p.start+i)
			case ']':
				if len(stack) == 0 {
					continue
				}
				open := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				if i+1 < len(l) && l[i+1] == '{' {
					if end, node, ok := parseSpanAttrs(l[i+1:]); ok {
						st.matches[open] = spanMatch{close: p.start + i, end: p.start + i + 1 + end, node: node}
					}
				}
			}
		}
	}
	return st
}

// spanLine is a line of a block and the source offset where it starts.
type spanLine struct {
	text  []byte
	start int
}

// closesCode reports whether a run of exactly n backticks follows offset at
// of the first line, in it or the lines after it: only then does the run
// before at open a code span.
func closesCode(lines []spanLine, at, n int) bool {
	for k, p := range lines {
		l := p.text
		i := 0
		if k == 0 {
			i = at
		}
		for i < len(l) {
			if l[i] != '`' {
				i++
				continue
			}
			m := 0
			for i+m < len(l) && l[i+m] == '`' {
				m++
			}
			if m == n {
				return true
			}
			i += m
		}
	}
	return false
}

// parseSpanAttrs reads the attribute block at the start of s ("{lang=fr}")
// and returns the length it takes and the span it makes. ok is false when
// s does not start with a block of attributes in pandoc's syntax (#id,
// .class, key=value, key="value"), which then stays text. Attributes other
// than lang and dir, and values that are not valid, make a span with Err
// set: the loader reports them.
func parseSpanAttrs(s []byte) (end int, node *spanNode, ok bool) {
	if len(s) == 0 || s[0] != '{' {
		return 0, nil, false
	}
	node = &spanNode{}
	var errs []string
	seen := map[string]bool{}
	i := 1
	for {
		for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
			i++
		}
		if i >= len(s) || s[i] == '\n' || s[i] == '\r' {
			return 0, nil, false
		}
		if s[i] == '}' {
			if i == 1 {
				return 0, nil, false // "{}" holds no attributes
			}
			end = i + 1
			break
		}
		start := i
		for i < len(s) && s[i] != ' ' && s[i] != '\t' && s[i] != '}' && s[i] != '=' && s[i] != '\n' {
			i++
		}
		name := string(s[start:i])
		if name == "" {
			return 0, nil, false
		}
		if name[0] == '#' || name[0] == '.' {
			if len(name) == 1 || i < len(s) && s[i] == '=' {
				return 0, nil, false
			}
			what := "an id"
			if name[0] == '.' {
				what = "a class"
			}
			errs = append(errs, fmt.Sprintf("%s (%s) does nothing here", what, name))
			continue
		}
		if i >= len(s) || s[i] != '=' || !isAttrName(name) {
			return 0, nil, false
		}
		i++
		var value string
		if i < len(s) && (s[i] == '"' || s[i] == '\'') {
			q := s[i]
			j := i + 1
			for j < len(s) && s[j] != q && s[j] != '\n' {
				j++
			}
			if j >= len(s) || s[j] != q {
				return 0, nil, false
			}
			value = string(s[i+1 : j])
			i = j + 1
		} else {
			j := i
			for j < len(s) && s[j] != ' ' && s[j] != '\t' && s[j] != '}' && s[j] != '\n' {
				j++
			}
			value = string(s[i:j])
			i = j
		}
		if seen[name] {
			errs = append(errs, fmt.Sprintf("%s is given twice", name))
			continue
		}
		seen[name] = true
		switch name {
		case "lang":
			tag, err := language.Parse(value)
			if err != nil || value == "" {
				errs = append(errs, fmt.Sprintf("lang=%q is not a BCP 47 language tag: write one such as fr, pt-BR or zh-Hant", value))
				continue
			}
			node.Lang = tag.String()
		case "dir":
			switch strings.ToLower(value) {
			case "rtl", "ltr":
				node.Dir = strings.ToLower(value)
			default:
				errs = append(errs, fmt.Sprintf("dir=%q: write dir=rtl or dir=ltr", value))
			}
		default:
			errs = append(errs, fmt.Sprintf("the attribute %s does nothing here", name))
		}
	}
	if len(errs) > 0 {
		node.Err = fmt.Errorf("span %s: %s (a span [text]{...} takes only lang=TAG and dir=rtl or ltr)",
			s[:end], strings.Join(errs, "; "))
	}
	return end, node, true
}

// isAttrName reports whether s is a key as pandoc allows: letters, digits,
// '-', '_', ':' and '.', starting with a letter or '_'.
func isAttrName(s string) bool {
	for i, c := range s {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c == '_':
		case i > 0 && (c >= '0' && c <= '9' || c == '-' || c == ':' || c == '.'):
		default:
			return false
		}
	}
	return s != ""
}

// span converts a bracketed span: its runs get its language and direction
// unless a span inside it gave them their own. A span with bad attributes
// is reported at its line.
func (c *converter) span(n *spanNode, style Style, link string) []Inline {
	if n.Err != nil && c.err == nil {
		c.err = &Error{File: c.p.file, Line: c.lineAt(n.Pos()), Field: c.field, Err: n.Err}
	}
	runs := c.runs(n, style, link)
	for i := range runs {
		if runs[i].Lang == "" {
			runs[i].Lang = n.Lang
		}
		if runs[i].Dir == "" {
			runs[i].Dir = n.Dir
		}
	}
	return runs
}

// lineAt returns the file line of a source offset.
func (c *converter) lineAt(off int) int {
	if len(c.lineStarts) == 0 || off < 0 {
		return c.line
	}
	i := sort.Search(len(c.lineStarts), func(i int) bool { return c.lineStarts[i] > off })
	return c.line + i - 1
}
