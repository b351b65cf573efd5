package main

import (
	"math"
	"slices"
)

// palette is a time of day: the sky from top to horizon, the light, and
// whether windows are lit.
type palette struct {
	top, mid, low rgb
	light         rgb
	night         bool
}

var (
	dawn     = palette{rgb{42, 58, 108}, rgb{168, 140, 160}, rgb{250, 192, 142}, rgb{255, 214, 160}, false}
	morning  = palette{rgb{72, 122, 190}, rgb{142, 182, 222}, rgb{222, 228, 232}, rgb{255, 246, 220}, false}
	noon     = palette{rgb{48, 108, 198}, rgb{118, 168, 228}, rgb{198, 220, 240}, rgb{255, 252, 235}, false}
	overcast = palette{rgb{108, 116, 126}, rgb{150, 156, 164}, rgb{186, 189, 193}, rgb{210, 210, 210}, false}
	dusk     = palette{rgb{30, 36, 82}, rgb{124, 82, 124}, rgb{242, 142, 92}, rgb{255, 178, 110}, true}
	night    = palette{rgb{6, 9, 22}, rgb{14, 22, 46}, rgb{34, 46, 78}, rgb{255, 214, 150}, true}
	golden   = palette{rgb{82, 122, 182}, rgb{202, 172, 142}, rgb{252, 202, 122}, rgb{255, 220, 150}, false}
)

// sky paints the gradient down to the horizon line and a little below it.
func (c *canvas) sky(p palette, horizon float64) {
	c.shade(0, 0, c.W, c.H, func(x, y float64) (rgb, float64) {
		t := y / horizon
		if t < 0.55 {
			return mix(p.top, p.mid, t/0.55), 1
		}
		return mix(p.mid, p.low, (t-0.55)/0.45), 1
	})
}

// glow brightens an elliptical area softly towards col.
func (c *canvas) glow(cx, cy, rx, ry float64, col rgb, strength float64) {
	c.shade(cx-3*rx, cy-3*ry, cx+3*rx, cy+3*ry, func(x, y float64) (rgb, float64) {
		dx, dy := (x-cx)/rx, (y-cy)/ry
		return col, strength * math.Exp(-(dx*dx+dy*dy)*1.5)
	})
}

func (c *canvas) sun(x, y, r float64, p palette) {
	c.glow(x, y, r*5, r*4, p.light, 0.5)
	c.ellipse(x, y, r, r, mix(p.light, rgb{255, 255, 255}, 0.5), 1)
}

func (c *canvas) stars(n int, maxY float64) {
	for i := 0; i < n; i++ {
		x, y := c.rng.Float64()*c.W, c.rng.Float64()*maxY
		r := 0.5 + c.rng.Float64()*c.rng.Float64()*1.6
		c.ellipse(x, y, r, r, rgb{235, 238, 255}, 0.5+c.rng.Float64()*0.5)
	}
}

// clouds paints soft banks of cloud between y0 and y1; cover is how much of
// the sky they take (0 to 1).
func (c *canvas) clouds(y0, y1, cover float64, col rgb, a float64) {
	seed := c.seed + 11
	c.shade(0, y0, c.W, y1, func(x, y float64) (rgb, float64) {
		n := fbm(seed, x/420, y/110, 5)
		edge := math.Min(1, math.Min(y-y0, y1-y)/((y1-y0)*0.25))
		v := (n - (1 - cover)) / 0.18
		return col, a * math.Max(0, math.Min(1, v)) * edge
	})
}

// ridge paints a range of hills whose crest wanders around base by amp;
// haze pulls the colour towards the sky's for distant ranges. It returns
// the crest.
func (c *canvas) ridge(seed uint64, base, amp, freq float64, col, haze rgb, hazeAmt float64) func(float64) float64 {
	top := func(x float64) float64 { return base - amp*(fbm(seed, x/c.W*freq, 0.5, 5)-0.5)*2 }
	c.below(top, nil, func(x, y float64) rgb {
		return mix(col, haze, hazeAmt*(1-math.Min(1, (y-top(x))/(c.H*0.35))))
	}, 1)
	return top
}

