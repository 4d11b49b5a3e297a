// The -serve mode: chapter 5's network as a page in the browser
// (dlfs/common/serve, machinery), where the reader draws a digit, watches
// the hidden units answer, sees each unit's W1 template, and trains the
// network live.

package main

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"

	"dlfs/common/cli"
	"dlfs/common/network"
	"dlfs/common/npy"
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
// training images for its Train button. The flags are checked and the
// address bound before MNIST loads.
func servePage(ctx context.Context, c config, stdout, stderr io.Writer) error {
	if c.trainSize < serve.DefaultBatchSize {
		return cli.Usagef("-train-size %d: the page trains on mini-batches of %d images; want -train-size %d or more",
			c.trainSize, serve.DefaultBatchSize, serve.DefaultBatchSize)
	}
	page := serve.Config{
		Title: "Chapter 5: TwoLayerNet by backpropagation",
		New:   func() *network.Net { return pageNet(c) },
		Seed:  c.seed,
	}
	if c.weights != "" {
		// Only the page network's arrays, each checked from its header.
		arrays, err := npy.LoadWant(c.weights, pageNet(c).Want())
		if err != nil {
			return cli.Usagef("-weights: %v%s", err, hiddenHint(c.weights, c.hidden))
		}
		page.WeightsLabel = c.weights
		page.Weights = func(n *network.Net) error { return n.SetParams(c.weights, arrays) }
	}
	ln, err := serve.Listen(c.serve)
	if err != nil {
		return cli.Usagef("-serve %s: %v", c.serve, err)
	}
	defer ln.Close()
	trainSet, testSet, err := dataset.Load(dataset.Options{Dir: c.data, Normalize: true, Flatten: true, Progress: stderr, Context: ctx})
	if err != nil {
		return err
	}
	page.Train, page.Test = trainSet.Head(min(c.trainSize, trainSet.Len())), testSet
	return serve.Serve(ctx, ln, page, stdout, stderr)
}

// hiddenHint says which -hidden the weights at path need when the header
// of their W1 is 784 x H for another H than the network's.
func hiddenHint(path string, hidden int) string {
	shapes, err := npy.Shapes(path)
	w1 := shapes["W1"]
	if err != nil || len(w1) != 2 || w1[0] != 784 || w1[1] == hidden {
		return ""
	}
	return fmt.Sprintf("; these weights have %d hidden units: add -hidden %d", w1[1], w1[1])
}
