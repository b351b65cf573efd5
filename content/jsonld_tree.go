package content

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
)

// The JSON-LD loader's lower half: a JSON tree that remembers where each
// value starts (so errors name the line), and the walk to the article node.

type jsonKind uint8

const (
	jsonNull jsonKind = iota
	jsonString
	jsonNumber
	jsonBool
	jsonObject
	jsonArray
)

// jsonValue is a decoded JSON value that remembers where it starts, so that
// errors can name the line.
type jsonValue struct {
	kind   jsonKind
	off    int
	str    string // a string, or a number's text
	fields map[string]*jsonValue
	items  []*jsonValue
}

func (v *jsonValue) kindName() string {
	return [...]string{"null", "text", "number", "true or false", "object", "list"}[v.kind]
}

// maxJSONDepth bounds nesting: articles are shallow, and a deep file is
// a mistake or an attack on the stack.
const maxJSONDepth = 64

type ldLoader struct {
	p          *parser
	src        []byte
	lineStarts []int
	dec        *json.Decoder
	ids        map[string]*jsonValue // @graph nodes by @id
}

func (l *ldLoader) line(off int) int {
	return sort.Search(len(l.lineStarts), func(i int) bool { return l.lineStarts[i] > off })
}

func (l *ldLoader) errorf(v *jsonValue, field, format string, args ...any) *Error {
	line := 1
	if v != nil {
		line = l.line(v.off)
	}
	return errorf(l.p.file, line, field, format, args...)
}

func (l *ldLoader) decode() (*jsonValue, error) {
	l.dec = json.NewDecoder(bytes.NewReader(l.src))
	l.dec.UseNumber()
	v, err := l.value(0)
	if err != nil {
		return nil, err
	}
	off := l.start()
	if _, err := l.dec.Token(); err != io.EOF {
		return nil, errorf(l.p.file, l.line(off), "", "text after the end of the JSON value: keep one JSON-LD object in the file")
	}
	return v, nil
}

// start is where the next token begins: the decoder's offset is the end of
// the previous one, before any space, comma or colon.
func (l *ldLoader) start() int {
	off := int(l.dec.InputOffset())
	for off < len(l.src) && strings.IndexByte(" \t\r\n,:", l.src[off]) >= 0 {
		off++
	}
	return off
}

func (l *ldLoader) syntax(err error, off int) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		off = int(se.Offset)
		if off > 0 {
			off-- // the offset is after the offending byte
		}
	}
	if err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF) {
		return errorf(l.p.file, l.line(len(l.src)), "", "the JSON ends early: close every { and [")
	}
	return errorf(l.p.file, l.line(off), "", "not valid JSON: %s", strings.TrimPrefix(err.Error(), "json: "))
}

func (l *ldLoader) value(depth int) (*jsonValue, error) {
	off := l.start()
	tok, err := l.dec.Token()
	if err != nil {
		return nil, l.syntax(err, off)
	}
	v := &jsonValue{off: off}
	switch t := tok.(type) {
	case nil:
	case bool:
		v.kind = jsonBool
	case json.Number:
		v.kind, v.str = jsonNumber, string(t)
	case string:
		v.kind, v.str = jsonString, t
	case json.Delim:
		if depth >= maxJSONDepth {
			return nil, errorf(l.p.file, l.line(off), "", "nested more than %d levels deep: this is not an article", maxJSONDepth)
		}
		if t == '[' {
			v.kind = jsonArray
			for l.dec.More() {
				item, err := l.value(depth + 1)
				if err != nil {
					return nil, err
				}
				v.items = append(v.items, item)
			}
		} else {
			v.kind, v.fields = jsonObject, map[string]*jsonValue{}
			for l.dec.More() {
				koff := l.start()
				kt, err := l.dec.Token()
				if err != nil {
					return nil, l.syntax(err, koff)
				}
				key, _ := kt.(string)
				if _, dup := v.fields[key]; dup {
					return nil, errorf(l.p.file, l.line(koff), key, "%q is given twice in one object: keep one", key)
				}
				val, err := l.value(depth + 1)
				if err != nil {
					return nil, err
				}
				v.fields[key] = val
			}
		}
		if _, err := l.dec.Token(); err != nil { // the closing ] or }
			return nil, l.syntax(err, l.start())
		}
	}
	return v, nil
}

