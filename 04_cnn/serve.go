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
	// The same seed draws the same initial weights on every call, as the
	// page's Reset needs.
	build := func() *network.Net { return newNet(cfg, rand.New(rand.NewPCG(cfg.seed, cfg.seed))) }
	page := serve.Config{Title: titles[cfg.net], New: build, Seed: cfg.seed}
	if cfg.weights != "" {
		loaded := build()
		if err := loadWeights(loaded, cfg); err != nil {
			return err
		}
		page.WeightsLabel = cfg.weights
		page.Weights = func(n *network.Net) error {
			for _, p := range loaded.Params() {
				n.Param(p.Name).CopyFrom(p.Value)
			}
			return nil
		}
	}
	ln, err := serve.Listen(cfg.serve)
	if err != nil {
		return cli.Usagef("-serve %s: %v", cfg.serve, err)
	}
	defer ln.Close()
	sets := cfg
	sets.weights = "" // the page trains too: load both sets
	if page.Train, page.Test, err = loadMNIST(ctx, sets, stderr); err != nil {
		return err
	}
	return serve.Serve(ctx, ln, page, stdout, stderr)
}
