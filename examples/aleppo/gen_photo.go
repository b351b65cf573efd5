//go:build ignore

// gen_photo draws photo.jpg, the stand-in for the example article's Reuters
// photo, which the project may not redistribute: a city's rooftops, domes
// and minarets in silhouette against a dusk sky. It is generated, so it can
// be released under CC0 (see PHOTO-LICENSE.txt). It is deterministic: the
// same program writes the same bytes.
//
//	go run gen_photo.go
package main

import (
	"bytes"
	"image"
	"image/jpeg"
	"log"
	"math"
	"math/rand/v2"
	"os"
)

const w, h = 1600, 1067

// shape is one element of a skyline; top gives its height above the ground
// at x, or 0 where it does not stand.
type shape func(x float64) float64

func block(x0, x1, top float64) shape {
	return func(x float64) float64 {
		if x >= x0 && x < x1 {
			return top
		}
		return 0
	}
}

// dome is a drum with a dome and a thin finial on it.
func dome(c, r, base float64) shape {
	return func(x float64) float64 {
		d := math.Abs(x - c)
		switch {
		case d < 1.5:
			return base + r + r*0.35
		case d < r:
			return base + r*math.Sqrt(1-(d/r)*(d/r))*0.95
		case d < r*1.15:
			return base
		}
		return 0
	}
}

// minaret is a slender tower with a balcony and a pointed cap.
func minaret(c, top, width float64) shape {
	return func(x float64) float64 {
		d := math.Abs(x - c)
		cap := width * 2.2
		switch {
		case d < width/2:
			return top + cap*(1-d/(width/2))
		case d < width*0.9:
			return top * 0.78
		}
		return 0
	}
}

// citadel is a walled fortress on a flattened mound.
func citadel(c, r, top float64) shape {
	return func(x float64) float64 {
		d := math.Abs(x - c)
		switch {
		case d < r*0.55:
			// Walls with towers.
			if math.Mod(x-c+r, r*0.18) < r*0.06 {
				return top + 18
			}
			return top
		case d < r:
			t := (d - r*0.55) / (r * 0.45)
			return top * (1 - t*t) * 0.82
		}
		return 0
	}
}

func skyline(shapes []shape) func(float64) float64 {
	return func(x float64) float64 {
		m := 0.0
		for _, s := range shapes {
			m = math.Max(m, s(x))
		}
		return m
	}
}

func main() {
	rng := rand.New(rand.NewPCG(2016, 12)) // fixed seed: same picture every run
	ground := float64(h) * 0.86

	var far, near []shape
	far = append(far, citadel(w*0.56, 260, 150))
	for x := -20.0; x < w+20; {
		bw := 40 + rng.Float64()*90
		far = append(far, block(x, x+bw, 40+rng.Float64()*70))
		x += bw * (0.7 + rng.Float64()*0.4)
	}
	for _, c := range []float64{180, 430, 1130, 1390} {
		far = append(far, dome(c, 30+rng.Float64()*20, 90+rng.Float64()*30))
	}
	far = append(far, minaret(300, 230, 12), minaret(1250, 250, 12), minaret(905, 215, 11))

	for x := -30.0; x < w+30; {
		bw := 60 + rng.Float64()*140
		near = append(near, block(x, x+bw, 10+rng.Float64()*60))
		x += bw * (0.8 + rng.Float64()*0.3)
	}
	near = append(near, dome(560, 78, 70), dome(1010, 52, 55), minaret(660, 300, 16), minaret(118, 200, 14),
		dome(1470, 60, 40), minaret(1540, 260, 15))

	farH, nearH := skyline(far), skyline(near)
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	lerp := func(a, b [3]float64, t float64) [3]float64 {
		return [3]float64{a[0] + (b[0]-a[0])*t, a[1] + (b[1]-a[1])*t, a[2] + (b[2]-a[2])*t}
	}
	top := [3]float64{24, 30, 58}
	mid := [3]float64{92, 82, 112}
	low := [3]float64{206, 140, 108}
	farCol := [3]float64{70, 62, 88}
	nearCol := [3]float64{20, 18, 27}
	sunX, sunY := w*0.33, ground-40

	const ss = 4 // horizontal samples per pixel, for smooth edges
	var farTop, nearTop [w][ss]float64
	for x := 0; x < w; x++ {
		for s := 0; s < ss; s++ {
			fx := float64(x) + (float64(s)+0.5)/ss
			farTop[x][s] = ground - farH(fx)
			nearTop[x][s] = ground + 40 - nearH(fx)
		}
	}
	for y := 0; y < h; y++ {
		t := float64(y) / ground
		var sky [3]float64
		if t < 0.55 {
			sky = lerp(top, mid, t/0.55)
		} else {
			sky = lerp(mid, low, math.Min(1, (t-0.55)/0.45))
		}
		for x := 0; x < w; x++ {
			c := sky
			// A low sun's glow, soft and warm.
			dx, dy := (float64(x)-sunX)/700, (float64(y)-sunY)/380
			glow := math.Exp(-(dx*dx + dy*dy) * 2.2)
			c = lerp(c, [3]float64{236, 186, 132}, glow*0.55)
			// Haze on the far skyline: lighter towards the horizon.
			fc := lerp(farCol, low, 0.18*(1-math.Min(1, math.Abs(float64(y)-ground)/200)))
			var fcov, ncov float64
			for s := 0; s < ss; s++ {
				fcov += cover(float64(y), farTop[x][s])
				ncov += cover(float64(y), nearTop[x][s])
			}
			c = lerp(c, fc, fcov/ss)
			c = lerp(c, nearCol, ncov/ss)
			// A trace of grain keeps the gradients from banding.
			n := (rng.Float64() - 0.5) * 2
			i := img.PixOffset(x, y)
			for k := 0; k < 3; k++ {
				img.Pix[i+k] = uint8(math.Max(0, math.Min(255, c[k]+n)))
			}
			img.Pix[i+3] = 255
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 80}); err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile("photo.jpg", buf.Bytes(), 0o644); err != nil {
		log.Fatal(err)
	}
	log.Printf("photo.jpg: %dx%d, %d bytes", w, h, buf.Len())
}

// cover is how much of the pixel row y lies below a skyline whose top is at ty.
func cover(y, ty float64) float64 {
	return math.Max(0, math.Min(1, y+1-ty))
}
