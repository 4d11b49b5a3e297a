// Reading a pickle of a network's weights, checked against the arrays the
// network wants: the pickle counterpart of npy.LoadWant.

package pickle

import (
	"fmt"
	"maps"
	"os"
	"slices"

	"dlfs/common/npy"
)

// LoadWant reads the pickle at path, as Load does, and checks its arrays
// against want: every name wanted, with its shape, and none missing. A file
// larger than a pickle of want's values can be (16 bytes a value, the most
// protocol 2 spends on a float64, plus 64 KiB) is refused before it is read,
// so a forged file costs no more memory than the network's weights. Names are
// checked in sorted order, so the error is always the same one; errors name
// the file and match npy.ErrMismatch.
func LoadWant(path string, want npy.Want) (map[string]*npy.Array, error) {
	values := 0
	for _, shape := range want {
		n := 1
		for _, d := range shape {
			n *= d
		}
		values += n
	}
	limit := int64(16*values + 1<<16)
	if fi, err := os.Stat(path); err == nil && fi.Size() > limit {
		return nil, fmt.Errorf("pickle: %s has %d bytes, more than a pickle of the network's %d values takes (at most %d)", path, fi.Size(), values, limit)
	}
	arrays, err := Load(path)
	if err != nil {
		return nil, err
	}
	for _, name := range slices.Sorted(maps.Keys(arrays)) {
		if err := want.Check(name, arrays[name].Shape); err != nil {
			return nil, fmt.Errorf("pickle: %s: %w", path, err)
		}
	}
	if err := want.Complete(arrays); err != nil {
		return nil, fmt.Errorf("pickle: %s: %w", path, err)
	}
	return arrays, nil
}
