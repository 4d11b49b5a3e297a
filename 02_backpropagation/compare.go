// How much faster is backpropagation? One gradient of the same network on
// the same 100 images, by numerical differentiation (the book's chapter 4)
// and by backpropagation (chapter 5), timed side by side. The benchmarks in
// bench_test.go measure the same thing under go test -bench.

package main

import (
	"context"
	"fmt"
	"io"
	"slices"
	"time"

	"dlfs/common/mat"
	"dlfs/dataset"
)

// The book's NumPy code on the same kind of 2-core machine.
const (
	bookNumerical = 16.7     // seconds per numerical gradient
	bookBackprop  = 0.62e-3  // seconds per backprop gradient
	bookRatio     = 27_000.0 // bookNumerical / bookBackprop, rounded
)

// timedRuns is how many backprop gradients (and forward passes, for the
// estimate) are timed; the median is reported, as a single sub-millisecond
// run is at the mercy of the scheduler.
const timedRuns = 51

// compareGradients times one gradient of net's loss on the first 100 images
// of trainSet by each method and prints both times and their ratio.
func compareGradients(ctx context.Context, net *TwoLayerNet, trainSet *dataset.Set, stdout, stderr io.Writer) error {
	idx := trainSet.Range(0, min(100, trainSet.Len()))
	x, labels := trainSet.X(idx), trainSet.LabelsOf(idx)
	params := 0
	for _, name := range ParamNames {
		params += len(net.Params[name].Data)
	}
	fmt.Fprintf(stdout, "one gradient of TwoLayerNet(784, %d, 10), %d parameters, on %d training images\n",
		net.Params["W1"].Cols, params, len(idx))

	var backprop map[string]*mat.Matrix
	backpropTime := median(func() { backprop, _ = net.Gradient(x, labels) })
	fmt.Fprintf(stdout, "backprop:  %9.3f ms  (median of %d; book's NumPy %.2f ms)\n", 1e3*backpropTime, timedRuns, 1e3*bookBackprop)

	forwardTime := median(func() { net.Loss(x, labels) })
	fmt.Fprintf(stdout, "numerical: 2 forward passes for each parameter, %d at %.3f ms: about %.0f s...\n",
		2*params, 1e3*forwardTime, 2*float64(params)*forwardTime)
	start := time.Now()
	numerical, err := watchedNumericalGradient(ctx, net, x, labels, stderr)
	if err != nil {
		return err
	}
	numericalTime := time.Since(start).Seconds()
	fmt.Fprintf(stdout, "numerical: %9.3f s   (book's NumPy %.1f s)\n", numericalTime, bookNumerical)

	sum, n := 0.0, 0
	for _, name := range ParamNames {
		sum += meanAbsDiff(backprop[name], numerical[name]) * float64(len(numerical[name].Data))
		n += len(numerical[name].Data)
	}
	fmt.Fprintf(stdout, "the two gradients differ by %.1e on average\n", sum/float64(n))
	fmt.Fprintf(stdout, "backprop is %.0f times faster (book's NumPy: about %.0f times)\n", numericalTime/backpropTime, bookRatio)
	return nil
}

// median returns the median time of timedRuns calls of f, in seconds.
func median(f func()) float64 {
	times := make([]time.Duration, timedRuns)
	for r := range times {
		start := time.Now()
		f()
		times[r] = time.Since(start)
	}
	slices.Sort(times)
	return times[len(times)/2].Seconds()
}
