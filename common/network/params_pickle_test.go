// Tests of the book's pickles as weights: SaveParams writes a .pkl that
// LoadParams reads back bit for bit, a pickle is known by its first bytes
// whatever its name, and a pickle of another network is refused with the
// same errors as a .npz, leaving the network as it was.

package network

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"dlfs/common/mat"
	"dlfs/common/npy"
	"dlfs/common/pickle"
)

func TestSaveParamsPickleRoundTrip(t *testing.T) {
	dir := t.TempDir()
	saved := tinyConvNet(1)
	path := filepath.Join(dir, "params.pkl")
	if err := saved.SaveParams(path); err != nil {
		t.Fatal(err)
	}
	if !pickle.IsPickle(path) {
		t.Fatalf("%s does not start as a pickle", path)
	}
	// The file holds the book's shapes: filters (FN, C, FH, FW), biases (N,),
	// Affine weights (inputs, outputs).
	arrays, err := pickle.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string][]int{"W1": {3, 1, 3, 3}, "b1": {3}, "W2": {27, 5}, "b2": {5}, "W3": {5, 4}, "b3": {4}} {
		if a := arrays[name]; a == nil || !slices.Equal(a.Shape, want) {
			t.Errorf("%s in the pickle: %v, want shape %v", name, a, want)
		}
	}
	if len(arrays) != 6 {
		t.Errorf("the pickle holds %d arrays, want 6", len(arrays))
	}

	// Read back, under its own name and under one that hides what it is.
	renamed := filepath.Join(dir, "params.bin")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(renamed, data, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{path, renamed} {
		loaded := tinyConvNet(2)
		if err := loaded.LoadParams(p); err != nil {
			t.Fatal(err)
		}
		for _, q := range saved.Params() {
			if !slices.Equal(q.Value.Data, loaded.Param(q.Name).Data) {
				t.Errorf("%s: %s differs after a save and load", p, q.Name)
			}
		}
	}

	// Saving again replaces the file, as -save does.
	again := tinyConvNet(3)
	if err := again.SaveParams(path); err != nil {
		t.Fatalf("saving over %s: %v", path, err)
	}
	if err := saved.LoadParams(path); err != nil {
		t.Fatal(err)
	}
	if mat.MaxAbsDiff(saved.Param("W1"), again.Param("W1")) != 0 {
		t.Error("the second save did not replace the first")
	}
}

// A pickle whose arrays do not fit: an error that names the file and the
// array, matching npy.ErrMismatch, and the network unchanged.
func TestLoadParamsPickleMismatch(t *testing.T) {
	dir := t.TempDir()
	good := map[string]*npy.Array{}
	for _, p := range tinyConvNet(1).Params() {
		good[p.Name] = npy.FromMatrix(p.Value, tinyConvNet(1).Want()[p.Name]...)
	}
	clone := func() map[string]*npy.Array {
		m := map[string]*npy.Array{}
		for k, v := range good {
			m[k] = v
		}
		return m
	}
	wrongShape, extra, missing := clone(), clone(), clone()
	wrongShape["W1"] = &npy.Array{Shape: []int{3, 9}, Data: good["W1"].Data}
	extra["W9"] = &npy.Array{Shape: []int{1}, Data: []float64{1}}
	delete(missing, "b3")
	for _, tc := range []struct {
		name   string
		arrays map[string]*npy.Array
		want   []string
	}{
		{"wrong shape", wrongShape, []string{`"W1"`, "(3, 1, 3, 3)", "(3, 9)"}},
		{"extra array", extra, []string{"W9", "do not belong"}},
		{"missing array", missing, []string{`"b3"`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "_")+".pkl")
			if err := pickle.WriteFile(path, tc.arrays, false); err != nil {
				t.Fatal(err)
			}
			net := tinyConvNet(2)
			before := net.Param("W1").Clone()
			err := net.LoadParams(path)
			if !errors.Is(err, npy.ErrMismatch) {
				t.Fatalf("LoadParams = %v, want an error matching npy.ErrMismatch", err)
			}
			for _, w := range append(tc.want, path) {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not name %s", err, w)
				}
			}
			if mat.MaxAbsDiff(before, net.Param("W1")) != 0 {
				t.Error("a failed load changed W1")
			}
		})
	}
}

// A file named .pkl that is not a pickle (say a Git LFS pointer, cloned
// without git-lfs) gets the pickle reader's error, not the .npz reader's.
func TestLoadParamsPklNotAPickle(t *testing.T) {
	path := filepath.Join(t.TempDir(), "params.pkl")
	if err := os.WriteFile(path, []byte("version https://git-lfs.github.com/spec/v1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := tinyConvNet(1).LoadParams(path)
	if err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "pickle") || strings.Contains(err.Error(), ".npz") {
		t.Errorf("LoadParams = %v, want the pickle reader's error naming %s", err, path)
	}
}
