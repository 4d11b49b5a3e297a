// The gradient check of MultiLayerNet: backpropagation against the
// numerical gradient, with every option of the book's MultiLayerNetExtend.

package network

import (
	"math"
	"math/rand/v2"
	"testing"

	"dlfs/common/mat"
	"dlfs/common/nn"
	"dlfs/common/relerr"
)

// tinyBatch returns 8 random samples of 6 features and their labels among 3
// classes.
func tinyBatch(seed uint64) (*mat.Matrix, []int) {
	rng := rand.New(rand.NewPCG(seed, seed))
	x := nn.RandN(rng, 8, 6, 1)
	labels := make([]int, x.Rows)
	for i := range labels {
		labels[i] = rng.IntN(3)
	}
	return x, labels
}

// The book's gradient check (ch05/gradient_check.py, ch06's for the extended
// net): backpropagation against the numerical gradient of every parameter.
func TestGradientMatchesNumericalGradient(t *testing.T) {
	tests := []struct {
		name   string
		config Config
	}{
		{"relu", Config{Activation: "relu"}},
		{"sigmoid/xavier", Config{Activation: "sigmoid", WeightInitStd: "xavier"}},
		{"relu/weight decay", Config{WeightDecayLambda: 0.1}},
		{"relu/batchnorm", Config{UseBatchnorm: true}},
		{"relu/dropout", Config{UseDropout: true, DropoutRatio: 0.3}},
		{"sigmoid/all", Config{Activation: "sigmoid", WeightInitStd: "1.0", WeightDecayLambda: 0.05,
			UseBatchnorm: true, UseDropout: true, DropoutRatio: 0.2}},
	}
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := tc.config
			c.InputSize, c.HiddenSizes, c.OutputSize, c.Seed = 6, []int{5, 4}, 3, uint64(10+i)
			net, err := NewMultiLayerNet(c)
			if err != nil {
				t.Fatal(err)
			}
			// The book's delta = 1e-7 inside the log, which the backward pass
			// leaves out as the book does, moves the gradient by about
			// 1e-7 / y relative, y being the probability of the correct class.
			// Small output weights keep every y near 1/3 and this near 3e-7.
			// (With delta = 0 the two gradients agree to about 1e-9.)
			params(net)["W3"].Scale(0.1)
			x, labels := tinyBatch(uint64(20 + i))
			grads, _ := gradient(net, x, labels)
			num := net.NumericalGradient(x, labels)
			if len(grads) != len(params(net)) || len(num) != len(params(net)) {
				t.Fatalf("%d backprop and %d numerical gradients for %d parameters", len(grads), len(num), len(params(net)))
			}
			for name, g := range grads {
				e := relerr.Norm(g, num[name])
				t.Logf("%s: relative error %.2g", name, e)
				if !(e < 1e-6) {
					t.Errorf("%s: relative error %.3g against the numerical gradient, want < 1e-6\nbackprop:\n%v\nnumerical:\n%v", name, e, g, num[name])
				}
			}
		})
	}
}

// A bias just before batch normalization shifts every sample of the batch
// alike, and the mean subtraction removes it: its gradient is zero.
func TestBiasBeforeBatchNormHasZeroGradient(t *testing.T) {
	net, err := NewMultiLayerNet(Config{InputSize: 6, HiddenSizes: []int{5, 4}, OutputSize: 3, UseBatchnorm: true, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	x, labels := tinyBatch(2)
	grads, _ := gradient(net, x, labels)
	for _, name := range []string{"b1", "b2"} {
		for _, g := range grads[name].Data {
			if math.Abs(g) > 1e-15 {
				t.Errorf("%s has gradient %v, want 0", name, grads[name].Data)
				break
			}
		}
	}
	if mat.Sum(mat.Mul(grads["b3"], grads["b3"])) < 1e-6 {
		t.Errorf("b3, after the last Affine, has gradient %v, want a nonzero one", grads["b3"].Data)
	}
}

func TestGradientAddsWeightDecay(t *testing.T) {
	const lambda = 0.3
	c := Config{InputSize: 6, HiddenSizes: []int{5}, OutputSize: 3, Seed: 3}
	plain, _ := NewMultiLayerNet(c)
	c.WeightDecayLambda = lambda
	decayed, _ := NewMultiLayerNet(c)
	x, labels := tinyBatch(4)
	g0, _ := gradient(plain, x, labels)
	g1, _ := gradient(decayed, x, labels)
	for _, name := range []string{"W1", "W2"} {
		want := mat.Add(g0[name], params(decayed)[name].Clone().Scale(lambda))
		if d := mat.MaxAbsDiff(g1[name], want); d > 1e-15 {
			t.Errorf("d%s with weight decay differs from dW + lambda W by %g", name, d)
		}
	}
	if d := mat.MaxAbsDiff(g1["b1"], g0["b1"]); d != 0 {
		t.Errorf("weight decay changed the bias gradient by %g", d)
	}
}

// Gradient also returns the loss of its forward pass, weight decay included,
// so training loops need no second forward pass: it must equal Loss.
func TestGradientReturnsLoss(t *testing.T) {
	x, labels := tinyBatch(7)
	for _, lambda := range []float64{0, 0.1} {
		net, err := NewMultiLayerNet(Config{InputSize: 6, HiddenSizes: []int{5, 4}, OutputSize: 3, WeightDecayLambda: lambda, UseBatchnorm: true, Seed: 3})
		if err != nil {
			t.Fatal(err)
		}
		want := net.Loss(x, labels, true)
		_, got := gradient(net, x, labels)
		if math.Abs(got-want) > 1e-12 {
			t.Errorf("lambda %v: Gradient's loss %v, Loss gives %v", lambda, got, want)
		}
	}
}

// params returns the network's parameters by name.
func params(n *Net) map[string]*mat.Matrix {
	m := map[string]*mat.Matrix{}
	for _, p := range n.Params() {
		m[p.Name] = p.Value
	}
	return m
}

// gradient runs n.Gradient and returns copies of the gradients by name, and
// the loss.
func gradient(n *Net, x *mat.Matrix, labels []int) (map[string]*mat.Matrix, float64) {
	loss := n.Gradient(x, labels)
	m := map[string]*mat.Matrix{}
	for _, p := range n.Params() {
		m[p.Name] = p.Grad.Clone()
	}
	return m, loss
}
