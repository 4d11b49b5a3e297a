// The gradient check of the book's chapter 7 (ch07/gradient_check.py):
// SimpleConvNet's backprop gradient against its numerical gradient, on one
// random 1x10x10 image, printing the mean |difference| of each parameter.

package main

import (
	"fmt"
	"io"
	"math"
	"math/rand/v2"

	"dlfs/common/mat"
	"dlfs/common/network"
)

// gradientCheckConfig is the book's small SimpleConvNet of
// ch07/gradient_check.py: 10 filters of 3x3 over a 1x10x10 image (10x8x8,
// pooled to 10x4x4), 10 hidden units, 10 classes, weights N(0, 0.01²).
var gradientCheckConfig = SimpleConfig{
	InputDim:  [3]int{1, 10, 10},
	FilterNum: 10, FilterSize: 3, Pad: 0, Stride: 1,
	HiddenSize: 10, OutputSize: 10, WeightInitStd: 0.01,
}

// gradientCheck is the book's ch07/gradient_check.py, the -check mode: it
// builds gradientCheckConfig's network, draws one image of uniform pixels in
// [0, 1) (np.random.rand(100)) with the label 1, and prints, parameter by
// parameter, the mean |numerical - backprop| of the gradient of the loss,
// as the book prints it. seed draws the weights and the image.
//
// The differences are tiny but not all alike. b3's is about 2e-7 whatever
// the seed: the loss is -log(y + 1e-7), and backprop's y - t leaves out the
// 1e-7. And the numerical gradient, with the book's h = 1e-4, averages two
// slopes where a ReLU input lies within 1e-4 of 0, which with the book's
// small weights and zero biases happens for some seeds: then W1, b1 or b2
// differ by up to 1e-3 while the other parameters still agree to 1e-10.
func gradientCheck(w io.Writer, seed uint64) error {
	net, x, labels := gradientCheckInput(seed)
	_, err := compareGradients(w, net, x, labels)
	return err
}

// gradientCheckInput returns gradientCheck's network, image and label, all
// drawn from seed.
func gradientCheckInput(seed uint64) (*network.Net, *mat.Matrix, []int) {
	rng := rand.New(rand.NewPCG(seed, seed))
	net := NewSimpleConvNet(gradientCheckConfig, rng)
	x := mat.New(1, 100)
	for i := range x.Data {
		x.Data[i] = rng.Float64()
	}
	return net, x, []int{1}
}

// gradDiff is how far one parameter's two gradients are apart.
type gradDiff struct {
	Name string
	Diff float64 // mean |numerical - backprop|, what the book prints
	Mean float64 // mean |backprop|, the size of the gradient itself
}

// compareGradients prints and returns the mean |numerical - backprop| of
// each of net's parameters for the batch x with labels, in the order of
// net.Params (the book's W1, b1, W2, ...), a line "W1 6.38e-07" each.
func compareGradients(w io.Writer, net *network.Net, x *mat.Matrix, labels []int) ([]gradDiff, error) {
	net.Gradient(x, labels)
	numerical := net.NumericalGradient(x, labels)
	var diffs []gradDiff
	for _, p := range net.Params() {
		num := numerical[p.Name]
		d := gradDiff{Name: p.Name}
		for i, g := range p.Grad.Data {
			d.Diff += math.Abs(num.Data[i] - g)
			d.Mean += math.Abs(g)
		}
		d.Diff /= float64(len(p.Grad.Data))
		d.Mean /= float64(len(p.Grad.Data))
		diffs = append(diffs, d)
		if _, err := fmt.Fprintf(w, "%s %v\n", d.Name, d.Diff); err != nil {
			return nil, err
		}
	}
	return diffs, nil
}
