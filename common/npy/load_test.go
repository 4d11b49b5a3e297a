// Tests of Load, Need and the conversions between Array and mat.Matrix.

package npy

import (
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"dlfs/common/mat"
)

func TestLoad(t *testing.T) {
	rng := rand.New(rand.NewPCG(17, 18))
	arrays := map[string]*Array{"W1": randomArray(rng, 6, 4), "b1": randomArray(rng, 4)}
	for _, a := range arrays { // weights: Load refuses NaN and infinities
		for i, v := range a.Data {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				a.Data[i] = float64(i)
			}
		}
	}

	dir := t.TempDir()
	for name, a := range arrays {
		if err := WriteFile(filepath.Join(dir, name+".npy"), a); err != nil {
			t.Fatal(err)
		}
	}
	os.WriteFile(filepath.Join(dir, "README.md"), []byte("not an array"), 0o644)
	os.Mkdir(filepath.Join(dir, "sub.npy"), 0o755)
	npz := filepath.Join(t.TempDir(), "w.npz")
	if err := WriteNPZ(npz, arrays); err != nil {
		t.Fatal(err)
	}

	for _, path := range []string{dir, npz} {
		got, err := Load(path)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 || !sameArray(got["W1"], arrays["W1"]) || !sameArray(got["b1"], arrays["b1"]) {
			t.Errorf("Load(%s) = %v, want %v", path, got, arrays)
		}
	}
}

func TestLoadBad(t *testing.T) {
	rng := rand.New(rand.NewPCG(19, 20))
	empty := t.TempDir()
	single := filepath.Join(t.TempDir(), "W1.npy")
	WriteFile(single, randomArray(rng, 2))
	emptyNPZ := filepath.Join(t.TempDir(), "empty.npz")
	WriteNPZ(emptyNPZ, nil)
	badMember := t.TempDir()
	os.WriteFile(filepath.Join(badMember, "W1.npy"), []byte("\x93NUMPY\x01\x00"), 0o644)

	tests := []struct{ path, want string }{
		{filepath.Join(empty, "missing"), "no such file"},
		{empty, "holds no .npy files"},
		{single, "is neither a .npz file (a zip archive) nor a folder of .npy files"},
		{emptyNPZ, "holds no arrays"},
		{badMember, `W1.npy: truncated: the header length`},
	}
	for _, tt := range tests {
		_, err := Load(tt.path)
		if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), tt.path) {
			t.Errorf("Load(%s): error %v, want one naming the path and containing %q", tt.path, err, tt.want)
		}
	}
}

func TestNeed(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	arrays := map[string]*Array{"W1": randomArray(rng, 784, 50), "b1": randomArray(rng, 50), "W2": randomArray(rng, 30, 1, 5, 5)}

	w1, err := Need(arrays, "W1", 784, 50)
	if err != nil || w1.Rows != 784 || w1.Cols != 50 || &w1.Data[0] != &arrays["W1"].Data[0] {
		t.Errorf("Need W1: %v, %v; want a 784x50 view of the array", w1, err)
	}
	b1, err := Need(arrays, "b1", 50)
	if err != nil || b1.Rows != 1 || b1.Cols != 50 {
		t.Errorf("Need b1: %v, want a 1x50 row", err)
	}
	w2, err := Need(arrays, "W2")
	if err != nil || w2.Rows != 30 || w2.Cols != 25 {
		t.Errorf("Need W2 with any shape: %v, want 30x25", err)
	}

	tests := []struct {
		name  string
		shape []int
		want  string
	}{
		{"W1", []int{50, 784}, `weights "W1": shape (50, 784) expected, file has (784, 50)`},
		{"b1", []int{1, 50}, `weights "b1": shape (1, 50) expected, file has (50,)`},
		{"b3", []int{10}, `weights: no array "b3" (have W1, W2, b1)`},
	}
	for _, tt := range tests {
		if _, err := Need(arrays, tt.name, tt.shape...); err == nil || err.Error() != tt.want {
			t.Errorf("Need %s %v: error %v, want %q", tt.name, tt.shape, err, tt.want)
		}
	}
}

func TestMatrix(t *testing.T) {
	tests := []struct {
		shape      []int
		rows, cols int
	}{
		{[]int{}, 1, 1},
		{[]int{5}, 1, 5},
		{[]int{0}, 1, 0},
		{[]int{3, 4}, 3, 4},
		{[]int{30, 1, 5, 5}, 30, 25},
		{[]int{2, 0, 3}, 2, 0},
	}
	rng := rand.New(rand.NewPCG(23, 24))
	for _, tt := range tests {
		a := randomArray(rng, tt.shape...)
		m := a.Matrix()
		if m.Rows != tt.rows || m.Cols != tt.cols || len(m.Data) != len(a.Data) || (len(a.Data) > 0 && &m.Data[0] != &a.Data[0]) {
			t.Errorf("shape %v: matrix %dx%d, want a %dx%d view", tt.shape, m.Rows, m.Cols, tt.rows, tt.cols)
		}
		if len(tt.shape) == 0 {
			continue // FromMatrix with no shape means (Rows, Cols)
		}
		back := FromMatrix(m, tt.shape...)
		if !sameArray(back, a) {
			t.Errorf("shape %v: FromMatrix(Matrix()) = %v, want %v", tt.shape, back, a)
		}
	}
}

func TestFromMatrix(t *testing.T) {
	m := mat.NewFrom(2, 3, []float64{1, 2, 3, 4, 5, 6})
	a := FromMatrix(m)
	if !slices.Equal(a.Shape, []int{2, 3}) || &a.Data[0] != &m.Data[0] {
		t.Errorf("FromMatrix(2x3) = %v, want shape (2, 3) sharing the data", a)
	}
	shape := []int{3, 2}
	b := FromMatrix(m, shape...)
	shape[0] = 99
	if !slices.Equal(b.Shape, []int{3, 2}) {
		t.Errorf("FromMatrix kept the caller's shape slice: %v", b.Shape)
	}
	defer func() {
		if r := recover(); r == nil || !strings.Contains(r.(string), "2x3 matrix does not fit shape (4, 2)") {
			t.Errorf("FromMatrix with a wrong shape: panic %v", r)
		}
	}()
	FromMatrix(m, 4, 2)
}
