// The -serve mode: chapter 3's network as a page in the browser
// (dlfs/common/serve, machinery), where the reader draws a digit and
// watches both sigmoid layers answer. It serves the weights of -weights, or
// the built-in sample_weight.npz; the page can also train the network from
// scratch.

package main

import (
	"context"
	"io"
	"math"
	"math/rand/v2"

	"dlfs/common/cli"
	"dlfs/common/network"
	"dlfs/common/serve"
	"dlfs/dataset"
)

// pageNet builds the network of predict.go as a network.Net, the one type
// the page knows: 784-50-100-10, sigmoid hidden layers, with Xavier's
// initial weights (std sqrt(1/n)) from a fixed seed, for the page's Train
// and Reset.
func pageNet() *network.Net {
	rng := rand.New(rand.NewPCG(1, 1))
	b := network.NewBuilder(784)
	for _, units := range []int{50, 100} {
		b.Affine(units, xavier(b.Size()), rng).Sigmoid()
	}
	return b.Affine(10, xavier(b.Size()), rng).Net()
}

// xavier is Xavier's initial standard deviation for a layer of n inputs.
func xavier(n int) float64 { return 1 / math.Sqrt(float64(n)) }

// servePage serves the network at addr until ctx is cancelled (Ctrl-C).
// The weights are read and checked, and the address bound, before MNIST
// loads.
func servePage(ctx context.Context, addr, weights, dataDir string, stdout, stderr io.Writer) error {
	arrays, name, err := readWeights(weights)
	if err != nil {
		return cli.Usagef("-weights: %v", err)
	}
	if err := pageNet().SetParams(name, arrays); err != nil {
		return cli.Usagef("-weights: %v; want chapter 3's 784-50-100-10 network (W1 784x50, W2 50x100, W3 100x10 and their biases)", err)
	}
	ln, err := serve.Listen(addr)
	if err != nil {
		return cli.Usagef("-serve %s: %v", addr, err)
	}
	defer ln.Close()
	trainSet, testSet, err := dataset.Load(dataset.Options{Dir: dataDir, Normalize: true, Flatten: true, Progress: stderr})
	if err != nil {
		return err
	}
	return serve.Serve(ctx, ln, serve.Config{
		Title:        "Chapter 3: a three-layer network with pretrained weights",
		New:          pageNet,
		Weights:      func(n *network.Net) error { return n.SetParams(name, arrays) },
		WeightsLabel: name,
		Train:        trainSet,
		Test:         testSet,
		Seed:         1,
	}, stdout, stderr)
}
