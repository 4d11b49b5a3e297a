// The Convolution layer, the book's chapter 7 (common/layers.py Convolution):
// im2col of the whole batch, then one matrix product with the filters.
//
// With N samples, FN filters of C x FH x FW, P = OH*OW output positions and
// K = C*FH*FW, the book's forward pass is
//
//	col  = im2col(x)                 (N*P) x K: one patch per row
//	colW = Wᵀ                        K x FN: the book's col_W = W.reshape(FN, -1).T
//	out  = col · colW + b            (N*P) x FN: row (n, oy, ox), column f
//	out  → (N, FN, OH, OW)           N x FN*P: the book's reshape and transpose(0, 3, 1, 2)
//
// and its backward pass, with dout the N x FN*P gradient of the output,
//
//	dout → (N*P) x FN                the book's transpose(0, 2, 3, 1).reshape(-1, FN)
//	db   = column sums of dout       1 x FN
//	dW   = (colᵀ · dout)ᵀ            FN x K: the book's np.dot(col.T, dout), transposed back
//	dcol = dout · W                  (N*P) x K: the book's np.dot(dout, col_W.T)
//	dx   = col2im(dcol)              N x C*H*W
//
// That is this file. The same arithmetic done one sample at a time in Caffe's
// transposed layout, over the cores, is in convolution_persample.go; the
// layer picks one of the two (Method, and convMethodFor when it is ConvAuto).
// Each is the other's test oracle, and ConvolutionNaive (conv_naive.go), plain
// loops from the definition, is the oracle of both.

package nn

import (
	"fmt"

	"dlfs/common/mat"
)

// ConvMethod says how a Convolution layer computes its passes. Both methods
// give the same numbers up to rounding.
type ConvMethod int

const (
	// ConvAuto, the zero value, takes the method convMethodFor picks for the
	// layer's shape: the faster one on the benchmarks.
	ConvAuto ConvMethod = iota
	// ConvIm2Col is the book's method: im2col of the batch and one product
	// (convolution.go).
	ConvIm2Col
	// ConvPerSample is the per-sample transposed arrangement, the samples
	// split over the cores (convolution_persample.go).
	ConvPerSample
)

// String returns the method's name, as in the benchmarks.
func (m ConvMethod) String() string {
	switch m {
	case ConvAuto:
		return "Auto"
	case ConvIm2Col:
		return "Im2Col"
	case ConvPerSample:
		return "PerSample"
	}
	return fmt.Sprintf("ConvMethod(%d)", int(m))
}

// Convolution is the book's Convolution layer: FN filters of C x FH x FW
// weights slide over each input sample (a row of C*H*W values) and give FN
// channels of OH x OW outputs (a row of FN*OH*OW values).
//
// It keeps the package's Layer contract: the matrices Forward and Backward
// return belong to the layer and stay valid until its next Forward or
// Backward; the layer keeps a reference to Forward's input x for Backward, as
// the book's self.x = x does, and never writes into x or dout.
type Convolution struct {
	W, B   *mat.Matrix // filters, FN x C*FH*FW (the book's (FN, C, FH, FW) flattened), and biases, 1 x FN
	DW, DB *mat.Matrix // their gradients, allocated by NewConvolution, overwritten by Backward
	Shape  ConvShape   // input C, H, W; filter FH, FW; Stride; Pad

	// SkipInputGrad makes Backward compute only DW and DB and return nil
	// instead of dx. Set it on a network's first layer: nothing uses the
	// gradient with respect to the images, and it is half of the work.
	SkipInputGrad bool

	// Method chooses the book's im2col method or the per-sample one; the
	// zero value, ConvAuto, takes the faster for the shape.
	Method ConvMethod

	x       *mat.Matrix // input of the last Forward
	method  ConvMethod  // the method the last Forward took, for Backward
	out, dx *mat.Matrix // returned by Forward and Backward, reused

	book      im2colConv    // the buffers of the book's method
	perSample perSampleConv // the buffers of the per-sample method
}

// im2colConv holds the buffers of the book's method, reused from one batch to
// the next while its size stays the same.
type im2colConv struct {
	col     *mat.Matrix // (N*P) x K, im2col(x), kept for Backward as the book's self.col
	prod    *mat.Matrix // (N*P) x FN, col · colW + b
	doutCol *mat.Matrix // (N*P) x FN, dout in col's row order
	dWT     *mat.Matrix // K x FN, colᵀ · doutCol
	dcol    *mat.Matrix // (N*P) x K, doutCol · W
}

// NewConvolution returns a convolution layer with filters w (FN x C*FH*FW)
// and biases b (1 x FN) for inputs and windows described by s; the book's
// Convolution(W, b, stride, pad). The layer uses w and b themselves, not
// copies, so an optimizer that updates them updates the layer. DW and DB are
// allocated here, zero, so a network can collect them before any Backward.
func NewConvolution(w, b *mat.Matrix, s ConvShape) *Convolution {
	mustConvParams("NewConvolution", w, b, s)
	return &Convolution{W: w, B: b, DW: mat.New(w.Rows, w.Cols), DB: mat.New(1, b.Cols), Shape: s}
}

