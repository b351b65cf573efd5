package main

import (
	"image"
	"math"
	"math/rand/v2"
	"slices"
)

// ss is the supersampling factor: scenes are painted at ss times the size
// of the photo and averaged down, which smooths every edge.
const ss = 2

type rgb [3]float64

func mix(a, b rgb, t float64) rgb {
	t = math.Max(0, math.Min(1, t))
	return rgb{a[0] + (b[0]-a[0])*t, a[1] + (b[1]-a[1])*t, a[2] + (b[2]-a[2])*t}
}

func (c rgb) scale(f float64) rgb { return rgb{c[0] * f, c[1] * f, c[2] * f} }

// canvas is a picture being painted, in photo coordinates (W×H); it stores
// ss×ss samples per pixel.
type canvas struct {
	W, H float64
	w, h int // samples
	px   []float32
	rng  *rand.Rand
	seed uint64
}

func newCanvas(w, h int, seed uint64) *canvas {
	return &canvas{W: float64(w), H: float64(h), w: w * ss, h: h * ss, px: make([]float32, w*ss*h*ss*3),
		rng: rand.New(rand.NewPCG(seed, 0x0ddba11)), seed: seed}
}

func (c *canvas) blend(x, y int, col rgb, a float64) {
	if x < 0 || y < 0 || x >= c.w || y >= c.h || a <= 0 {
		return
	}
	a = math.Min(a, 1)
	i := (y*c.w + x) * 3
	for k := 0; k < 3; k++ {
		c.px[i+k] = float32(float64(c.px[i+k])*(1-a) + col[k]*a)
	}
}

// each calls f for every sample inside the photo-coordinate box, with the
// sample's centre in photo coordinates.
func (c *canvas) each(x0, y0, x1, y1 float64, f func(sx, sy int, x, y float64)) {
	sx0, sy0 := max(0, int(math.Floor(x0*ss))), max(0, int(math.Floor(y0*ss)))
	sx1, sy1 := min(c.w, int(math.Ceil(x1*ss))), min(c.h, int(math.Ceil(y1*ss)))
	for sy := sy0; sy < sy1; sy++ {
		y := (float64(sy) + 0.5) / ss
		for sx := sx0; sx < sx1; sx++ {
			f(sx, sy, (float64(sx)+0.5)/ss, y)
		}
	}
}

// shade paints every sample of the box with the colour and opacity f gives.
func (c *canvas) shade(x0, y0, x1, y1 float64, f func(x, y float64) (rgb, float64)) {
	c.each(x0, y0, x1, y1, func(sx, sy int, x, y float64) {
		col, a := f(x, y)
		c.blend(sx, sy, col, a)
	})
}

func (c *canvas) rect(x0, y0, x1, y1 float64, col rgb, a float64) {
	c.each(x0, y0, x1, y1, func(sx, sy int, _, _ float64) { c.blend(sx, sy, col, a) })
}

func (c *canvas) ellipse(cx, cy, rx, ry float64, col rgb, a float64) {
	c.each(cx-rx, cy-ry, cx+rx, cy+ry, func(sx, sy int, x, y float64) {
		dx, dy := (x-cx)/rx, (y-cy)/ry
		if dx*dx+dy*dy <= 1 {
			c.blend(sx, sy, col, a)
		}
	})
}

type pt struct{ x, y float64 }

// poly fills a polygon (even-odd rule) by scanlines.
func (c *canvas) poly(p []pt, col rgb, a float64) {
	if len(p) < 3 {
		return
	}
	minY, maxY := p[0].y, p[0].y
	for _, q := range p {
		minY, maxY = math.Min(minY, q.y), math.Max(maxY, q.y)
	}
	sy0, sy1 := max(0, int(math.Floor(minY*ss))), min(c.h, int(math.Ceil(maxY*ss)))
	var xs []float64
	for sy := sy0; sy < sy1; sy++ {
		y := (float64(sy) + 0.5) / ss
		xs = xs[:0]
		for i := range p {
			a, b := p[i], p[(i+1)%len(p)]
			if (a.y <= y) != (b.y <= y) {
				xs = append(xs, a.x+(y-a.y)/(b.y-a.y)*(b.x-a.x))
			}
		}
		slices.Sort(xs)
		for i := 0; i+1 < len(xs); i += 2 {
			sx0, sx1 := max(0, int(math.Ceil(xs[i]*ss-0.5))), min(c.w, int(math.Ceil(xs[i+1]*ss-0.5)))
			for sx := sx0; sx < sx1; sx++ {
				c.blend(sx, sy, col, a)
			}
		}
	}
}