// water paints a still surface from y0 down, mirroring the sky's low
// colours, with ripple streaks.
func (c *canvas) water(y0 float64, p palette, tint rgb) {
	seed := c.seed + 23
	c.shade(0, y0, c.W, c.H, func(x, y float64) (rgb, float64) {
		d := (y - y0) / (c.H - y0)
		col := mix(mix(p.low, p.mid, d), tint, 0.35+0.3*d)
		r := noise2(seed, x/(60+200*d), y/(2+6*d))
		col = mix(col, mix(p.low, rgb{255, 255, 255}, 0.3), math.Max(0, r-0.72)*1.6)
		return col, 1
	})
}

// sparkle lays the light's reflection on water as a column of streaks.
func (c *canvas) sparkle(x, y0, width float64, p palette) {
	seed := c.seed + 31
	c.shade(x-width*2, y0, x+width*2, c.H, func(px, py float64) (rgb, float64) {
		d := (px - x) / (width * (1 + (py-y0)/(c.H-y0)))
		n := noise2(seed, px/25, py/3)
		return p.light, math.Exp(-d*d*2) * math.Max(0, n-0.45) * 1.4
	})
}

func (c *canvas) house(x, base, w, h float64, wall, roof rgb, lit bool, light rgb) {
	c.rect(x, base-h, x+w, base, wall, 1)
	pitch := h * (0.35 + c.rng.Float64()*0.3)
	c.poly([]pt{{x - w*0.06, base - h}, {x + w/2, base - h - pitch}, {x + w*1.06, base - h}}, roof, 1)
	cols := max(1, int(w/(h*0.35)))
	for i := 0; i < cols; i++ {
		for _, fy := range []float64{0.3, 0.65} {
			wx := x + w*(float64(i)+0.5)/float64(cols)
			wy := base - h*fy
			col, a := wall.scale(0.55), 0.9
			if lit && c.rng.Float64() < 0.6 {
				col, a = light, 1
			}
			c.rect(wx-h*0.06, wy-h*0.09, wx+h*0.06, wy+h*0.07, col, a)
		}
	}
}

// town paints a row of houses between x0 and x1 standing on base.
func (c *canvas) town(x0, x1, base, scale float64, wall, roof rgb, p palette) {
	for x := x0; x < x1; {
		w := scale * (0.8 + c.rng.Float64()*0.9)
		h := scale * (0.7 + c.rng.Float64()*0.7)
		v := 0.8 + c.rng.Float64()*0.35
		c.house(x, base, w, h, wall.scale(v), roof.scale(0.85+c.rng.Float64()*0.3), p.night, p.light)
		x += w * (0.95 + c.rng.Float64()*0.15)
	}
}

// church paints a nave with a tower and spire; tall is the spire's tip
// above base.
func (c *canvas) church(x, base, scale, tall float64, wall, roof rgb, p palette) {
	c.rect(x, base-scale, x+scale*2.4, base, wall, 1)
	c.poly([]pt{{x - scale*0.05, base - scale}, {x + scale*1.2, base - scale*1.6}, {x + scale*2.45, base - scale}}, roof, 1)
	tw := scale * 0.7
	c.rect(x-tw, base-tall*0.55, x, base, wall.scale(0.95), 1)
	c.poly([]pt{{x - tw*1.05, base - tall*0.55}, {x - tw/2, base - tall}, {x + tw*0.05, base - tall*0.55}}, roof.scale(0.9), 1)
	for i := 0; i < 3; i++ {
		wx := x + scale*(0.45+0.75*float64(i))
		col := wall.scale(0.5)
		if p.night {
			col = p.light
		}
		c.ellipse(wx, base-scale*0.62, scale*0.12, scale*0.12, col, 1)
		c.rect(wx-scale*0.12, base-scale*0.62, wx+scale*0.12, base-scale*0.25, col, 1)
	}
}

