package images

import (
	"image"
	"image/draw"
	"math"
	"runtime"
	"sync"
)

// The scaler is a separable Catmull-Rom filter in 14-bit fixed point that
// works on 8-bit planes (gray, the Y, Cb and Cr planes of a JPEG, or
// premultiplied RGBA), so a YCbCr photo is scaled without converting it to
// RGB first. golang.org/x/image/draw's CatmullRom gives the same picture but
// keeps a float64 RGBA copy of the whole source (100 MB for a 6-megapixel
// photo) and is ten times slower. Rows are spread over the CPUs; every row is
// computed the same way whatever the split, so the output is deterministic.

const weightBits = 14

// taps are the filter weights of one axis: dst sample i is the sum of the
// n source samples from start[i] on, weighted by w[i*n:][:n]. Samples past
// the picture's edges are folded onto the edge, so windows stay inside.
type taps struct {
	n     int
	start []int32
	w     []int32
}

func catmullRom(t float64) float64 {
	t = math.Abs(t)
	switch {
	case t < 1:
		return (1.5*t-2.5)*t*t + 1
	case t < 2:
		return ((-0.5*t+2.5)*t-4)*t + 2
	}
	return 0
}

// makeTaps maps the source span [x0, x1) of a line of size samples to dst samples.
func makeTaps(size int, x0, x1 float64, dst int) taps {
	scale := (x1 - x0) / float64(dst)
	stretch := math.Max(scale, 1) // widen the filter when shrinking
	support := 2 * stretch
	reach := int(math.Ceil(2 * support)) // samples under the filter
	n := min(reach, size)
	t := taps{n: n, start: make([]int32, dst), w: make([]int32, dst*n)}
	ws := make([]float64, reach)
	for i := 0; i < dst; i++ {
		c := x0 + (float64(i)+0.5)*scale // the sample's centre in source coordinates
		left := int(math.Floor(c-0.5-support)) + 1
		var sum float64
		for k := range ws {
			ws[k] = catmullRom((float64(left+k) + 0.5 - c) / stretch)
			sum += ws[k]
		}
		start := min(max(left, 0), size-n)
		t.start[i] = int32(start)
		w := t.w[i*n : (i+1)*n]
		// Weights in fixed point summing to exactly 1<<weightBits, so that a
		// flat area stays flat.
		var total int32
		peak := 0
		for k := range ws {
			pos := min(max(left+k, 0), size-1) - start
			v := int32(math.Round(ws[k] / sum * (1 << weightBits)))
			w[pos] += v
			total += v
			if w[pos] > w[peak] {
				peak = pos
			}
		}
		w[peak] += 1<<weightBits - total
	}
	return t
}

// plane is an 8-bit picture of ch interleaved channels.
type plane struct {
	pix           []byte
	stride        int
	width, height int
	ch            int
}

// resizePlane scales the part [x0,x1)×[y0,y1) of src into all of dst. Each
// output row is made by a vertical pass over the source rows it needs (a
// contiguous, cache-friendly loop) into a row buffer, then a horizontal pass.
func resizePlane(dst, src plane, x0, y0, x1, y1 float64) {
	tx := makeTaps(src.width, x0, x1, dst.width)
	ty := makeTaps(src.height, y0, y1, dst.height)
	// Only the source columns the horizontal pass reads.
	c0, c1 := tx.start[0], tx.start[len(tx.start)-1]+int32(tx.n)
	for i := range tx.start {
		c0, c1 = min(c0, tx.start[i]), max(c1, tx.start[i]+int32(tx.n))
	}
	for i := range tx.start {
		tx.start[i] -= c0
	}
	ch := src.ch
	colLen := int(c1-c0) * ch
	rowLen := dst.width * ch
	parallel(dst.height, func(r0, r1 int) {
		acc := make([]int32, colLen)
		col := make([]byte, colLen)
		for y := r0; y < r1; y++ {
			clear(acc)
			w := ty.w[y*ty.n : (y+1)*ty.n]
			for k, wk := range w {
				if wk == 0 {
					continue
				}
				row := src.pix[(int(ty.start[y])+k)*src.stride+int(c0)*ch:][:colLen]
				for x, v := range row {
					acc[x] += int32(v) * wk
				}
			}
			for x, a := range acc {
				col[x] = clamp8(a)
			}
			out := dst.pix[y*dst.stride:][:rowLen]
			horizontal(out, col, tx, ch)
			if ch == 4 {
				// Premultiplied colour cannot exceed alpha; the filter's
				// negative lobes can overshoot it at sharp alpha edges.
				for x := 0; x+3 < len(out); x += 4 {
					a := out[x+3]
					out[x], out[x+1], out[x+2] = min(out[x], a), min(out[x+1], a), min(out[x+2], a)
				}
			}
		}
	})
}

