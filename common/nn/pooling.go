// The Pooling layer, the book's chapter 7 (common/layers.py Pooling): max
// pooling, each output the largest input under a PoolH x PoolW window.
//
// Which path it takes, and why. The book unfolds the batch with im2col into
// one window per row, takes np.max and np.argmax along the rows, and in
// backward scatters dout into a zero matrix of that size and folds it back
// with col2im. This layer walks the windows of each channel directly and
// records, for every output, the position of the input pixel that won (an
// int32). Backward then adds each output's gradient at that position. There
// is no unfolded copy of the input and no col2im, which is what made the
// book's version slow; the samples of a batch are split over the cores.
// 2x2 windows without padding, the only pooling the book's networks use, get
// straight-line code; windows that hang over the padding take the naive scan
// of conv_naive.go.
//
// Padding follows the book's im2col: padding pixels are zeros that take part
// in the maximum. When one of them wins, its gradient goes nowhere.

package nn

import (
	"fmt"

	"dlfs/common/mat"
)

// Pooling is the book's max Pooling layer. Each of the C channels of an input
// sample (a row of C*H*W values) is cut into windows of PoolH x PoolW pixels
// every Stride pixels, and each window gives its largest value: an output row
// of C*OH*OW values.
//
// The matrices Forward and Backward return belong to the layer: they are
// reused, and overwritten by the next Forward (or Backward) on a batch of the
// same size. Clone them to keep them longer.
type Pooling struct {
	PoolH, PoolW int // window height and width
	Stride, Pad  int // step between windows (NewPooling sets 2) and zero padding
	C, H, W      int // input channels, height and width

	fwd     ConvShape   // the shape of the last Forward, for Backward
	argmax  []int32     // per output of the last Forward: index in the sample of its max, -1 for padding
	out, dx *mat.Matrix // returned by Forward and Backward, reused
}

// NewPooling returns a max pooling layer for inputs of c channels of h x w
// pixels, with a poolH x poolW window moved with stride 2 and no padding: the
// book's Pooling(pool_h, pool_w), whose stride defaults to 2 (some copies of
// the book's code default to 1). Set Stride or Pad on the result for others,
// or fill in a Pooling literal if the window fits only the padded input.
func NewPooling(c, h, w, poolH, poolW int) *Pooling {
	l := &Pooling{PoolH: poolH, PoolW: poolW, Stride: 2, C: c, H: h, W: w}
	l.shape().mustValid("NewPooling")
	return l
}

// Params returns nil: pooling has no parameters.
func (l *Pooling) Params() []Param { return nil }

// shape returns the layer's input and window as a ConvShape.
func (l *Pooling) shape() ConvShape {
	return ConvShape{C: l.C, H: l.H, W: l.W, FH: l.PoolH, FW: l.PoolW, Stride: l.Stride, Pad: l.Pad}
}

// Forward returns the max pooling of the batch x (N x C*H*W), an N x C*OH*OW
// batch, and remembers where each maximum came from.
func (l *Pooling) Forward(x *mat.Matrix, _ bool) *mat.Matrix {
	s := l.shape()
	s.mustValid("Pooling.Forward")
	s.mustInput("Pooling.Forward", x)
	size := s.C * s.OutH() * s.OutW()
	l.fwd = s
	l.out = layerBuffer(l.out, x.Rows, size)
	if len(l.argmax) != x.Rows*size {
		l.argmax = make([]int32, x.Rows*size)
	}
	forEachChunk(x.Rows, func(_, _, lo, hi int) {
		for n := lo; n < hi; n++ {
			maxPoolSample(l.out.Row(n), l.argmax[n*size:(n+1)*size], x.Row(n), s)
		}
	})
	return l.out
}

// Backward takes dout = dL/dout (N x C*OH*OW) and returns dL/dx (N x C*H*W):
// each output's gradient is added to the input pixel that was its maximum
// (added, because windows overlap when Stride < PoolH), and every other pixel
// gets zero.
func (l *Pooling) Backward(dout *mat.Matrix) *mat.Matrix {
	s, size := l.fwd, 0
	if s.Stride > 0 { // Forward has run
		size = s.C * s.OutH() * s.OutW()
	}
	if size == 0 || dout.Cols != size || dout.Rows*size != len(l.argmax) {
		panic(fmt.Sprintf("nn.Pooling.Backward: dout is %dx%d, want N x %d with N from the last Forward", dout.Rows, dout.Cols, size))
	}
	l.dx = layerBuffer(l.dx, dout.Rows, s.InSize())
	forEachChunk(dout.Rows, func(_, _, lo, hi int) {
		for n := lo; n < hi; n++ {
			dx, argmax := l.dx.Row(n), l.argmax[n*size:(n+1)*size]
			clear(dx)
			for o, g := range dout.Row(n) {
				if i := argmax[o]; i >= 0 {
					dx[i] += g
				}
			}
		}
	})
	return l.dx
}

// maxPoolSample pools one sample img (C*H*W values) into out (C*OH*OW values)
// and stores in argmax the index in img of each output's maximum: the first
// one in row-by-row order on ties, like np.argmax, or -1 for a padding zero.
func maxPoolSample(out []float64, argmax []int32, img []float64, s ConvShape) {
	if s.FH == 2 && s.FW == 2 && s.Pad == 0 {
		maxPool2x2Sample(out, argmax, img, s)
		return
	}
	oh, ow := s.OutH(), s.OutW()
	o := 0
	for c := 0; c < s.C; c++ {
		plane := c * s.H * s.W
		for oy := 0; oy < oh; oy++ {
			y0 := oy*s.Stride - s.Pad
			for ox := 0; ox < ow; ox++ {
				x0 := ox*s.Stride - s.Pad
				if y0 < 0 || x0 < 0 || y0+s.FH > s.H || x0+s.FW > s.W {
					// The window hangs over the padding: the careful scan.
					i, v := windowMax(img, s, c, oy, ox)
					out[o], argmax[o] = v, int32(i)
					o++
					continue
				}
				// The whole window is inside the image. The index is updated
				// with a conditional move and the maximum with max, not with
				// an if around both: on real data that branch is a coin toss
				// the processor mispredicts, which made this loop twice as slow.
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

// maxPool2x2Sample is maxPoolSample for 2x2 windows without padding, the
// pooling of all the book's networks. For each window it takes the larger
// pixel of each row, then the larger of those two (the first on ties), in
// straight-line code the compiler turns into conditional moves and
// branch-free max instructions: about 3x faster than the general loop.
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
