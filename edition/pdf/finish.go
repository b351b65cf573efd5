package pdf

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"
)

// finish rewrites the file fpdf wrote into one that keeps the PDF
// specification to the letter, which fpdf v0.12.0 does not:
//
//   - pictures are numbered in an order of their own (imageorder.go), not
//     in Go's map order;
//   - an outline item with children gets /Count (the number of its
//     descendants: every item open) instead of /Count 0, a leaf none, and
//     the outline root the number of items;
//   - link annotations become indirect objects instead of dictionaries
//     inside the page's /Annots array;
//   - the Info dictionary is written anew from info: fpdf garbles
//     characters beyond the Basic Multilingual Plane (emoji) and writes
//     dates without their time zone;
//   - the header says PDF 1.7, whose features the file uses;
//   - the catalog asks viewers to show the title, not the file name;
//   - the trailer gets a file identifier, /ID, derived from seed and the
//     file's own bytes (both halves equal: a new file);
//   - page contents and palettes fpdf left uncompressed (see
//     compressInFinish) are compressed as fpdf would have, to the byte.
//
// It knows the exact shape of fpdf's output (one object after another, a
// classic cross-reference table, a three-entry trailer), copies every
// object it does not change byte for byte and writes a new
// cross-reference table; anything unexpected is an error, never a guess.
// pdfcpu could do the same, but it stamps the clock into the dates and the
// /ID and takes longer than the whole layout.
func finish(doc []byte, seed string, info docInfo) ([]byte, error) {
	f, err := parseFile(doc)
	if err != nil {
		return nil, fmt.Errorf("pdf: finishing: %w", err)
	}
	if err := f.compressStreams(); err != nil {
		return nil, fmt.Errorf("pdf: finishing the streams: %w", err)
	}
	if err := f.orderImages(); err != nil {
		return nil, fmt.Errorf("pdf: finishing the pictures: %w", err)
	}
	if err := f.fixOutline(); err != nil {
		return nil, fmt.Errorf("pdf: finishing the outline: %w", err)
	}
	if err := f.indirectAnnots(); err != nil {
		return nil, fmt.Errorf("pdf: finishing the links: %w", err)
	}
	if err := f.fixCatalogAndInfo(info); err != nil {
		return nil, fmt.Errorf("pdf: finishing: %w", err)
	}
	return f.write(seed), nil
}

// file is a PDF as fpdf writes it, cut into its objects.
type file struct {
	header []byte
	objs   map[int][]byte // object number -> "N 0 obj\n...endobj\n"
	order  []int          // object numbers in file order, then new ones
	size   int            // next free object number
	root   int
	info   int
}

var (
	refs = map[string]*regexp.Regexp{
		"Outlines": regexp.MustCompile(`/Outlines (\d+) 0 R`),
		"First":    regexp.MustCompile(`/First (\d+) 0 R`),
		"Next":     regexp.MustCompile(`/Next (\d+) 0 R`),
		"Contents": regexp.MustCompile(`/Contents (\d+) 0 R`),
	}
	reHeader    = regexp.MustCompile(`^%PDF-1\.[3-7]\n%[^\n]*\n$`)
	reRef       = regexp.MustCompile(`^\d+ \d+ R`)
	reStartXref = regexp.MustCompile(`startxref\n(\d+)\n%%EOF\n?$`)
	reTrailer   = regexp.MustCompile(`^trailer\n<<\n/Size (\d+)\n/Root (\d+) 0 R\n/Info (\d+) 0 R\n>>\n$`)
)

