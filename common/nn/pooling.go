// The Pooling layer, the book's chapter 7 (common/layers.py Pooling): max
// pooling, each output the largest input under a PoolH x PoolW window,
// computed as the book does with im2col.
//
// With N samples of C channels, P = OH*OW window positions and
// Q = PoolH*PoolW pixels per window, the book's forward pass is
//
//	col    = im2col(x)                (N*P) x (C*Q): one window of every channel per row
//	col    → (N*P*C) x Q              a reshape, free: one window of one channel per row
//	argmax = np.argmax(col, axis=1)   N*P*C indices in 0..Q-1, kept for Backward
//	out    = np.max(col, axis=1)      N*P*C values, row (n, oy, ox, c)
//	out    → (N, C, OH, OW)           N x C*P: the book's reshape and transpose(0, 3, 1, 2)
//
// and its backward pass, with dout the N x C*P gradient of the output,
//
//	dout → N*P*C values               the book's transpose(0, 2, 3, 1)
//	dmax = zeros (N*P*C) x Q; dmax[r][argmax[r]] = dout[r]
//	dcol = dmax → (N*P) x (C*Q)       a reshape, free
//	dx   = col2im(dcol)               N x C*H*W
//
// Padding follows im2col: padding pixels are zeros that take part in the
// maximum. When one of them wins, col2im drops its gradient. Ties go to the
// first pixel in row-by-row order, as np.argmax does.
//
// That is this file, and what runs. With the switch Fast (fast.go) set, the
// layer walks the windows of each channel directly instead, without the
// unfolded copy (pooling_direct.go), tested against this file. MaxPoolNaive
// (conv_naive.go) is the oracle of both.

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
// It keeps the package's Layer contract: the matrices Forward and Backward
// return belong to the layer and stay valid until its next Forward or
// Backward; it never writes into its input x or dout. It has no parameters.
type Pooling struct {
	PoolH, PoolW int // window height and width
	Stride, Pad  int // step between windows (NewPooling sets 2) and zero padding
	C, H, W      int // input channels, height and width

	fwd     ConvShape   // the shape of the last Forward, for Backward
	fast    bool        // whether the last Forward took the Fast path, for Backward
	n       int         // the batch size of the last Forward
	out, dx *mat.Matrix // returned by Forward and Backward, reused

	book   im2colPool // the buffers of the book's path
	direct directPool // the buffers of the Fast path
}

// im2colPool holds the buffers of the book's path, reused from one batch
// to the next while its size stays the same.
type im2colPool struct {
	col    *mat.Matrix // (N*P) x (C*Q), im2col(x)
	argmax []int       // per row of col seen as (N*P*C) x Q: the column of its maximum
	dcol   *mat.Matrix // (N*P) x (C*Q), the book's dmax reshaped
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

// shape returns the layer's input and window as a ConvShape.
func (l *Pooling) shape() ConvShape {
	return ConvShape{C: l.C, H: l.H, W: l.W, FH: l.PoolH, FW: l.PoolW, Stride: l.Stride, Pad: l.Pad}
}

// Params returns nil: pooling has no parameters.
func (l *Pooling) Params() []Param { return nil }

// Forward returns the max pooling of the batch x (N x C*H*W), an N x C*OH*OW
// batch, and remembers where each maximum came from. train is ignored.
func (l *Pooling) Forward(x *mat.Matrix, train bool) *mat.Matrix {
	s := l.shape()
	s.mustValid("Pooling.Forward")
	s.mustInput("Pooling.Forward", x)
	l.fwd, l.n = s, x.Rows
	l.out = layerBuffer(l.out, x.Rows, s.C*s.OutH()*s.OutW())
	l.fast = Fast
	if l.fast {
		l.direct.forward(l.out, x, s)
	} else {
		l.book.forward(l.out, x, s)
	}
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
	if size == 0 || dout.Cols != size || dout.Rows != l.n {
		panic(fmt.Sprintf("nn.Pooling.Backward: dout is %dx%d, want N x %d with N from the last Forward", dout.Rows, dout.Cols, size))
	}
	l.dx = layerBuffer(l.dx, dout.Rows, s.InSize())
	if l.fast {
		l.direct.backward(l.dx, dout, s)
	} else {
		l.book.backward(l.dx, dout, s)
	}
	return l.dx
}

// forward is the book's forward pass (see the file comment), into out.
func (c *im2colPool) forward(out, x *mat.Matrix, s ConvShape) {
	n, p, q := x.Rows, s.OutH()*s.OutW(), s.FH*s.FW
	c.col = im2colTo(layerBuffer(c.col, n*p, s.PatchSize()), x, s)
	if len(c.argmax) != n*p*s.C {
		c.argmax = make([]int, n*p*s.C)
	}
	r := 0 // row (i*P + j)*C + ch of col seen as (N*P*C) x Q: window j of channel ch of sample i
	for i := 0; i < n; i++ {
		o := out.Row(i)
		for j := 0; j < p; j++ {
			for ch := 0; ch < s.C; ch++ {
				window := c.col.Data[r*q : (r+1)*q]
				best, arg := window[0], 0
				for t, v := range window {
					if v > best {
						best, arg = v, t
					}
				}
				c.argmax[r] = arg
				o[ch*p+j] = best // (N, OH, OW, C) → (N, C, OH, OW)
				r++
			}
		}
	}
}

// backward is the book's backward pass (see the file comment), into dx.
func (c *im2colPool) backward(dx, dout *mat.Matrix, s ConvShape) {
	n, p, q := dout.Rows, s.OutH()*s.OutW(), s.FH*s.FW
	c.dcol = layerBuffer(c.dcol, n*p, s.PatchSize()).Zero() // dmax = np.zeros(...)
	r := 0
	for i := 0; i < n; i++ {
		d := dout.Row(i)
		for j := 0; j < p; j++ {
			for ch := 0; ch < s.C; ch++ {
				c.dcol.Data[r*q+c.argmax[r]] = d[ch*p+j] // dmax[r, argmax[r]] = dout
				r++
			}
		}
	}
	col2imTo(dx, c.dcol, s)
}
