// Benchmarks of the work of one training iteration and of evaluation, on
// 100 MNIST images: go test -bench . -run '^$' ./04_cnn
// The measured figures, beside those of the book's NumPy code, are in the
// README.

package main

import (
	"math/rand/v2"
	"testing"

	"dlfs/common/mat"
	"dlfs/common/network"
	"dlfs/common/optimizer"
	"dlfs/dataset"
	"dlfs/dataset/datasettest"
)

// benchBatch returns the first 100 MNIST training images and their labels.
func benchBatch(b *testing.B) (*mat.Matrix, []int) {
	trainSet, _, err := dataset.Load(dataset.Options{Dir: datasettest.MNISTDir(b), Normalize: true, Flatten: true})
	if err != nil {
		b.Fatal(err)
	}
	idx := trainSet.Range(0, 100)
	return trainSet.X(idx), trainSet.LabelsOf(idx)
}

// benchTrainStep times one iteration of the book's Trainer: the gradient of
// a batch of 100 images and an Adam update.
func benchTrainStep(b *testing.B, net *network.Net) {
	x, labels := benchBatch(b)
	opt := optimizer.NewAdam(0.001, 0.9, 0.999)
	b.ResetTimer()
	for b.Loop() {
		net.Gradient(x, labels)
		opt.Update(net.Params())
	}
}

// benchPredict times the test-mode scores of 100 images.
func benchPredict(b *testing.B, net *network.Net) {
	x, _ := benchBatch(b)
	b.ResetTimer()
	for b.Loop() {
		net.Predict(x, false)
	}
}

func BenchmarkSimpleConvNetTrainStep(b *testing.B) {
	benchTrainStep(b, NewSimpleConvNet(BookSimpleConfig, rand.New(rand.NewPCG(1, 1))))
}

func BenchmarkSimpleConvNetPredict(b *testing.B) {
	benchPredict(b, NewSimpleConvNet(BookSimpleConfig, rand.New(rand.NewPCG(1, 1))))
}

func BenchmarkDeepConvNetTrainStep(b *testing.B) {
	benchTrainStep(b, NewDeepConvNet(BookDeepConfig, rand.New(rand.NewPCG(1, 1))))
}

func BenchmarkDeepConvNetPredict(b *testing.B) {
	benchPredict(b, NewDeepConvNet(BookDeepConfig, rand.New(rand.NewPCG(1, 1))))
}