// parseFile cuts doc into objects by its cross-reference table.
func parseFile(doc []byte) (*file, error) {
	m := reStartXref.FindSubmatch(doc)
	if m == nil {
		return nil, fmt.Errorf("no startxref at the end of the file")
	}
	xref, err := strconv.Atoi(string(m[1]))
	if err != nil || xref <= 0 || xref >= len(doc) {
		return nil, fmt.Errorf("startxref %q is out of the file", m[1])
	}
	tail := doc[xref : len(doc)-len(m[0])]
	lines := bytes.SplitAfter(tail, []byte("\n"))
	if len(lines) < 3 || string(lines[0]) != "xref\n" {
		return nil, fmt.Errorf("no cross-reference table at offset %d", xref)
	}
	var first, n int
	if _, err := fmt.Sscanf(string(lines[1]), "%d %d\n", &first, &n); err != nil || first != 0 || n < 1 || len(lines) < 2+n {
		return nil, fmt.Errorf("cross-reference subsection %q is not the one fpdf writes", lines[1])
	}
	tm := reTrailer.FindSubmatch(bytes.Join(lines[2+n:], nil))
	if tm == nil {
		return nil, fmt.Errorf("the trailer is not the one fpdf writes")
	}
	size, _ := strconv.Atoi(string(tm[1]))
	root, _ := strconv.Atoi(string(tm[2]))
	info, _ := strconv.Atoi(string(tm[3]))
	if size != n {
		return nil, fmt.Errorf("trailer /Size %d, but %d cross-reference entries", size, n)
	}
	type at struct{ num, off int }
	offs := make([]at, 0, n-1)
	for i := 1; i < n; i++ {
		var off, gen int
		var kind string
		if _, err := fmt.Sscanf(string(lines[2+i]), "%d %d %s", &off, &gen, &kind); err != nil || kind != "n" || gen != 0 {
			return nil, fmt.Errorf("cross-reference entry %d %q is not an object in use", i, lines[2+i])
		}
		if off <= 0 || off >= xref {
			return nil, fmt.Errorf("object %d at offset %d is out of the file", i, off)
		}
		offs = append(offs, at{i, off})
	}
	slices.SortFunc(offs, func(a, b at) int { return a.off - b.off })
	f := &file{objs: map[int][]byte{}, size: n, root: root, info: info}
	if len(offs) == 0 {
		return nil, fmt.Errorf("the file has no objects")
	}
	f.header = doc[:offs[0].off]
	if !reHeader.Match(f.header) {
		return nil, fmt.Errorf("the header %q is not the one fpdf writes", f.header)
	}
	// fpdf says 1.3 unless a feature it knows of needs more; the file uses
	// PDF 1.4 features fpdf does not count (the XMP metadata, /Lang, the
	// viewer preferences) and keeps to ISO 32000-1.
	f.header = slices.Concat([]byte("%PDF-1.7"), f.header[len("%PDF-1.3"):])
	for i, o := range offs {
		end := xref
		if i+1 < len(offs) {
			end = offs[i+1].off
		}
		body := doc[o.off:end]
		if !bytes.HasPrefix(body, fmt.Appendf(nil, "%d 0 obj\n", o.num)) || !bytes.HasSuffix(body, []byte("endobj\n")) {
			return nil, fmt.Errorf("object %d at offset %d is not where the cross-reference table says", o.num, o.off)
		}
		f.objs[o.num] = body
		f.order = append(f.order, o.num)
	}
	if f.objs[root] == nil || f.objs[info] == nil {
		return nil, fmt.Errorf("the trailer's /Root %d or /Info %d is missing", root, info)
	}
	return f, nil
}

// add appends a new object holding the direct object obj and returns its number.
func (f *file) add(obj []byte) int {
	n := f.size
	f.size++
	f.objs[n] = slices.Concat(fmt.Appendf(nil, "%d 0 obj\n", n), obj, []byte("\nendobj\n"))
	f.order = append(f.order, n)
	return n
}

// ref returns the object number an entry "/Key N 0 R" of object n refers
// to, or 0.
func (f *file) ref(n int, key string) int {
	re := refs[key]
	if re == nil {
		re = regexp.MustCompile(`/` + key + ` (\d+) 0 R`)
	}
	m := re.FindSubmatch(f.objs[n])
	if m == nil {
		return 0
	}
	v, _ := strconv.Atoi(string(m[1]))
	return v
}

