// The -weights flag, the book's load_params (ch07/simple_convnet.py,
// ch08/deep_convnet.py): the network's parameters read from the book's own
// pickle (ch07/params.pkl, ch08/deep_convnet_params.pkl), a .npz file or a
// folder of .npy files, each array checked against the network's shapes.

package main

import (
	"errors"
	"fmt"
	"io"
	"math/rand/v2"

	"dlfs/common/cli"
	"dlfs/common/network"
	"dlfs/common/npy"
)

// titles names the two networks of -net, for the page and for errors.
var titles = map[string]string{"simple": "Chapter 7: SimpleConvNet", "deep": "Chapter 8: DeepConvNet"}

// loadWeights reads the weights of -weights into net, the network -net
// names (network.Net.LoadParams: a pickle, a .npz file or a folder of .npy
// files). Its error is a usage error naming -weights; when the arrays do not
// fit net but fit the other network, it says which -net to add.
func loadWeights(net *network.Net, c config) error {
	err := net.LoadParams(c.weights)
	if err == nil {
		return nil
	}
	other := c
	other.net = map[string]string{"simple": "deep", "deep": "simple"}[c.net]
	if errors.Is(err, npy.ErrMismatch) && newNet(other, rand.New(rand.NewPCG(1, 1))).LoadParams(c.weights) == nil {
		return cli.Usagef("-weights: %v; these are %s's weights: add -net %s", err, titles[other.net], other.net)
	}
	return cli.Usagef("-weights: %v (for -net %s)", err, c.net)
}

// build returns the network -net names, its initial weights drawn by rng
// (the generator that then draws the mini-batches and the dropout masks, as
// the book's code uses np.random for all three), printed to stdout, with the
// weights of -weights loaded, and what its pictures need from before
// (newPictures).
func build(c config, rng *rand.Rand, stdout io.Writer) (*network.Net, *pictures, error) {
	net := newNet(c, rng)
	fmt.Fprintf(stdout, "%s\n", net)
	pics, err := newPictures(c, net)
	if err == nil && c.weights != "" {
		err = loadWeights(net, c)
	}
	return net, pics, err
}
