// Tests of loadNetwork against weights files that are not the book's
// network: extra arrays, a zip bomb, a named pipe. Each is refused with an
// error that names the file and the arrays, at the cost of a small file.

package main

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"dlfs/common/npy"
	"dlfs/common/npy/npytest"
)

// saveZeros writes zero arrays of the given shapes to path, as a .npz file,
// or as a folder of .npy files when path does not end in .npz.
func saveZeros(t *testing.T, path string, shapes map[string][]int) {
	t.Helper()
	arrays := map[string]*npy.Array{}
	for name, shape := range shapes {
		n := 1
		for _, d := range shape {
			n *= d
		}
		arrays[name] = &npy.Array{Shape: shape, Data: make([]float64, n)}
	}
	if strings.HasSuffix(path, ".npz") {
		if err := npy.WriteNPZ(path, arrays); err != nil {
			t.Fatal(err)
		}
		return
	}
	if err := os.Mkdir(path, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, a := range arrays {
		if err := npy.WriteFile(filepath.Join(path, name+".npy"), a); err != nil {
			t.Fatal(err)
		}
	}
}

// Arrays the book's network does not have are refused, named, as every
// other loader of weights refuses them; the six arrays alone load.
func TestLoadNetworkRefusesExtraArrays(t *testing.T) {
	dir := t.TempDir()
	book := map[string][]int{"W1": {784, 50}, "b1": {50}, "W2": {50, 100}, "b2": {100}, "W3": {100, 10}, "b3": {10}}
	for _, path := range []string{filepath.Join(dir, "w.npz"), filepath.Join(dir, "folder")} {
		saveZeros(t, path, book)
		if _, err := loadNetwork(path); err != nil {
			t.Fatalf("loadNetwork(%s) of the book's six arrays: %v", path, err)
		}
	}
	extra := map[string][]int{"W4": {10, 10}, "b4": {10}, "scale": {}}
	for name, shape := range book {
		extra[name] = shape
	}
	for _, path := range []string{filepath.Join(dir, "extra.npz"), filepath.Join(dir, "extra")} {
		saveZeros(t, path, extra)
		_, err := loadNetwork(path)
		if err == nil {
			t.Errorf("loadNetwork(%s) accepted the arrays W4, b4 and scale", path)
			continue
		}
		for _, want := range []string{path, "do not belong to this network: W4, b4, scale", "784-50-100-10"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("loadNetwork(%s) = %q, does not say %q", path, err, want)
			}
		}
	}
}

// A .npz whose W1 claims 250,000,000 float32 is refused from its header,
// before its 16 MB of zeros are decompressed.
func TestLoadNetworkRefusesBombFromHeader(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bomb.npz")
	if err := os.WriteFile(path, npytest.Bomb("W1", []int{250_000_000}, 16<<20, false), 0o644); err != nil {
		t.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := loadNetwork(path)
	runtime.ReadMemStats(&after)
	if got := after.TotalAlloc - before.TotalAlloc; got > 1<<20 {
		t.Errorf("loadNetwork of a bomb allocated %d bytes", got)
	}
	if err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), `"W1": shape (784, 50) expected, file has (250000000,)`) {
		t.Errorf("loadNetwork = %v, want an error naming the file, W1 and both shapes", err)
	}
}
