// Tests of the chapter 7 gradient check: the differences it prints are
// tiny, and the check notices a backward pass that is wrong.

package main

import (
	"io"
	"math/rand/v2"
	"strings"
	"testing"

	"dlfs/common/mat"
	"dlfs/common/nn"
)

func TestGradientCheck(t *testing.T) {
	var out strings.Builder
	net, x, labels := gradientCheckInput(8) // a seed with no ReLU input within h = 1e-4 of 0
	diffs, err := compareGradients(&out, net, x, labels)
	if err != nil {
		t.Fatal(err)
	}
	names := []string{"W1", "b1", "W2", "b2", "W3", "b3"}
	if lines := strings.Split(strings.TrimSpace(out.String()), "\n"); len(lines) != len(names) || len(diffs) != len(names) {
		t.Fatalf("printed %q, want one line per parameter %v", out.String(), names)
	}
	for i, d := range diffs {
		// b3's 2e-7 is the 1e-7 of the loss's log(y + 1e-7), which
		// backprop leaves out; everything else agrees to about 1e-9.
		if d.Name != names[i] || !(d.Diff < 1e-6) || !(d.Diff < 1e-3*d.Mean) {
			t.Errorf("%s: mean |numerical - backprop| = %v for gradients of mean size %v, want below 1e-6 and 1e-3 of it", d.Name, d.Diff, d.Mean)
		}
	}
	t.Logf("\n%s", out.String())
}

// wrongLayer passes its input through and doubles the gradient on the way
// back: a backward pass with a bug.
type wrongLayer struct{ dx *mat.Matrix }

func (l *wrongLayer) Forward(x *mat.Matrix, train bool) *mat.Matrix { return x }
func (l *wrongLayer) Backward(dout *mat.Matrix) *mat.Matrix {
	l.dx = dout.Clone()
	for i := range l.dx.Data {
		l.dx.Data[i] *= 2
	}
	return l.dx
}
func (l *wrongLayer) Params() []nn.Param { return nil }

// The same check on a network whose backward pass doubles every gradient
// finds differences as large as the gradients.
func TestGradientCheckFindsABug(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	net := NewSimpleConvNet(gradientCheckConfig, rng)
	net.Layers = append(net.Layers, &wrongLayer{})
	x := mat.New(1, 100)
	for i := range x.Data {
		x.Data[i] = rng.Float64()
	}
	diffs, err := compareGradients(io.Discard, net, x, []int{1})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range diffs {
		if !(d.Diff > 0.5*d.Mean) {
			t.Errorf("%s with a doubled gradient: mean |difference| %v for gradients of mean size %v, want about as large", d.Name, d.Diff, d.Mean)
		}
	}
}
