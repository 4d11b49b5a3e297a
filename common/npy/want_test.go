// Tests of Want and LoadWant: only the wanted arrays, in the wanted shapes,
// each refused from its header before its data is read, so that a zip bomb
// costs nothing.

package npy

import (
	"bytes"
	"errors"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"

	"dlfs/common/npy/npytest"
)

// finiteArray returns an array of the given shape holding random finite values.
func finiteArray(rng *rand.Rand, shape ...int) *Array {
	a := randomArray(rng, shape...)
	for i := range a.Data {
		a.Data[i] = rng.NormFloat64()
	}
	return a
}

var testWant = Want{"W1": {6, 4}, "b1": {4}, "W2": {4, 3}, "b2": {3}}

// weightsIn writes arrays as a folder of .npy files and as a .npz file, and
// returns both paths.
func weightsIn(t *testing.T, arrays map[string]*Array) (dir, npz string) {
	t.Helper()
	dir = t.TempDir()
	for name, a := range arrays {
		if err := WriteFile(filepath.Join(dir, name+".npy"), a); err != nil {
			t.Fatal(err)
		}
	}
	npz = filepath.Join(t.TempDir(), "w.npz")
	if err := WriteNPZ(npz, arrays); err != nil {
		t.Fatal(err)
	}
	return dir, npz
}

func goodArrays() map[string]*Array {
	rng := rand.New(rand.NewPCG(31, 32))
	arrays := map[string]*Array{}
	for name, shape := range testWant {
		arrays[name] = finiteArray(rng, shape...)
	}
	return arrays
}

func TestLoadWant(t *testing.T) {
	arrays := goodArrays()
	dir, npz := weightsIn(t, arrays)
	os.WriteFile(filepath.Join(dir, "README.md"), []byte("not an array"), 0o644)
	for _, path := range []string{dir, npz} {
		got, err := LoadWant(path, testWant)
		if err != nil {
			t.Fatalf("LoadWant(%s): %v", path, err)
		}
		if len(got) != len(arrays) {
			t.Errorf("LoadWant(%s) gave %d arrays, want %d", path, len(got), len(arrays))
		}
		for name, a := range arrays {
			if !sameArray(got[name], a) {
				t.Errorf("LoadWant(%s): %s = %v, want %v", path, name, got[name], a)
			}
		}
	}
	data, err := os.ReadFile(npz)
	if err != nil {
		t.Fatal(err)
	}
	got, err := DecodeNPZWant(bytes.NewReader(data), int64(len(data)), "embedded.npz", testWant)
	if err != nil || !sameArray(got["W2"], arrays["W2"]) {
		t.Errorf("DecodeNPZWant: %v, W2 %v; want %v", err, got["W2"], arrays["W2"])
	}
}

// Every way a file can differ from what is wanted is an error that names the
// file and the arrays, in the folder and in the .npz alike.
func TestLoadWantRefuses(t *testing.T) {
	rng := rand.New(rand.NewPCG(33, 34))
	for _, tc := range []struct {
		name   string
		change func(map[string]*Array)
		want   []string // in the error
	}{
		{"extra arrays", func(a map[string]*Array) {
			a["W10"], a["W9"] = finiteArray(rng, 1), finiteArray(rng, 2)
		}, []string{"do not belong to this network: W9, W10 (it has W1, W2, b1, b2)"}},
		{"transposed", func(a map[string]*Array) { a["W1"] = finiteArray(rng, 4, 6) }, []string{`array "W1": shape (6, 4) expected, file has (4, 6)`}},
		{"another network: its first shape", func(a map[string]*Array) {
			a["W1"], a["W3"] = finiteArray(rng, 4, 6), finiteArray(rng, 3, 2)
		}, []string{`array "W1": shape (6, 4) expected, file has (4, 6)`}},
		{"bias as a row", func(a map[string]*Array) { a["b2"] = finiteArray(rng, 1, 3) }, []string{`array "b2": shape (3,) expected, file has (1, 3)`}},
		{"missing", func(a map[string]*Array) { delete(a, "b2"); delete(a, "W1") }, []string{`no arrays "W1", "b2" (have W2, b1)`}},
		{"NaN", func(a map[string]*Array) { a["W2"].Data[5] = math.NaN() }, []string{`"W2" holds NaN at [1, 2]`}},
	} {
		arrays := goodArrays()
		tc.change(arrays)
		dir, npz := weightsIn(t, arrays)
		for _, path := range []string{dir, npz} {
			_, err := LoadWant(path, testWant)
			if err == nil {
				t.Errorf("%s: LoadWant(%s) succeeded", tc.name, path)
				continue
			}
			for _, w := range append(tc.want, path) {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("%s: LoadWant(%s) = %q, does not say %q", tc.name, path, err, w)
				}
			}
			if errors.Is(err, ErrMismatch) != (tc.name != "NaN") {
				t.Errorf("%s: errors.Is(%v, ErrMismatch) = %v", tc.name, err, !(tc.name != "NaN"))
			}
		}
	}
}

// An unwanted name is refused before anything is read: a damaged array of
// that name is never opened.
func TestLoadWantNamesFirst(t *testing.T) {
	dir, _ := weightsIn(t, goodArrays())
	os.WriteFile(filepath.Join(dir, "W3.npy"), []byte("\x93NUMPY\x01\x00"), 0o644)
	_, err := LoadWant(dir, testWant)
	if err == nil || !strings.Contains(err.Error(), "do not belong to this network: W3") {
		t.Errorf("LoadWant = %v, want the unknown W3 refused by name", err)
	}
}

