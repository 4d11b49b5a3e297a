// The gradient check, the book's ch05/gradient_check.py: the gradient by
// backpropagation against the slow, obviously-right numerical gradient, on
// the first 3 training images.

package main

import (
	"context"
	"fmt"
	"io"
	"math"

	"dlfs/common/cli"
	"dlfs/common/mat"
	"dlfs/common/progress"
	"dlfs/dataset"
)

// bookGradCheck is what gradient_check.py prints with NumPy for each
// parameter: the mean absolute difference between the two gradients. The
// differences are mostly the 1e-7 the loss adds inside its log, which the
// backward pass leaves out: a relative error of about 1e-7 / y, where y, the
// probability given to the right digit, starts near 0.1. That is why b2,
// whose gradient is largest, differs most. The figures vary with the random
// initial weights; their order of magnitude is what to compare.
var bookGradCheck = map[string]float64{"W1": 3.2e-10, "b1": 2.0e-9, "W2": 3.8e-9, "b2": 1.4e-7}

// gradientCheck prints, for each parameter, the mean absolute difference
// between the backprop and numerical gradients of net's loss on the first 3
// images of trainSet, with a progress line on stderr. An interrupt stops the
// numerical gradient at once.
func gradientCheck(ctx context.Context, net *TwoLayerNet, trainSet *dataset.Set, stdout, stderr io.Writer) error {
	idx := trainSet.Range(0, min(3, trainSet.Len()))
	x, labels := trainSet.X(idx), trainSet.LabelsOf(idx)
	numerical, err := watchedNumericalGradient(ctx, net, x, labels, stderr)
	if err != nil {
		return err
	}
	diffs := checkGradients(net, x, labels, numerical)

	fmt.Fprintf(stdout, "gradient check on %d training images: mean |backprop - numerical| per parameter\n", len(idx))
	fmt.Fprintf(stdout, "param  %-8s  %s\n", "this", "book's NumPy")
	for _, name := range ParamNames {
		fmt.Fprintf(stdout, "%-5s  %.1e   %.1e\n", name, diffs[name], bookGradCheck[name])
	}
	return nil
}

// checkGradients returns, for each parameter, the mean absolute difference
// between net's gradient by backpropagation on the batch x and numerical
// (net.NumericalGradient(x, labels) if nil): the book's
// np.average(np.abs(grad_backprop[key] - grad_numerical[key])).
func checkGradients(net *TwoLayerNet, x *mat.Matrix, labels []int, numerical map[string]*mat.Matrix) map[string]float64 {
	if numerical == nil {
		numerical = net.NumericalGradient(x, labels)
	}
	backprop, _ := net.Gradient(x, labels)
	diffs := make(map[string]float64, len(ParamNames))
	for _, name := range ParamNames {
		diffs[name] = meanAbsDiff(backprop[name], numerical[name])
	}
	return diffs
}

// watchedNumericalGradient is net.NumericalGradient(x, labels) with a
// progress line on stderr, one step per loss evaluation, stopped at once by
// an interrupt: then it returns an error saying so, wrapping the cause.
func watchedNumericalGradient(ctx context.Context, net *TwoLayerNet, x *mat.Matrix, labels []int, stderr io.Writer) (map[string]*mat.Matrix, error) {
	params := 0
	for _, name := range ParamNames {
		params += len(net.Params[name].Data)
	}
	bar, evals := progress.New(stderr, "numerical gradient", 2*params), 0
	grads := net.numericalGradient(cli.Watch(ctx, func() { evals++; bar.Step(evals) }, func() float64 { return net.Loss(x, labels) }))
	bar.Done()
	if err := context.Cause(ctx); err != nil {
		return nil, fmt.Errorf("numerical gradient stopped after %d of %d loss evaluations: %w", evals, 2*params, err)
	}
	return grads, nil
}

// meanAbsDiff returns the mean of |a(i,j) - b(i,j)| over all elements.
func meanAbsDiff(a, b *mat.Matrix) float64 {
	if a.Rows != b.Rows || a.Cols != b.Cols {
		panic(fmt.Sprintf("meanAbsDiff: shapes %dx%d and %dx%d differ", a.Rows, a.Cols, b.Rows, b.Cols))
	}
	sum := 0.0
	for i, v := range a.Data {
		sum += math.Abs(v - b.Data[i])
	}
	return sum / float64(len(a.Data))
}
