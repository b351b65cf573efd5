package content

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// ErrOutside is what reading a file through a symbolic link that leads out
// of its folder fails with.
var ErrOutside = errors.New("it leads out of the folder through a symbolic link: copy the file into the folder instead")

// folderFS returns the files under dir. Unlike os.DirFS it refuses to follow
// a symbolic link out of dir: a link in an article's folder could otherwise
// put any file of the machine into an edition.
func folderFS(dir string) fs.FS { return rootFS(dir) }

type rootFS string

func (r rootFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	root, err := os.OpenRoot(string(r))
	if err != nil {
		return nil, err
	}
	// Files opened from a Root stay open once it is closed.
	defer root.Close()
	f, err := root.Open(name)
	if err != nil && !errors.Is(err, fs.ErrNotExist) && escapes(string(r), name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: ErrOutside}
	}
	return f, err
}

// escapes reports whether the path name inside dir resolves, through
// symbolic links, to a place outside dir.
func escapes(dir, name string) bool {
	root, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return false
	}
	p, err := filepath.EvalSymlinks(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		return false
	}
	rel, err := filepath.Rel(root, p)
	return err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator))
}
