// Benchmarks of one gradient of TwoLayerNet(784, 50, 10) on the same batch of
// 100 images, by numerical differentiation and by backpropagation: the
// chapter's headline figure. Run both with
//
//	go test -run X -bench Gradient -benchtime 1x ./02_backpropagation
//
// One numerical gradient takes tens of seconds, so -benchtime 1x. The
// numerical benchmark then times backpropagation itself, over many
// iterations, and reports how many times faster it is, in the unit
// "speedup"; the backprop benchmark alone is timed properly with
// -bench BackpropGradient.

package main

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"dlfs/common/mat"
	"dlfs/dataset"
	"dlfs/dataset/datasettest"
)

// benchBatch returns the network and the batch both benchmarks use: the
// first 100 MNIST training images, or, when MNIST is absent, 100 synthetic
// MNIST-like images (it says which in the benchmark log).
func benchBatch(b *testing.B) (*TwoLayerNet, *mat.Matrix, []int) {
	b.Helper()
	rng := rand.New(rand.NewPCG(1, 1))
	net := NewTwoLayerNet(784, 50, 10, 0.01, rng)
	if dir := os.Getenv("MNIST_DIR"); dir != "" && hasMNIST(dir) {
		train, _, err := dataset.Load(dataset.Options{Dir: dir, Normalize: true, Flatten: true})
		if err != nil {
			b.Fatal(err)
		}
		idx := train.Range(0, 100)
		b.Log("batch: the first 100 MNIST training images")
		return net, train.X(idx), train.LabelsOf(idx)
	}
	if os.Getenv("MNIST_REQUIRED") == "1" {
		b.Fatal("MNIST_REQUIRED=1 but $MNIST_DIR does not hold the four MNIST files")
	}
	labels := make([]int, 100)
	for i := range labels {
		labels[i] = rng.IntN(10)
	}
	b.Log("batch: 100 synthetic MNIST-like images (80% zeros, the rest uniform in [0,1)); set MNIST_DIR to use MNIST")
	return net, mnistLike(rng, 100), labels
}

// hasMNIST reports whether dir holds the four MNIST files.
func hasMNIST(dir string) bool {
	for _, name := range datasettest.MNISTFiles {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			return false
		}
	}
	return true
}

// mnistLike returns n rows of 784 values shaped like normalized MNIST
// images: about 80% exact zeros (the background), the rest in [0,1).
func mnistLike(rng *rand.Rand, n int) *mat.Matrix {
	x := mat.New(n, 784)
	for i := range x.Data {
		if rng.Float64() >= 0.8 {
			x.Data[i] = rng.Float64()
		}
	}
	return x
}

// BenchmarkNumericalGradient times one gradient by central differences: two
// forward passes of the whole batch for each of the 39,760 parameters.
// Run it with -benchtime 1x. It then times the backprop gradient of the same
// network and batch (backpropTime) and reports it as backprop-ns/op, and the
// ratio of the two as speedup: how many times faster backpropagation is.
func BenchmarkNumericalGradient(b *testing.B) {
	net, x, labels := benchBatch(b)
	for b.Loop() {
		net.NumericalGradient(x, labels)
	}
	numerical := float64(b.Elapsed().Nanoseconds()) / float64(b.N)
	backprop := float64(backpropTime(net, x, labels).Nanoseconds())
	b.ReportMetric(backprop, "backprop-ns/op")
	b.ReportMetric(numerical/backprop, "speedup")
}

// backpropTime returns the time of one backprop gradient of net on x: after
// a few warm-up passes, the median of 5 rounds, each of at least 50
// gradients and 100 ms, of the mean time per gradient. One gradient takes
// about a millisecond, too short to time alone on a busy machine.
func backpropTime(net *TwoLayerNet, x *mat.Matrix, labels []int) time.Duration {
	for range 5 {
		net.Gradient(x, labels)
	}
	var rounds []time.Duration
	for range 5 {
		n, start := 0, time.Now()
		for n < 50 || time.Since(start) < 100*time.Millisecond {
			net.Gradient(x, labels)
			n++
		}
		rounds = append(rounds, time.Since(start)/time.Duration(n))
	}
	slices.Sort(rounds)
	return rounds[len(rounds)/2]
}

// BenchmarkBackpropGradient times one gradient by backpropagation: one
// forward and one backward pass.
func BenchmarkBackpropGradient(b *testing.B) {
	net, x, labels := benchBatch(b)
	b.ReportAllocs()
	for b.Loop() {
		net.Gradient(x, labels)
	}
}
