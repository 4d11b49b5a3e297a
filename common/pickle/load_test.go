// Tests of the reader against pickles NumPy wrote: the book's six files
// (compared with their .npy conversions) and the fixtures of testdata/gen.py
// (compared with the .npy files gen.py wrote beside them). The oracle is
// dlfs/common/npy, a reader that shares no code with this package.

package pickle

import (
	"math"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"dlfs/common/npy"
	"dlfs/dataset/datasettest"
)

// sameArrays fails t unless got and want hold the same names, shapes and
// values, bit for bit.
func sameArrays(t *testing.T, what string, got, want map[string]*npy.Array) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: %d arrays, want %d", what, len(got), len(want))
	}
	for name, w := range want {
		g := got[name]
		if g == nil {
			t.Errorf("%s: no array %q", what, name)
			continue
		}
		if !slices.Equal(g.Shape, w.Shape) {
			t.Errorf("%s: %q has shape %v, want %v", what, name, g.Shape, w.Shape)
			continue
		}
		for i := range w.Data {
			if math.Float64bits(g.Data[i]) != math.Float64bits(w.Data[i]) {
				t.Errorf("%s: %q[%d] = %v, want %v", what, name, i, g.Data[i], w.Data[i])
				break
			}
		}
	}
}

// The fixtures: protocols 2 to 5, dict and OrderedDict, NumPy 1 and NumPy 2
// global names, float32 and float64, big-endian, Fortran order, 0-d and
// empty arrays.
func TestFixtures(t *testing.T) {
	want, err := npy.Load(filepath.Join("testdata", "expected.npz"))
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join("testdata", "*.pkl"))
	if len(files) != 12 {
		t.Fatalf("%d fixtures in testdata, want 12 (run testdata/gen.py)", len(files))
	}
	for _, f := range files {
		got, err := Load(f)
		if err != nil {
			t.Error(err)
			continue
		}
		sameArrays(t, f, got, want)
	}
}

// The book's six pickles load; the 2016 ones hold exactly the arrays of
// their .npy conversions, and 2022's sample_weight.pkl is 2016's.
func TestBookPickles(t *testing.T) {
	for _, tc := range []struct{ file, npyDir string }{
		{"sample_weight.pkl", "ch03_sample_weight"},
		{"params.pkl", "ch07_simple_convnet"},
		{"deep_convnet_params.pkl", "ch08_deep_convnet"},
	} {
		want, err := npy.Load(datasettest.BookWeights(t, tc.npyDir))
		if err != nil {
			t.Fatal(err)
		}
		for _, year := range []string{"2016", "2022"} {
			path := datasettest.BookPickle(t, year, tc.file)
			got, err := Load(path)
			if err != nil {
				t.Error(err)
				continue
			}
			if year == "2016" || tc.file == "sample_weight.pkl" {
				sameArrays(t, path, got, want)
				continue
			}
			// 2022's ch07 and ch08 weights differ from 2016's, but have
			// their names and shapes.
			for name, w := range want {
				if g := got[name]; g == nil || !slices.Equal(g.Shape, w.Shape) || slices.Equal(g.Data, w.Data) {
					t.Errorf("%s: %q is not a new array of shape %v", path, name, w.Shape)
				}
			}
		}
	}
}

// Load reads only regular files, and names the path.
func TestLoadNotRegular(t *testing.T) {
	for _, path := range []string{t.TempDir(), "/dev/null"} {
		_, err := Load(path)
		if err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "not a regular file") {
			t.Errorf("Load(%s) = %v, want an error naming it as not a regular file", path, err)
		}
	}
	if _, err := Load(filepath.Join(t.TempDir(), "missing.pkl")); err == nil {
		t.Error("Load of a missing file: no error")
	}
}

// IsPickle tells a pickle from a .npz and a folder.
func TestIsPickle(t *testing.T) {
	if !IsPickle(filepath.Join("testdata", "numpy1_p2_dict.pkl")) {
		t.Error("a protocol 2 pickle is not seen as one")
	}
	if IsPickle(filepath.Join("testdata", "expected.npz")) || IsPickle("testdata") {
		t.Error("a .npy file or a folder is seen as a pickle")
	}
}

// A protocol 2 pickle holds an array's bytes as a latin-1 str, which its
// UTF-8 doubles for every byte of 0x80 or more: random float64s, as trained
// weights are, make the file about 1.5 times their size, and the reader's
// allowance must still take them. NumPy writes the file (skipped without
// python3 and NumPy); the arrays are checked against the .npz it also writes.
func TestProtocol2RandomWeights(t *testing.T) {
	python := "/usr/bin/python3"
	if exec.Command(python, "-c", "import numpy").Run() != nil {
		t.Skip("python3 with NumPy is absent (apt-get install python3-numpy)")
	}
	dir := t.TempDir()
	pkl, npz := filepath.Join(dir, "w.pkl"), filepath.Join(dir, "w.npz")
	script := `
import pickle, sys, numpy as np
rng = np.random.default_rng(7)
d = {"W1": rng.standard_normal((1000, 600)), "b1": rng.standard_normal(200).astype(np.float32)}
with open(sys.argv[1], "wb") as f:
    pickle.dump(d, f, protocol=2)
np.savez(sys.argv[2], W1=d["W1"], b1=d["b1"].astype(np.float64))
`
	if out, err := exec.Command(python, "-c", script, pkl, npz).CombinedOutput(); err != nil {
		t.Fatalf("python: %v\n%s", err, out)
	}
	got, err := Load(pkl)
	if err != nil {
		t.Fatal(err)
	}
	want, err := npy.Load(npz)
	if err != nil {
		t.Fatal(err)
	}
	sameArrays(t, pkl, got, want)
}
