// The Affine (fully connected) layer of the book's chapter 5.6
// (common/layers.py, class Affine): out = x·W + b.

package nn

import (
	"fmt"

	"dlfs/common/mat"
)

// Affine computes out = x·W + b for a batch x with one sample per row.
// Backward stores dW = xᵀ·dout and db = the column sums of dout, and returns
// dx = dout·Wᵀ.
type Affine struct {
	W  *mat.Matrix // weights, inputs x outputs
	B  *mat.Matrix // bias, 1 x outputs, added to every row
	DW *mat.Matrix // dL/dW from the last Backward, overwritten by the next
	DB *mat.Matrix // dL/db from the last Backward, overwritten by the next

	// X is the input of the last Forward, kept (not copied) for Backward.
	X *mat.Matrix

	// SkipInputGrad makes Backward skip dx = dout·Wᵀ and return nil. Set it
	// on a network's first Affine: nothing uses the gradient with respect to
	// the input images, and for 784-50-10 with batch 100 it is a 100x50 by
	// 50x784 product, the largest one left in the backward pass.
	SkipInputGrad bool
}

// NewAffine returns an Affine layer that uses (does not copy) W and b, so an
// optimizer that updates them in place updates the layer.
func NewAffine(W, b *mat.Matrix) *Affine {
	if b.Rows != 1 || b.Cols != W.Cols {
		panic(fmt.Sprintf("nn.NewAffine: bias %dx%d does not fit weights %dx%d (want 1x%d)", b.Rows, b.Cols, W.Rows, W.Cols, W.Cols))
	}
	return &Affine{W: W, B: b}
}

// Forward returns x·W + b.
func (a *Affine) Forward(x *mat.Matrix) *mat.Matrix {
	a.X = x
	return mat.Dot(x, a.W).AddRowVector(a.B)
}

// Backward stores DW = xᵀ·dout and DB = sum of dout over the batch, and
// returns dx = dout·Wᵀ (nil if SkipInputGrad is set). DW is written into the
// same matrix every time: for 784x50 weights that saves allocating (and
// collecting) 313 kB per training step.
func (a *Affine) Backward(dout *mat.Matrix) *mat.Matrix {
	if a.DW == nil || a.DW.Rows != a.W.Rows || a.DW.Cols != a.W.Cols {
		a.DW = mat.New(a.W.Rows, a.W.Cols)
	}
	mat.TDotTo(a.DW, a.X, dout)
	a.DB = mat.SumAxis0(dout)
	if a.SkipInputGrad {
		return nil
	}
	return mat.DotT(dout, a.W)
}
