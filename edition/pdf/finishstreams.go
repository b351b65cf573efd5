package pdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"sync"
)

// rePalette finds the palette of an indexed picture (fpdf's putimage).
var rePalette = regexp.MustCompile(`/ColorSpace \[/Indexed /DeviceRGB \d+ (\d+) 0 R\]`)

// maxPagesCompressedInFinish is the most pages a document may have for
// finish to compress its page contents instead of fpdf. fpdf makes a new
// zlib writer, about a megabyte, for every stream it compresses; finish
// reuses one. But a document whose pages fpdf leaves uncompressed holds
// them so three times over while it is written (fpdf's pages, its output,
// the copy Output makes), which for a 1,000-article edition (about 2,100
// pages) raised the peak live heap by some 50 MB: a long document keeps
// fpdf's compression. At 300 articles, finish's compression lowered every
// peak; 120 pages is a cautious bound, raise it with measurements.
const maxPagesCompressedInFinish = 120

// compressInFinish reports whether fpdf should leave the page contents of
// a document of pages pages uncompressed, for finish to compress.
func compressInFinish(pages int) bool { return pages <= maxPagesCompressedInFinish }

// zlibWriters holds zlib writers at fpdf's level, reset for each stream:
// their output is the same as a new writer's, byte for byte.
var zlibWriters = sync.Pool{New: func() any {
	w, _ := zlib.NewWriterLevel(nil, zlib.BestSpeed) // cannot fail: a valid level
	return w
}}

// compressStreams compresses every page's contents and every picture's
// palette that fpdf left uncompressed, into the very bytes and
// dictionary fpdf writes when it compresses them (putpages, putimage);
// streams fpdf compressed already are left as they are.
func (f *file) compressStreams() error {
	var targets []int
	for _, n := range f.order {
		obj := f.objs[n]
		if bytes.Contains(obj, []byte("<</Type /Page\n")) {
			if c := f.ref(n, "Contents"); c != 0 {
				targets = append(targets, c)
			}
		}
		for _, m := range rePalette.FindAllSubmatch(dictPart(obj), -1) {
			p, _ := strconv.Atoi(string(m[1]))
			targets = append(targets, p)
		}
	}
	if len(targets) == 0 {
		return nil
	}
	zw := zlibWriters.Get().(*zlib.Writer)
	defer zlibWriters.Put(zw)
	var buf bytes.Buffer
	for _, n := range targets {
		obj := f.objs[n]
		head := fmt.Appendf(nil, "%d 0 obj\n<<", n)
		if !bytes.HasPrefix(obj, head) {
			return fmt.Errorf("stream %d is missing or not where it should be", n)
		}
		if bytes.HasPrefix(obj[len(head):], []byte("/Filter /FlateDecode /Length ")) {
			continue // compressed by fpdf
		}
		data, ok := plainStream(obj[len(head):])
		if !ok {
			return fmt.Errorf("stream %d is not the one fpdf writes", n)
		}
		buf.Reset()
		zw.Reset(&buf)
		if _, err := zw.Write(data); err != nil {
			return fmt.Errorf("compressing stream %d: %w", n, err)
		}
		if err := zw.Close(); err != nil {
			return fmt.Errorf("compressing stream %d: %w", n, err)
		}
		dict := fmt.Appendf(head, "/Filter /FlateDecode /Length %d>>\nstream\n", buf.Len())
		f.objs[n] = slices.Concat(dict, buf.Bytes(), []byte("\nendstream\nendobj\n"))
	}
	return nil
}

// plainStream returns the data of an uncompressed stream object as fpdf
// writes it, from just after its "<<": "/Length L>>\nstream\n", L bytes,
// "\nendstream\nendobj\n".
func plainStream(s []byte) ([]byte, bool) {
	s, ok := bytes.CutPrefix(s, []byte("/Length "))
	i := bytes.Index(s, []byte(">>\nstream\n"))
	if !ok || i <= 0 {
		return nil, false
	}
	l, err := strconv.Atoi(string(s[:i]))
	s = s[i+len(">>\nstream\n"):]
	if err != nil || l < 0 || l > len(s) || string(s[l:]) != "\nendstream\nendobj\n" {
		return nil, false
	}
	return s[:l], true
}
