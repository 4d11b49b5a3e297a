// Reading the pretrained weights, the book's init_network (which unpickles
// ch03/sample_weight.pkl): here a .npz file or a folder of .npy files, or the
// repository's own sample_weight.npz built into the program.

package main

import (
	"bytes"
	_ "embed"
	"fmt"

	"dlfs/common/mat"
	"dlfs/common/npy"
)

// sampleWeight is sample_weight.npz: this repository's weights for the
// network, trained by -train (see the package documentation).
//
//go:embed sample_weight.npz
var sampleWeight []byte

// loadNetwork reads the weights at path, a .npz file or a folder of .npy
// files such as ../shared/book-weights/ch03_sample_weight; "" means the
// built-in sample_weight.npz. Each array must have the shape of the book's
// network, and every value finite; an error names the file and the array
// that is not.
func loadNetwork(path string) (*Network, error) {
	arrays, path, err := readWeights(path)
	if err != nil {
		return nil, err
	}

	// need returns one array as a matrix after checking its shape; after
	// the first error it does nothing, and err says what went wrong.
	need := func(name string, shape ...int) *mat.Matrix {
		if err != nil {
			return nil
		}
		var m *mat.Matrix
		m, err = npy.Need(arrays, name, shape...)
		return m
	}
	network := &Network{
		W1: need("W1", 784, 50), b1: need("b1", 50),
		W2: need("W2", 50, 100), b2: need("b2", 100),
		W3: need("W3", 100, 10), b3: need("b3", 10),
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w (the book's network is 784-50-100-10)", path, err)
	}
	return network, nil
}

// readWeights reads the arrays at path, or those of the built-in
// sample_weight.npz if path is "", and returns them with the name to give
// them in messages. A NaN or an infinity is an error.
func readWeights(path string) (arrays map[string]*npy.Array, name string, err error) {
	if path != "" {
		arrays, err = npy.Load(path) // Load refuses NaN and infinities itself
		return arrays, path, err
	}
	name = "sample_weight.npz (built in)"
	arrays, err = npy.DecodeNPZ(bytes.NewReader(sampleWeight), int64(len(sampleWeight)), name)
	if err == nil {
		err = npy.CheckFinite(name, arrays)
	}
	return arrays, name, err
}
