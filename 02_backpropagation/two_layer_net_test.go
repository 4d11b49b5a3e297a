// Tests of TwoLayerNet: backprop against the numerical gradient on small
// networks (the slow, obviously-right oracle), and the book's gradient check
// on MNIST through the program's -check.

package main

import (
	"bufio"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"dlfs/common/mat"
	"dlfs/common/nn"
	"dlfs/common/relerr"
)

// Backprop must agree with the numerical gradient to a relative error below
// 1e-6 on small networks with random weights and inputs.
//
// The scale matters. The loss is -log(y + 1e-7), where y is the softmax
// probability of the right class, and backprop (like the book's) ignores the
// 1e-7, so the two gradients differ by a relative 1e-7 / y. The weights are
// chosen to keep the scores of order 0.1 to 1, so y stays near 1/classes
// and that difference near 1e-7 / 0.1 at worst, while every gradient is
// large enough that a wrong one cannot hide.
func TestGradientMatchesNumerical(t *testing.T) {
	for _, tc := range []struct {
		name                   string
		batch, in, hidden, out int
		std                    float64 // of the weights; inputs are N(0, 1), or MNIST-like when in is 784
		seed                   uint64
	}{
		{"4-5-3 batch 2", 2, 4, 5, 3, 0.3, 1},
		{"10-8-10 batch 7", 7, 10, 8, 10, 0.2, 2},
		{"1-1-2 batch 1", 1, 1, 1, 2, 0.5, 3},
		{"784-6-10 batch 3", 3, 784, 6, 10, 0.1, 4},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(tc.seed, 7))
			net := NewTwoLayerNet(tc.in, tc.hidden, tc.out, tc.std, rng)
			for _, name := range []string{"b1", "b2"} { // non-zero biases, as after some training
				net.Params[name].CopyFrom(nn.RandN(rng, 1, net.Params[name].Cols, tc.std))
			}
			x := nn.RandN(rng, tc.batch, tc.in, 1)
			if tc.in == 784 {
				x = mnistLike(rng, tc.batch)
			}
			labels := make([]int, tc.batch)
			for i := range labels {
				labels[i] = rng.IntN(tc.out)
			}

			numerical := net.NumericalGradient(x, labels)
			backprop, loss := net.Gradient(x, labels)
			if want := net.Loss(x, labels); loss != want {
				t.Errorf("Gradient returned loss %v, Loss gives %v", loss, want)
			}
			for _, name := range ParamNames {
				e := relerr.Norm(backprop[name], numerical[name])
				t.Logf("%s: relative error %.2g", name, e)
				if !(e < 1e-6) {
					t.Errorf("%s: relative error %.3g between backprop and numerical gradient, want < 1e-6\nbackprop:\n%v\nnumerical:\n%v",
						name, e, backprop[name], numerical[name])
				}
			}
		})
	}
}

// The gradients must not depend on the parameters' order in memory or on
// a previous call: two calls on the same batch give the same numbers.
func TestGradientRepeatable(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 5))
	net := NewTwoLayerNet(20, 7, 4, 0.5, rng)
	x := nn.RandN(rng, 6, 20, 1)
	labels := []int{0, 1, 2, 3, 0, 1}
	first, loss1 := net.Gradient(x, labels)
	saved := map[string]*mat.Matrix{}
	for k, g := range first {
		saved[k] = g.Clone()
	}
	net.Gradient(nn.RandN(rng, 3, 20, 1), []int{3, 2, 1}) // another batch in between
	second, loss2 := net.Gradient(x, labels)
	if loss1 != loss2 {
		t.Errorf("loss %v then %v on the same batch", loss1, loss2)
	}
	for _, name := range ParamNames {
		if d := mat.MaxAbsDiff(saved[name], second[name]); d != 0 {
			t.Errorf("%s differs by %g between two calls on the same batch", name, d)
		}
	}
}

func TestAccuracy(t *testing.T) {
	net := NewTwoLayerNet(2, 2, 2, 0, rand.New(rand.NewPCG(1, 1)))
	// W1 = I, W2 = I, biases 0: the prediction is the larger positive input.
	net.Params["W1"].CopyFrom(mat.NewFrom(2, 2, []float64{1, 0, 0, 1}))
	net.Params["W2"].CopyFrom(mat.NewFrom(2, 2, []float64{1, 0, 0, 1}))
	x := mat.NewFrom(4, 2, []float64{3, 1, 1, 3, 5, 0, 0, 2})
	if got := net.Accuracy(x, []int{0, 1, 1, 1}); got != 0.75 {
		t.Errorf("Accuracy = %v, want 0.75 (3 of 4 right)", got)
	}
}

// The book's gradient check on the first 3 MNIST images, through -check.
// The book's NumPy prints W1 3.2e-10, b1 2.0e-09, W2 3.8e-09, b2 1.4e-07;
// each difference must be tiny (below 1e-6) and of the book's order
// (below 100 times its figure).
func TestCheckFlag(t *testing.T) {
	dir := mnistDir(t)
	stdout, _, err := runProgram(t, "-data", dir, "-check")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]float64{}
	sc := bufio.NewScanner(strings.NewReader(stdout))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) == 3 && bookGradCheck[f[0]] != 0 {
			v, err := strconv.ParseFloat(f[1], 64)
			if err != nil {
				t.Fatalf("line %q: %v", sc.Text(), err)
			}
			got[f[0]] = v
		}
	}
	for _, name := range ParamNames {
		v, ok := got[name]
		switch {
		case !ok:
			t.Errorf("-check printed no line for %s:\n%s", name, stdout)
		case !(v < 1e-6) || !(v < 100*bookGradCheck[name]):
			t.Errorf("%s: mean |backprop - numerical| = %.2g, want < 1e-6 and < 100 x the book's %.1e", name, v, bookGradCheck[name])
		case v == 0:
			t.Errorf("%s: difference exactly 0: the two gradients cannot agree to the last bit", name)
		}
	}
	t.Logf("-check:\n%s", stdout)
}

// The page of -serve starts from the weights the chapter's TwoLayerNet draws
// from the same seed.
func TestPageNetStartsAsTwoLayerNet(t *testing.T) {
	c := config{seed: 3, hidden: 20}
	lesson := NewTwoLayerNet(784, 20, 10, 0.01, rand.New(rand.NewPCG(3, 3)))
	page := pageNet(c)
	for _, name := range []string{"W1", "b1", "W2", "b2"} {
		if d := mat.MaxAbsDiff(page.Param(name), lesson.Params[name]); d != 0 {
			t.Errorf("%s of the page's network differs from TwoLayerNet's by %g", name, d)
		}
	}
}