// allocated returns how many bytes f allocates.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// A zip bomb is refused from the member's header: a W1 claiming 250,000,000
// float32 (whose 16 MB of zeros Load would decompress and hold as float64)
// costs LoadWant no more than a small file's worth of memory. So does a
// member whose header is right but whose data runs on past the shape, with
// the archive's directory saying so or not.
func TestLoadWantBomb(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name  string
		file  []byte
		error string
	}{
		{"huge shape", npytest.Bomb("W1", []int{250_000_000}, 16<<20, false), `array "W1": shape (6, 4) expected, file has (250000000,)`},
		{"huge honest shape", npytest.Bomb("W1", []int{4 << 20}, 16<<20, true), `array "W1": shape (6, 4) expected, file has (4194304,)`},
		{"right shape, data runs on", npytest.Bomb("W1", []int{6, 4}, 16<<20, true), "shape (6, 4) of '<f4' needs 96 data bytes, the file has 16777216"},
		{"right shape, data runs on unannounced", npytest.Bomb("W1", []int{6, 4}, 16<<20, false), "not a valid zip file"},
	} {
		path := filepath.Join(dir, strconv.Quote(tc.name)+".npz")
		if err := os.WriteFile(path, tc.file, 0o644); err != nil {
			t.Fatal(err)
		}
		var err error
		if got := allocated(func() { _, err = LoadWant(path, testWant) }); got > 1<<20 {
			t.Errorf("%s: LoadWant of a %d-byte file allocated %d bytes", tc.name, len(tc.file), got)
		}
		if err == nil || !strings.Contains(err.Error(), tc.error) || !strings.Contains(err.Error(), path) {
			t.Errorf("%s: LoadWant = %v, want an error naming the file and saying %q", tc.name, err, tc.error)
		}
		if got := allocated(func() { _, err = DecodeNPZWant(bytes.NewReader(tc.file), int64(len(tc.file)), "bomb.npz", testWant) }); got > 1<<20 {
			t.Errorf("%s: DecodeNPZWant allocated %d bytes", tc.name, got)
		}
		if err == nil || !strings.Contains(err.Error(), tc.error) {
			t.Errorf("%s: DecodeNPZWant = %v, want an error saying %q", tc.name, err, tc.error)
		}
	}
}

// Check and Complete by themselves, as another format's reader would call
// them: names are listed the way layers are counted.
func TestWant(t *testing.T) {
	w := Want{"W1": {2, 3}, "W2": {3}, "W10": {1}, "b1": {3}, "gamma1": {3}}
	for _, tc := range []struct {
		name  string
		shape []int
		want  string
	}{
		{"W1", []int{2, 3}, ""},
		{"W10", []int{1}, ""},
		{"W1", []int{3, 2}, `array "W1": shape (2, 3) expected, file has (3, 2)`},
		{"W2", []int{}, `array "W2": shape (3,) expected, file has ()`},
		{"W3", []int{3}, "do not belong to this network: W3 (it has W1, W2, W10, b1, gamma1)"},
	} {
		err := w.Check(tc.name, tc.shape)
		if (tc.want == "") != (err == nil) || err != nil && !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Check(%q, %v) = %v, want %q", tc.name, tc.shape, err, tc.want)
		}
	}
	have := map[string]*Array{"W10": {Shape: []int{1}, Data: []float64{0}}, "W2": {Shape: []int{3}, Data: make([]float64, 3)}}
	if err := w.Complete(have); err == nil || !strings.Contains(err.Error(), `no arrays "W1", "b1", "gamma1" (have W2, W10)`) {
		t.Errorf("Complete = %v", err)
	}
	names := []string{"b2", "W10", "W2", "W1", "gamma1", "x", "W01"}
	sortNames(names)
	if want := []string{"W01", "W1", "W2", "W10", "b2", "gamma1", "x"}; !slices.Equal(names, want) {
		t.Errorf("sortNames gave %v, want %v", names, want)
	}
}

// Shapes reads the names and shapes from the headers alone: a bomb's claim
// costs nothing, and a folder and a .npz give the same answer.
func TestShapes(t *testing.T) {
	dir, npz := weightsIn(t, goodArrays())
	for _, path := range []string{dir, npz} {
		shapes, err := Shapes(path)
		if err != nil {
			t.Fatalf("Shapes(%s): %v", path, err)
		}
		if len(shapes) != len(testWant) {
			t.Errorf("Shapes(%s) gave %d arrays, want %d", path, len(shapes), len(testWant))
		}
		for name, shape := range testWant {
			if !slices.Equal(shapes[name], shape) {
				t.Errorf("Shapes(%s)[%s] = %v, want %v", path, name, shapes[name], shape)
			}
		}
	}
	bomb := filepath.Join(t.TempDir(), "bomb.npz")
	if err := os.WriteFile(bomb, npytest.Bomb("W1", []int{250_000_000}, 16<<20, false), 0o644); err != nil {
		t.Fatal(err)
	}
	var shapes map[string][]int
	var err error
	if got := allocated(func() { shapes, err = Shapes(bomb) }); got > 1<<20 {
		t.Errorf("Shapes of a bomb allocated %d bytes", got)
	}
	if err != nil || !slices.Equal(shapes["W1"], []int{250_000_000}) {
		t.Errorf("Shapes of a bomb = %v, %v; want W1 (250000000,)", shapes, err)
	}
}
