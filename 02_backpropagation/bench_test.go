// Benchmarks of one gradient of TwoLayerNet(784, 50, 10) on the same batch of
// 100 images, by numerical differentiation and by backpropagation: the
// chapter's headline figure. Run both with
//
//	go test -bench Gradient -benchtime 1x ./02_backpropagation
//
// (one numerical gradient takes tens of seconds, so -benchtime 1x; the
// backprop one is timed properly with -bench BackpropGradient alone).
// The book's NumPy code takes 16.7 s and 0.62 ms, a ratio of about 27,000.

package main

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

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
// Run it with -benchtime 1x.
func BenchmarkNumericalGradient(b *testing.B) {
	net, x, labels := benchBatch(b)
	for b.Loop() {
		net.NumericalGradient(x, labels)
	}
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
