// Loading a network of the noise study saved by -save (network.Net's
// SaveParams: NumPy's .npz under the book's names W1, b1, W2, b2, ...), which
// -weights evaluates.

package main

import (
	"fmt"
	"strconv"

	"dlfs/common/cli"
	"dlfs/common/network"
	"dlfs/common/npy"
)

// The largest network the study builds, from -hidden or from a weights
// file's headers: at most maxHiddenLayers hidden layers of at most maxUnits
// units each.
const (
	maxHiddenLayers = 16
	maxUnits        = 10_000
)

// loadNoiseNet reads a network saved by SaveParams (or any .npz or folder
// of .npy files holding W1, b1, ..., WL, bL of a 784-...-10 network) and
// returns it with the hidden sizes its weights have. The sizes come from
// the arrays' headers (npy.Shapes); the network built from them then reads
// its parameters with LoadParams, which checks every header again before
// reading any data, so a forged file cannot make it read more than the
// network holds. Errors name the file and the array that is missing or has
// the wrong shape.
func loadNoiseNet(path string) (*network.Net, error) {
	shapes, err := npy.Shapes(path)
	if err != nil {
		return nil, fmt.Errorf("-weights %s: %w", path, err)
	}
	// The layer sizes, read from W1, W2, ... as far as they go, and what
	// they hold, before anything is allocated for them.
	sizes, params := []int{784}, 0
	for k := 1; k <= maxHiddenLayers+1 && shapes["W"+strconv.Itoa(k)] != nil; k++ {
		w, in := shapes["W"+strconv.Itoa(k)], sizes[len(sizes)-1]
		if len(w) != 2 || w[0] != in {
			return nil, fmt.Errorf("-weights %s: W%d has shape %v, want (%d, units)", path, k, w, in)
		}
		if w[1] < 1 || w[1] > maxUnits {
			return nil, fmt.Errorf("-weights %s: W%d has %d units, want 1 to %d", path, k, w[1], maxUnits)
		}
		sizes, params = append(sizes, w[1]), params+in*w[1]+w[1]
	}
	if len(sizes) < 2 {
		return nil, fmt.Errorf("-weights %s: no array \"W1\", the first layer's weights", path)
	}
	if out := sizes[len(sizes)-1]; out != 10 {
		return nil, fmt.Errorf("-weights %s: the last layer W%d has %d outputs, want 10 (one per digit)", path, len(sizes)-1, out)
	}
	// The network, and the arrays read into it.
	if err := cli.CheckMemory(fmt.Sprintf("-weights %s (%d parameters)", path, params), cli.Float64s(2, params)); err != nil {
		return nil, err
	}

	c := defaultNoiseConfig()
	c.hidden = sizes[1 : len(sizes)-1]
	net, err := newNoiseNet(c)
	if err != nil {
		return nil, fmt.Errorf("-weights %s: %w", path, err)
	}
	if err := net.LoadParams(path); err != nil {
		return nil, fmt.Errorf("-weights %w", err)
	}
	return net, nil
}
