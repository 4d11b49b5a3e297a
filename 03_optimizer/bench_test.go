// Benchmarks of the two loops that take this chapter's time: measuring a
// deep network's accuracy on MNIST images (weightdecay and dropout do it on
// 10,300 images every epoch) and one training iteration.

package main

import (
	"testing"

	"dlfs/common/network"
	"dlfs/common/optimizer"
	"dlfs/common/trainer"
	"dlfs/dataset"
	"dlfs/dataset/datasettest"
)

// overfitNet returns the 784-[100x6]-10 ReLU network of the overfitting
// experiments and the MNIST test set.
func overfitNet(b *testing.B, dropout float64) (*network.Net, *dataset.Set) {
	_, test, err := dataset.Load(dataset.Options{Dir: datasettest.MNISTDir(b), Normalize: true, Flatten: true, Context: b.Context()})
	if err != nil {
		b.Fatal(err)
	}
	cfg := bookOverfit(1, 1)
	net, err := network.NewMultiLayerNet(network.Config{InputSize: 784, HiddenSizes: cfg.hidden, OutputSize: 10,
		UseDropout: dropout > 0, DropoutRatio: dropout, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	return net, test
}

// The accuracy of 784-[100x6]-10 on the first 1000 test images, as the
// book's Trainer measures it. One epoch of weightdecay measures 10,300.
func BenchmarkAccuracy1000(b *testing.B) {
	net, test := overfitNet(b, 0)
	test = test.Head(1000)
	for b.Loop() {
		trainer.Accuracy(net, test, 0, trainer.EvalChunk)
	}
}

// One training iteration of 784-[100x6]-10 on a batch of 100 test images:
// gradient and SGD update.
func BenchmarkTrainStep(b *testing.B) {
	net, test := overfitNet(b, 0)
	idx := test.Range(0, 100)
	x, labels := test.X(idx), test.LabelsOf(idx)
	opt := optimizer.NewSGD(0.01)
	for b.Loop() {
		net.Gradient(x, labels)
		opt.Update(net.Params())
	}
}
