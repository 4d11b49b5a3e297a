// The sigmoid layer of the book's chapter 5.5.2 (common/layers.py, class Sigmoid).

package nn

import "dlfs/common/mat"

// Sigmoid is the sigmoid activation as a layer. Its derivative needs only its
// own output: d sigmoid(x)/dx = out * (1 - out). It keeps the contract of
// Layer.
type Sigmoid struct {
	// Out is the output of the last Forward, the matrix Forward returned.
	Out *mat.Matrix

	dx *mat.Matrix // returned by Backward, reused
}

// Forward returns sigmoid(x) element by element and remembers it.
func (s *Sigmoid) Forward(x *mat.Matrix, _ bool) *mat.Matrix {
	s.Out = layerBuffer(s.Out, x.Rows, x.Cols)
	for i, v := range x.Data {
		s.Out.Data[i] = SigmoidFunction(v)
	}
	return s.Out
}

// Backward returns dout * (1 - out) * out.
func (s *Sigmoid) Backward(dout *mat.Matrix) *mat.Matrix {
	mustSameShape("Sigmoid.Backward", dout, s.Out)
	s.dx = layerBuffer(s.dx, dout.Rows, dout.Cols)
	for i, y := range s.Out.Data {
		s.dx.Data[i] = dout.Data[i] * (1 - y) * y
	}
	return s.dx
}

// Params returns nil: the sigmoid has no parameters.
func (s *Sigmoid) Params() []Param { return nil }
