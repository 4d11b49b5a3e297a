// ConvShape, the input and window of a convolution or pooling layer (the
// book's chapter 7: the (N, C, H, W) input shape without N, and the
// filter_h, filter_w, stride and pad arguments of im2col), with the shape
// checks that every convolution and pooling path, fast, book and naive, runs
// before it touches any data.

package nn

import (
	"fmt"

	"dlfs/common/mat"
)

// ConvShape describes the input of a convolution or pooling layer and the
// window that slides over it: C channels of H x W pixels, a window of FH x FW
// pixels moved Stride pixels at a time over the input padded with Pad zeros on
// every side. It is the book's (N, C, H, W) input shape without N, plus the
// filter_h, filter_w, stride and pad arguments of im2col.
type ConvShape struct {
	C, H, W     int // input channels, height, width
	FH, FW      int // filter (or pooling window) height and width
	Stride, Pad int
}

// OutH returns the output height, (H + 2*Pad - FH)/Stride + 1, rounded down
// like the book's integer division.
func (s ConvShape) OutH() int { return (s.H+2*s.Pad-s.FH)/s.Stride + 1 }

// OutW returns the output width, (W + 2*Pad - FW)/Stride + 1.
func (s ConvShape) OutW() int { return (s.W+2*s.Pad-s.FW)/s.Stride + 1 }

// InSize returns C*H*W, the length of one input sample (one row of a batch).
func (s ConvShape) InSize() int { return s.C * s.H * s.W }

// PatchSize returns C*FH*FW, the length of one unfolded patch: a column count
// of Im2Col's result and the length of one flattened filter.
func (s ConvShape) PatchSize() int { return s.C * s.FH * s.FW }

// mustValid panics, naming op and the shape, unless s describes a window that
// fits at least once in the padded input.
func (s ConvShape) mustValid(op string) {
	if s.C < 1 || s.H < 1 || s.W < 1 || s.FH < 1 || s.FW < 1 || s.Stride < 1 || s.Pad < 0 ||
		s.FH > s.H+2*s.Pad || s.FW > s.W+2*s.Pad {
		panic(fmt.Sprintf("nn.%s: invalid shape %+v (need C, H, W, FH, FW, Stride >= 1, Pad >= 0, and the window inside the padded input)", op, s))
	}
}

// mustInput panics unless x holds samples of C*H*W values, one per row.
func (s ConvShape) mustInput(op string, x *mat.Matrix) {
	if x.Cols != s.InSize() {
		panic(fmt.Sprintf("nn.%s: input is %dx%d, want N x %d (C*H*W = %d*%d*%d)", op, x.Rows, x.Cols, s.InSize(), s.C, s.H, s.W))
	}
}

// mustConvParams panics unless s is valid and w (FN x C*FH*FW) and b (1 x FN)
// are filters and biases for it.
func mustConvParams(op string, w, b *mat.Matrix, s ConvShape) {
	s.mustValid(op)
	if w.Rows < 1 || w.Cols != s.PatchSize() || b.Rows != 1 || b.Cols != w.Rows {
		panic(fmt.Sprintf("nn.%s: filters %dx%d and bias %dx%d do not fit shape %+v (want FN x %d and 1 x FN)",
			op, w.Rows, w.Cols, b.Rows, b.Cols, s, s.PatchSize()))
	}
}
