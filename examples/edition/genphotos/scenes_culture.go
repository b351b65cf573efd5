package main

import "math"

// cultureAndSport are the photos of the Culture and Sport sections.
var cultureAndSport = []scene{
	{"autumn-choir-festival/photo.jpg", 1200, 1500, func(c *canvas) {
		p := dusk
		c.sky(p, c.H*0.65)
		c.ridge(c.seed+1, c.H*0.64, c.H*0.04, 3, rgb{60, 40, 70}, p.low, 0.4)
		c.church(c.W*0.42, c.H*0.82, 190, 900, rgb{90, 80, 90}, rgb{50, 44, 60}, p)
		c.rect(0, c.H*0.82, c.W, c.H, rgb{40, 36, 44}, 1)
		c.tree(c.W*0.08, c.H*0.86, 120, rgb{60, 44, 50})
		c.tree(c.W*0.95, c.H*0.88, 140, rgb{60, 44, 50})
		c.glow(c.W*0.6, c.H*0.76, 220, 90, p.light, 0.3)
	}},
	{"greywether-hoard/photo.jpg", 1600, 1067, func(c *canvas) {
		p := noon
		c.sky(p, c.H*0.7)
		c.clouds(c.H*0.05, c.H*0.3, 0.3, white, 0.9)
		x0, x1, top, base := c.W*0.2, c.W*0.8, c.H*0.34, c.H*0.8
		c.rect(x0, top, x1, base, cream, 1)
		c.poly([]pt{{x0 - 30, top}, {(x0 + x1) / 2, top - 140}, {x1 + 30, top}}, cream.scale(0.92), 1)
		c.poly([]pt{{x0 + 30, top - 12}, {(x0 + x1) / 2, top - 118}, {x1 - 30, top - 12}}, cream.scale(0.82), 1)
		for i := 0; i < 6; i++ {
			cx := x0 + 60 + (x1-x0-120)*float64(i)/5
			c.rect(cx-22, top+20, cx+22, base-30, white, 1)
			c.rect(cx-22, top+20, cx-12, base-30, cream.scale(0.85), 1)
		}
		c.rect(x0, top, x1, top+20, cream.scale(0.9), 1)
		for i := 0; i < 3; i++ {
			c.rect(x0-40-float64(i)*30, base-30+float64(i)*20, x1+40+float64(i)*30, base-10+float64(i)*20, stone.scale(1.05-float64(i)*0.05), 1)
		}
		c.rect(0, base+30, c.W, c.H, grass, 1)
	}},
	{"regal-cinema/photo.jpg", 1600, 1067, func(c *canvas) {
		p := night
		c.sky(p, c.H*0.6)
		c.stars(120, c.H*0.3)
		x0, x1 := c.W*0.15, c.W*0.85
		c.rect(x0, c.H*0.12, x1, c.H*0.8, rgb{70, 56, 60}, 1)
		c.rect(c.W*0.42, c.H*0.04, c.W*0.58, c.H*0.14, rgb{70, 56, 60}, 1)
		for i := 0; i < 5; i++ {
			wx := x0 + (x1-x0)*(float64(i)+0.5)/5
			c.rect(wx-30, c.H*0.2, wx+30, c.H*0.36, p.light.scale(0.8), 1)
		}
		c.glow(c.W*0.5, c.H*0.52, 520, 120, rgb{255, 220, 160}, 0.55)
		c.rect(c.W*0.1, c.H*0.46, c.W*0.9, c.H*0.56, rgb{250, 236, 200}, 1)
		for i := 0; i < 12; i++ {
			lx := c.W*0.2 + float64(i)*c.W*0.6/12
			c.rect(lx, c.H*0.48, lx+c.W*0.035, c.H*0.54, rgb{150, 30, 40}, 1)
		}
		c.rect(c.W*0.35, c.H*0.6, c.W*0.65, c.H*0.8, rgb{230, 190, 130}, 1)
		c.rect(0, c.H*0.8, c.W, c.H, rgb{30, 30, 36}, 1)
		c.glow(c.W*0.5, c.H*0.86, 520, 60, rgb{255, 210, 150}, 0.4)
	}},
	{"river-poetry-trail/photo.jpg", 1600, 1067, func(c *canvas) {
		p := golden
		c.sky(p, c.H*0.45)
		c.water(c.H*0.5, p, rgb{70, 90, 90})
		c.sparkle(c.W*0.3, c.H*0.5, 30, p)
		c.below(func(x float64) float64 { return c.H*0.58 + (x/c.W)*c.H*0.2 }, nil, func(x, y float64) rgb { return grass }, 1)
		c.below(func(x float64) float64 { return c.H*0.66 + (x/c.W)*c.H*0.18 }, func(x float64) float64 { return c.H*0.74 + (x/c.W)*c.H*0.2 },
			func(x, y float64) rgb { return rgb{190, 170, 130} }, 1)
		for x := c.W * 0.25; x < c.W*1.05; x += 110 + c.rng.Float64()*80 {
			col := autumn
			if c.rng.Float64() < 0.5 {
				col = autumn2
			}
			c.tree(x, c.H*0.62+(x/c.W)*c.H*0.2, 60+x/c.W*70, col)
		}
		bx, by := c.W*0.45, c.H*0.9
		c.rect(bx, by-40, bx+220, by-28, rgb{120, 80, 50}, 1)
		c.rect(bx, by-80, bx+220, by-68, rgb{120, 80, 50}, 1)
		c.rect(bx+20, by-28, bx+32, by, rgb{60, 50, 40}, 1)
		c.rect(bx+188, by-28, bx+200, by, rgb{60, 50, 40}, 1)
	}},
	{"galerie-du-quai/photo.jpg", 1600, 1067, func(c *canvas) {
		p := golden
		c.sky(p, c.H*0.5)
		c.clouds(c.H*0.05, c.H*0.3, 0.35, rgb{250, 230, 210}, 0.8)
		colours := []rgb{{210, 120, 80}, {230, 200, 110}, {120, 160, 180}, {220, 150, 150}, {160, 190, 130}, {240, 230, 210}}
		for x, i := -10.0, 0; x < c.W; i++ {
			w := 150 + c.rng.Float64()*80
			c.house(x, c.H*0.6, w, 180+c.rng.Float64()*140, colours[i%len(colours)], slate, false, p.light)
			x += w
		}
		c.rect(0, c.H*0.6, c.W, c.H*0.64, stone, 1)
		c.water(c.H*0.64, p, rgb{50, 90, 100})
		c.boat(c.W*0.25, c.H*0.8, 90, rgb{40, 70, 120}, white)
		c.boat(c.W*0.62, c.H*0.88, 110, rgb{160, 50, 40}, rgb{230, 220, 200})
		c.boat(c.W*0.85, c.H*0.76, 70, white, rgb{230, 220, 200})
	}},
	{"ossel-cup-regatta/photo.jpg", 1600, 1067, func(c *canvas) {
		p := morning
		c.sky(p, c.H*0.4)
		c.clouds(c.H*0.04, c.H*0.25, 0.4, white, 0.9)
		c.ridge(c.seed+1, c.H*0.42, c.H*0.03, 3, forest, p.low, 0.3)
		c.water(c.H*0.45, p, rgb{50, 90, 100})
		for i, y := range []float64{c.H * 0.62, c.H * 0.8} {
			x := c.W*0.18 + float64(i)*60
			l := c.W * 0.62
			hull := []rgb{{230, 230, 230}, {200, 200, 40}}[i]
			c.poly([]pt{{x, y}, {x + l, y - 4}, {x + l + 30, y}, {x + l, y + 6}, {x, y + 8}}, hull, 1)
			for k := 0; k < 8; k++ {
				rx := x + 60 + float64(k)*(l-100)/7
				c.line(rx, y, rx-40, y+70, 4, dark, 1)
				c.line(rx, y, rx-30, y-50, 4, dark, 1)
				c.person(rx, y+2, 60, []rgb{{160, 30, 40}, {30, 60, 140}}[i], 0)
			}
		}
		c.rect(0, c.H*0.94, c.W, c.H, grass, 1)
	}},
	{"town-floodlights/photo.jpg", 1600, 1067, func(c *canvas) {
		p := night
		horizon := c.H * 0.45
		c.sky(p, horizon)
		c.stars(200, c.H*0.3)
		c.rect(0, horizon-60, c.W, horizon+10, rgb{40, 40, 50}, 1)
		c.ground(horizon+10, c.W*0.5, 2.5, rgb{40, 120, 50}, rgb{50, 140, 60}, rgb{60, 90, 70})
		c.line(c.W*0.5, horizon+10, c.W*0.5, c.H, 4, white, 0.7)
		for _, x := range []float64{c.W * 0.06, c.W * 0.3, c.W * 0.7, c.W * 0.94} {
			top := c.H * 0.08
			c.line(x, horizon+20, x, top+30, 10, rgb{70, 70, 80}, 1)
			c.glow(x, top+20, 160, 120, rgb{240, 246, 255}, 0.6)
			c.rect(x-40, top, x+40, top+40, rgb{250, 252, 255}, 1)
		}
		c.glow(c.W*0.5, c.H*0.7, 900, 300, rgb{220, 240, 220}, 0.15)
	}},
	{"greywether-fell-race/photo.jpg", 1200, 1500, func(c *canvas) {
		p := overcast
		c.sky(p, c.H*0.3)
		c.clouds(0, c.H*0.25, 0.6, rgb{170, 172, 176}, 0.8)
		c.ridge(c.seed+1, c.H*0.25, c.H*0.05, 3, rgb{110, 116, 110}, p.low, 0.5)
		c.below(func(x float64) float64 { return c.H*0.2 + x/c.W*c.H*0.15 + 30*math.Sin(x/90) }, nil,
			func(x, y float64) rgb { return mix(rgb{130, 126, 90}, rgb{96, 110, 60}, fbm(c.seed+5, x/60, y/60, 3)) }, 1)
		var pts []pt
		for i := 0; i <= 6; i++ {
			t := float64(i) / 6
			x := c.W * (0.3 + 0.4*float64(i%2))
			pts = append(pts, pt{x, c.H - (c.H*0.72)*t})
		}
		for i := 1; i < len(pts); i++ {
			c.line(pts[i-1].x, pts[i-1].y, pts[i].x, pts[i].y, 24*(1-float64(i)/8), rgb{170, 150, 120}, 1)
		}
		for i := 1; i < len(pts); i++ {
			for k := 0; k < 3; k++ {
				t := (float64(k) + 0.5) / 3
				x := pts[i-1].x + (pts[i].x-pts[i-1].x)*t
				y := pts[i-1].y + (pts[i].y-pts[i-1].y)*t
				h := 70 * (1 - float64(i)/7.5)
				c.person(x, y, h, []rgb{{200, 40, 40}, {30, 80, 180}, {240, 200, 40}}[(i+k)%3], 0.8)
			}
		}
	}},
	{"railway-cycle-path/photo.jpg", 1600, 1067, func(c *canvas) {
		p := golden
		horizon := c.H * 0.45
		c.sky(p, horizon)
		c.clouds(c.H*0.04, c.H*0.3, 0.3, rgb{250, 230, 210}, 0.8)
		c.ground(horizon, c.W*0.5, 2, rgb{150, 140, 70}, rgb{120, 140, 60}, p.low)
		c.path(horizon, c.W*0.5, c.W*0.4, 0, rgb{190, 176, 150})
		for i := 0; i < 14; i++ {
			d := math.Pow(float64(i)/14, 1.5)
			y := c.H - (c.H-horizon)*d
			for _, side := range []float64{-1, 1} {
				x := c.W*0.5 + side*(c.W*0.3)*(1-d)
				c.tree(x, y, 70*(1-d)+4, forest)
			}
		}
		cx, cy := c.W*0.52, c.H*0.64
		c.ellipse(cx-22, cy, 14, 14, dark, 0.8)
		c.ellipse(cx+22, cy, 14, 14, dark, 0.8)
		c.person(cx, cy-6, 46, rgb{30, 60, 140}, 0.3)
	}},
	{"kettleby-cricket/photo.jpg", 1600, 1067, func(c *canvas) {
		p := noon
		horizon := c.H * 0.5
		c.sky(p, horizon)
		c.clouds(c.H*0.05, c.H*0.3, 0.4, white, 0.9)
		for x := -40.0; x < c.W; x += 100 + c.rng.Float64()*60 {
			c.tree(x, horizon+20, 80+c.rng.Float64()*30, forest.scale(1.1))
		}
		c.ground(horizon+10, c.W*0.5, 1, grass, grass2, p.low)
		c.house(c.W*0.62, horizon+40, 280, 120, white, rgb{40, 70, 50}, false, p.light)
		c.rect(c.W*0.47, c.H*0.7, c.W*0.53, c.H*0.96, rgb{200, 190, 140}, 1)
		for _, q := range []pt{{0.5, 0.7}, {0.5, 0.96}, {0.3, 0.8}, {0.7, 0.85}, {0.2, 0.65}, {0.85, 0.7}, {0.56, 0.64}} {
			c.person(c.W*q.x, c.H*q.y, 130*q.y, white, 0.2)
		}
	}},
	{"winter-sea-swimmers/photo.jpg", 1600, 1067, func(c *canvas) {
		p := dawn
		c.sky(p, c.H*0.5)
		c.sun(c.W*0.7, c.H*0.48, 40, p)
		c.clouds(c.H*0.1, c.H*0.35, 0.35, rgb{230, 170, 170}, 0.6)
		c.water(c.H*0.5, p, rgb{60, 70, 100})
		c.sparkle(c.W*0.7, c.H*0.5, 50, p)
		c.below(func(x float64) float64 { return c.H*0.8 + 20*math.Sin(x/200) }, nil, func(x, y float64) rgb { return sand }, 1)
		for i := 0; i < 7; i++ {
			x, y := c.W*(0.2+0.5*c.rng.Float64()), c.H*(0.58+0.15*c.rng.Float64())
			c.ellipse(x, y, 11, 12, rgb{40, 30, 30}, 1)
			c.ellipse(x, y-6, 11, 7, []rgb{{230, 80, 60}, {250, 200, 50}, {240, 240, 240}}[i%3], 1)
		}
	}},
	{"estuary-ospreys/photo.jpg", 1600, 1067, func(c *canvas) {
		p := overcast
		horizon := c.H * 0.5
		c.sky(p, horizon)
		c.clouds(0, c.H*0.4, 0.55, rgb{170, 172, 176}, 0.7)
		c.shade(0, horizon, c.W, c.H, func(x, y float64) (rgb, float64) {
			d := (y - horizon) / (c.H - horizon)
			n := fbm(c.seed+3, x/(300-200*d), y/(20+80*d), 4)
			if n > 0.55 {
				return mix(p.low, rgb{120, 134, 146}, d), 1
			}
			return mix(mud, rgb{150, 140, 120}, 1-d), 1
		})
		bx, by, s := c.W*0.6, c.H*0.22, 90.0
		c.poly([]pt{{bx - s, by - s*0.1}, {bx - s*0.3, by - s*0.18}, {bx, by}, {bx + s*0.3, by - s*0.18}, {bx + s, by - s*0.1}, {bx + s*0.35, by + s*0.08}, {bx, by + s*0.2}, {bx - s*0.35, by + s*0.08}}, rgb{60, 52, 46}, 1)
		c.ellipse(bx, by+s*0.05, s*0.12, s*0.28, rgb{220, 216, 206}, 1)
		c.birds(14, c.W*0.05, c.H*0.55, c.W*0.5, c.H*0.7, 7, dark)
	}},
}
