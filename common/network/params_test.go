// Tests of LoadParams against hostile files: a .npz zip bomb is refused from
// its header, before its data is decompressed, and Want lists exactly the
// arrays SaveParams writes.

package network

import (
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"dlfs/common/mat"
	"dlfs/common/npy"
	"dlfs/common/npy/npytest"
)

// A W1 claiming 250,000,000 float32 is refused from its header: loading it
// allocates no more than a small file's worth, where reading its data first
// would decompress 16 MB and hold it as float64. The network is unchanged.
func TestLoadParamsRefusesBombFromHeader(t *testing.T) {
	n := tinyConvNet(1)
	before := n.Param("W1").Clone()
	path := filepath.Join(t.TempDir(), "bomb.npz")
	if err := os.WriteFile(path, npytest.Bomb("W1", []int{250_000_000}, 16<<20, false), 0o644); err != nil {
		t.Fatal(err)
	}
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	err := n.LoadParams(path)
	runtime.ReadMemStats(&m1)
	if got := m1.TotalAlloc - m0.TotalAlloc; got > 1<<20 {
		t.Errorf("LoadParams of a bomb allocated %d bytes", got)
	}
	if err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), `"W1": shape (3, 1, 3, 3) expected, file has (250000000,)`) {
		t.Errorf("LoadParams = %v, want an error naming the file, W1 and both shapes", err)
	}
	if mat.MaxAbsDiff(before, n.Param("W1")) != 0 {
		t.Error("a failed load changed W1")
	}
}

// Want names every parameter with the shape SaveParams writes it in.
func TestWantMatchesSavedShapes(t *testing.T) {
	n := tinyConvNet(1)
	path := filepath.Join(t.TempDir(), "w.npz")
	if err := n.SaveParams(path); err != nil {
		t.Fatal(err)
	}
	saved, err := npy.ReadNPZ(path)
	if err != nil {
		t.Fatal(err)
	}
	want := n.Want()
	if len(want) != len(saved) || len(want) != len(n.Params()) {
		t.Errorf("Want has %d arrays, the file %d, the network %d parameters", len(want), len(saved), len(n.Params()))
	}
	for name, a := range saved {
		if !slices.Equal(want[name], a.Shape) {
			t.Errorf("%s: Want says %v, saved as %v", name, want[name], a.Shape)
		}
	}
}
