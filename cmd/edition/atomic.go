package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
)

// staging holds a build's files under temporary names in their folders
// until all of them are written: commit then renames them into place
// together, discard removes them. A build that fails part way, even after
// one format was written in full, so leaves nothing new behind, and a
// reader never sees half a file or an edition whose formats disagree.
// Formats may be written at once: write is safe for concurrent use.
type staging struct {
	mu    sync.Mutex
	files []stagedFile
}

type stagedFile struct{ tmp, name string }

// write writes the file name through write, under a temporary name.
func (s *staging) write(name string, write func(io.Writer) error) (int64, error) {
	f, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".*.tmp")
	if err != nil {
		return 0, fmt.Errorf("cannot write in the output folder: %w", err)
	}
	cw := &countWriter{w: f}
	err = write(cw)
	if err == nil {
		err = f.Chmod(0o644)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(f.Name())
		return 0, err
	}
	s.mu.Lock()
	s.files = append(s.files, stagedFile{tmp: f.Name(), name: name})
	s.mu.Unlock()
	return cw.n, nil
}

// commit renames every staged file into place.
func (s *staging) commit() error {
	for i, f := range s.files {
		if err := os.Rename(f.tmp, f.name); err != nil {
			s.files = s.files[i:]
			return fmt.Errorf("%s: %w", f.name, err)
		}
	}
	s.files = nil
	return nil
}

// discard removes the staged files that were not committed.
func (s *staging) discard() error {
	var errs []error
	for _, f := range s.files {
		if err := os.Remove(f.tmp); err != nil && !errors.Is(err, os.ErrNotExist) {
			errs = append(errs, err)
		}
	}
	s.files = nil
	return errors.Join(errs...)
}
