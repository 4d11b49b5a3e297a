// The sigmoid layer of the book's chapter 5.5.2 (common/layers.py, class Sigmoid).

package nn

import "dlfs/common/mat"

// Sigmoid is the sigmoid activation as a layer. Its derivative needs only its
// own output: d sigmoid(x)/dx = out * (1 - out).
type Sigmoid struct {
	// Out is the output of the last Forward.
	Out *mat.Matrix
}

// Forward returns sigmoid(x) element by element and remembers it.
func (s *Sigmoid) Forward(x *mat.Matrix) *mat.Matrix {
	out := mat.New(x.Rows, x.Cols)
	for i, v := range x.Data {
		out.Data[i] = SigmoidFunction(v)
	}
	s.Out = out
	return out
}

// Backward returns dout * (1 - out) * out.
func (s *Sigmoid) Backward(dout *mat.Matrix) *mat.Matrix {
	mustSameShape("Sigmoid.Backward", dout, s.Out)
	dx := mat.New(dout.Rows, dout.Cols)
	for i, y := range s.Out.Data {
		dx.Data[i] = dout.Data[i] * (1 - y) * y
	}
	return dx
}