// bridge paints a stone bridge from x0 to x1 with its deck at deck and its
// piers standing in the water at foot.
func (c *canvas) bridge(x0, x1, deck, foot float64, arches int, col rgb) {
	span := (x1 - x0) / float64(arches)
	var outline []pt
	outline = append(outline, pt{x0, deck - 8}, pt{x1, deck - 8}, pt{x1, foot})
	for i := arches - 1; i >= 0; i-- {
		a0, a1 := x0+span*float64(i)+span*0.12, x0+span*float64(i+1)-span*0.12
		outline = append(outline, pt{a1, foot})
		cx, r := (a0+a1)/2, (a1-a0)/2
		rise := math.Min(foot-deck-12, r*0.9)
		for k := 0; k <= 24; k++ {
			t := float64(k) / 24 * math.Pi
			outline = append(outline, pt{cx + r*math.Cos(t), foot - (foot - deck - 12 - rise) - rise*math.Sin(t)})
		}
		outline = append(outline, pt{a0, foot})
	}
	outline = append(outline, pt{x0, foot})
	c.poly(outline, col, 1)
	c.rect(x0, deck-14, x1, deck-8, col.scale(0.8), 1)
}

func (c *canvas) conifer(x, base, w, h float64, col rgb) {
	c.rect(x-w*0.06, base-h*0.15, x+w*0.06, base, rgb{60, 42, 30}, 1)
	for i := 0; i < 3; i++ {
		f := float64(i) / 3
		c.poly([]pt{{x - w/2*(1-f*0.4), base - h*0.12 - h*f*0.3}, {x, base - h*(0.55+f*0.15) - h*0.3}, {x + w/2*(1-f*0.4), base - h*0.12 - h*f*0.3}}, col.scale(0.9+f*0.15), 1)
	}
}

// tree paints a broadleaf tree as a trunk and a cluster of round leaves.
func (c *canvas) tree(x, base, r float64, col rgb) {
	c.line(x, base, x, base-r*1.6, r*0.18, rgb{70, 50, 36}, 1)
	for i := 0; i < 7; i++ {
		a := c.rng.Float64() * 2 * math.Pi
		d := c.rng.Float64() * r * 0.6
		rr := r * (0.45 + c.rng.Float64()*0.35)
		c.ellipse(x+math.Cos(a)*d, base-r*1.9+math.Sin(a)*d*0.8, rr, rr*0.9, col.scale(0.8+c.rng.Float64()*0.35), 1)
	}
}

func (c *canvas) boat(x, y, size float64, hull, sail rgb) {
	c.poly([]pt{{x - size, y - size*0.25}, {x + size, y - size*0.25}, {x + size*0.75, y}, {x - size*0.8, y}}, hull, 1)
	c.line(x, y-size*0.25, x, y-size*1.9, size*0.05, hull.scale(0.7), 1)
	c.poly([]pt{{x + size*0.06, y - size*1.85}, {x + size*0.06, y - size*0.35}, {x + size*0.85, y - size*0.35}}, sail, 1)
}

func (c *canvas) turbine(x, base, h, angle float64, col rgb) {
	c.poly([]pt{{x - h*0.02, base}, {x - h*0.008, base - h}, {x + h*0.008, base - h}, {x + h*0.02, base}}, col, 1)
	for k := 0; k < 3; k++ {
		a := angle + float64(k)*2*math.Pi/3
		c.line(x, base-h, x+math.Cos(a)*h*0.45, base-h+math.Sin(a)*h*0.45, h*0.018, col, 1)
	}
	c.ellipse(x, base-h, h*0.02, h*0.02, col.scale(0.9), 1)
}

func (c *canvas) crane(x, base, h float64, col rgb) {
	w := h * 0.05
	c.rect(x-w, base-h, x+w, base, col, 1)
	for y := base - h; y < base; y += w * 2 {
		c.line(x-w, y, x+w, y+w*2, w*0.3, col.scale(0.7), 1)
	}
	c.line(x-h*0.25, base-h, x+h*0.7, base-h, w*0.8, col, 1)
	c.line(x, base-h*1.15, x+h*0.7, base-h, w*0.25, col, 1)
	c.line(x, base-h*1.15, x-h*0.25, base-h, w*0.25, col, 1)
	c.line(x+h*0.5, base-h, x+h*0.5, base-h*0.55, w*0.12, col.scale(0.6), 1)
	c.rect(x-h*0.25, base-h*1.02, x-h*0.15, base-h*0.9, col.scale(0.6), 1)
}

