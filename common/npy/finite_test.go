// Tests of CheckFinite and of Load refusing weights that are not finite.

package npy

import (
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// NaN and Inf weights are refused when loaded, naming the
// file, the array and the first bad index.
func TestCheckFinite(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	for _, tc := range []struct {
		name   string
		arrays map[string]*Array
		want   string // "" for nil
	}{
		{"finite", map[string]*Array{"W1": {Shape: []int{2, 2}, Data: []float64{1, -2, 0, math.MaxFloat64}}}, ""},
		{"NaN in a matrix", map[string]*Array{
			"W1": {Shape: []int{2}, Data: []float64{1, 2}},
			"W2": {Shape: []int{2, 3}, Data: []float64{0, 0, 0, 0, nan, inf}},
		}, `npy: w.npz: array "W2" holds NaN at [1, 1]: weights must be finite numbers`},
		{"first array by name", map[string]*Array{
			"b": {Shape: []int{1}, Data: []float64{nan}},
			"a": {Shape: []int{1}, Data: []float64{-inf}},
		}, `npy: w.npz: array "a" holds -Inf at [0]`},
		{"rank 4", map[string]*Array{"W1": {Shape: []int{2, 1, 2, 2}, Data: []float64{0, 0, 0, 0, 0, 0, 0, inf}}},
			`array "W1" holds +Inf at [1, 0, 1, 1]`},
		{"0-d", map[string]*Array{"s": {Data: []float64{nan}}}, `array "s" holds NaN at []`},
	} {
		err := CheckFinite("w.npz", tc.arrays)
		if tc.want == "" {
			if err != nil {
				t.Errorf("%s: %v", tc.name, err)
			}
			continue
		}
		if !errors.Is(err, ErrNotFinite) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want an ErrNotFinite containing %q", tc.name, err, tc.want)
		}
	}
}

// Load refuses a .npz file and a folder of .npy files with a NaN; ReadNPZ
// still reads them exactly.
func TestLoadRefusesNaN(t *testing.T) {
	dir := t.TempDir()
	w2 := &Array{Shape: []int{2, 2}, Data: []float64{1, 2, math.NaN(), 4}}
	npz := filepath.Join(dir, "w.npz")
	if err := WriteNPZ(npz, map[string]*Array{"W1": {Shape: []int{1}, Data: []float64{1}}, "W2": w2}); err != nil {
		t.Fatal(err)
	}
	folder := filepath.Join(dir, "w")
	os.Mkdir(folder, 0o755)
	if err := WriteFile(filepath.Join(folder, "W2.npy"), w2); err != nil {
		t.Fatal(err)
	}
	// The error names the file that holds the NaN: the .npz, or the one
	// .npy file of the folder.
	for path, file := range map[string]string{npz: npz, folder: filepath.Join(folder, "W2.npy")} {
		_, err := Load(path)
		if want := file + `: array "W2" holds NaN at [1, 0]`; err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Load(%s) = %v, want an error containing %q", path, err, want)
		}
	}
	if arrays, err := ReadNPZ(npz); err != nil || !math.IsNaN(arrays["W2"].Data[2]) {
		t.Errorf("ReadNPZ: %v, %v; want the NaN read as it is", arrays, err)
	}
}
