package edition

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"time"
)

// Cache keeps what a build makes at some cost so that the next build of the
// same content can take it instead of making it again. A generated cover is
// such a thing: painting and encoding its 1600×2400 pixels costs about a
// tenth of a second of CPU, reading it back a fraction of a millisecond. A
// Cache must be safe for concurrent use.
//
// Keys are hex SHA-256 digests of everything a value is made from, the
// version of the code that makes it included, so a value never goes stale:
// changed content or code asks for another key. A build whose code version
// is unknown (a binary built from a modified checkout, or without version
// information, as tests are) uses no cache. Values read back are checked
// before they are used; a damaged one is made again.
type Cache interface {
	// Get returns the value stored under key, if any.
	Get(key string) ([]byte, bool)
	// Put stores a value under key. It may drop it (a full disk, a
	// read-only folder): a cache only ever saves time.
	Put(key string, data []byte)
}

// DirCache is a Cache of files in a folder, one per key, written
// atomically (a temporary file renamed into place) and pruned to the
// MaxFiles most recently used. cmd/edition keeps one in the user's cache
// folder (os.UserCacheDir).
type DirCache struct {
	Dir string
	// MaxFiles is how many values the folder keeps; zero means 256 (about
	// 50 MB of covers).
	MaxFiles int
}

// Get reads the file for key and marks it used.
func (c DirCache) Get(key string) ([]byte, bool) {
	if !validKey(key) {
		return nil, false
	}
	name := filepath.Join(c.Dir, key)
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, false
	}
	now := time.Now()
	_ = os.Chtimes(name, now, now) // recently used: pruned last
	return data, true
}

// Put writes the file for key, then prunes the folder.
func (c DirCache) Put(key string, data []byte) {
	if !validKey(key) || os.MkdirAll(c.Dir, 0o755) != nil {
		return
	}
	f, err := os.CreateTemp(c.Dir, ".tmp-*")
	if err != nil {
		return
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), filepath.Join(c.Dir, key))
	}
	if err != nil {
		os.Remove(f.Name())
		return
	}
	c.prune()
}

// prune removes the least recently used files over MaxFiles.
func (c DirCache) prune() {
	max := c.MaxFiles
	if max <= 0 {
		max = 256
	}
	entries, err := os.ReadDir(c.Dir)
	if err != nil {
		return
	}
	type file struct {
		name string
		used time.Time
	}
	var files []file
	for _, e := range entries {
		if !validKey(e.Name()) {
			continue // not ours, or another build's temporary file
		}
		if info, err := e.Info(); err == nil {
			files = append(files, file{e.Name(), info.ModTime()})
		}
	}
	if len(files) <= max {
		return
	}
	slices.SortFunc(files, func(a, b file) int { return a.used.Compare(b.used) })
	for _, f := range files[:len(files)-max] {
		os.Remove(filepath.Join(c.Dir, f.name))
	}
}

// validKey reports whether key is a hex SHA-256 digest, as every key is:
// nothing else is read or written, so a key cannot name a path.
func validKey(key string) bool {
	if len(key) != 2*sha256.Size {
		return false
	}
	_, err := hex.DecodeString(key)
	return err == nil && strings.ToLower(key) == key
}

// modulePath is this module's path, found in the build information.
const modulePath = "github.com/edition-project/edition"

// codeVersion identifies the code a value in a cache was made by: the Go
// toolchain and this module's version, or the commit of a clean checkout it
// was built from. It is "" when the code cannot be identified (a modified
// checkout, a replaced module, no build information): then nothing is
// cached. Tests set it.
var codeVersion = sync.OnceValue(func() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return ""
	}
	return versionWith(bi, stamped)
})

// versionWith is codeVersion for the build information bi and the version
// stamp given at link time, if any (see stamped).
func versionWith(bi *debug.BuildInfo, stamp string) string {
	if v := versionOf(bi); v != "" {
		return v
	}
	if stamp != "" {
		return bi.GoVersion + " " + stamp
	}
	return ""
}

// stamped is the version a build without version control information
// (a packager's, from a source archive) gives itself with
//
//	go build -ldflags "-X github.com/edition-project/edition/edition.stamped=v1.2.3"
//
// so that its covers can be cached. A build from a clean checkout or a
// downloaded module does not need it.
var stamped string

// versionOf is codeVersion for the build information bi.
func versionOf(bi *debug.BuildInfo) string {
	mod := &bi.Main
	if mod.Path != modulePath {
		mod = nil
		for _, d := range bi.Deps {
			if d.Path == modulePath {
				mod = d
			}
		}
	}
	if mod == nil || mod.Replace != nil {
		return ""
	}
	if v := mod.Version; v != "" && v != "(devel)" && !strings.Contains(v, "+dirty") && mod.Sum != "" {
		return bi.GoVersion + " " + v + " " + mod.Sum // a downloaded module
	}
	if mod != &bi.Main {
		return ""
	}
	var rev string
	modified := true
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			modified = s.Value != "false"
		}
	}
	if rev == "" || modified {
		return ""
	}
	return bi.GoVersion + " " + rev
}
