// The -serve mode: the chapter's network as a page in the browser
// (dlfs/common/serve), where the reader draws a digit and watches each
// convolution, ReLU and pooling layer answer, or trains the network live.

package main

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"

	"dlfs/common/network"
	"dlfs/common/serve"
)

// servePage serves the network -net names at cfg.serve until ctx is
// cancelled (Ctrl-C), with the weights of -weights or, without it,
// untrained, with the first -train-size training images for its Train
// button.
func servePage(ctx context.Context, cfg config, stdout, stderr io.Writer) error {
	titles := map[string]string{"simple": "Chapter 7: SimpleConvNet", "deep": "Chapter 8: DeepConvNet"}
	page := serve.Config{
		Title: titles[cfg.net],
		// The same seed draws the same initial weights on every call, as
		// the page's Reset needs.
		New:  func() *network.Net { return newNet(cfg, rand.New(rand.NewPCG(cfg.seed, cfg.seed))) },
		Seed: cfg.seed,
	}
	if weights := cfg.weights; weights != "" {
		page.WeightsLabel = weights
		page.Weights = func(n *network.Net) error {
			if err := n.LoadParams(weights); err != nil {
				return fmt.Errorf("-weights: %w (for -net %s)", err, cfg.net)
			}
			return nil
		}
	}
	sets := cfg
	sets.weights = "" // the page trains too: load both sets
	var err error
	if page.Train, page.Test, err = loadMNIST(sets, stderr); err != nil {
		return err
	}
	return serve.ListenAndServe(ctx, cfg.serve, page, stdout)
}
