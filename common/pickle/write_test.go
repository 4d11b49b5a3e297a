// Tests of the writer: its pickle read back by this package and by Python's
// own pickle.load with NumPy (the book's load_params), checked against a
// .npz that dlfs/common/npy wrote from the same arrays.

package pickle

import (
	"bytes"
	"errors"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"dlfs/common/npy"
)

// testArrays are arrays of the shapes a network saves, with values that
// test the bits: negative zero, subnormals, the largest float64.
func testArrays() map[string]*npy.Array {
	rng := rand.New(rand.NewPCG(1, 2))
	arrays := map[string]*npy.Array{}
	for name, shape := range map[string][]int{
		"W1": {3, 1, 2, 2}, "b1": {3}, "W2": {12, 700}, "b2": {5}, "scalar": {}, "empty": {0, 4},
	} {
		n := 1
		for _, d := range shape {
			n *= d
		}
		a := &npy.Array{Shape: shape, Data: make([]float64, n)}
		for i := range a.Data {
			a.Data[i] = rng.NormFloat64()
		}
		arrays[name] = a
	}
	copy(arrays["b2"].Data, []float64{math.Copysign(0, -1), 5e-324, math.MaxFloat64, -1.5, 1e-310})
	return arrays
}

// Go writer, Go reader: the same arrays, bit for bit.
func TestWriteRead(t *testing.T) {
	arrays := testArrays()
	path := filepath.Join(t.TempDir(), "params.pkl")
	if err := WriteFile(path, arrays, false); err != nil {
		t.Fatal(err)
	}
	got, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	sameArrays(t, path, got, arrays)
	// Written again: refused without replace, done with it.
	if err := WriteFile(path, arrays, false); !errors.Is(err, ErrExists) || !strings.Contains(err.Error(), path) {
		t.Errorf("WriteFile over an existing file without replace: %v, want ErrExists naming %s", err, path)
	}
	if err := WriteFile(path, arrays, true); err != nil {
		t.Fatal(err)
	}
	var again bytes.Buffer
	if err := Write(&again, arrays); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(path); !bytes.Equal(data, again.Bytes()) {
		t.Error("two writes of the same arrays differ")
	}
}

// The book's load_params reads what WriteFile wrote: Python's pickle.load
// gives float64 NumPy arrays equal to those NumPy reads from a .npz written
// by dlfs/common/npy. Skipped without python3 and NumPy.
func TestWriteReadByNumPy(t *testing.T) {
	python := "/usr/bin/python3"
	if exec.Command(python, "-c", "import numpy").Run() != nil {
		t.Skip("python3 with NumPy is absent (apt-get install python3-numpy): skipping the check by the book's load_params")
	}
	arrays := testArrays()
	dir := t.TempDir()
	pkl, npz := filepath.Join(dir, "params.pkl"), filepath.Join(dir, "params.npz")
	if err := WriteFile(pkl, arrays, false); err != nil {
		t.Fatal(err)
	}
	if err := npy.WriteNPZ(npz, arrays); err != nil {
		t.Fatal(err)
	}
	script := `
import pickle, sys, numpy as np
with open(sys.argv[1], 'rb') as f:
    params = pickle.load(f)       # the book's load_params
want = np.load(sys.argv[2])
assert sorted(params) == sorted(want.files), (sorted(params), want.files)
for key in want.files:
    a = params[key]
    assert a.dtype == np.float64 and a.flags.c_contiguous, (key, a.dtype)
    assert a.shape == want[key].shape, (key, a.shape, want[key].shape)
    assert a.tobytes() == want[key].tobytes(), key
print("ok", len(params))
`
	cmd := exec.Command(python, "-W", "error", "-c", script, pkl, npz)
	cmd.Env = append(os.Environ(), "OPENBLAS_CORETYPE=", "OPENBLAS_L2_SIZE=")
	out, err := cmd.CombinedOutput()
	if err != nil || strings.TrimSpace(string(out)) != "ok 6" {
		t.Fatalf("python3 pickle.load of the written file: %v\n%s", err, out)
	}
}

// Bad arrays are refused before anything is written, with the array's name.
func TestWriteRefuses(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		arrays map[string]*npy.Array
		want   string
	}{
		{map[string]*npy.Array{}, "no arrays"},
		{map[string]*npy.Array{"W1": {Shape: []int{2, 3}, Data: make([]float64, 5)}}, `"W1": shape (2, 3) holds 6 values, Data has 5`},
		{map[string]*npy.Array{"": {Data: []float64{1}}}, "name"},
		{map[string]*npy.Array{"W1": {Shape: []int{-1}}}, `"W1": shape (-1,)`},
	} {
		path := filepath.Join(dir, "x.pkl")
		err := WriteFile(path, tc.arrays, true)
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), path) {
			t.Errorf("WriteFile: %v, want an error naming %s and %q", err, path, tc.want)
		}
		if _, err := os.Stat(path); err == nil {
			t.Errorf("WriteFile left %s behind after an error", path)
		}
	}
	// A device is never replaced.
	if err := WriteFile("/dev/null", testArrays(), true); err == nil {
		t.Error("WriteFile(/dev/null): no error")
	}
}
