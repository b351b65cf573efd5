package content

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// MaxArticleBytes is the largest article file ReadArticleFile accepts.
const MaxArticleBytes = 16 << 20

// ReadArticleFile loads an article from a Markdown file, or from a folder
// holding one (index.md, or its only .md file). Its photos resolve inside
// the file's folder.
func (ld Loader) ReadArticleFile(path string) (*Article, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, &Error{File: path, Err: errors.New("cannot read it: check the path")}
	}
	if fi.IsDir() {
		if path, err = findArticle(path); err != nil {
			return nil, err
		}
		if fi, err = os.Stat(path); err != nil {
			return nil, &Error{File: path, Err: err}
		}
	}
	src, err := readSource(path, fi, "give a Markdown file or a folder holding one", ": split the article")
	if err != nil {
		return nil, err
	}
	return ld.ParseArticle(path, src, folderFS(filepath.Dir(path)))
}

// readSource reads an input file (article or manifest) once it is known to
// be a regular file within MaxArticleBytes; give says what to give instead
// of something else, tooBig what to do about a file over the limit.
func readSource(path string, fi os.FileInfo, give, tooBig string) ([]byte, error) {
	if !fi.Mode().IsRegular() {
		return nil, &Error{File: path, Err: errors.New("is not a regular file: " + give)}
	}
	if fi.Size() > MaxArticleBytes {
		return nil, &Error{File: path, Err: fmt.Errorf("is %d bytes, over the limit of %d%s", fi.Size(), MaxArticleBytes, tooBig)}
	}
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, &Error{File: path, Err: fmt.Errorf("cannot read it: %w", err)}
	}
	return src, nil
}

// findArticle picks the article file inside a folder.
func findArticle(dir string) (string, error) {
	for _, name := range []string{"index.md", "article.md"} {
		p := filepath.Join(dir, name)
		if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() {
			return p, nil
		}
	}
	matches, _ := fs.Glob(os.DirFS(dir), "*.md")
	var md []string
	for _, m := range matches {
		if !strings.EqualFold(m, "README.md") && !strings.EqualFold(m, "LICENSE.md") {
			md = append(md, m)
		}
	}
	sort.Strings(md)
	switch len(md) {
	case 1:
		return filepath.Join(dir, md[0]), nil
	case 0:
		return "", &Error{File: dir, Err: errors.New("holds no article: put the article in index.md")}
	}
	return "", &Error{File: dir, Err: fmt.Errorf("holds several Markdown files (%s): name the article index.md or give its file", strings.Join(md, ", "))}
}
