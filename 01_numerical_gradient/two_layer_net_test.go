// Tests of TwoLayerNet: the analytic gradient against the numerical one, and
// the forward pass against a hand computation.

package main

import (
	"math"
	"math/rand/v2"
	"testing"

	"dlfs/common/mat"
	"dlfs/common/relerr"
	"dlfs/dataset"
	"dlfs/dataset/datasettest"
)

// Gradient, the analytic gradient, matches NumericalGradient, the slow and
// obviously right one, on small nets: with the book's tiny initial weights
// and with larger ones, one sample and several.
//
// Gradient leaves out the 1e-7 that the loss adds inside the log (as the
// book does), which makes it differ from the true gradient by about
// 1e-7 / y relative, y being the probability of the correct class. So each
// sample's label here is its most probable class, whose y is at least 1/out:
// with at most 5 classes the difference stays below 1e-6.
func TestGradientMatchesNumerical(t *testing.T) {
	for _, c := range []struct {
		in, hidden, out, batch int
		std                    float64
	}{
		{10, 5, 3, 4, 0.01},
		{10, 5, 3, 4, 0.5},
		{7, 4, 2, 1, 1},
		{20, 8, 5, 9, 2},
	} {
		rng := rand.New(rand.NewPCG(uint64(c.in), uint64(c.batch)))
		net := NewTwoLayerNet(c.in, c.hidden, c.out, c.std, rng)
		for _, b := range []string{"b1", "b2"} { // non-zero biases, so their use is checked too
			for i := range net.Params[b].Data {
				net.Params[b].Data[i] = c.std * rng.NormFloat64()
			}
		}
		x := mat.New(c.batch, c.in)
		for i := range x.Data {
			x.Data[i] = rng.Float64()
		}
		labels := mat.ArgmaxRows(net.Predict(x))

		analytic := net.Gradient(x, labels)
		numerical := net.NumericalGradient(x, labels)
		for _, name := range paramNames {
			a, n := analytic[name], numerical[name]
			if a.Rows != n.Rows || a.Cols != n.Cols || a.Rows != net.Params[name].Rows || a.Cols != net.Params[name].Cols {
				t.Fatalf("%+v %s: gradient %dx%d, numerical %dx%d, parameter %dx%d", c, name,
					a.Rows, a.Cols, n.Rows, n.Cols, net.Params[name].Rows, net.Params[name].Cols)
			}
			if e := relerr.Norm(a, n); e > 1e-6 || math.IsNaN(e) {
				t.Errorf("%+v %s: relative error %.2g between Gradient and NumericalGradient, want < 1e-6", c, name, e)
			}
		}
	}
}

// NumericalGradient leaves the parameters exactly as it found them.
func TestNumericalGradientRestoresParams(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	net := NewTwoLayerNet(6, 4, 3, 1, rng)
	before := map[string]*mat.Matrix{}
	for name, p := range net.Params {
		before[name] = p.Clone()
	}
	x := mat.New(2, 6)
	for i := range x.Data {
		x.Data[i] = rng.Float64()
	}
	net.NumericalGradient(x, []int{0, 2})
	for name, p := range net.Params {
		if d := mat.MaxAbsDiff(p, before[name]); d != 0 {
			t.Errorf("%s changed by %g", name, d)
		}
	}
}

// A 1-1-2 network computed by hand: a1 = 2*0.5 + 0 = 1, z1 = sigmoid(1),
// a2 = (z1, -z1), y = softmax(a2), and the loss for class 0 is -log(y0).
func TestPredictLossAccuracyByHand(t *testing.T) {
	net := &TwoLayerNet{Params: map[string]*mat.Matrix{
		"W1": mat.NewFrom(1, 1, []float64{0.5}), "b1": mat.New(1, 1),
		"W2": mat.NewFrom(1, 2, []float64{1, -1}), "b2": mat.New(1, 2),
	}}
	x := mat.NewFrom(1, 1, []float64{2})
	z1 := 1 / (1 + math.Exp(-1))
	y0 := math.Exp(z1) / (math.Exp(z1) + math.Exp(-z1))
	y := net.Predict(x)
	if math.Abs(y.At(0, 0)-y0) > 1e-15 || math.Abs(y.At(0, 1)-(1-y0)) > 1e-15 {
		t.Errorf("Predict = %v, want [%v %v]", y.Data, y0, 1-y0)
	}
	if got, want := net.Loss(x, []int{0}), -math.Log(y0+1e-7); math.Abs(got-want) > 1e-15 {
		t.Errorf("Loss = %v, want %v", got, want)
	}
	if a, b := net.Accuracy(x, []int{0}), net.Accuracy(x, []int{1}); a != 1 || b != 0 {
		t.Errorf("Accuracy = %v for the right label, %v for the wrong one; want 1 and 0", a, b)
	}
}

// The initial weights have the book's standard deviation and the biases
// start at zero; the same seed gives the same network.
func TestNewTwoLayerNet(t *testing.T) {
	net := NewTwoLayerNet(784, 50, 10, 0.01, rand.New(rand.NewPCG(1, 1)))
	W1 := net.Params["W1"]
	if W1.Rows != 784 || W1.Cols != 50 || net.Params["W2"].Rows != 50 || net.Params["W2"].Cols != 10 ||
		net.Params["b1"].Cols != 50 || net.Params["b2"].Cols != 10 {
		t.Fatal("wrong shapes")
	}
	sumSq := 0.0
	for _, v := range W1.Data {
		sumSq += v * v
	}
	if std := math.Sqrt(sumSq / float64(len(W1.Data))); math.Abs(std-0.01) > 0.0002 {
		t.Errorf("W1 has standard deviation %v, want 0.01", std)
	}
	if mat.Sum(net.Params["b1"]) != 0 || mat.Sum(net.Params["b2"]) != 0 {
		t.Error("biases do not start at 0")
	}
	again := NewTwoLayerNet(784, 50, 10, 0.01, rand.New(rand.NewPCG(1, 1)))
	if mat.MaxAbsDiff(W1, again.Params["W1"]) != 0 {
		t.Error("the same seed gave different weights")
	}
}

// benchBatch returns TwoLayerNet(784, 50, 10) and the first 100 MNIST
// training images: the net and batch of the chapter's iterations.
func benchBatch(b *testing.B) (*TwoLayerNet, *mat.Matrix, []int) {
	train, _, err := dataset.Load(dataset.Options{Dir: datasettest.MNISTDir(b), Normalize: true, Flatten: true})
	if err != nil {
		b.Fatal(err)
	}
	idx := train.Range(0, 100)
	return NewTwoLayerNet(784, 50, 10, 0.01, rand.New(rand.NewPCG(1, 1))), train.X(idx), train.LabelsOf(idx)
}

// BenchmarkLoss times one loss of TwoLayerNet(784, 50, 10) on 100 images:
// the numerical gradient computes 79,520 of them per iteration.
//
//	MNIST_DIR=... go test -bench Loss -cpuprofile cpu.out ./01_numerical_gradient
func BenchmarkLoss(b *testing.B) {
	net, x, labels := benchBatch(b)
	for b.Loop() {
		net.Loss(x, labels)
	}
}

// BenchmarkGradient times one analytic gradient of the same net and batch.
func BenchmarkGradient(b *testing.B) {
	net, x, labels := benchBatch(b)
	for b.Loop() {
		net.Gradient(x, labels)
	}
}
