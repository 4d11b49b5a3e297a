// The gradient check of every layer: each Backward against NumericalGradient
// (gradient.go), for the input and for every parameter.

package nn

import (
	"math/rand/v2"
	"testing"

	"dlfs/common/mat"
	"dlfs/common/relerr"
)

// maxRelErr is the largest relative error a gradient check accepts.
// Central differences with h = 1e-4 are accurate to about h^2 = 1e-8.
const maxRelErr = 1e-6

// weightedSum returns sum(out * r): a scalar loss whose gradient with respect
// to out is r, so Backward(r) must be its gradient with respect to x.
func weightedSum(out, r *mat.Matrix) float64 {
	return mat.Sum(mat.Mul(out, r))
}

// checkLayer checks every gradient of layer at the batch x against the
// numerical gradient, in training (train true) or test mode: dx, and the
// Grad of every parameter that layer.Params hands out. The loss is
// sum(out * r) for a random r.
func checkLayer(t *testing.T, layer Layer, x *mat.Matrix, train bool, rng *rand.Rand) {
	t.Helper()
	out := layer.Forward(x, train)
	r := RandN(rng, out.Rows, out.Cols, 1)
	dx := layer.Backward(r.Clone()).Clone()
	params := layer.Params()
	grads := make([]*mat.Matrix, len(params))
	for i, p := range params {
		grads[i] = p.Grad.Clone()
	}

	loss := func(*mat.Matrix) float64 { return weightedSum(layer.Forward(x, train), r) }
	checkClose(t, "dx", dx, NumericalGradient(loss, x))
	for i, p := range params {
		checkClose(t, "d"+p.Name, grads[i], NumericalGradient(loss, p.Value))
	}
}

// checkClose fails the test unless the backprop gradient got and the
// numerical gradient num agree to maxRelErr.
func checkClose(t *testing.T, name string, got, num *mat.Matrix) {
	t.Helper()
	e := relerr.Norm(got, num)
	t.Logf("%s: relative error %.2g", name, e)
	if !(e < maxRelErr) {
		t.Errorf("%s: relative error %.3g against the numerical gradient, want < %g\nbackprop:\n%v\nnumerical:\n%v", name, e, maxRelErr, got, num)
	}
}

func newRand(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, seed+1)) }

func TestLayerGradients(t *testing.T) {
	tests := []struct {
		name  string
		train bool
		setup func(rng *rand.Rand, x *mat.Matrix) Layer
	}{
		{"Relu", true, func(*rand.Rand, *mat.Matrix) Layer { return &Relu{} }},
		{"Sigmoid", true, func(*rand.Rand, *mat.Matrix) Layer { return &Sigmoid{} }},
		{"Affine", true, func(rng *rand.Rand, x *mat.Matrix) Layer {
			return NewAffine(RandN(rng, x.Cols, 3, 1), RandN(rng, 1, 3, 1))
		}},
		{"BatchNormalization/train", true, func(rng *rand.Rand, x *mat.Matrix) Layer {
			return NewBatchNormalization(RandN(rng, 1, x.Cols, 1), RandN(rng, 1, x.Cols, 1))
		}},
		{"BatchNormalization/test", false, func(rng *rand.Rand, x *mat.Matrix) Layer {
			bn := NewBatchNormalization(RandN(rng, 1, x.Cols, 1), RandN(rng, 1, x.Cols, 1))
			bn.Forward(RandN(rng, 6, x.Cols, 2), true) // some running statistics
			return bn
		}},
		{"Dropout/train", true, func(rng *rand.Rand, x *mat.Matrix) Layer {
			d := NewDropout(0.4, rng)
			d.FixMask = true // the first Forward draws the mask, the rest reuse it
			return d
		}},
		{"Dropout/test", false, func(rng *rand.Rand, x *mat.Matrix) Layer { return NewDropout(0.4, rng) }},
	}
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rng := newRand(uint64(100 + i))
			x := RandN(rng, 4, 5, 1)
			checkLayer(t, tc.setup(rng, x), x, tc.train, rng)
		})
	}
}

func TestSoftmaxWithLossGradient(t *testing.T) {
	rng := newRand(7)
	x := RandN(rng, 4, 3, 1)
	labels := []int{0, 2, 1, 2}
	var s SoftmaxWithLoss
	s.Forward(x, labels)
	dx := s.Backward()
	num := NumericalGradient(func(*mat.Matrix) float64 { return s.Forward(x, labels) }, x)
	// Backward leaves out the 1e-7 inside the log, a relative error of
	// about 1e-7 / y for the correct class: under 1e-6 while y > 0.1.
	checkClose(t, "dx", dx, num)
}