// stall paints a market stall with a striped awning.
func (c *canvas) stall(x, base, w, h float64, a, b rgb) {
	c.rect(x, base-h*0.45, x+w, base, rgb{110, 84, 60}, 1)
	c.line(x+w*0.05, base, x+w*0.05, base-h, w*0.03, rgb{70, 60, 50}, 1)
	c.line(x+w*0.95, base, x+w*0.95, base-h, w*0.03, rgb{70, 60, 50}, 1)
	n := 7
	for i := 0; i < n; i++ {
		col := a
		if i%2 == 1 {
			col = b
		}
		x0, x1 := x+w*float64(i)/float64(n), x+w*float64(i+1)/float64(n)
		c.poly([]pt{{x0 - w*0.04, base - h*0.78}, {x0, base - h}, {x1, base - h}, {x1 - w*0.04, base - h*0.78}}, col, 1)
	}
	for i := 0; i < 6; i++ {
		fx := x + w*(0.1+0.8*c.rng.Float64())
		c.ellipse(fx, base-h*0.5, w*0.05, h*0.06, mix(a, rgb{200, 160, 40}, c.rng.Float64()), 1)
	}
}

func (c *canvas) birds(n int, x0, y0, x1, y1, size float64, col rgb) {
	for i := 0; i < n; i++ {
		x, y := x0+c.rng.Float64()*(x1-x0), y0+c.rng.Float64()*(y1-y0)
		s := size * (0.6 + c.rng.Float64()*0.7)
		c.line(x-s, y-s*0.4, x, y, s*0.18, col, 1)
		c.line(x, y, x+s, y-s*0.45, s*0.18, col, 1)
	}
}

// person paints a small standing or running figure, h tall.
func (c *canvas) person(x, base, h float64, col rgb, stride float64) {
	c.ellipse(x, base-h*0.9, h*0.09, h*0.1, col, 1)
	c.line(x, base-h*0.8, x, base-h*0.42, h*0.14, col, 1)
	c.line(x, base-h*0.42, x-h*0.18*stride-h*0.03, base, h*0.08, col, 1)
	c.line(x, base-h*0.42, x+h*0.18*stride+h*0.03, base, h*0.08, col, 1)
	c.line(x, base-h*0.75, x-h*0.2*stride-h*0.05, base-h*0.5, h*0.06, col, 1)
	c.line(x, base-h*0.75, x+h*0.2*stride+h*0.05, base-h*0.5, h*0.06, col, 1)
}

// ground paints the land from the horizon down, in perspective: stripes
// converge on (vx, horizon); k sets how many, and stripe colours a and b
// alternate. haze fades the far ground into the sky's low colour.
func (c *canvas) ground(horizon, vx, k float64, a, b, haze rgb) {
	c.shade(0, horizon, c.W, c.H, func(x, y float64) (rgb, float64) {
		d := (y - horizon) / (c.H - horizon)
		u := (x - vx) / math.Max(y-horizon, 0.5)
		col := a
		if int(math.Floor(u*k+100))%2 == 1 {
			col = b
		}
		return mix(col, haze, 0.45*math.Pow(1-d, 3)), 1
	})
}

// path paints a road or track from the photo's foot to the horizon, bending
// by curve, w wide at the foot.
func (c *canvas) path(horizon, vx, w, curve float64, col rgb) {
	var left, right []pt
	for i := 0; i <= 40; i++ {
		t := float64(i) / 40 // 0 at the foot, 1 at the horizon
		y := c.H - (c.H-horizon)*t
		cx := vx + curve*(1-t)*(1-t)*t*4 + (c.W/2-vx)*(1-t)*0.3
		half := w / 2 * (1 - t) * (1 - t*0.02)
		left = append(left, pt{cx - half, y})
		right = append(right, pt{cx + half, y})
	}
	slices.Reverse(right)
	c.poly(append(left, right...), col, 1)
}
