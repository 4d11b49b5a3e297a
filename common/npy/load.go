// Loading a set of named weights, the chapters' -weights flag: a .npz file or
// a folder of .npy files (like ../shared/book-weights/ch03_sample_weight), and
// checking each array's shape before a network uses it.

package npy

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"dlfs/common/atomicfile"
	"dlfs/common/mat"
)

// Load reads the arrays at path, which is either a .npz file (keys are the
// member names without .npy) or a folder of .npy files (each NAME.npy gives
// key NAME; other files and subfolders are ignored). It fails when the path
// is neither, or holds no arrays, and when an array holds a NaN or an
// infinity (CheckFinite), since the arrays are a network's weights. A file
// must be a regular file: a named pipe is refused, not waited on.
//
// Load reads whatever the file holds. A program that knows the arrays it
// needs calls LoadWant, which refuses anything else before reading it.
func Load(path string) (map[string]*Array, error) { return load(path, nil) }

// LoadWant is Load for the arrays of want, such as a network's parameters
// (see Want). It returns exactly those arrays: an array of another name is
// refused before anything is read, one whose header gives another shape
// before its data is read (or, in a .npz, decompressed), and a missing one
// is an error. So a file can never make LoadWant read more data than the
// wanted shapes hold. The errors name the file and the array; those about
// names and shapes match ErrMismatch. An empty want accepts no array.
func LoadWant(path string, want Want) (map[string]*Array, error) {
	if want == nil {
		want = Want{}
	}
	return load(path, want)
}

// load is Load, and LoadWant when want is not nil.
func load(path string, want Want) (map[string]*Array, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("npy: %w", err)
	}
	var arrays map[string]*Array
	if fi.IsDir() {
		arrays, err = loadDir(path, want)
	} else {
		arrays, err = loadNPZ(path, want)
	}
	if err != nil {
		return nil, err
	}
	if want != nil {
		if err := want.Complete(arrays); err != nil {
			return nil, fmt.Errorf("npy: %s: %w", path, err)
		}
	}
	return arrays, nil
}

// loadNPZ reads the .npz file at path, which must start like a zip archive,
// and checks that it holds arrays of finite numbers.
func loadNPZ(path string, want Want) (map[string]*Array, error) {
	f, fi, err := atomicfile.OpenRegular(path)
	if err != nil {
		return nil, fmt.Errorf("npy: %w", err) // the error names the file
	}
	defer f.Close()
	if !isZip(f) {
		return nil, fmt.Errorf("npy: %s is neither a .npz file (a zip archive) nor a folder of .npy files", path)
	}
	arrays, err := decodeNPZ(f, fi.Size(), path, want)
	if err != nil {
		return nil, err
	}
	if len(arrays) == 0 {
		return nil, fmt.Errorf("npy: %s holds no arrays", path)
	}
	if err := CheckFinite(path, arrays); err != nil {
		return nil, err
	}
	return arrays, nil
}

// loadDir reads every NAME.npy file in dir, and checks that each holds
// finite numbers, naming the file that does not. With a want, the headers
// of the wanted files and the names of the others are all checked before
// any data is read.
func loadDir(dir string, want Want) (map[string]*Array, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("npy: %w", err)
	}
	var names []string
	for _, e := range entries {
		name, ok := strings.CutSuffix(e.Name(), ".npy")
		if ok && name != "" && !e.IsDir() {
			names = append(names, name)
		}
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("npy: folder %s holds no .npy files", dir)
	}
	if want != nil {
		// First the headers of the wanted arrays, so that the weights of
		// another network are reported by the first shape that differs;
		// then the other names.
		for _, name := range names {
			if _, ok := want[name]; !ok {
				continue
			}
			file := filepath.Join(dir, name+".npy")
			shape, err := fileShape(file)
			if err != nil {
				return nil, err
			}
			if err := want.Check(name, shape); err != nil {
				return nil, fmt.Errorf("npy: %s: %w", file, err)
			}
		}
		if err := want.checkNames(names); err != nil {
			return nil, fmt.Errorf("npy: folder %s: %w", dir, err)
		}
	}
	arrays := map[string]*Array{}
	for _, name := range names {
		file := filepath.Join(dir, name+".npy")
		var check func([]int) error
		if want != nil {
			check = func(shape []int) error { return want.Check(name, shape) }
		}
		a, err := readFile(file, check)
		if err != nil {
			return nil, err
		}
		if err := CheckFinite(file, map[string]*Array{name: a}); err != nil {
			return nil, err
		}
		arrays[name] = a
	}
	return arrays, nil
}

// isZip reports whether f starts like a zip archive: a local file header,
// or the end record of an empty archive.
func isZip(f io.ReaderAt) bool {
	var sig [4]byte
	if _, err := f.ReadAt(sig[:], 0); err != nil {
		return false
	}
	return string(sig[:]) == "PK\x03\x04" || string(sig[:]) == "PK\x05\x06"
}

// Need returns the array called name as a matrix (see Array.Matrix), after
// checking that its shape is exactly shape (no shape: any shape will do).
// Its errors say what was wanted and what was found, for example
//
//	weights "W1": shape (784, 50) expected, file has (50, 784)
//	weights: no array "b3" (have W1, W2, b1, b2)
//
// but not which file: wrap them with the path given to Load.
func Need(arrays map[string]*Array, name string, shape ...int) (*mat.Matrix, error) {
	a := arrays[name]
	if a == nil {
		have := make([]string, 0, len(arrays))
		for k := range arrays {
			have = append(have, k)
		}
		slices.Sort(have)
		return nil, fmt.Errorf("weights: no array %q (have %s)", name, strings.Join(have, ", "))
	}
	if len(shape) > 0 && !slices.Equal(a.Shape, shape) {
		return nil, fmt.Errorf("weights %q: shape %s expected, file has %s", name, formatShape(shape), formatShape(a.Shape))
	}
	return a.Matrix(), nil
}