// findArticle picks the one article node of the document, indexing @graph
// nodes by @id on the way so that references resolve.
func (l *ldLoader) findArticle(root *jsonValue) (*jsonValue, error) {
	var nodes []*jsonValue
	var prefix []string
	switch root.kind {
	case jsonObject:
		if ctx := root.fields["@context"]; ctx != nil && ctx.kind == jsonString && !strings.Contains(ctx.str, "schema.org") {
			return nil, l.errorf(ctx, "@context", "%q is not schema.org: give \"https://schema.org\"", ctx.str)
		}
		if g := root.fields["@graph"]; g != nil {
			if g.kind != jsonArray {
				return nil, l.errorf(g, "@graph", "must be a list of nodes, not %s", g.kindName())
			}
			for i, n := range g.items {
				nodes, prefix = append(nodes, n), append(prefix, fmt.Sprintf("@graph[%d]", i))
			}
		} else {
			nodes, prefix = []*jsonValue{root}, []string{""}
		}
	case jsonArray:
		for i, n := range root.items {
			nodes, prefix = append(nodes, n), append(prefix, fmt.Sprintf("[%d]", i))
		}
	default:
		return nil, l.errorf(root, "", "the file holds %s, not a JSON-LD object: give a schema.org NewsArticle", root.kindName())
	}
	for _, n := range nodes {
		if n.kind != jsonObject {
			continue
		}
		if id := n.fields["@id"]; id != nil && id.kind == jsonString {
			l.ids[id.str] = n
		}
	}
	var found []*jsonValue
	var types []string
	for i, n := range nodes {
		if n.kind != jsonObject {
			return nil, l.errorf(n, prefix[i], "must be an object, not %s", n.kindName())
		}
		ts, err := l.types(n, prefix[i])
		if err != nil {
			return nil, err
		}
		for _, t := range ts {
			if contains(jsonLDTypes, t) {
				found = append(found, n)
				break
			}
		}
		types = append(types, ts...)
	}
	switch {
	case len(found) == 1:
		return found[0], nil
	case len(found) > 1:
		return nil, l.errorf(found[1], "@type", "the file holds %d articles: give one article per file", len(found))
	case len(nodes) == 1 && len(types) == 0:
		return nil, l.errorf(nodes[0], "@type", "the object has no @type: add \"@type\": \"NewsArticle\"")
	case len(nodes) == 1:
		return nil, l.errorf(nodes[0].fields["@type"], "@type", "%q is not an article type: use NewsArticle, Article or ReportageNewsArticle", strings.Join(types, ", "))
	}
	return nil, l.errorf(root, "", "no NewsArticle among the nodes (types: %s): give one with \"@type\": \"NewsArticle\"", strings.Join(types, ", "))
}

// types returns a node's @type names without a schema.org prefix.
func (l *ldLoader) types(n *jsonValue, field string) ([]string, error) {
	t := n.fields["@type"]
	if t == nil {
		return nil, nil
	}
	var out []string
	for _, v := range l.list(t) {
		if v.kind != jsonString {
			return nil, l.errorf(v, pathJoin(field, "@type"), "must be a type name, not %s", v.kindName())
		}
		s := v.str
		for _, p := range []string{"https://schema.org/", "http://schema.org/", "schema:"} {
			s = strings.TrimPrefix(s, p)
		}
		out = append(out, s)
	}
	return out, nil
}

// list returns v's items when it is a list, or v alone.
func (l *ldLoader) list(v *jsonValue) []*jsonValue {
	if v.kind == jsonArray {
		return v.items
	}
	return []*jsonValue{v}
}

// resolve follows a {"@id": ...} reference to the @graph node it names.
func (l *ldLoader) resolve(v *jsonValue) *jsonValue {
	if v.kind == jsonObject && len(v.fields) == 1 {
		if id := v.fields["@id"]; id != nil && id.kind == jsonString && l.ids[id.str] != nil {
			return l.ids[id.str]
		}
	}
	return v
}

func pathJoin(prefix, key string) string {
	if prefix == "" {
		return key
	}
	return prefix + "." + key
}

func index(field string, i int, list bool) string {
	if !list {
		return field
	}
	return fmt.Sprintf("%s[%d]", field, i)
}

// text returns a string value, trimmed, rejecting control characters that
// JSON escapes can smuggle in.
func (l *ldLoader) text(v *jsonValue, field string) (string, error) {
	if v.kind == jsonNull {
		return "", nil
	}
	if v.kind != jsonString {
		return "", l.errorf(v, field, "must be text, not %s", v.kindName())
	}
	for _, r := range v.str {
		if r < 0x20 && r != '\n' && r != '\t' && r != '\r' || r == 0x7f || r >= 0x80 && r < 0xa0 {
			return "", l.errorf(v, field, "control character U+%04X in the text: remove it", r)
		}
	}
	return strings.TrimSpace(v.str), nil
}

// name reads a name given as text or as an object with a name (a Person,
// an Organization).
func (l *ldLoader) name(v *jsonValue, field string) (string, error) {
	v = l.resolve(v)
	if v.kind == jsonObject {
		n := v.fields["name"]
		if n == nil {
			return "", l.errorf(v, field, "needs a name: add \"name\": \"...\"")
		}
		v, field = n, field+".name"
	}
	return l.text(v, field)
}
