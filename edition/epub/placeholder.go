package epub

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"
	"slices"
	"strings"
	"sync"
)

// go-epub takes pictures only as sources it reads itself: for a data: URL
// that means base64-encoding every picture, which go-epub then decodes
// twice with a slow lexer and deflates into its container, for finish to
// inflate again. Instead go-epub gets a placeholder, a tiny real picture
// of the same media type (go-epub sniffs the type from the bytes and
// writes it in the manifest), and finish puts the picture's own bytes in
// its place. The output is the same bytes either way.

// placeholder is the stand-in for pictures of one media type.
type placeholder struct {
	data []byte // a 1×1 picture
	url  string // data as a data: URL
}

// placeholders are built once per process; Go's encoders always give the
// same bytes for the same picture.
var placeholders = sync.OnceValues(func() (map[string]*placeholder, error) {
	px := image.NewGray(image.Rect(0, 0, 1, 1))
	pal := image.NewPaletted(image.Rect(0, 0, 1, 1), color.Palette{color.Gray{}})
	var j, p, g bytes.Buffer
	if err := jpeg.Encode(&j, px, nil); err != nil {
		return nil, fmt.Errorf("epub: placeholder JPEG: %w", err)
	}
	if err := png.Encode(&p, px); err != nil {
		return nil, fmt.Errorf("epub: placeholder PNG: %w", err)
	}
	if err := gif.Encode(&g, pal, nil); err != nil {
		return nil, fmt.Errorf("epub: placeholder GIF: %w", err)
	}
	m := map[string]*placeholder{}
	for mt, data := range map[string][]byte{"image/jpeg": j.Bytes(), "image/png": p.Bytes(), "image/gif": g.Bytes()} {
		if !sniffsAs(data, mt) {
			return nil, fmt.Errorf("epub: the placeholder %s does not look like one", mt)
		}
		m[mt] = &placeholder{data: data, url: dataURL(mt, data)}
	}
	return m, nil
})

// sniffsAs reports whether go-epub's media type detection (package
// mimetype, v1.4.3) certainly finds mediaType in data: the signature that
// type starts with, and for PNG not the animated kind. A picture that
// fails it goes to go-epub itself, so that the manifest keeps whatever
// go-epub detects in it.
func sniffsAs(data []byte, mediaType string) bool {
	switch mediaType {
	case "image/jpeg":
		return bytes.HasPrefix(data, []byte{0xFF, 0xD8, 0xFF})
	case "image/png":
		return bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")) &&
			!(len(data) >= 41 && string(data[37:41]) == "acTL")
	case "image/gif":
		return bytes.HasPrefix(data, []byte("GIF87a")) || bytes.HasPrefix(data, []byte("GIF89a"))
	}
	return false
}

// source returns what go-epub gets for a picture: its placeholder when
// it has one (and marks the picture so that finish puts it in), or the
// picture as a data: URL.
func (img *imageFile) source() (string, error) {
	ph, err := placeholders()
	if err != nil {
		return "", err
	}
	if p := ph[img.enc.MediaType]; p != nil && sniffsAs(img.enc.Data, img.enc.MediaType) {
		img.stand = p
		return p.url, nil
	}
	img.stand = nil
	return dataURL(img.enc.MediaType, img.enc.Data), nil
}

// bodyMarker is what go-epub gets as the body of every content document:
// go-epub writes a body verbatim, so finish puts the real one in its place
// and go-epub does not compress, nor finish inflate, the text in between.
const bodyMarker = "<!--edition:body-->"

// markerAt returns where the body marker is in a body element, which must
// hold it once.
func markerAt(body []byte) (int64, error) {
	i := bytes.Index(body, []byte(bodyMarker))
	if i < 0 || bytes.Contains(body[i+len(bodyMarker):], []byte(bodyMarker)) {
		return 0, errors.New("go-epub did not write the body it was given")
	}
	return int64(i), nil
}

// bodyUsesEPUB reads a document's body with the strict XML decoder that
// reads go-epub's documents and reports whether an element in it has an
// attribute in the epub namespace.
func bodyUsesEPUB(body string) (bool, error) {
	d := xml.NewDecoder(strings.NewReader(body))
	uses, depth := false, 0
	for {
		tok, err := d.RawToken()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return false, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			uses = uses || slices.ContainsFunc(t.Attr, func(a xml.Attr) bool { return a.Name.Space == "epub" })
		case xml.EndElement:
			if depth == 0 {
				return false, fmt.Errorf("unexpected </%s>", t.Name.Local)
			}
			depth--
		}
	}
	if depth > 0 {
		return false, errors.New("an element of the body is not closed")
	}
	return uses, nil
}
