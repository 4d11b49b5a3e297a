// The -serve mode: chapter 5's network as a page in the browser
// (dlfs/common/serve), where the reader draws a digit, watches the hidden
// units answer, sees each unit's W1 template, and trains the network live.

package main

import (
	"context"
	"io"
	"math/rand/v2"

	"dlfs/common/network"
	"dlfs/common/serve"
	"dlfs/dataset"
)

// pageNet builds the network of the page: TwoLayerNet's layers (Affine,
// Relu, Affine) as a network.Net, the one type the page knows, with the
// initial weights NewTwoLayerNet draws from the same seed.
func pageNet(c config) *network.Net {
	rng := rand.New(rand.NewPCG(c.seed, c.seed))
	return network.NewBuilder(784).Affine(c.hidden, 0.01, rng).Relu().Affine(10, 0.01, rng).Net()
}

// servePage serves the network at c.serve until ctx is cancelled (Ctrl-C),
// untrained or with the weights of -weights, with the first -train-size
// training images for its Train button.
func servePage(ctx context.Context, c config, stdout, stderr io.Writer) error {
	page := serve.Config{
		Title: "Chapter 5: TwoLayerNet by backpropagation",
		New:   func() *network.Net { return pageNet(c) },
		Seed:  c.seed,
	}
	if c.weights != "" {
		page.WeightsLabel = c.weights
		page.Weights = func(n *network.Net) error { return n.LoadParams(c.weights) }
	}
	trainSet, testSet, err := dataset.Load(dataset.Options{Dir: c.data, Normalize: true, Flatten: true, Progress: stderr})
	if err != nil {
		return err
	}
	page.Train, page.Test = trainSet.Head(min(c.trainSize, trainSet.Len())), testSet
	return serve.ListenAndServe(ctx, c.serve, page, stdout)
}
