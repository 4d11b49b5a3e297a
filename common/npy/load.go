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

	"dlfs/common/mat"
)

// Load reads the arrays at path, which is either a .npz file (keys are the
// member names without .npy) or a folder of .npy files (each NAME.npy gives
// key NAME; other files and subfolders are ignored). It fails when the path
// is neither, or holds no arrays, and when an array holds a NaN or an
// infinity (CheckFinite), since the arrays are a network's weights.
func Load(path string) (map[string]*Array, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("npy: %w", err)
	}
	if fi.IsDir() {
		return loadDir(path)
	}
	if !isZip(path) {
		return nil, fmt.Errorf("npy: %s is neither a .npz file (a zip archive) nor a folder of .npy files", path)
	}
	arrays, err := ReadNPZ(path)
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
// finite numbers, naming the file that does not.
func loadDir(dir string) (map[string]*Array, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("npy: %w", err)
	}
	arrays := map[string]*Array{}
	for _, e := range entries {
		name, ok := strings.CutSuffix(e.Name(), ".npy")
		if !ok || name == "" || e.IsDir() {
			continue
		}
		file := filepath.Join(dir, e.Name())
		a, err := ReadFile(file)
		if err != nil {
			return nil, err
		}
		if err := CheckFinite(file, map[string]*Array{name: a}); err != nil {
			return nil, err
		}
		arrays[name] = a
	}
	if len(arrays) == 0 {
		return nil, fmt.Errorf("npy: folder %s holds no .npy files", dir)
	}
	return arrays, nil
}

// isZip reports whether the file at path starts like a zip archive: a local
// file header, or the end record of an empty archive.
func isZip(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	var sig [4]byte
	if _, err := io.ReadFull(f, sig[:]); err != nil {
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
