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
// the book's code default to 1). Set Stride or Pad on the result for others.
func NewPooling(c, h, w, poolH, poolW int) *Pooling {
	l := &Pooling{PoolH: poolH, PoolW: poolW, Stride: 2, C: c, H: h, W: w}
	l.shape().mustValid("NewPooling")
	return l
}

// shape returns the layer's input and window as a ConvShape.
func (l *Pooling) shape() ConvShape {
	return ConvShape{C: l.C, H: l.H, W: l.W, FH: l.PoolH, FW: l.PoolW, Stride: l.Stride, Pad: l.Pad}
}

// Forward returns the max pooling of the batch x (N x C*H*W), an N x C*OH*OW
// batch, and remembers where each maximum came from.
func (l *Pooling) Forward(x *mat.Matrix) *mat.Matrix {
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
//
// It fills one output row at a time. For each tap (fy, fx) of the window it
// sweeps along the row, comparing that tap's pixel in every window with the
// best so far. That reads the image in the order it lies in memory, in long
// loops, which runs faster than scanning one small window after another.
func maxPoolSample(out []float64, argmax []int32, img []float64, s ConvShape) {
	oh, ow := s.OutH(), s.OutW()
	for c := 0; c < s.C; c++ {
		plane := img[c*s.H*s.W : (c+1)*s.H*s.W]
		for oy := 0; oy < oh; oy++ {
			best := out[(c*oh+oy)*ow : (c*oh+oy+1)*ow]
			at := argmax[(c*oh+oy)*ow : (c*oh+oy+1)*ow][:len(best)]
			for fy := 0; fy < s.FH; fy++ {
				y := oy*s.Stride + fy - s.Pad
				for fx := 0; fx < s.FW; fx++ {
					lo, hi := 0, 0 // the windows whose tap (fy, fx) is a pixel, not padding
					if y >= 0 && y < s.H {
						lo, hi = validRange(fx, s.W, ow, s)
					}
					maxPoolTap(best, at, plane, c*s.H*s.W, y*s.W+fx-s.Pad, s.Stride, lo, hi, fy == 0 && fx == 0)
				}
			}
		}
	}
}

// maxPoolTap compares one tap of every window along an output row with the
// best values so far: for window ox < lo or >= hi the tap is a padding zero,
// otherwise the pixel plane[off + ox*stride], whose index in the sample is
// base plus its index in plane. The first tap of the windows sets best and at.
func maxPoolTap(best []float64, at []int32, plane []float64, base, off, stride, lo, hi int, first bool) {
	if first {
		for ox := range best {
			best[ox], at[ox] = 0, -1
		}
		for ox := lo; ox < hi; ox++ {
			i := off + ox*stride
			best[ox], at[ox] = plane[i], int32(base+i)
		}
		return
	}
	for ox := lo; ox < hi; ox++ {
		i := off + ox*stride
		if v := plane[i]; v > best[ox] {
			best[ox], at[ox] = v, int32(base+i)
		}
	}
	for ox := 0; ox < lo; ox++ { // padding on the left
		if 0 > best[ox] {
			best[ox], at[ox] = 0, -1
		}
	}
	for ox := hi; ox < len(best); ox++ { // padding on the right, or a whole padding row
		if 0 > best[ox] {
			best[ox], at[ox] = 0, -1
		}
	}
}
