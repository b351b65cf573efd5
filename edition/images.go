package edition

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"runtime"
	"strings"
	"sync"

	"github.com/edition-project/edition/content"
	"github.com/edition-project/edition/images"
)

// printWidth is the largest width, in pixels, a photo needs in print: the
// text width (the page less 20 mm margins each side) at 300 ppi. Anything
// wider only makes the PDF heavier.
func printWidth(size PageSize) int {
	pageMM := 210.0 // A4
	if size == Letter {
		pageMM = 215.9
	}
	return int((pageMM-40)/25.4*300 + 0.5) // A4: 170 mm, 2008 px
}

// prepareImages reads every photo of the edition from its article's Assets
// and prepares it for each format. Photos with the same bytes share one
// prepared image; names follow reading order ("photo-1.jpg", "photo-2.png").
// Files are read in reading order, then prepared on all cores; the first
// failure in reading order is the one reported.
func prepareImages(ctx context.Context, b *Book) error {
	maxWidth := printWidth(b.Options.PageSize)
	type job struct {
		data  []byte
		img   *Image
		err   error
		cover bool // the generated cover is made from it
		fail  func(error) error
	}
	var jobs []*job
	seen := map[[sha256.Size]byte]*job{}
	cover := coverPhoto(b.Edition.Articles()[0])
	byPhoto := map[*content.Photo]*job{}
	for _, a := range b.Edition.Articles() {
		for _, p := range a.Photos() {
			if err := ctx.Err(); err != nil {
				return err
			}
			field, what := "", "figure" // figures in the body are found by line
			if p == a.Photo {
				field, what = "photo.src", "photo"
			}
			fail := func(err error) error {
				return &content.Error{File: a.File, Line: p.Line, Field: field,
					Err: fmt.Errorf("%s %q: %w", what, p.Src, err)}
			}
			data, err := readPhoto(a, p.Src, b.Options.Limits.MaxImageBytes)
			if err != nil {
				return fail(err)
			}
			sum := sha256.Sum256(data)
			j := seen[sum]
			if j == nil {
				j = &job{data: data, fail: fail,
					img: &Image{Name: fmt.Sprintf("photo-%d", len(jobs)+1)}}
				seen[sum] = j
				jobs = append(jobs, j)
			}
			j.cover = j.cover || p == cover
			byPhoto[p] = j
		}
	}

	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for _, j := range jobs {
		if ctx.Err() != nil {
			break
		}
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			d, err := images.Open(j.data, b.Options.Limits.images())
			if err == nil {
				err = prepareInto(d, maxWidth, j.img)
			}
			if err != nil {
				j.err = j.fail(err)
				return
			}
			if j.cover {
				// Opened once for both; decoded only if the cover is
				// painted (not when it comes from the cache).
				b.coverPhoto = &coverSource{photo: d, data: j.data, fail: j.fail}
			}
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return err
	}
	for _, j := range jobs {
		if j.err != nil {
			return j.err
		}
	}
	for p, j := range byPhoto {
		b.images[p] = j.img
	}
	return nil
}

// prepareImage encodes a decoded picture for both formats; name is its file
// name without the extension.
func prepareImage(d *images.Decoded, maxWidth int, name string) (*Image, error) {
	img := &Image{Name: name}
	if err := prepareInto(d, maxWidth, img); err != nil {
		return nil, err
	}
	return img, nil
}

// prepareInto is prepareImage into img, whose Name is set without the
// extension.
func prepareInto(d *images.Decoded, maxWidth int, img *Image) error {
	screen, err := d.Screen()
	if err != nil {
		return err
	}
	print, err := d.Print(maxWidth)
	if err != nil {
		return err
	}
	ext := "jpg"
	if screen.MediaType == "image/png" {
		ext = "png"
	}
	img.Name += "." + ext
	img.EPUB, img.PDF = Encoded(screen), Encoded(print)
	return nil
}

// readPhoto reads src from the article's Assets, with errors that say what
// to do about it.
func readPhoto(a *content.Article, src string, maxBytes int64) ([]byte, error) {
	folder := "the article's folder"
	if a.File != "" {
		folder = fmt.Sprintf("the article's folder (%s)", path.Dir(a.File))
	}
	return readAsset(a.Assets, folder, src, maxBytes)
}

// readAsset reads a picture file of at most maxBytes from assets; folder
// names it in errors.
func readAsset(assets fs.FS, folder, src string, maxBytes int64) ([]byte, error) {
	name := src
	if !fs.ValidPath(name) {
		// "./photo.jpg" and "pics//a.jpg" are fine once cleaned.
		name = path.Clean(name)
	}
	switch {
	case src == "":
		return nil, errors.New("no file given: name a picture file in the article's folder")
	case strings.Contains(src, "://"), strings.HasPrefix(src, "data:"):
		return nil, errors.New("pictures are never downloaded: save it in " + folder + " and give its file name")
	case strings.Contains(src, `\`):
		return nil, errors.New(`use forward slashes (/) in picture paths, not backslashes`)
	case !fs.ValidPath(name) || name == ".":
		return nil, fmt.Errorf("not a path inside %s: give a relative path such as photo.jpg or pictures/photo.jpg, without .. or a leading /", folder)
	case assets == nil:
		return nil, errors.New("there is no folder to read pictures from: load the content from a file, or give it Assets")
	}
	info, err := fs.Stat(assets, name)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("not found in %s: check the file name (upper and lower case count) or add the file: %w", folder, err)
	case err != nil:
		return nil, fmt.Errorf("cannot read it: %w", err)
	case info.IsDir():
		return nil, errors.New("is a folder, not a picture: name the picture file inside it")
	case info.Size() > maxBytes:
		// Say so before reading a huge file into memory.
		return nil, fmt.Errorf("%w: the file is %s, more than the limit of %s: export it smaller or at a lower quality",
			images.ErrTooLarge, byteSize(info.Size()), byteSize(maxBytes))
	}
	data, err := fs.ReadFile(assets, name)
	if err != nil {
		return nil, fmt.Errorf("cannot read it: %w", err)
	}
	return data, nil
}
