// The -serve mode: chapter 3's network as a page in the browser
// (dlfs/common/serve, machinery), where the reader draws a digit and
// watches both sigmoid layers answer. It serves the weights of -weights, or
// the built-in sample_weight.npz; the page can also train the network from
// scratch.

package main

import (
	"context"
	"io"

	"dlfs/common/cli"
	"dlfs/common/network"
	"dlfs/common/serve"
	"dlfs/dataset"
)

// pageNet is the network of predict.go as a network.Net, the one type the
// page knows: newNet's, from seed 1, for the page's Train and Reset.
func pageNet() *network.Net { return newNet(1) }

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
	trainSet, testSet, err := dataset.Load(dataset.Options{Dir: dataDir, Normalize: true, Flatten: true, Progress: stderr, Context: ctx})
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
