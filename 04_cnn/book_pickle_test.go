// Golden tests of the book's own pickles, from the command line:
// ch07/params.pkl and ch08/deep_convnet_params.pkl, as the book's repository
// held them in 2016 and holds them since 2022, give through -weights what the
// book's NumPy code gives, and -half prints what its half_float_network.py
// prints (../shared/book-pkl/ACCURACY.txt). And the way back: -save FILE.pkl
// writes weights that -weights reads, and that Python's own pickle.load
// (the book's load_params) gives back bit for bit.

package main

import (
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"dlfs/common/cli/clitest"
	"dlfs/common/npy"
	"dlfs/common/pickle"
	"dlfs/dataset/datasettest"
)

// The six figures of the book's ch07 and ch08 pickles, each from one run of
// the program as a reader types it. -half prints the float64 accuracy before
// it rounds, so its runs are the golden tests of deep_convnet_params.pkl too.
func TestBookPickles(t *testing.T) {
	mnist := datasettest.MNISTDir(t)
	for _, tc := range []struct {
		year, file string
		args, want []string
	}{
		{"2016", "params.pkl", nil, []string{"test accuracy: 0.9890"}},
		{"2022", "params.pkl", nil, []string{"test accuracy: 0.9600"}},
		{"2016", "params.pkl", []string{"-fast"}, []string{"test accuracy: 0.9890"}},
		{"2016", "deep_convnet_params.pkl", []string{"-net", "deep", "-half"}, []string{"float64 accuracy: 0.9935", "float16 accuracy: 0.9935"}},
		// -fast gives the book's figures too: the same arithmetic in another order.
		{"2022", "deep_convnet_params.pkl", []string{"-net", "deep", "-half", "-fast"}, []string{"float64 accuracy: 0.9797", "float16 accuracy: 0.9798"}},
	} {
		t.Run(tc.year+"/"+tc.file+strings.Join(tc.args, ""), func(t *testing.T) {
			path := datasettest.BookPickle(t, tc.year, tc.file)
			out := clitest.Run(t, run, append([]string{"-data", mnist, "-weights", path}, tc.args...)...)
			for _, want := range tc.want {
				if !strings.Contains(out, want+"\n") {
					t.Errorf("%s: want %q, the book's NumPy code's figure; got\n%s", path, want, out)
				}
			}
		})
	}
}

// pythonArrays loads the pickle at path with Python's pickle.load, as the
// book's load_params does, and returns its arrays as NumPy saves them
// (np.savez, read back with npy), with each array's dtype. It skips the test
// without python3 and NumPy.
func pythonArrays(t *testing.T, path string) (map[string]*npy.Array, map[string]string) {
	t.Helper()
	python := "/usr/bin/python3"
	if exec.Command(python, "-c", "import numpy").Run() != nil {
		t.Skip("python3 with NumPy is absent (apt-get install python3-numpy): skipping the book's pickle.load")
	}
	npz := filepath.Join(t.TempDir(), "from_python.npz")
	cmd := exec.Command(python, "-c", `
import pickle, sys, numpy as np
with open(sys.argv[1], 'rb') as f:
    params = pickle.load(f)
for key, val in params.items():
    print(key, val.dtype)
np.savez(sys.argv[2], **params)
`, path, npz)
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "OPENBLAS_CORETYPE=") && !strings.HasPrefix(kv, "OPENBLAS_L2_SIZE=") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("python3: %v\n%s", err, out)
	}
	dtypes := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if name, dtype, ok := strings.Cut(line, " "); ok {
			dtypes[name] = dtype
		}
	}
	arrays, err := npy.Load(npz)
	if err != nil {
		t.Fatal(err)
	}
	return arrays, dtypes
}

// checkPythonReads checks that Python's pickle.load of the pickle dlfs
// wrote at path gives SimpleConvNet's six arrays in the book's shapes, as
// float64, equal bit for bit to what dlfs reads from it.
func checkPythonReads(t *testing.T, path string) {
	t.Helper()
	ours, err := pickle.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	theirs, dtypes := pythonArrays(t, path)
	shapes := map[string][]int{"W1": {30, 1, 5, 5}, "b1": {30}, "W2": {4320, 100}, "b2": {100}, "W3": {100, 10}, "b3": {10}}
	if len(theirs) != len(shapes) {
		t.Errorf("Python reads %d arrays, want %d", len(theirs), len(shapes))
	}
	for name, shape := range shapes {
		a, b := theirs[name], ours[name]
		if a == nil || b == nil || !slices.Equal(a.Shape, shape) || dtypes[name] != "float64" {
			t.Errorf("%s: Python reads %v (%s), want float64 of shape %v", name, a, dtypes[name], shape)
			continue
		}
		if !slices.EqualFunc(a.Data, b.Data, func(x, y float64) bool { return math.Float64bits(x) == math.Float64bits(y) }) {
			t.Errorf("%s: Python reads other values than dlfs", name)
		}
	}
}
