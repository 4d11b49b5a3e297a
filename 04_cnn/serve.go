// The -serve mode: the chapter's network as a page in the browser
// (dlfs/common/serve, machinery), where the reader draws a digit and
// watches each convolution, ReLU and pooling layer answer, or trains the
// network live.

package main

import (
	"context"
	"io"
	"math/rand/v2"

	"dlfs/common/cli"
	"dlfs/common/network"
	"dlfs/common/npy"
	"dlfs/common/serve"
)

// servePage serves the network -net names at cfg.serve until ctx is
// cancelled (Ctrl-C), with the weights of -weights or, without it,
// untrained, with the first -train-size training images for its Train
// button. The flags are checked and the address bound before MNIST loads.
func servePage(ctx context.Context, cfg config, stdout, stderr io.Writer) error {
	if cfg.trainSize < serve.DefaultBatchSize {
		return cli.Usagef("-train-size %d: the page trains on mini-batches of %d images; want -train-size %d or more",
			cfg.trainSize, serve.DefaultBatchSize, serve.DefaultBatchSize)
	}
	titles := map[string]string{"simple": "Chapter 7: SimpleConvNet", "deep": "Chapter 8: DeepConvNet"}
	// The same seed draws the same initial weights on every call, as the
	// page's Reset needs.
	build := func(c config) *network.Net { return newNet(c, rand.New(rand.NewPCG(c.seed, c.seed))) }
	page := serve.Config{
		Title: titles[cfg.net],
		New:   func() *network.Net { return build(cfg) },
		Seed:  cfg.seed,
	}
	if weights := cfg.weights; weights != "" {
		arrays, err := npy.Load(weights)
		if err != nil {
			return cli.Usagef("-weights: %v", err)
		}
		if err := build(cfg).SetParams(weights, arrays); err != nil {
			other := cfg
			other.net = map[string]string{"simple": "deep", "deep": "simple"}[cfg.net]
			if build(other).SetParams(weights, arrays) == nil {
				return cli.Usagef("-weights: %v; these are %s's weights: add -net %s", err, titles[other.net], other.net)
			}
			return cli.Usagef("-weights: %v (for -net %s)", err, cfg.net)
		}
		page.WeightsLabel = weights
		page.Weights = func(n *network.Net) error { return n.SetParams(weights, arrays) }
	}
	ln, err := serve.Listen(cfg.serve)
	if err != nil {
		return cli.Usagef("-serve %s: %v", cfg.serve, err)
	}
	defer ln.Close()
	sets := cfg
	sets.weights = "" // the page trains too: load both sets
	if page.Train, page.Test, err = loadMNIST(sets, stderr); err != nil {
		return err
	}
	return serve.Serve(ctx, ln, page, stdout, stderr)
}
