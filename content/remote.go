package content

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"strings"
	"time"
)

// Loader loads articles and editions. The zero Loader reads local files
// only: a picture given by web address is an error matching ErrRemoteImage.
// The package-level ReadArticleFile, ReadJSONLDFile, ReadEditionFile,
// ParseArticle and ParseJSONLD use the zero Loader.
type Loader struct {
	// Fetch, when not nil, downloads a picture that an article gives by http
	// or https URL (a JSON-LD image, a Markdown photo or figure). Its bytes
	// are kept in memory among the article's Assets, under a name derived
	// from the URL, so the build reads them like a local file. The loader
	// never downloads anything itself: the caller decides whether to, and
	// with what limits (cmd/edition's --allow-remote uses internal/fetch).
	// Errors name the URL, the file and the line; Fetch need not.
	Fetch func(url string) ([]byte, error)
}

// ReadArticleFile is Loader{}.ReadArticleFile: it loads an article from a
// Markdown file, or from a folder holding one (index.md, or its only .md
// file). Its photos resolve inside the file's folder.
func ReadArticleFile(path string) (*Article, error) { return Loader{}.ReadArticleFile(path) }

// ReadJSONLDFile is Loader{}.ReadJSONLDFile: it loads an article from a
// schema.org JSON-LD file; its images resolve inside the file's folder.
func ReadJSONLDFile(path string) (*Article, error) { return Loader{}.ReadJSONLDFile(path) }

// ReadEditionFile is Loader{}.ReadEditionFile: it loads an edition from a
// manifest file, or from a folder holding edition.yaml, and every article
// it lists.
func ReadEditionFile(name string) (*Edition, error) { return Loader{}.ReadEditionFile(name) }

// ParseArticle is Loader{}.ParseArticle: it reads an article from Markdown
// with YAML front matter; assets resolves the photos' paths.
func ParseArticle(name string, src []byte, assets fs.FS) (*Article, error) {
	return Loader{}.ParseArticle(name, src, assets)
}

// ParseJSONLD is Loader{}.ParseJSONLD: it reads an article from a
// schema.org JSON-LD document; assets resolves the images' paths.
func ParseJSONLD(name string, src []byte, assets fs.FS) (*Article, error) {
	return Loader{}.ParseJSONLD(name, src, assets)
}

// remoteDir is the folder of Assets that downloaded pictures appear in.
const remoteDir = "remote"

// download fetches a picture given by URL and returns the name it has in
// the article's Assets. The same URL twice is downloaded once.
func (p *parser) download(src string, line int, field string) (string, error) {
	sum := sha256.Sum256([]byte(src))
	name := remoteDir + "/" + hex.EncodeToString(sum[:8])
	if u, err := url.Parse(src); err == nil {
		switch ext := strings.ToLower(path.Ext(u.Path)); ext {
		case ".jpg", ".jpeg", ".png", ".gif", ".webp":
			name += ext
		}
	}
	if _, ok := p.fetched[name]; ok {
		return name, nil
	}
	data, err := p.fetch(src)
	if err != nil {
		return "", &Error{File: p.file, Line: line, Field: field, Err: fmt.Errorf("cannot download %q: %w", src, err)}
	}
	if p.fetched == nil {
		p.fetched = map[string][]byte{}
	}
	p.fetched[name] = data
	return name, nil
}

// withFetched returns assets with the downloaded pictures added, or assets
// itself when nothing was downloaded.
func (p *parser) withFetched(assets fs.FS) fs.FS {
	if len(p.fetched) == 0 {
		return assets
	}
	return &remoteAssets{base: assets, files: p.fetched}
}

// remoteAssets serves downloaded pictures by their names and everything
// else from the article's own folder (base, which may be nil).
type remoteAssets struct {
	base  fs.FS
	files map[string][]byte
}

func (r *remoteAssets) Open(name string) (fs.File, error) {
	if data, ok := r.files[name]; ok {
		return &memFile{Reader: bytes.NewReader(data), info: memInfo{name: path.Base(name), size: int64(len(data))}}, nil
	}
	if r.base == nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return r.base.Open(name)
}

func (r *remoteAssets) ReadFile(name string) ([]byte, error) {
	if data, ok := r.files[name]; ok {
		return bytes.Clone(data), nil
	}
	if r.base == nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return fs.ReadFile(r.base, name)
}

func (r *remoteAssets) Stat(name string) (fs.FileInfo, error) {
	if data, ok := r.files[name]; ok {
		return memInfo{name: path.Base(name), size: int64(len(data))}, nil
	}
	if r.base == nil {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrNotExist}
	}
	return fs.Stat(r.base, name)
}

type memFile struct {
	*bytes.Reader
	info memInfo
}

func (f *memFile) Stat() (fs.FileInfo, error) { return f.info, nil }
func (f *memFile) Close() error               { return nil }

// memInfo describes a downloaded picture; its time is zero, never the clock.
type memInfo struct {
	name string
	size int64
}

func (i memInfo) Name() string       { return i.name }
func (i memInfo) Size() int64        { return i.size }
func (i memInfo) Mode() fs.FileMode  { return 0o444 }
func (i memInfo) ModTime() time.Time { return time.Time{} }
func (i memInfo) IsDir() bool        { return false }
func (i memInfo) Sys() any           { return nil }
