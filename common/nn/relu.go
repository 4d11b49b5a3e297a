// The ReLU layer of the book's chapter 5.5.1 (common/layers.py, class Relu).

package nn

import "dlfs/common/mat"

// Relu is the ReLU activation as a layer: out = x where x > 0, else 0.
//
// The gradient at exactly x = 0 is 0, because Mask marks x <= 0, as in the
// book's layer. (The book's functions.py has a relu_grad that uses x >= 0 and
// so gives 1 at 0; copies that mix the two disagree there.)
type Relu struct {
	// Mask[i] is true where element i of the last input was <= 0, the
	// elements whose output and gradient are 0.
	Mask []bool
}

// Forward returns max(0, x) element by element and remembers the mask.
func (r *Relu) Forward(x *mat.Matrix) *mat.Matrix {
	out := mat.New(x.Rows, x.Cols)
	r.Mask = growBools(r.Mask, len(x.Data))
	for i, v := range x.Data {
		r.Mask[i] = v <= 0
		if !r.Mask[i] {
			out.Data[i] = v
		}
	}
	return out
}

// Backward returns dout with the masked elements set to 0. Unlike the book,
// it writes a new matrix and leaves dout alone.
func (r *Relu) Backward(dout *mat.Matrix) *mat.Matrix {
	mustLen("Relu.Backward", dout, len(r.Mask))
	dx := mat.New(dout.Rows, dout.Cols)
	for i, v := range dout.Data {
		if !r.Mask[i] {
			dx.Data[i] = v
		}
	}
	return dx
}
