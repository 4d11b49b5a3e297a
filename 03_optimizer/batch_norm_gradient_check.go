// The gradient check of the book's chapter 6.3 (ch06/batch_norm_gradient_check.py):
// the batch-normalized MultiLayerNetExtend's backprop gradient against its
// numerical gradient, on the first training image, printing the mean
// |difference| of each parameter.

package main

import (
	"context"
	"fmt"
	"io"
	"math"

	"dlfs/common/cli"
	"dlfs/common/mat"
	"dlfs/common/network"
	"dlfs/common/nn"
	"dlfs/common/progress"
	"dlfs/common/trainer"
)

// batchNormCheckConfig is the book's network of the check:
// MultiLayerNetExtend(input_size=784, hidden_size_list=[100, 100],
// output_size=10, use_batchnorm=True), ReLU and He's initial weights.
var batchNormCheckConfig = network.Config{
	InputSize: 784, HiddenSizes: []int{100, 100}, OutputSize: 10, UseBatchnorm: true,
}

// runCheck is the check experiment: the book's check on its one image.
func runCheck(e *env) error {
	train, _, err := e.mnist(e.x)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "784-[100x2]-10 with batch norm, seed %d, on the first training image: mean |backprop - numerical|\n", e.seed)
	_, err = batchNormGradientCheck(e.ctx, e.stdout, e.stderr, train, 1, e.seed)
	return err
}

// batchNormGradientCheck is the book's batch_norm_gradient_check.py: it
// builds batchNormCheckConfig's network (seed draws its weights), computes
// the gradient of the loss on the first n images of train (the book's
// x_train[:1], so n = 1) by backprop and numerically, and prints to w,
// parameter by parameter in the book's order (W1, b1, gamma1, beta1, W2,
// ...), their mean |backprop - numerical| as the book does: "W1:0.0". The
// numerical gradient draws its progress on stderr and stops when ctx is
// cancelled.
//
// With the book's single image, batch normalization has nothing to
// normalize over: x - mean(x) is exactly 0, so each one outputs its beta
// whatever comes in. Every parameter before the second one then has a zero
// gradient, both ways, and so has W3, since beta2 starts at 0 and the ReLU
// after it outputs 0. And beta2 itself sits on the ReLU's kink: backprop
// takes the slope at 0 to be 0 (the book's mask x <= 0), while the
// numerical gradient averages it with the slope on the right, so the check
// prints a large difference for beta2 (about 0.05) and tiny ones (b3's
// 2e-7 is the 1e-7 of the loss's log(y + 1e-7)) or zeros for the rest.
// n = 2 or more images gives every parameter a gradient to compare.
func batchNormGradientCheck(ctx context.Context, w, stderr io.Writer, train trainer.Data, n int, seed uint64) ([]gradDiff, error) {
	if n < 1 || n > train.Len() {
		return nil, fmt.Errorf("the gradient check wants 1 to %d images, not %d", train.Len(), n)
	}
	cfg := batchNormCheckConfig
	cfg.Seed = seed
	net, err := network.NewMultiLayerNet(cfg)
	if err != nil {
		return nil, err
	}
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	return compareGradients(ctx, w, stderr, net, train.X(idx), train.LabelsOf(idx))
}

// gradDiff is how far one parameter's two gradients are apart.
type gradDiff struct {
	Name string
	Diff float64 // mean |backprop - numerical|, what the book prints
	Mean float64 // mean |backprop|, the size of the gradient itself
}

// compareGradients prints to w and returns the mean |backprop - numerical|
// of each of net's parameters for the batch x with labels, in the order of
// net.Params, a line "W1:6.38e-07" each, as the book prints them.
func compareGradients(ctx context.Context, w, stderr io.Writer, net *network.Net, x *mat.Matrix, labels []int) ([]gradDiff, error) {
	net.Gradient(x, labels)
	numerical, err := numericalGradient(ctx, stderr, net, x, labels)
	if err != nil {
		return nil, err
	}
	var diffs []gradDiff
	for _, p := range net.Params() {
		num := numerical[p.Name]
		d := gradDiff{Name: p.Name}
		for i, g := range p.Grad.Data {
			d.Diff += math.Abs(g - num.Data[i])
			d.Mean += math.Abs(g)
		}
		d.Diff /= float64(len(p.Grad.Data))
		d.Mean /= float64(len(p.Grad.Data))
		diffs = append(diffs, d)
		if _, err := fmt.Fprintf(w, "%s:%v\n", d.Name, d.Diff); err != nil {
			return nil, err
		}
	}
	return diffs, nil
}

// numericalGradient is the book's MultiLayerNetExtend.numerical_gradient:
// nn.NumericalGradient of the training-mode loss for each parameter, keyed
// by its name, with a progress line on stderr, one step per loss
// evaluation. A cancelled ctx stops it at once, with an error that says how
// far it got and wraps the cause. (Net.NumericalGradient is the same, with
// no progress, and also fixes dropout's masks; the networks checked here
// have no dropout.)
func numericalGradient(ctx context.Context, stderr io.Writer, net *network.Net, x *mat.Matrix, labels []int) (map[string]*mat.Matrix, error) {
	total := 0
	for _, p := range net.Params() {
		total += 2 * len(p.Value.Data)
	}
	bar, evals := progress.New(stderr, "numerical gradient", total), 0
	loss := cli.Watch(ctx, func() { evals++; bar.Step(evals) }, func() float64 { return net.Loss(x, labels, true) })
	grads := make(map[string]*mat.Matrix)
	for _, p := range net.Params() {
		grads[p.Name] = nn.NumericalGradient(loss, p.Value)
	}
	bar.Done()
	if err := context.Cause(ctx); err != nil {
		return nil, fmt.Errorf("numerical gradient stopped after %d of %d loss evaluations: %w", evals, total, err)
	}
	return grads, nil
}