// Params returns the filters and the biases with their gradients, named "W"
// and "b" as in the book.
func (l *Convolution) Params() []Param {
	return []Param{{Name: "W", Value: l.W, Grad: l.DW}, {Name: "b", Value: l.B, Grad: l.DB}}
}

// SetSkipInputGrad sets SkipInputGrad.
func (l *Convolution) SetSkipInputGrad(skip bool) { l.SkipInputGrad = skip }

// Forward returns the convolution of the batch x (N x C*H*W) with the filters
// plus the biases, an N x FN*OH*OW batch. train is ignored.
func (l *Convolution) Forward(x *mat.Matrix, train bool) *mat.Matrix {
	s := l.Shape
	mustConvParams("Convolution.Forward", l.W, l.B, s)
	s.mustInput("Convolution.Forward", x)
	fn, p := l.W.Rows, s.OutH()*s.OutW()
	l.x = x
	l.out = layerBuffer(l.out, x.Rows, fn*p)
	l.method = l.Method
	if l.method == ConvAuto {
		l.method = convMethodFor(s, fn)
	}
	if l.method == ConvPerSample {
		l.perSample.forward(l.out, x, l.W, l.B, s)
		return l.out
	}
	l.book.forward(l.out, x, l.W, l.B, s)
	return l.out
}

// Backward takes dout = dL/dout (N x FN*OH*OW), stores dL/dW in DW and dL/db
// in DB, and returns dL/dx (N x C*H*W), or nil if SkipInputGrad is set. Both
// methods give results that do not depend on the number of cores.
func (l *Convolution) Backward(dout *mat.Matrix) *mat.Matrix {
	s, x := l.Shape, l.x
	fn, p := l.W.Rows, s.OutH()*s.OutW()
	if x == nil || dout.Rows != x.Rows || dout.Cols != fn*p {
		panic(fmt.Sprintf("nn.Convolution.Backward: dout is %dx%d, want N x %d (FN*OH*OW = %d*%d*%d) with N from the last Forward",
			dout.Rows, dout.Cols, fn*p, fn, s.OutH(), s.OutW()))
	}
	if l.DW == nil || l.DW.Rows != l.W.Rows || l.DW.Cols != l.W.Cols {
		l.DW = mat.New(l.W.Rows, l.W.Cols) // a layer built as a literal
	}
	if l.DB == nil || l.DB.Cols != fn {
		l.DB = mat.New(1, fn)
	}
	var dx *mat.Matrix
	if !l.SkipInputGrad {
		l.dx = layerBuffer(l.dx, x.Rows, x.Cols)
		dx = l.dx
	}
	if l.method == ConvPerSample {
		l.perSample.backward(dx, l.DW, l.DB, x, l.W, dout, s)
	} else {
		l.book.backward(dx, l.DW, l.DB, l.W, dout, s)
	}
	return dx
}

// forward is the book's forward pass (see the file comment), into out.
func (c *im2colConv) forward(out, x, w, b *mat.Matrix, s ConvShape) {
	n, fn, k, p := x.Rows, w.Rows, s.PatchSize(), s.OutH()*s.OutW()
	c.col = im2colTo(layerBuffer(c.col, n*p, k), x, s) // (N*P) x K
	colW := mat.T(w)                                   // K x FN
	c.prod = layerBuffer(c.prod, n*p, fn)
	mat.DotTo(c.prod, c.col, colW).AddRowVector(b) // (N*P) x FN

	// (N, OH, OW, FN) → (N, FN, OH, OW): prod's row n*P + i, column f is
	// output n's value at position i of channel f.
	for i := 0; i < n; i++ {
		o := out.Row(i)
		for j := 0; j < p; j++ {
			for f, v := range c.prod.Row(i*p + j) {
				o[f*p+j] = v
			}
		}
	}
}

// backward is the book's backward pass (see the file comment): it writes dW
// and db, and dx unless dx is nil.
func (c *im2colConv) backward(dx, dW, db, w, dout *mat.Matrix, s ConvShape) {
	n, fn, k, p := dout.Rows, w.Rows, s.PatchSize(), s.OutH()*s.OutW()

	// (N, FN, OH, OW) → (N*OH*OW, FN), the layout of prod in forward.
	c.doutCol = layerBuffer(c.doutCol, n*p, fn)
	for i := 0; i < n; i++ {
		d := dout.Row(i)
		for j := 0; j < p; j++ {
			row := c.doutCol.Row(i*p + j)
			for f := range row {
				row[f] = d[f*p+j]
			}
		}
	}

	sumAxis0To(db, c.doutCol) // db = np.sum(dout, axis=0)

	// dW = np.dot(col.T, dout), K x FN, then transposed back to FN x K.
	c.dWT = layerBuffer(c.dWT, k, fn)
	mat.TDotTo(c.dWT, c.col, c.doutCol)
	for j := 0; j < k; j++ {
		for f, v := range c.dWT.Row(j) {
			dW.Data[f*k+j] = v
		}
	}

	if dx == nil {
		return
	}
	// dcol = np.dot(dout, col_W.T), and col_W.T is W itself.
	c.dcol = layerBuffer(c.dcol, n*p, k)
	mat.DotTo(c.dcol, c.doutCol, w)
	col2imTo(dx, c.dcol, s)
}
