// The finiteness check of loaded weights: a NaN or an infinity in a weight
// file would make every prediction wrong without a word, so Load refuses it,
// naming the file, the array and the first bad index.

package npy

import (
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
)

// ErrNotFinite is wrapped by CheckFinite's error.
var ErrNotFinite = errors.New("weights must be finite numbers")

// CheckFinite returns an error if an array in arrays holds a NaN or an
// infinity: it names file (the path the arrays came from), the array, the
// first bad index in NumPy's notation and the value, such as
//
//	npy: w.npz: array "W2" holds NaN at [3, 17]: weights must be finite numbers
//
// Arrays are checked in the order of their names. Load calls it; call it
// for arrays read another way (DecodeNPZ, ReadNPZ, ReadFile) that are weights.
func CheckFinite(file string, arrays map[string]*Array) error {
	for _, name := range slices.Sorted(maps.Keys(arrays)) {
		a := arrays[name]
		for i, v := range a.Data {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return fmt.Errorf("npy: %s: array %q holds %v at %s: %w", file, name, v, formatIndex(a.Shape, i), ErrNotFinite)
			}
		}
	}
	return nil
}

// formatIndex writes the flat C-order index i of an array of the given
// shape as NumPy's [i0, i1, ...] (a 0-d array's only value is []).
func formatIndex(shape []int, i int) string {
	idx := make([]string, len(shape))
	for k := len(shape) - 1; k >= 0; k-- {
		if shape[k] > 0 {
			idx[k] = strconv.Itoa(i % shape[k])
			i /= shape[k]
		}
	}
	return "[" + strings.Join(idx, ", ") + "]"
}
