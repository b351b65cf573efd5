package main

import "math"

// newsAndBusiness are the photos of the News and Business sections.
var newsAndBusiness = []scene{
	{"old-ferry-bridge/photo.jpg", 1600, 1067, func(c *canvas) {
		p := morning
		c.sky(p, c.H*0.5)
		c.clouds(c.H*0.05, c.H*0.3, 0.45, white, 0.8)
		hills(c, p, c.H*0.5, grass)
		c.town(c.W*0.05, c.W*0.95, c.H*0.53, 44, cream, slate, p)
		c.water(c.H*0.53, p, rgb{60, 90, 100})
		c.bridge(-20, c.W+20, c.H*0.56, c.H*0.82, 5, stone)
		for x := 30.0; x < c.W; x += 140 + c.rng.Float64()*120 {
			c.tree(x, c.H*1.02, 70+c.rng.Float64()*30, grass.scale(0.8))
		}
	}},
	{"old-ferry-bridge/figure.jpg", 1600, 1067, func(c *canvas) {
		p := dusk
		c.sky(p, c.H*0.55)
		c.sun(c.W*0.62, c.H*0.5, 34, p)
		c.ridge(c.seed+1, c.H*0.5, c.H*0.05, 3, rgb{70, 50, 80}, p.low, 0.4)
		c.town(c.W*0.0, c.W*0.45, c.H*0.56, 36, dark, dark, p)
		c.water(c.H*0.56, p, rgb{40, 30, 60})
		c.sparkle(c.W*0.62, c.H*0.56, 40, p)
		c.bridge(c.W*0.5, c.W*1.05, c.H*0.49, c.H*0.58, 4, rgb{40, 30, 46})
		c.boat(c.W*0.2, c.H*0.8, 60, dark, rgb{60, 50, 70})
	}},
	{"saltmarsh-flood-wall/photo.jpg", 1600, 1067, func(c *canvas) {
		p := overcast
		c.sky(p, c.H*0.5)
		c.clouds(0, c.H*0.45, 0.7, rgb{130, 136, 144}, 0.8)
		c.water(c.H*0.5, p, rgb{80, 96, 104})
		c.town(c.W*0.55, c.W*1.05, c.H*0.62, 70, cream.scale(0.9), slate, p)
		c.poly([]pt{{c.W * 0.35, c.H}, {c.W * 0.52, c.H * 0.62}, {c.W * 1.1, c.H * 0.62}, {c.W * 1.1, c.H}}, rgb{150, 150, 144}, 1)
		c.poly([]pt{{c.W * 0.35, c.H}, {c.W * 0.52, c.H * 0.62}, {c.W * 0.55, c.H * 0.62}, {c.W * 0.42, c.H}}, rgb{120, 120, 116}, 1)
		c.birds(9, c.W*0.1, c.H*0.15, c.W*0.5, c.H*0.35, 10, dark)
	}},
	{"rural-buses/photo.jpg", 1600, 1067, func(c *canvas) {
		p := morning
		c.sky(p, c.H*0.45)
		c.clouds(c.H*0.05, c.H*0.3, 0.4, white, 0.9)
		hills(c, p, c.H*0.45, grass)
		c.ground(c.H*0.47, c.W*0.5, 1.5, grass, grass2, p.low)
		c.path(c.H*0.47, c.W*0.55, c.W*0.5, c.W*0.35, rgb{96, 96, 100})
		bx, by := c.W*0.6, c.H*0.66
		c.rect(bx, by-60, bx+130, by, rgb{200, 48, 40}, 1)
		for i := 0; i < 5; i++ {
			c.rect(bx+8+float64(i)*24, by-52, bx+26+float64(i)*24, by-34, rgb{200, 220, 232}, 1)
		}
		c.ellipse(bx+25, by, 10, 10, dark, 1)
		c.ellipse(bx+105, by, 10, 10, dark, 1)
		for x := 20.0; x < c.W; x += 90 + c.rng.Float64()*160 {
			if math.Abs(x-c.W*0.6) > 200 {
				c.tree(x, c.H*0.62+c.rng.Float64()*60, 40+c.rng.Float64()*30, forest)
			}
		}
	}},
	{"tarnhead-reservoir/photo.jpg", 1600, 1067, func(c *canvas) {
		p := noon
		c.sky(p, c.H*0.42)
		c.clouds(c.H*0.04, c.H*0.25, 0.35, white, 0.9)
		crest := hills(c, p, c.H*0.42, forest)
		for x := 10.0; x < c.W; x += 26 + c.rng.Float64()*20 {
			c.conifer(x, crest(x)+40+c.rng.Float64()*50, 34, 80, forest.scale(0.8))
		}
		c.rect(0, c.H*0.58, c.W, c.H, sand, 1)
		c.below(func(x float64) float64 { return c.H*0.64 + 18*math.Sin(x/170) }, func(x float64) float64 { return c.H*0.86 + 14*math.Sin(x/120+1) },
			func(x, y float64) rgb { return mix(rgb{70, 110, 140}, rgb{40, 80, 110}, (y-c.H*0.64)/(c.H*0.22)) }, 1)
		c.rect(0, c.H*0.9, c.W, c.H, mud, 1)
	}},
	{"dark-sky-status/photo.jpg", 1600, 1067, func(c *canvas) {
		p := night
		c.sky(p, c.H*0.7)
		c.shade(0, 0, c.W, c.H*0.8, func(x, y float64) (rgb, float64) {
			d := (y - (c.H*0.9 - x*0.5)) / 120
			return rgb{120, 120, 150}, 0.35 * math.Exp(-d*d) * fbm(c.seed+9, x/90, y/90, 4)
		})
		c.stars(900, c.H*0.75)
		c.ridge(c.seed+1, c.H*0.72, c.H*0.1, 3, rgb{14, 16, 24}, p.low, 0.2)
		c.ridge(c.seed+2, c.H*0.82, c.H*0.05, 4, rgb{8, 9, 12}, p.low, 0)
	}},
	{"library-hours/photo.jpg", 1600, 1067, func(c *canvas) {
		p := golden
		c.sky(p, c.H*0.7)
		c.clouds(c.H*0.05, c.H*0.3, 0.35, rgb{250, 230, 210}, 0.8)
		x0, x1, top, base := c.W*0.18, c.W*0.82, c.H*0.25, c.H*0.78
		c.rect(x0, top, x1, base, stone, 1)
		c.rect(x0-10, top-20, x1+10, top, stone.scale(0.85), 1)
		for i := 0; i < 7; i++ {
			wx := x0 + (x1-x0)*(float64(i)+0.5)/7
			for _, wy := range []float64{top + 40, top + 200} {
				c.rect(wx-28, wy, wx+28, wy+120, rgb{60, 70, 84}, 1)
				c.rect(wx-28, wy+56, wx+28, wy+62, stone, 1)
			}
		}
		c.rect(c.W*0.44, base-150, c.W*0.56, base, rgb{70, 50, 40}, 1)
		for i := 0; i < 4; i++ {
			c.rect(c.W*0.38-float64(i)*20, base+float64(i)*18, c.W*0.62+float64(i)*20, base+float64(i+1)*18, stone.scale(0.95-float64(i)*0.04), 1)
		}
		c.rect(0, base+72, c.W, c.H, rgb{140, 134, 124}, 1)
		c.glow(c.W*0.8, c.H*0.4, 500, 400, p.light, 0.25)
		c.tree(c.W*0.08, base+80, 110, grass)
		c.tree(c.W*0.93, base+80, 120, autumn)
	}},
	{"vaudrelle-jumelage/photo.jpg", 1600, 1067, func(c *canvas) {
		p := noon
		c.sky(p, c.H*0.5)
		c.clouds(c.H*0.05, c.H*0.3, 0.3, white, 0.9)
		c.ridge(c.seed+1, c.H*0.45, c.H*0.06, 3, rgb{120, 140, 110}, p.low, 0.6)
		hill := c.ridge(c.seed+2, c.H*0.62, c.H*0.1, 2, rgb{150, 150, 90}, p.low, 0.1)
		c.town(c.W*0.2, c.W*0.8, c.H*0.66, 62, cream, tile, p)
		c.church(c.W*0.46, c.H*0.6, 70, 260, cream.scale(0.95), tile.scale(0.85), p)
		c.town(c.W*0.1, c.W*0.9, c.H*0.8, 90, cream.scale(1.05), tile, p)
		for _, x := range []float64{c.W * 0.08, c.W * 0.14, c.W * 0.88} {
			c.conifer(x, hill(x)+140, 40, 260, forest)
		}
		c.rect(0, c.H*0.86, c.W, c.H, rgb{170, 150, 110}, 1)
	}},
	{"ossel-mill-flats/photo.jpg", 1600, 1067, func(c *canvas) {
		p := overcast
		c.sky(p, c.H*0.6)
		c.clouds(0, c.H*0.4, 0.6, rgb{170, 172, 176}, 0.8)
		c.ridge(c.seed+1, c.H*0.5, c.H*0.05, 3, rgb{110, 124, 110}, p.low, 0.5)
		x0, x1, top, base := c.W*0.12, c.W*0.7, c.H*0.2, c.H*0.68
		c.rect(x0, top, x1, base, brick, 1)
		c.rect(c.W*0.74, c.H*0.05, c.W*0.79, base, brick.scale(0.9), 1)
		for row := 0; row < 5; row++ {
			for col := 0; col < 11; col++ {
				wx := x0 + (x1-x0)*(float64(col)+0.5)/11
				wy := top + 25 + float64(row)*(base-top-40)/5
				c.rect(wx-14, wy, wx+14, wy+44, rgb{50, 56, 64}, 1)
			}
		}
		c.poly([]pt{{x0 - 10, top}, {x1 + 10, top}, {x1 - 30, top - 40}, {x0 + 30, top - 40}}, slate, 1)
		c.water(base, p, rgb{60, 70, 70})
		wx, wy, r := c.W*0.8, base+10, 110.0
		c.ellipse(wx, wy, r, r, rgb{60, 48, 40}, 1)
		c.ellipse(wx, wy, r*0.85, r*0.85, rgb{100, 104, 104}, 1)
		for k := 0; k < 12; k++ {
			a := float64(k) * math.Pi / 6
			c.line(wx, wy, wx+math.Cos(a)*r, wy+math.Sin(a)*r, 8, rgb{60, 48, 40}, 1)
		}
		c.water(base+90, p, rgb{60, 70, 70})
	}},
	{"port-wind-contract/photo.jpg", 1600, 1067, func(c *canvas) {
		p := morning
		c.sky(p, c.H*0.55)
		c.clouds(c.H*0.05, c.H*0.35, 0.4, white, 0.9)
		c.water(c.H*0.55, p, rgb{50, 84, 110})
		for i := 0; i < 9; i++ {
			x := c.W*0.35 + float64(i)*120
			c.turbine(x, c.H*0.555, 110-float64(i)*3, float64(i)*0.7, rgb{230, 232, 236})
		}
		c.rect(0, c.H*0.72, c.W*0.6, c.H, rgb{120, 118, 112}, 1)
		c.crane(c.W*0.1, c.H*0.72, 420, rgb{214, 120, 30})
		c.crane(c.W*0.32, c.H*0.72, 360, rgb{214, 120, 30})
		for i := 0; i < 6; i++ {
			col := []rgb{{170, 50, 40}, {40, 90, 150}, {60, 130, 80}}[i%3]
			c.rect(c.W*0.05+float64(i)*70, c.H*0.72-50, c.W*0.05+float64(i)*70+66, c.H*0.72, col, 1)
		}
	}},
	{"cider-harvest/photo.jpg", 1600, 1067, func(c *canvas) {
		p := golden
		horizon := c.H * 0.4
		c.sky(p, horizon)
		c.ridge(c.seed+1, horizon, c.H*0.04, 3, rgb{120, 130, 90}, p.low, 0.6)
		c.ground(horizon, c.W*0.5, 3, grass, grass2.scale(1.1), p.low)
		for row := 12; row >= 1; row-- {
			d := float64(row) / 12
			y := horizon + (c.H-horizon)*math.Pow(1-d, 1.8)*1.1 + 6
			r := 10 + 120*math.Pow(1-d, 1.8)
			for _, side := range []float64{-1, 1} {
				for k := 1; k <= 3; k++ {
					u := side * (float64(k) - 0.5) / 3 * 1.3
					x := c.W*0.5 + u*(y-horizon)*1.2
					c.tree(x, y, r, rgb{70, 110, 50})
					for a := 0; a < 5; a++ {
						c.ellipse(x+(c.rng.Float64()-0.5)*r*1.4, y-r*1.9+(c.rng.Float64()-0.5)*r, r*0.09, r*0.09, rgb{190, 40, 30}, 1)
					}
				}
			}
		}
		c.glow(c.W*0.2, horizon, 500, 300, p.light, 0.3)
	}},
	{"fenny-hollow-fibre/photo.jpg", 1600, 1067, func(c *canvas) {
		p := morning
		c.sky(p, c.H*0.45)
		c.clouds(c.H*0.05, c.H*0.3, 0.5, white, 0.9)
		hills(c, p, c.H*0.5, grass2)
		c.town(c.W*0.55, c.W*0.8, c.H*0.58, 26, cream, slate, p)
		var prev pt
		for i := 0; i < 7; i++ {
			t := float64(i) / 6
			x := c.W*0.08 + c.W*0.55*t
			base := c.H*0.98 - c.H*0.36*t
			h := 360 * (1 - t*0.8)
			c.line(x, base, x, base-h, 12*(1-t*0.8), rgb{84, 62, 44}, 1)
			c.line(x-h*0.12, base-h*0.92, x+h*0.12, base-h*0.92, 6*(1-t*0.8), rgb{84, 62, 44}, 1)
			top := pt{x, base - h*0.92}
			if i > 0 {
				for k := 0; k < 20; k++ {
					a, b := float64(k)/20, float64(k+1)/20
					sag := func(s float64) float64 { return 30 * (1 - t) * 4 * s * (1 - s) }
					c.line(prev.x+(top.x-prev.x)*a, prev.y+(top.y-prev.y)*a+sag(a), prev.x+(top.x-prev.x)*b, prev.y+(top.y-prev.y)*b+sag(b), 2, dark, 0.9)
				}
			}
			prev = top
		}
	}},
	{"market-move/photo.jpg", 1600, 1067, func(c *canvas) {
		p := noon
		c.sky(p, c.H*0.4)
		c.town(-20, c.W+20, c.H*0.62, 150, cream, slate, p)
		c.rect(0, c.H*0.62, c.W, c.H, rgb{160, 150, 136}, 1)
		for row := 0; row < 2; row++ {
			base := c.H*0.8 + float64(row)*c.H*0.17
			size := 230 + float64(row)*70
			for x := -40.0 + float64(row)*90; x < c.W; x += size * 1.15 {
				a := rgb{200, 40, 40}
				if c.rng.Float64() < 0.5 {
					a = rgb{40, 130, 70}
				}
				c.stall(x, base, size, size*0.8, a, white)
			}
		}
		for i := 0; i < 10; i++ {
			c.person(c.rng.Float64()*c.W, c.H*0.86+c.rng.Float64()*c.H*0.1, 120, rgb{50 + c.rng.Float64()*100, 50, 60}, 0.3)
		}
	}},
	{"morsfeld-tischlerei/photo.jpg", 1600, 1067, func(c *canvas) {
		p := morning
		c.sky(p, c.H*0.5)
		c.clouds(c.H*0.05, c.H*0.3, 0.4, white, 0.9)
		x0, x1, top, base := c.W*0.15, c.W*0.85, c.H*0.28, c.H*0.82
		c.rect(x0, top, x1, base, cream, 1)
		c.poly([]pt{{x0 - 30, top}, {(x0 + x1) / 2, c.H * 0.02}, {x1 + 30, top}}, tile.scale(0.85), 1)
		beam := rgb{74, 48, 32}
		for x := x0; x <= x1+1; x += (x1 - x0) / 8 {
			c.line(x, top, x, base, 12, beam, 1)
		}
		for _, y := range []float64{top, (top + base) / 2, base} {
			c.line(x0, y, x1, y, 14, beam, 1)
		}
		for x := x0; x < x1-1; x += (x1 - x0) / 8 {
			c.line(x, (top+base)/2, x+(x1-x0)/8, top, 8, beam, 1)
		}
		c.rect(c.W*0.4, c.H*0.5, c.W*0.6, base, rgb{96, 64, 40}, 1)
		c.line(c.W*0.5, c.H*0.5, c.W*0.5, base, 4, beam, 1)
		c.rect(0, base, c.W, c.H, rgb{150, 140, 124}, 1)
		for i := 0; i < 9; i++ {
			c.rect(c.W*0.66, base+40-float64(i)*12, c.W*0.95, base+50-float64(i)*12, rgb{210, 170, 110}.scale(0.85+0.03*float64(i%4)), 1)
		}
	}},
}