func horizontal(out, in []byte, t taps, ch int) {
	n := t.n
	if ch == 1 {
		for i := range out {
			s := in[t.start[i]:][:n]
			w := t.w[i*n:][:n]
			var a int32
			for k, v := range s {
				a += int32(v) * w[k]
			}
			out[i] = clamp8(a)
		}
		return
	}
	for i := 0; i < len(out)/4; i++ {
		s := in[int(t.start[i])*4:][:n*4]
		w := t.w[i*n:][:n]
		var r, g, b, a int32
		for k, wk := range w {
			p := s[k*4 : k*4+4]
			r += int32(p[0]) * wk
			g += int32(p[1]) * wk
			b += int32(p[2]) * wk
			a += int32(p[3]) * wk
		}
		o := out[i*4 : i*4+4]
		o[0], o[1], o[2], o[3] = clamp8(r), clamp8(g), clamp8(b), clamp8(a)
	}
}

func clamp8(a int32) byte {
	v := (a + 1<<(weightBits-1)) >> weightBits
	return byte(min(max(v, 0), 255))
}

// parallel runs fn over [0, n) in contiguous chunks, one per CPU.
func parallel(n int, fn func(lo, hi int)) {
	workers := min(runtime.GOMAXPROCS(0), max(1, n/32))
	if workers <= 1 {
		fn(0, n)
		return
	}
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		lo, hi := n*w/workers, n*(w+1)/workers
		wg.Add(1)
		go func() {
			defer wg.Done()
			fn(lo, hi)
		}()
	}
	wg.Wait()
}

// resize scales the part r of m (a *image.YCbCr, *image.Gray or *image.RGBA)
// to w×h pixels, keeping its type.
func resize(m image.Image, r image.Rectangle, w, h int) image.Image {
	x0, y0, x1, y1 := rel(r, m.Bounds())
	switch m := m.(type) {
	case *image.Gray:
		out := image.NewGray(image.Rect(0, 0, w, h))
		resizePlane(grayPlane(out), grayPlane(m), x0, y0, x1, y1)
		return out
	case *image.RGBA:
		out := image.NewRGBA(image.Rect(0, 0, w, h))
		resizePlane(rgbaPlane(out), rgbaPlane(m), x0, y0, x1, y1)
		return out
	case *image.YCbCr:
		out := image.NewYCbCr(image.Rect(0, 0, w, h), m.SubsampleRatio)
		yPix := m.Y[m.YOffset(m.Rect.Min.X, m.Rect.Min.Y):]
		resizePlane(plane{out.Y, out.YStride, w, h, 1}, plane{yPix, m.YStride, m.Rect.Dx(), m.Rect.Dy(), 1}, x0, y0, x1, y1)
		// The chroma planes hold the same area at a lower resolution.
		sw, sh := chromaSize(m)
		dw, dh := chromaSize(out)
		fx, fy := float64(sw)/float64(m.Rect.Dx()), float64(sh)/float64(m.Rect.Dy())
		co := m.COffset(m.Rect.Min.X, m.Rect.Min.Y)
		for _, c := range [][2][]byte{{out.Cb, m.Cb[co:]}, {out.Cr, m.Cr[co:]}} {
			resizePlane(plane{c[0], out.CStride, dw, dh, 1}, plane{c[1], m.CStride, sw, sh, 1}, x0*fx, y0*fy, x1*fx, y1*fy)
		}
		return out
	}
	// normalise leaves only the types above; anything else goes through RGBA.
	b := m.Bounds()
	rgba := image.NewRGBA(b)
	draw.Draw(rgba, b, m, b.Min, draw.Src)
	return resize(rgba, r, w, h)
}

func rel(r, b image.Rectangle) (x0, y0, x1, y1 float64) {
	r = r.Sub(b.Min)
	return float64(r.Min.X), float64(r.Min.Y), float64(r.Max.X), float64(r.Max.Y)
}

func grayPlane(m *image.Gray) plane {
	return plane{m.Pix[m.PixOffset(m.Rect.Min.X, m.Rect.Min.Y):], m.Stride, m.Rect.Dx(), m.Rect.Dy(), 1}
}

func rgbaPlane(m *image.RGBA) plane {
	return plane{m.Pix[m.PixOffset(m.Rect.Min.X, m.Rect.Min.Y):], m.Stride, m.Rect.Dx(), m.Rect.Dy(), 4}
}

// chromaSize is the size of the Cb and Cr planes of m.
func chromaSize(m *image.YCbCr) (int, int) {
	w, h := m.Rect.Dx(), m.Rect.Dy()
	switch m.SubsampleRatio {
	case image.YCbCrSubsampleRatio422:
		return (w + 1) / 2, h
	case image.YCbCrSubsampleRatio420:
		return (w + 1) / 2, (h + 1) / 2
	case image.YCbCrSubsampleRatio440:
		return w, (h + 1) / 2
	case image.YCbCrSubsampleRatio411:
		return (w + 3) / 4, h
	case image.YCbCrSubsampleRatio410:
		return (w + 3) / 4, (h + 1) / 2
	}
	return w, h
}
