// Saving and loading a network's parameters, the book's save_params and
// load_params, as NumPy arrays in the book's shapes: filters (FN, C, FH, FW),
// Affine weights (inputs, outputs), biases, gammas and betas (N,). SaveParams
// writes one .npz file, or a pickle as the book's save_params does when the
// name ends in .pkl; LoadParams reads the book's .pkl files, a .npz file or
// a folder of .npy files, such as ../shared/book-weights/ch07_simple_convnet.

package network

import (
	"fmt"
	"slices"
	"strings"

	"dlfs/common/mat"
	"dlfs/common/npy"
	"dlfs/common/pickle"
)

// SaveParams writes every parameter to path, atomically (a temporary file
// renamed into place), replacing what was there: as a pickle of a dict of
// float64 arrays, the book's save_params, when path ends in .pkl, so that the
// book's load_params reads it; otherwise as a .npz file that NumPy's np.load
// reads.
func (n *Net) SaveParams(path string) error {
	arrays := map[string]*npy.Array{}
	for _, p := range n.params {
		arrays[p.Name] = npy.FromMatrix(p.Value, n.numpyShape[p.Name]...)
	}
	if strings.HasSuffix(path, ".pkl") {
		return pickle.WriteFile(path, arrays, true)
	}
	return npy.WriteNPZ(path, arrays)
}

// LoadParams reads parameters into the network from path: a pickle, such as
// the book's ch07/params.pkl or one SaveParams wrote (known by its name, or
// by its first bytes: pickle.IsPickle), a .npz file, or a folder of .npy
// files. Every array must be there with exactly the book's shape, and
// nothing else may be: weights of another network are an error that names
// the array, not a silently wrong network. In a .npz or a folder each
// array's name and shape are checked from its header before its data is
// read (npy.LoadWant), so a file cannot make the network read more than its
// own parameters hold; a pickle is read whole, within pickle.Load's bounds,
// and then checked the same way. On error the network is unchanged.
func (n *Net) LoadParams(path string) error {
	var arrays map[string]*npy.Array
	var err error
	if pickle.IsPickle(path) || strings.HasSuffix(path, ".pkl") {
		arrays, err = pickle.LoadWant(path, n.Want())
	} else {
		arrays, err = npy.LoadWant(path, n.Want())
	}
	if err != nil {
		return err
	}
	return n.SetParams(path, arrays)
}

// Want returns the arrays LoadParams reads: each parameter's name with its
// shape in NumPy's order, for a reader of weights to check headers against.
func (n *Net) Want() npy.Want {
	want := npy.Want{}
	for _, p := range n.params {
		want[p.Name] = n.numpyShape[p.Name]
	}
	return want
}

// SetParams copies arrays (named W1, b1, ...) into the network, with the
// checks of LoadParams; source names where they came from, for the errors.
func (n *Net) SetParams(source string, arrays map[string]*npy.Array) error {
	loaded := map[string]*mat.Matrix{}
	for _, p := range n.params {
		m, err := npy.Need(arrays, p.Name, n.numpyShape[p.Name]...)
		if err != nil {
			return fmt.Errorf("%s: %w", source, err)
		}
		loaded[p.Name] = m
	}
	var extra []string
	for name := range arrays {
		if loaded[name] == nil {
			extra = append(extra, name)
		}
	}
	if len(extra) > 0 {
		slices.Sort(extra)
		var names []string
		for _, p := range n.params {
			names = append(names, p.Name)
		}
		return fmt.Errorf("%s: arrays %s do not belong to this network (it has %s)",
			source, strings.Join(extra, ", "), strings.Join(names, ", "))
	}
	for _, p := range n.params {
		p.Value.CopyFrom(loaded[p.Name])
	}
	return nil
}
