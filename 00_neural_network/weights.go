// Reading the pretrained weights, the book's init_network (which unpickles
// ch03/sample_weight.pkl): that very file, a .npz file or a folder of .npy
// files, or the repository's own sample_weight.npz built into the program.

package main

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"

	"dlfs/common/npy"
	"dlfs/common/pickle"
)

// sampleWeight is sample_weight.npz: this repository's weights for the
// network, trained by -train (see the package documentation).
//
//go:embed sample_weight.npz
var sampleWeight []byte

// bookNetwork is what init_network returns: the weights and biases of the
// book's 784-50-100-10 network, with their shapes in the pickle.
var bookNetwork = npy.Want{
	"W1": {784, 50}, "b1": {50},
	"W2": {50, 100}, "b2": {100},
	"W3": {100, 10}, "b3": {10},
}

// loadNetwork reads the weights at path, the book's sample_weight.pkl, a
// .npz file or a folder of .npy files such as
// ../shared/book-weights/ch03_sample_weight; "" means the built-in
// sample_weight.npz. The file must hold the arrays of the book's network,
// each of its shape, every value finite, and nothing else; an error names
// the file and the array that is not so.
func loadNetwork(path string) (*Network, error) {
	arrays, _, err := readWeights(path)
	if err != nil {
		return nil, err
	}
	return &Network{
		W1: arrays["W1"].Matrix(), b1: arrays["b1"].Matrix(),
		W2: arrays["W2"].Matrix(), b2: arrays["b2"].Matrix(),
		W3: arrays["W3"].Matrix(), b3: arrays["b3"].Matrix(),
	}, nil
}

// readWeights reads the arrays of the book's network at path, or those of
// the built-in sample_weight.npz if path is "", and returns them with the
// name to give them in messages. In a .npz or a folder, each array's name
// and shape are checked from its header before its data is read, so a file
// cannot make the program read more than the network holds; a pickle has
// no such headers, so its size is bounded first and its arrays checked
// once read.
func readWeights(path string) (arrays map[string]*npy.Array, name string, err error) {
	switch {
	case path == "":
		name = "sample_weight.npz (built in)"
		arrays, err = npy.DecodeNPZWant(bytes.NewReader(sampleWeight), int64(len(sampleWeight)), name, bookNetwork)
	case pickle.IsPickle(path):
		name = path
		arrays, err = pickle.LoadWant(path, bookNetwork)
	default:
		name = path
		arrays, err = npy.LoadWant(path, bookNetwork) // refuses NaN and infinities too
	}
	if errors.Is(err, npy.ErrMismatch) {
		err = fmt.Errorf("%w (the book's network is 784-50-100-10)", err)
	}
	if err != nil {
		return nil, name, err
	}
	return arrays, name, nil
}

// describe names the weights the run evaluates, for the report.
func describe(c config) string {
	switch {
	case c.train != "":
		return c.train
	case c.weights == "":
		return "sample_weight.npz (this repository's, built into the program)"
	}
	return c.weights
}
