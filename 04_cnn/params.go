// Saving and loading a network's parameters, the book's save_params and
// load_params, as NumPy arrays in the book's shapes: filters (FN, C, FH, FW),
// Affine weights (inputs, outputs), biases (N,). SaveParams writes one .npz
// file; LoadParams reads a .npz file or a folder of .npy files, such as
// ../shared/book-weights/ch07_simple_convnet.

package main

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"dlfs/common/mat"
	"dlfs/common/npy"
)

// SaveParams writes every parameter to path as a .npz file that NumPy's
// np.load reads (atomically: a temporary file renamed into place).
func (n *layerNet) SaveParams(path string) error {
	arrays := map[string]*npy.Array{}
	for i, wl := range n.weighted {
		k := strconv.Itoa(i + 1)
		W, b := n.params["W"+k], n.params["b"+k]
		arrays["W"+k] = npy.FromMatrix(W, wl.wShape...)
		arrays["b"+k] = npy.FromMatrix(b, b.Cols)
	}
	return npy.WriteNPZ(path, arrays)
}

// LoadParams reads parameters saved by SaveParams, or by the book's code and
// converted to .npy, from path (a .npz file or a folder of .npy files) into
// the network. Every array must be there with exactly the book's shape, and
// nothing else may be: weights of another network are an error that names
// the array, not a silently wrong network. On error the network is unchanged.
func (n *layerNet) LoadParams(path string) error {
	arrays, err := npy.Load(path)
	if err != nil {
		return err
	}
	loaded := map[string]*mat.Matrix{}
	for i, wl := range n.weighted {
		k := strconv.Itoa(i + 1)
		if loaded["W"+k], err = npy.Need(arrays, "W"+k, wl.wShape...); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		if loaded["b"+k], err = npy.Need(arrays, "b"+k, n.params["b"+k].Cols); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
	}
	var extra []string
	for name := range arrays {
		if loaded[name] == nil {
			extra = append(extra, name)
		}
	}
	if len(extra) > 0 {
		slices.Sort(extra)
		return fmt.Errorf("%s: arrays %s do not belong to this network (it has W1..W%d, b1..b%d)",
			path, strings.Join(extra, ", "), len(n.weighted), len(n.weighted))
	}
	for name, m := range loaded {
		n.params[name].CopyFrom(m)
	}
	return nil
}
