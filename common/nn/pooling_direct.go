// Direct max pooling, the Pooling layer's path when Fast is set (fast.go);
// an opt-in for speed, not the book. It computes the book's chapter 7 max
// pooling by walking the windows of each channel of the input itself,
// instead of the book's im2col (pooling.go), which is its test oracle.
//
// For every output it records the index in the sample of the input pixel that
// won (an int32, -1 for a padding zero), and Backward adds each output's
// gradient at that index. There is no unfolded copy of the input and no
// col2im, and the samples of a batch are split over the cores
// (parallel.Chunks). 2x2 windows without padding, the only pooling the book's
// networks use, get straight-line code; windows that hang over the padding
// get a scan that clips each window row to the image.
//
// The rules are the book's: padding pixels are zeros that take part in the
// maximum, and ties go to the first pixel in row-by-row order (np.argmax).

package nn

import (
	"dlfs/common/mat"
	"dlfs/common/parallel"
)

// directPool holds the buffer of the direct path: per output of the last
// Forward, the index in its sample of the pixel that won, -1 for padding.
type directPool struct {
	argmax []int32
}

// forward writes into out (N x C*P) the max pooling of the batch x.
func (c *directPool) forward(out, x *mat.Matrix, s ConvShape) {
	size := out.Cols
	if len(c.argmax) != x.Rows*size {
		c.argmax = make([]int32, x.Rows*size)
	}
	parallel.Chunks(x.Rows, func(_, _, lo, hi int) {
		for n := lo; n < hi; n++ {
			argmax := c.argmax[n*size : (n+1)*size]
			if s.FH == 2 && s.FW == 2 && s.Pad == 0 {
				maxPool2x2Sample(out.Row(n), argmax, x.Row(n), s)
			} else {
				maxPoolSample(out.Row(n), argmax, x.Row(n), s)
			}
		}
	})
}

// backward writes into dx (N x C*H*W) the gradient for dout (N x C*P): each
// output's gradient added at the pixel that won.
func (c *directPool) backward(dx, dout *mat.Matrix, s ConvShape) {
	size := dout.Cols
	parallel.Chunks(dout.Rows, func(_, _, lo, hi int) {
		for n := lo; n < hi; n++ {
			dxn, argmax := dx.Row(n), c.argmax[n*size:(n+1)*size]
			clear(dxn)
			for o, g := range dout.Row(n) {
				if i := argmax[o]; i >= 0 {
					dxn[i] += g
				}
			}
		}
	})
}

// maxPoolSample pools one sample img (C*H*W values) into out (C*OH*OW values)
// and stores in argmax the index in img of each output's maximum: the first
// one in row-by-row order on ties, or -1 for a padding zero.
func maxPoolSample(out []float64, argmax []int32, img []float64, s ConvShape) {
	oh, ow := s.OutH(), s.OutW()
	o := 0
	for c := 0; c < s.C; c++ {
		plane := c * s.H * s.W
		for oy := 0; oy < oh; oy++ {
			y0 := oy*s.Stride - s.Pad
			for ox := 0; ox < ow; ox++ {
				x0 := ox*s.Stride - s.Pad
				if y0 < 0 || x0 < 0 || y0+s.FH > s.H || x0+s.FW > s.W {
					out[o], argmax[o] = clippedWindowMax(img[plane:plane+s.H*s.W], plane, y0, x0, s)
					o++
					continue
				}
				// The whole window is inside the image. The index is updated
				// with a conditional move and the maximum with max, not with
				// an if around both: on real data that branch is a coin toss
				// the processor mispredicts.
				best, bestIdx := img[plane+y0*s.W+x0], plane+y0*s.W+x0
				for fy := 0; fy < s.FH; fy++ {
					start := plane + (y0+fy)*s.W + x0
					for i, v := range img[start : start+s.FW] {
						if v > best {
							bestIdx = start + i
						}
						best = max(best, v)
					}
				}
				out[o], argmax[o] = best, int32(bestIdx)
				o++
			}
		}
	}
}

// clippedWindowMax returns the maximum of the window whose top-left corner is
// at row y0, column x0 of the channel plane (H*W values starting at index
// offset of the sample), where the window hangs over the zero padding, and
// the index in the sample of the pixel that won, -1 for a padding zero.
//
// Each window row is split into the padding left of the image, the pixels on
// it and the padding right of it (a row above or below the image is padding
// alone), and the three runs are taken in order, so the first of equal values
// in row-by-row order wins.
func clippedWindowMax(plane []float64, offset, y0, x0 int, s ConvShape) (float64, int32) {
	lo, hi := max(x0, 0), min(x0+s.FW, s.W) // columns of the window on the image
	best, bestIdx, started := 0.0, int32(-1), false
	take := func(v float64, i int32) {
		if !started || v > best {
			best, bestIdx, started = v, i, true
		}
	}
	for y := y0; y < y0+s.FH; y++ {
		if y < 0 || y >= s.H || lo >= hi {
			take(0, -1) // a whole row of padding
			continue
		}
		if x0 < lo {
			take(0, -1) // padding left of the image
		}
		for x, v := range plane[y*s.W+lo : y*s.W+hi] {
			take(v, int32(offset+y*s.W+lo+x))
		}
		if x0+s.FW > hi {
			take(0, -1) // padding right of the image
		}
	}
	return best, bestIdx
}

// maxPool2x2Sample is maxPoolSample for 2x2 windows without padding, the
// pooling of all the book's networks. For each window it takes the larger
// pixel of each row, then the larger of those two (the first on ties), in
// straight-line code the compiler turns into conditional moves and
// branch-free max instructions.
func maxPool2x2Sample(out []float64, argmax []int32, img []float64, s ConvShape) {
	oh, ow := s.OutH(), s.OutW()
	o := 0
	for c := 0; c < s.C; c++ {
		plane := c * s.H * s.W
		for oy := 0; oy < oh; oy++ {
			y0 := plane + oy*s.Stride*s.W // start of the window's top row
			top, bottom := img[y0:y0+s.W], img[y0+s.W:y0+2*s.W]
			for ox := 0; ox < ow; ox++ {
				x := ox * s.Stride
				t0, t1, b0, b1 := top[x], top[x+1], bottom[x], bottom[x+1]
				it, ib := y0+x, y0+s.W+x // index of the larger of the top pair, of the bottom pair
				if t1 > t0 {
					it++
				}
				if b1 > b0 {
					ib++
				}
				mt, mb := max(t0, t1), max(b0, b1)
				if mb > mt {
					it = ib
				}
				out[o], argmax[o] = max(mt, mb), int32(it)
				o++
			}
		}
	}
}