// fixOutline sets the /Count of every outline item and of the root.
func (f *file) fixOutline() error {
	root := f.ref(f.root, "Outlines")
	if root == 0 {
		return nil
	}
	seen := map[int]bool{}
	// count returns the number of items in the list starting at first,
	// their descendants included, fixing each item's /Count on the way.
	var count func(first, depth int) (int, error)
	count = func(first, depth int) (int, error) {
		total := 0
		for n := first; n != 0; n = f.ref(n, "Next") {
			if seen[n] || f.objs[n] == nil || depth > 64 {
				return 0, fmt.Errorf("outline item %d is missing or in a loop", n)
			}
			seen[n] = true
			desc := 0
			if c := f.ref(n, "First"); c != 0 {
				d, err := count(c, depth+1)
				if err != nil {
					return 0, err
				}
				desc = d
			}
			repl := []byte(">>")
			if desc > 0 {
				repl = fmt.Appendf(nil, "/Count %d>>", desc)
			}
			obj, ok := replaceOnce(f.objs[n], []byte("/Count 0>>"), repl)
			if !ok {
				return 0, fmt.Errorf("outline item %d has no /Count 0", n)
			}
			f.objs[n] = obj
			total += 1 + desc
		}
		return total, nil
	}
	total, err := count(f.ref(root, "First"), 0)
	if err != nil {
		return err
	}
	obj := f.objs[root]
	i := bytes.LastIndex(obj, []byte(">>\nendobj\n"))
	if i < 0 || !bytes.Contains(obj, []byte("/Type /Outlines")) {
		return fmt.Errorf("outline root %d is not the one fpdf writes", root)
	}
	f.objs[root] = slices.Concat(obj[:i], fmt.Appendf(nil, " /Count %d", total), obj[i:])
	return nil
}

// indirectAnnots moves the annotation dictionaries of every page into
// objects of their own.
func (f *file) indirectAnnots() error {
	key := []byte("\n/Annots [")
	for _, n := range slices.Clone(f.order) {
		obj := f.objs[n]
		i := bytes.Index(obj, key)
		if i < 0 || !bytes.Contains(obj, []byte("<</Type /Page\n")) {
			continue
		}
		start := i + len(key)
		end := bytes.IndexByte(obj[start:], '\n')
		if end < 0 {
			return fmt.Errorf("page object %d: /Annots does not end", n)
		}
		end += start
		items, err := arrayItems(obj[start:end])
		if err != nil {
			return fmt.Errorf("page object %d: %w", n, err)
		}
		var arr []byte
		arr = append(arr, '[')
		for j, it := range items {
			if j > 0 {
				arr = append(arr, ' ')
			}
			if bytes.HasPrefix(it, []byte("<<")) {
				// The page a link sits on, as the spec asks of annotations
				// that refer to it.
				it = slices.Concat(it[:len(it)-2], fmt.Appendf(nil, " /P %d 0 R /F 4>>", n))
				arr = fmt.Appendf(arr, "%d 0 R", f.add(it))
				continue
			}
			arr = append(arr, it...)
		}
		arr = append(arr, ']')
		f.objs[n] = slices.Concat(obj[:start-1], arr, obj[end:])
	}
	return nil
}

// arrayItems splits the inside of a PDF array, ending in "]", into its
// items: dictionaries, references and simple tokens, string escapes and
// nesting respected.
func arrayItems(s []byte) ([][]byte, error) {
	if len(s) == 0 || s[len(s)-1] != ']' {
		return nil, fmt.Errorf("an array does not end in ]")
	}
	s = s[:len(s)-1]
	var items [][]byte
	i := 0
	for i < len(s) {
		switch c := s[i]; {
		case c == ' ' || c == '\n' || c == '\r' || c == '\t':
			i++
		case c == '<' && i+1 < len(s) && s[i+1] == '<':
			end, err := dictEnd(s, i)
			if err != nil {
				return nil, err
			}
			items = append(items, s[i:end])
			i = end
		default:
			// A reference "N 0 R" is one item of three tokens.
			m := reRef.Find(s[i:])
			if m == nil {
				j := i
				for j < len(s) && s[j] != ' ' {
					j++
				}
				m = s[i:j]
			}
			items = append(items, m)
			i += len(m)
		}
	}
	return items, nil
}

