// Tests of the chapter 6 batch normalization gradient check: the
// differences it prints are tiny, with the book's single image and with
// several, and the check notices a backward pass that is wrong.

package main

import (
	"context"
	"io"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"dlfs/common/mat"
	"dlfs/common/network"
	"dlfs/common/nn"
)

// randomImages is a data set of n images of uniform pixels with random
// labels, standing in for MNIST in tests that need no real digits.
type randomImages struct {
	x      *mat.Matrix
	labels []int
}

func newRandomImages(n, size, classes int, seed uint64) randomImages {
	rng := rand.New(rand.NewPCG(seed, seed))
	r := randomImages{x: mat.New(n, size), labels: make([]int, n)}
	for i := range r.x.Data {
		r.x.Data[i] = rng.Float64()
	}
	for i := range r.labels {
		r.labels[i] = rng.IntN(classes)
	}
	return r
}

func (r randomImages) Len() int { return r.x.Rows }
func (r randomImages) X(idx []int) *mat.Matrix {
	x := mat.New(len(idx), r.x.Cols)
	for k, i := range idx {
		copy(x.Data[k*x.Cols:(k+1)*x.Cols], r.x.Data[i*r.x.Cols:(i+1)*r.x.Cols])
	}
	return x
}
func (r randomImages) LabelsOf(idx []int) []int {
	labels := make([]int, len(idx))
	for k, i := range idx {
		labels[k] = r.labels[i]
	}
	return labels
}

// bookNames are the network's parameters in the book's order.
var bookNames = []string{"W1", "b1", "gamma1", "beta1", "W2", "b2", "gamma2", "beta2", "W3", "b3"}

// checkOneImage fails t unless the check on one image printed a line per
// parameter, and found what one image gives (see batchNormGradientCheck):
// zero gradients both ways before beta2 and for W3, beta2 on the ReLU's
// kink (backprop 0, the numerical gradient not), and b3 in agreement.
func checkOneImage(t *testing.T, out string, diffs []gradDiff) {
	t.Helper()
	if lines := strings.Split(strings.TrimSpace(out), "\n"); len(lines) != len(bookNames) || len(diffs) != len(bookNames) {
		t.Fatalf("printed %q, want one line per parameter %v", out, bookNames)
	}
	for i, d := range diffs {
		switch {
		case d.Name != bookNames[i]:
			t.Errorf("parameter %d is %s, want %s", i, d.Name, bookNames[i])
		case d.Name == "beta2":
			if d.Mean != 0 || !(d.Diff > 1e-3) {
				t.Errorf("beta2: backprop gradient of mean size %v and difference %v, want 0 from backprop and a numerical gradient on the ReLU's kink", d.Mean, d.Diff)
			}
		case d.Name == "b3":
			if !(d.Diff < 1e-6) || !(d.Mean > 1e-3) {
				t.Errorf("b3: mean |backprop - numerical| = %v for gradients of mean size %v, want below 1e-6", d.Diff, d.Mean)
			}
		default:
			if d.Diff != 0 || d.Mean != 0 {
				t.Errorf("%s: mean |backprop - numerical| = %v for gradients of mean size %v, want zero gradients from one image", d.Name, d.Diff, d.Mean)
			}
		}
	}
}

// The book's check, on its first MNIST training image. The book's NumPy
// script prints zeros, beta2:0.0528... (its own random weights) and
// b3:1.7990357854824612e-07: with W3's input all zero, the scores are the
// zero biases whatever the weights, so b3's difference is the same here.
func TestBatchNormGradientCheckMNIST(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: skipping a numerical gradient of 90,000 parameters")
	}
	train, _ := mnist(t)
	var out strings.Builder
	diffs, err := batchNormGradientCheck(context.Background(), &out, io.Discard, train, 1, 1)
	if err != nil {
		t.Fatal(err)
	}
	checkOneImage(t, out.String(), diffs)
	if b3 := diffs[len(diffs)-1]; math.Abs(b3.Diff-1.7990357854824612e-07) > 1e-15 {
		t.Errorf("b3:%v, the book's script prints b3:1.7990357854824612e-07", b3.Diff)
	}
	t.Logf("\n%s", out.String())
}

// The book's check on one random image, which needs no MNIST.
func TestBatchNormGradientCheckOneImage(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: skipping a numerical gradient of 90,000 parameters")
	}
	var out strings.Builder
	diffs, err := batchNormGradientCheck(context.Background(), &out, io.Discard, newRandomImages(1, 784, 10, 2), 1, 1)
	if err != nil {
		t.Fatal(err)
	}
	checkOneImage(t, out.String(), diffs)
	if _, err := batchNormGradientCheck(context.Background(), io.Discard, io.Discard, newRandomImages(1, 784, 10, 2), 2, 1); err == nil {
		t.Error("two images asked of a set of one: no error")
	}
}

// A smaller batch-normalized network on three images, where batch
// normalization has something to normalize: every gradient agrees. (The
// biases before a batch normalization have a zero gradient, both ways, up
// to rounding: the normalization subtracts them again.)
func TestBatchNormGradientCheckBatch(t *testing.T) {
	net, err := network.NewMultiLayerNet(network.Config{InputSize: 30, HiddenSizes: []int{20, 15}, OutputSize: 10, UseBatchnorm: true, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	data := newRandomImages(3, 30, 10, 3)
	var out strings.Builder
	diffs, err := compareGradients(context.Background(), &out, io.Discard, net, data.X([]int{0, 1, 2}), data.LabelsOf([]int{0, 1, 2}))
	if err != nil {
		t.Fatal(err)
	}
	for i, d := range diffs {
		zero := d.Name == "b1" || d.Name == "b2"
		if d.Name != bookNames[i] || !(d.Diff < 1e-6) || (zero && !(d.Mean < 1e-12)) || (!zero && !(d.Diff < 1e-4*d.Mean)) {
			t.Errorf("%s: mean |backprop - numerical| = %v for gradients of mean size %v", d.Name, d.Diff, d.Mean)
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

// A small batch-normalized network whose backward pass doubles every
// gradient: the check finds differences as large as the gradients.
func TestBatchNormGradientCheckFindsABug(t *testing.T) {
	net, err := network.NewMultiLayerNet(network.Config{InputSize: 12, HiddenSizes: []int{6, 5}, OutputSize: 4, UseBatchnorm: true, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	net.Layers = append(net.Layers, &wrongLayer{})
	data := newRandomImages(3, 12, 4, 3)
	diffs, err := compareGradients(context.Background(), io.Discard, io.Discard, net, data.X([]int{0, 1, 2}), data.LabelsOf([]int{0, 1, 2}))
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range diffs {
		if !(d.Diff > 0.5*d.Mean) {
			t.Errorf("%s with a doubled gradient: mean |difference| %v for gradients of mean size %v, want about as large", d.Name, d.Diff, d.Mean)
		}
	}
}