// line draws a straight stroke of the given width.
func (c *canvas) line(x0, y0, x1, y1, width float64, col rgb, a float64) {
	dx, dy := x1-x0, y1-y0
	l := math.Hypot(dx, dy)
	if l == 0 {
		return
	}
	nx, ny := -dy/l*width/2, dx/l*width/2
	c.poly([]pt{{x0 + nx, y0 + ny}, {x1 + nx, y1 + ny}, {x1 - nx, y1 - ny}, {x0 - nx, y0 - ny}}, col, a)
}

// below fills, in every column, from the curve top(x) down to bottom (or
// the photo's foot when bottom is nil).
func (c *canvas) below(top func(x float64) float64, bottom func(x float64) float64, col func(x, y float64) rgb, a float64) {
	for sx := 0; sx < c.w; sx++ {
		x := (float64(sx) + 0.5) / ss
		t := top(x)
		b := c.H
		if bottom != nil {
			b = bottom(x)
		}
		for sy := max(0, int(math.Ceil(t*ss-0.5))); sy < min(c.h, int(math.Ceil(b*ss-0.5))); sy++ {
			c.blend(sx, sy, col(x, (float64(sy)+0.5)/ss), a)
		}
	}
}

// image averages the samples down to the photo, with a trace of grain that
// keeps gradients from banding in the JPEG.
func (c *canvas) image() *image.RGBA {
	w, h := c.w/ss, c.h/ss
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	g := rand.New(rand.NewPCG(c.seed, 7))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			n := (g.Float64() - 0.5) * 2.4
			o := m.PixOffset(x, y)
			for k := 0; k < 3; k++ {
				var s float64
				for j := 0; j < ss; j++ {
					for i := 0; i < ss; i++ {
						s += float64(c.px[((y*ss+j)*c.w+x*ss+i)*3+k])
					}
				}
				m.Pix[o+k] = uint8(math.Max(0, math.Min(255, s/(ss*ss)+n)))
			}
			m.Pix[o+3] = 255
		}
	}
	return m
}

// Noise: value noise on a hashed integer lattice, summed over octaves.

func hash(seed uint64, i, j int64) float64 {
	z := seed ^ uint64(i)*0x9E3779B97F4A7C15 ^ uint64(j)*0xC2B2AE3D27D4EB4F
	z = (z ^ z>>30) * 0xBF58476D1CE4E5B9
	z = (z ^ z>>27) * 0x94D049BB133111EB
	z ^= z >> 31
	return float64(z>>11) / (1 << 53)
}

func smooth(t float64) float64 { return t * t * (3 - 2*t) }

func noise2(seed uint64, x, y float64) float64 {
	xi, yi := math.Floor(x), math.Floor(y)
	tx, ty := smooth(x-xi), smooth(y-yi)
	i, j := int64(xi), int64(yi)
	a, b := hash(seed, i, j), hash(seed, i+1, j)
	c, d := hash(seed, i, j+1), hash(seed, i+1, j+1)
	return a + (b-a)*tx + (c-a)*ty + (a-b-c+d)*tx*ty
}

// fbm is fractal noise in [0, 1).
func fbm(seed uint64, x, y float64, octaves int) float64 {
	var s, amp, norm float64 = 0, 1, 0
	for o := 0; o < octaves; o++ {
		s += amp * noise2(seed+uint64(o)*101, x, y)
		norm += amp
		amp *= 0.5
		x, y = x*2.03, y*2.03
	}
	return s / norm
}
