// Saving the trained parameters as NumPy's .npz, under the book's names, so
// that np.load("w.npz")["W1"] reads them.

package main

import (
	"dlfs/common/mat"
	"dlfs/common/npy"
)

// saveParams writes params (W1, b1, W2, b2, ...) to path (atomically: a
// temporary file renamed into place). The biases are saved as vectors,
// shape (N,), as the book's np.zeros(hidden_size) are.
func saveParams(path string, params map[string]*mat.Matrix) error {
	arrays := map[string]*npy.Array{}
	for name, p := range params {
		if name[0] == 'b' {
			arrays[name] = npy.FromMatrix(p, p.Cols)
		} else {
			arrays[name] = npy.FromMatrix(p)
		}
	}
	return npy.WriteNPZ(path, arrays)
}
