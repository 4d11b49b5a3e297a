// The layer contract of layer.go, checked on every layer of the package:
// shapes, parameters handed out with their gradients, inputs left alone,
// outputs owned by the layer, and SkipInputGrad.

package nn

import (
	"slices"
	"testing"

	"dlfs/common/mat"
)

// contractCase is one layer for the contract test, with the width of the
// samples it takes and gives.
type contractCase struct {
	name      string
	layer     Layer
	in, out   int
	canSkipDx bool
}

func contractCases() []contractCase {
	rng := newRand(40)
	conv := ConvShape{C: 2, H: 5, W: 4, FH: 3, FW: 2, Stride: 1, Pad: 1}
	return []contractCase{
		{"Affine", NewAffine(RandN(rng, 6, 3, 1), RandN(rng, 1, 3, 1)), 6, 3, true},
		{"Relu", &Relu{}, 6, 6, false},
		{"Sigmoid", &Sigmoid{}, 6, 6, false},
		{"Dropout", NewDropout(0.3, rng), 6, 6, false},
		{"BatchNormalization", NewBatchNormalization(RandN(rng, 1, 6, 1), RandN(rng, 1, 6, 1)), 6, 6, false},
		{"Convolution", NewConvolution(RandN(rng, 3, conv.PatchSize(), 1), RandN(rng, 1, 3, 1), conv), 2 * 5 * 4, 3 * conv.OutH() * conv.OutW(), true},
		{"Pooling", NewPooling(2, 4, 4, 2, 2), 2 * 4 * 4, 2 * 2 * 2, false},
	}
}

func TestLayerContract(t *testing.T) {
	for _, tc := range contractCases() {
		t.Run(tc.name, func(t *testing.T) {
			rng := newRand(41)
			l := tc.layer
			// Params exist, with gradients of their own shape, before any Backward.
			for _, p := range l.Params() {
				if p.Name == "" || p.Value == nil || p.Grad == nil || p.Grad.Rows != p.Value.Rows || p.Grad.Cols != p.Value.Cols {
					t.Fatalf("param %q: value %v, grad %v; want a named value with a gradient of its shape", p.Name, p.Value != nil, p.Grad != nil)
				}
			}
			for _, train := range []bool{true, false} {
				x := RandN(rng, 3, tc.in, 1)
				xCopy := x.Clone()
				out := l.Forward(x, train)
				if out.Rows != 3 || out.Cols != tc.out {
					t.Fatalf("train %v: Forward gave %dx%d, want 3x%d", train, out.Rows, out.Cols, tc.out)
				}
				dout := RandN(rng, 3, tc.out, 1)
				doutCopy := dout.Clone()
				dx := l.Backward(dout)
				if dx == nil || dx.Rows != 3 || dx.Cols != tc.in {
					t.Fatalf("train %v: Backward gave %v, want a 3x%d dx", train, dx, tc.in)
				}
				if !slices.Equal(x.Data, xCopy.Data) || !slices.Equal(dout.Data, doutCopy.Data) {
					t.Errorf("train %v: the layer wrote into its input x or dout", train)
				}
				if sameStorage(out, x) || sameStorage(dx, dout) {
					t.Errorf("train %v: the layer returned its argument instead of a matrix of its own", train)
				}
			}
			// The outputs are the layer's own: a second Forward on a batch of
			// the same size reuses the matrix of the first.
			x := RandN(rng, 3, tc.in, 1)
			first := l.Forward(x, false)
			if second := l.Forward(x, false); !sameStorage(first, second) {
				t.Errorf("two Forwards of the same size returned different matrices; the contract says the layer reuses its own")
			}
			if s, ok := l.(InputGradSkipper); ok != tc.canSkipDx {
				t.Errorf("implements InputGradSkipper: %v, want %v", ok, tc.canSkipDx)
			} else if ok {
				s.SetSkipInputGrad(true)
				l.Forward(x, true)
				if dx := l.Backward(RandN(rng, 3, tc.out, 1)); dx != nil {
					t.Errorf("Backward with SkipInputGrad returned a %dx%d dx, want nil", dx.Rows, dx.Cols)
				}
			}
		})
	}
}

// sameStorage reports whether a and b share their first element.
func sameStorage(a, b *mat.Matrix) bool {
	return len(a.Data) > 0 && len(b.Data) > 0 && &a.Data[0] == &b.Data[0]
}