// dictEnd returns the index just past the dictionary that starts at s[i].
func dictEnd(s []byte, i int) (int, error) {
	depth := 0
	for i < len(s) {
		switch s[i] {
		case '(':
			// A literal string: balanced parentheses, backslash escapes.
			nest := 0
			for i < len(s) {
				switch s[i] {
				case '\\':
					i++
				case '(':
					nest++
				case ')':
					nest--
				}
				i++
				if nest == 0 {
					break
				}
			}
			continue
		case '<':
			if i+1 < len(s) && s[i+1] == '<' {
				depth++
				i += 2
				continue
			}
		case '>':
			if i+1 < len(s) && s[i+1] == '>' {
				depth--
				i += 2
				if depth == 0 {
					return i, nil
				}
				continue
			}
		}
		i++
	}
	return 0, fmt.Errorf("a dictionary in an array does not end")
}

// fixCatalogAndInfo adds the viewer preferences to the catalog and writes
// the Info dictionary.
func (f *file) fixCatalogAndInfo(info docInfo) error {
	cat, ok := replaceOnce(f.objs[f.root], []byte("<<\n/Type /Catalog\n"),
		[]byte("<<\n/Type /Catalog\n/ViewerPreferences <</DisplayDocTitle true>>\n"))
	if !ok {
		return fmt.Errorf("catalog %d is not the one fpdf writes", f.root)
	}
	f.objs[f.root] = cat
	if !bytes.Contains(f.objs[f.info], []byte("/CreationDate ")) {
		return fmt.Errorf("info %d is not the one fpdf writes", f.info)
	}
	b := fmt.Appendf(nil, "%d 0 obj\n<<\n", f.info)
	for _, e := range []struct{ key, val string }{
		{"Title", info.title}, {"Author", strings.Join(info.authors, ", ")}, {"Subject", info.subject},
		{"Keywords", info.keywords}, {"Creator", info.creator}, {"Producer", info.producer},
	} {
		if e.val != "" {
			b = fmt.Appendf(b, "/%s %s\n", e.key, textString(e.val))
		}
	}
	// UTC, said so as ISO 32000-1 spells it (pdfcpu's strict mode wants
	// the hours and minutes after the Z).
	const date = "D:20060102150405Z00'00'"
	b = fmt.Appendf(b, "/CreationDate (%s)\n/ModDate (%s)\n>>\nendobj\n", info.created.Format(date), info.modified.Format(date))
	f.objs[f.info] = b
	return nil
}

// textString encodes s as a PDF text string: a literal string when it is
// printable ASCII, else UTF-16BE with a byte order mark, in hexadecimal.
func textString(s string) string {
	ascii := true
	for _, r := range s {
		if r < 0x20 || r > 0x7E {
			ascii = false
			break
		}
	}
	if ascii {
		return "(" + strings.NewReplacer(`\`, `\\`, "(", `\(`, ")", `\)`).Replace(s) + ")"
	}
	var b strings.Builder
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteString(">")
	return b.String()
}

// write puts the objects back together with a new cross-reference table
// and a trailer with a file identifier.
func (f *file) write(seed string) []byte {
	n := len(f.header)
	for _, o := range f.objs {
		n += len(o)
	}
	out := make([]byte, 0, n+20*f.size+300)
	out = append(out, f.header...)
	offs := make([]int, f.size)
	for _, num := range f.order {
		offs[num] = len(out)
		out = append(out, f.objs[num]...)
	}
	// The identifier covers everything written so far, so that it changes
	// with any byte of the content and stays for the same content.
	h := sha256.New()
	h.Write([]byte(seed))
	h.Write(out)
	id := fmt.Sprintf("%X", h.Sum(nil)[:16])
	xref := len(out)
	out = fmt.Appendf(out, "xref\n0 %d\n0000000000 65535 f \n", f.size)
	for _, off := range offs[1:] {
		out = fmt.Appendf(out, "%010d 00000 n \n", off)
	}
	out = fmt.Appendf(out, "trailer\n<<\n/Size %d\n/Root %d 0 R\n/Info %d 0 R\n/ID [<%s> <%s>]\n>>\nstartxref\n%d\n%%%%EOF\n",
		f.size, f.root, f.info, id, id, xref)
	return out
}

// replaceOnce replaces the only occurrence of old in s.
func replaceOnce(s, old, repl []byte) ([]byte, bool) {
	if bytes.Count(s, old) != 1 {
		return s, false
	}
	return bytes.Replace(s, old, repl, 1), true
}
