// The ReLU layer of the book's chapter 5.5.1 (common/layers.py, class Relu).

package nn

import "dlfs/common/mat"

// Relu is the ReLU activation as a layer: out = x where x > 0, else 0.
//
// The gradient at exactly x = 0 is 0, because Mask marks x <= 0, as in the
// book's layer. (The book's functions.py has a relu_grad that uses x >= 0 and
// so gives 1 at 0; copies that mix the two disagree there.)
//
// It keeps the contract of Layer: the matrices Forward and Backward return
// are its own, reused from batch to batch.
type Relu struct {
	// Mask[i] is true where element i of the last input was <= 0, the
	// elements whose output and gradient are 0.
	Mask []bool

	out, dx *mat.Matrix // returned by Forward and Backward, reused
}

// Forward returns x with the elements <= 0 set to 0, and remembers where
// they were: the book's self.mask = (x <= 0); out = x.copy(); out[self.mask] = 0.
func (r *Relu) Forward(x *mat.Matrix, _ bool) *mat.Matrix {
	r.out = layerBuffer(r.out, x.Rows, x.Cols)
	r.Mask = growBools(r.Mask, len(x.Data))
	out := r.out.Data
	for i, v := range x.Data {
		r.Mask[i] = v <= 0
		out[i] = max(v, 0) // 0 where masked, v elsewhere (NaN included), with no branch to mispredict
	}
	return r.out
}

// Backward returns dout with the masked elements set to 0: the book's
// dout[self.mask] = 0. Unlike the book, it writes its own matrix and leaves
// dout alone.
func (r *Relu) Backward(dout *mat.Matrix) *mat.Matrix {
	mustLen("Relu.Backward", dout, len(r.Mask))
	r.dx = layerBuffer(r.dx, dout.Rows, dout.Cols)
	dx := r.dx.Data
	for i, v := range dout.Data {
		if r.Mask[i] {
			v = 0
		}
		dx[i] = v
	}
	return r.dx
}

// Params returns nil: ReLU has no parameters.
func (r *Relu) Params() []Param { return nil }
