// The Affine (fully connected) layer of the book's chapter 5.6
// (common/layers.py, class Affine): out = x·W + b.

package nn

import (
	"fmt"

	"dlfs/common/mat"
)

// Affine computes out = x·W + b for a batch x with one sample per row.
// Backward stores dW = xᵀ·dout and db = the column sums of dout, and returns
// dx = dout·Wᵀ. It keeps the contract of Layer.
type Affine struct {
	W  *mat.Matrix // weights, inputs x outputs
	B  *mat.Matrix // bias, 1 x outputs, added to every row
	DW *mat.Matrix // dL/dW from the last Backward, overwritten by the next
	DB *mat.Matrix // dL/db from the last Backward, overwritten by the next

	// X is the input of the last Forward, kept (not copied) for Backward.
	X *mat.Matrix

	// SkipInputGrad makes Backward skip dx = dout·Wᵀ and return nil. A
	// network sets it on its first Affine: nothing uses the gradient with
	// respect to the input images, and for 784-50-10 with batch 100 it is a
	// 100x50 by 50x784 product, the largest one left in the backward pass.
	SkipInputGrad bool

	out, dx *mat.Matrix // returned by Forward and Backward, reused
}

// NewAffine returns an Affine layer that uses (does not copy) W and b, so an
// optimizer that updates them in place updates the layer.
func NewAffine(W, b *mat.Matrix) *Affine {
	if b.Rows != 1 || b.Cols != W.Cols {
		panic(fmt.Sprintf("nn.NewAffine: bias %dx%d does not fit weights %dx%d (want 1x%d)", b.Rows, b.Cols, W.Rows, W.Cols, W.Cols))
	}
	return &Affine{W: W, B: b, DW: mat.New(W.Rows, W.Cols), DB: mat.New(1, W.Cols)}
}

// Params returns W and b with their gradients.
func (a *Affine) Params() []Param {
	return []Param{{Name: "W", Value: a.W, Grad: a.DW}, {Name: "b", Value: a.B, Grad: a.DB}}
}

// SetSkipInputGrad sets SkipInputGrad.
func (a *Affine) SetSkipInputGrad(skip bool) { a.SkipInputGrad = skip }

// Forward returns x·W + b.
func (a *Affine) Forward(x *mat.Matrix, _ bool) *mat.Matrix {
	a.X = x
	a.out = layerBuffer(a.out, x.Rows, a.W.Cols)
	return mat.DotTo(a.out, x, a.W).AddRowVector(a.B)
}

// Backward stores DW = xᵀ·dout and DB = sum of dout over the batch, and
// returns dx = dout·Wᵀ (nil if SkipInputGrad is set).
func (a *Affine) Backward(dout *mat.Matrix) *mat.Matrix {
	mat.TDotTo(a.DW, a.X, dout)
	copy(a.DB.Data, mat.SumAxis0(dout).Data)
	if a.SkipInputGrad {
		return nil
	}
	a.dx = layerBuffer(a.dx, dout.Rows, a.W.Rows)
	return mat.DotTTo(a.dx, dout, a.W)
}
