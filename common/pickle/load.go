// Reading a pickle file of named arrays: the book's load_params and
// init_network (pickle.load, then params[key]).

package pickle

import (
	"errors"
	"fmt"
	"io"
	"os"
	"slices"

	"dlfs/common/npy"
)

// MaxFileSize is the largest pickle file Load reads: far more than the
// book's largest (3.5 MB), and small enough to hold in memory.
const MaxFileSize = 1 << 30

// Load reads the pickle file at path, which must hold a dict (or an
// OrderedDict) from names to NumPy float32 or float64 arrays, as the book's
// save_params writes it. Like npy.Load it fails when an array holds a NaN or
// an infinity (npy.CheckFinite), since the arrays are a network's weights.
// Only a regular file is read; errors name path and what was expected.
func Load(path string) (map[string]*npy.Array, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("pickle: %w", err)
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("pickle: %s is not a regular file (%s), expected a .pkl file", path, fi.Mode().Type())
	}
	if fi.Size() > MaxFileSize {
		return nil, fmt.Errorf("pickle: %s has %d bytes, more than the %d this reader takes", path, fi.Size(), MaxFileSize)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("pickle: %w", err)
	}
	defer f.Close()
	// The size is read again through the open file, which may have changed.
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("pickle: %s: %w", path, err)
	}
	if len(data) > MaxFileSize {
		return nil, fmt.Errorf("pickle: %s has more than the %d bytes this reader takes", path, MaxFileSize)
	}
	arrays, err := Decode(data, path)
	if err != nil {
		return nil, err
	}
	if err := npy.CheckFinite(path, arrays); err != nil {
		return nil, err
	}
	return arrays, nil
}

// Decode reads the pickle in data, a dict from names to arrays, as Load
// does, but lets NaNs and infinities through. name is the file's name, for
// errors.
func Decode(data []byte, name string) (map[string]*npy.Array, error) {
	// The allowance: a protocol 2 pickle holds an array's R bytes as a str of
	// up to 2R bytes of UTF-8, which the reader keeps, encodes back to bytes
	// and converts to float64 (up to 2R again for float32): about 3 times the
	// file. Four times leaves room and still bounds a forged file.
	m := &machine{data: data, memo: map[int]any{}, budget: 4*int64(len(data)) + 1<<20}
	v, err := m.run()
	if err != nil {
		return nil, fmt.Errorf("pickle: %s: %w", name, err)
	}
	arrays, err := toArrays(v)
	if err != nil {
		return nil, fmt.Errorf("pickle: %s: %w", name, err)
	}
	return arrays, nil
}

// toArrays checks that v is a dict from str to arrays, and converts it.
func toArrays(v any) (map[string]*npy.Array, error) {
	d, ok := v.(*dict)
	if !ok {
		return nil, fmt.Errorf("the pickle holds %s, expected a dict of NumPy arrays", pyType(v))
	}
	if len(d.keys) == 0 {
		return nil, errors.New("the dict holds no arrays")
	}
	arrays := make(map[string]*npy.Array, len(d.keys))
	for i, k := range d.keys {
		name, ok := k.(string)
		if !ok {
			return nil, fmt.Errorf("a key of %s, expected a str such as 'W1'", pyType(k))
		}
		a, ok := d.vals[i].(*ndarray)
		if !ok {
			return nil, fmt.Errorf("%q is %s, expected a NumPy array", name, pyType(d.vals[i]))
		}
		if !a.built {
			return nil, fmt.Errorf("%q is a numpy.ndarray without its state (no BUILD)", name)
		}
		arrays[name] = &npy.Array{Shape: slices.Clone(a.shape), Data: a.data}
	}
	return arrays, nil
}

// IsPickle reports whether the file at path starts as a pickle of protocol
// 2 to 5 does (PROTO 2..5), so that a -weights flag can tell a .pkl from a
// .npz or a folder whatever its name.
func IsPickle(path string) bool {
	fi, err := os.Stat(path)
	if err != nil || !fi.Mode().IsRegular() {
		return false
	}
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	var b [2]byte
	if _, err := io.ReadFull(f, b[:]); err != nil {
		return false
	}
	return b[0] == 0x80 && b[1] >= 2 && b[1] <= 5
}
