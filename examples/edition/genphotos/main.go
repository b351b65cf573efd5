// Command genphotos draws the photos of the example edition: procedural
// scenes of the invented Ossel Valley (rivers, hills, towns, harbours), one
// for each article that has a photo. They are generated so that they can be
// released under CC0 (see ../PHOTO-LICENSE.txt), and deterministic: the
// same program writes the same bytes on the same platform.
//
//	go run ./examples/edition/genphotos            (from the repository root)
//	go run ./examples/edition/genphotos -dir DIR   (to write them elsewhere)
package main

import (
	"bytes"
	"flag"
	"hash/fnv"
	"image/jpeg"
	"log"
	"os"
	"path/filepath"
)

// scene is one photo: its file, relative to the edition's folder, its size
// and how to paint it.
type scene struct {
	file string
	w, h int
	draw func(c *canvas)
}

func main() {
	dir := flag.String("dir", "examples/edition", "the edition's folder, holding one folder per article")
	flag.Parse()
	total := 0
	for _, s := range scenes {
		h := fnv.New64a()
		h.Write([]byte(s.file))
		c := newCanvas(s.w, s.h, h.Sum64())
		s.draw(c)
		var buf bytes.Buffer
		if err := jpeg.Encode(&buf, c.image(), &jpeg.Options{Quality: 85}); err != nil {
			log.Fatal(err)
		}
		name := filepath.Join(*dir, filepath.FromSlash(s.file))
		if err := os.WriteFile(name, buf.Bytes(), 0o644); err != nil {
			log.Fatal(err)
		}
		total += buf.Len()
		log.Printf("%s: %dx%d, %d KB", s.file, s.w, s.h, buf.Len()>>10)
	}
	log.Printf("%d photos, %d KB in all", len(scenes), total>>10)
}

var (
	stone   = rgb{168, 156, 138}
	brick   = rgb{150, 78, 58}
	slate   = rgb{72, 78, 90}
	tile    = rgb{172, 84, 56}
	cream   = rgb{226, 214, 188}
	grass   = rgb{88, 132, 62}
	grass2  = rgb{104, 146, 70}
	forest  = rgb{42, 78, 48}
	autumn  = rgb{204, 112, 40}
	autumn2 = rgb{222, 168, 56}
	sand    = rgb{214, 190, 146}
	mud     = rgb{124, 108, 86}
	dark    = rgb{28, 30, 36}
	white   = rgb{240, 240, 236}
)

// hills paints two or three ranges receding into the haze of p and returns
// the nearest crest.
func hills(c *canvas, p palette, horizon float64, near rgb) func(float64) float64 {
	c.ridge(c.seed+1, horizon-c.H*0.12, c.H*0.08, 3, mix(near, p.mid, 0.3), p.low, 0.75)
	c.ridge(c.seed+2, horizon-c.H*0.05, c.H*0.06, 4, near.scale(0.92), p.low, 0.45)
	return c.ridge(c.seed+3, horizon+c.H*0.02, c.H*0.04, 5, near, p.low, 0.2)
}

// scenes are the photos, in the order of the edition's sections.
var scenes = append(newsAndBusiness, cultureAndSport...)
