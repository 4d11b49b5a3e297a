// Loading a network of the noise study saved by -save (network.Net's
// SaveParams: NumPy's .npz under the book's names W1, b1, W2, b2, ...), which
// -weights evaluates.

package main

import (
	"fmt"
	"strconv"

	"dlfs/common/network"
	"dlfs/common/npy"
)

// maxLayers bounds the W1, W2, ... that loadNoiseNet looks for.
const maxLayers = 64

// loadNoiseNet reads a network saved by SaveParams (or any .npz or folder
// of .npy files holding W1, b1, ..., WL, bL of a 784-...-10 network) and
// returns it with the hidden sizes its weights have. Errors name the file
// and the array that is missing or has the wrong shape.
func loadNoiseNet(path string) (*network.Net, error) {
	arrays, err := npy.Load(path)
	if err != nil {
		return nil, fmt.Errorf("-weights %s: %w", path, err)
	}
	// The layer sizes, read from W1, W2, ... as far as they go.
	sizes := []int{784}
	for k := 1; k <= maxLayers && arrays["W"+strconv.Itoa(k)] != nil; k++ {
		w := arrays["W"+strconv.Itoa(k)]
		if len(w.Shape) != 2 || w.Shape[0] != sizes[len(sizes)-1] {
			return nil, fmt.Errorf("-weights %s: W%d has shape %v, want (%d, units)", path, k, w.Shape, sizes[len(sizes)-1])
		}
		sizes = append(sizes, w.Shape[1])
	}
	if len(sizes) < 2 {
		_, err := npy.Need(arrays, "W1")
		return nil, fmt.Errorf("-weights %s: %w", path, err)
	}
	if out := sizes[len(sizes)-1]; out != 10 {
		return nil, fmt.Errorf("-weights %s: the last layer W%d has %d outputs, want 10 (one per digit)", path, len(sizes)-1, out)
	}

	c := defaultNoiseConfig()
	c.hidden = sizes[1 : len(sizes)-1]
	net, err := newNoiseNet(c)
	if err != nil {
		return nil, fmt.Errorf("-weights %s: %w", path, err)
	}
	if err := net.SetParams(path, arrays); err != nil {
		return nil, fmt.Errorf("-weights %w", err)
	}
	return net, nil
}
