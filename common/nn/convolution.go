// The Convolution layer, the book's chapter 7 (common/layers.py Convolution):
// im2col of the whole batch, then one matrix product with the filters.
//
// With N samples, FN filters of C x FH x FW, P = OH*OW output positions and
// K = C*FH*FW, the book's forward pass is
//
//	col  = im2col(x)                 (N*P) x K: one patch per row
//	out  = col · Wᵀ + b              (N*P) x FN: row (n, oy, ox), column f; the
//	                                 book's np.dot(col, col_W) with col_W = Wᵀ
//	out  → (N, FN, OH, OW)           N x FN*P: the book's reshape and transpose(0, 3, 1, 2)
//
// and its backward pass, with dout the N x FN*P gradient of the output,
//
//	dout → (N*P) x FN                the book's transpose(0, 2, 3, 1).reshape(-1, FN)
//	db   = column sums of dout       1 x FN
//	dW   = doutᵀ · col               FN x K: the book's np.dot(col.T, dout), in W's layout
//	dcol = dout · W                  (N*P) x K: the book's np.dot(dout, col_W.T)
//	dx   = col2im(dcol)              N x C*H*W
//
// That is this file, and what runs. With the switch Fast (fast.go) set, the
// same arithmetic runs one sample at a time in Caffe's transposed layout,
// over the cores, instead (convolution_persample.go), tested against this
// file. ConvolutionNaive (conv_naive.go), plain loops from the definition,
// is the oracle of both.

package nn

import (
	"fmt"

	"dlfs/common/mat"
)

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

	x       *mat.Matrix // input of the last Forward
	fast    bool        // whether the last Forward took the Fast path, for Backward
	out, dx *mat.Matrix // returned by Forward and Backward, reused

	book      im2colConv    // the buffers of the book's path
	perSample perSampleConv // the buffers of the Fast path
}

// im2colConv holds the buffers of the book's path, reused from one batch to
// the next while its size stays the same.
type im2colConv struct {
	col     *mat.Matrix // (N*P) x K, im2col(x), kept for Backward as the book's self.col
	prod    *mat.Matrix // (N*P) x FN, col · Wᵀ + b
	doutCol *mat.Matrix // (N*P) x FN, dout in col's row order
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
	l.fast = Fast
	if l.fast {
		l.perSample.forward(l.out, x, l.W, l.B, s)
		return l.out
	}
	l.book.forward(l.out, x, l.W, l.B, s)
	return l.out
}

// Backward takes dout = dL/dout (N x FN*OH*OW), stores dL/dW in DW and dL/db
// in DB, and returns dL/dx (N x C*H*W), or nil if SkipInputGrad is set. The
// results do not depend on the number of cores.
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
	if l.fast {
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
	c.prod = layerBuffer(c.prod, n*p, fn)
	mat.DotTTo(c.prod, c.col, w).AddRowVector(b) // col · Wᵀ + b, (N*P) x FN
	// (N, OH, OW, FN) → (N, FN, OH, OW), one sample at a time
	for i := 0; i < n; i++ {
		transposeTo(out.Row(i), c.prod.Data[i*p*fn:(i+1)*p*fn], p, fn)
	}
}

// backward is the book's backward pass (see the file comment): it writes dW
// and db, and dx unless dx is nil.
func (c *im2colConv) backward(dx, dW, db, w, dout *mat.Matrix, s ConvShape) {
	n, fn, k, p := dout.Rows, w.Rows, s.PatchSize(), s.OutH()*s.OutW()
	c.doutCol = layerBuffer(c.doutCol, n*p, fn)
	// (N, FN, OH, OW) → (N*OH*OW, FN), the layout of prod in forward
	for i := 0; i < n; i++ {
		transposeTo(c.doutCol.Data[i*p*fn:(i+1)*p*fn], dout.Row(i), fn, p)
	}
	copy(db.Data, mat.SumAxis0(c.doutCol).Data) // db = np.sum(dout, axis=0)
	mat.TDotTo(dW, c.doutCol, c.col)            // dW = doutᵀ · col: the book's np.dot(col.T, dout), transposed as W is
	if dx == nil {
		return
	}
	c.dcol = layerBuffer(c.dcol, n*p, k)
	mat.DotTo(c.dcol, c.doutCol, w) // dcol = np.dot(dout, col_W.T), and col_W.T is W itself
	col2imTo(dx, c.dcol, s)
}

// transposeTo writes into dst (cols x rows) the transpose of src (rows x
// cols), both row-major: the book's transpose of the axes of one sample. It
// works in strips of 8 rows of src, so that the strip being read and the 8
// values written to each row of dst stay in the cache together.
func transposeTo(dst, src []float64, rows, cols int) {
	const strip = 8
	for r0 := 0; r0 < rows; r0 += strip {
		r1 := min(r0+strip, rows)
		for j := 0; j < cols; j++ {
			d := dst[j*rows+r0 : j*rows+r1]
			for t := range d {
				d[t] = src[(r0+t)*cols+j]
			}
		}
	}
}
