// Tests of the training loop of the overfitting and search experiments:
// where its epochs start, and how many iterations it runs.

package main

import (
	"io"
	"slices"
	"testing"

	"dlfs/common/network"
	"dlfs/common/optimizer"
	"dlfs/common/progress"
)

func TestEpochStarts(t *testing.T) {
	cases := []struct {
		perEpoch float64
		want     []int // the iterations below 10 that start an epoch
	}{
		{3, []int{0, 3, 6, 9}}, // 300 images in batches of 100: the book's i % 3 == 0
		{1, []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}},
		{1.5, []int{0, 2, 3, 5, 6, 8, 9}},     // 150 images: epochs begin at 0, 1.5, 3, 4.5, ...
		{4.3, []int{0, 5, 9}},                 // 430 images: 0, 4.3, 8.6
		{1.27, []int{0, 2, 3, 4, 6, 7, 8, 9}}, // 127 images: the book's float remainder is 0 only at 0
	}
	for _, c := range cases {
		var got []int
		for i := range 10 {
			if epochStarts(i, c.perEpoch) {
				got = append(got, i)
			}
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("perEpoch %v: epochs start at %v, want %v", c.perEpoch, got, c.want)
		}
	}
	// The book's overfit_weight_decay.py: 300 images, batches of 100, 201
	// epochs, so iterations 0 to 600.
	if n := epochIters(201, 300, 100); n != 601 {
		t.Errorf("epochIters(201, 300, 100) = %d, want 601", n)
	}
	// batch_norm_test.py: 1000 images, 20 epochs: iterations 0 to 190.
	if n := epochIters(20, 1000, 100); n != 191 {
		t.Errorf("epochIters(20, 1000, 100) = %d, want 191", n)
	}
}

// On a training set that is not a multiple of the batch size the loop still
// measures once per epoch and ends.
func TestTrainEpochsFractional(t *testing.T) {
	train, test := mnist(t)
	train, test = train.Head(127), test.Head(50)
	net, err := network.New(network.Config{InputSize: 784, HiddenSizes: []int{20}, OutputSize: 10, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	const epochs = 5
	bar := progress.New(io.Discard, "", epochIters(epochs, train.Len(), 100))
	trainAcc, testAcc, err := trainEpochs(net, optimizer.NewSGD(0.1), train, test, epochs, 100, newRand(1, "test"), bar)
	if err != nil {
		t.Fatal(err)
	}
	if len(trainAcc) != epochs || len(testAcc) != epochs {
		t.Errorf("%d and %d accuracies, want %d each", len(trainAcc), len(testAcc), epochs)
	}
}
