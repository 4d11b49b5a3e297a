// Tests on the book's pretrained weights (../shared/book-weights, see its
// README): every array has the shape and dtype the book's networks expect,
// and its values are the raw little-endian numbers at the end of the file.

package npy

import (
	"bytes"
	"encoding/binary"
	"math"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"dlfs/dataset/datasettest"
)

func TestBookWeights(t *testing.T) {
	conv3 := func(fn, c int) []int { return []int{fn, c, 3, 3} }
	sets := []struct {
		name   string
		descr  string
		shapes map[string][]int
	}{
		{"ch03_sample_weight", "<f4", map[string][]int{
			"W1": {784, 50}, "b1": {50}, "W2": {50, 100}, "b2": {100}, "W3": {100, 10}, "b3": {10},
		}},
		{"ch07_simple_convnet", "<f8", map[string][]int{
			"W1": {30, 1, 5, 5}, "b1": {30}, "W2": {4320, 100}, "b2": {100}, "W3": {100, 10}, "b3": {10},
		}},
		{"ch08_deep_convnet", "<f8", map[string][]int{
			"W1": conv3(16, 1), "W2": conv3(16, 16), "W3": conv3(32, 16), "W4": conv3(32, 32),
			"W5": conv3(64, 32), "W6": conv3(64, 64), "W7": {1024, 50}, "W8": {50, 10},
			"b1": {16}, "b2": {16}, "b3": {32}, "b4": {32}, "b5": {64}, "b6": {64}, "b7": {50}, "b8": {10},
		}},
	}
	for _, set := range sets {
		t.Run(set.name, func(t *testing.T) {
			dir := datasettest.BookWeights(t, set.name)
			arrays, err := Load(dir)
			if err != nil {
				t.Fatal(err)
			}
			if len(arrays) != len(set.shapes) {
				t.Errorf("Load found %d arrays, want %d", len(arrays), len(set.shapes))
			}
			for name, shape := range set.shapes {
				if _, err := Need(arrays, name, shape...); err != nil {
					t.Error(err)
					continue
				}
				checkRaw(t, filepath.Join(dir, name+".npy"), set.descr, arrays[name])
			}
		})
	}
}

// checkRaw reads the file's header for its dtype, checks that Write gives
// the same bytes, and decodes the values at the end of the file directly, as
// an oracle for a's values.
func checkRaw(t *testing.T, path, descr string, a *Array) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	h, dataStart, err := readHeader(f, -1)
	if err != nil || h.descr != descr || h.fortran || !slices.Equal(h.shape, a.Shape) {
		t.Errorf("%s: header %+v, %v; want '%s' in C order, shape %v", path, h, err, descr, a.Shape)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	size := 8
	if descr == "<f4" {
		size = 4
	}
	raw := b[len(b)-size*len(a.Data):]
	if int64(len(b)-len(raw)) != dataStart || dataStart%64 != 0 {
		t.Errorf("%s: data at byte %d, header ends at %d; want the same multiple of 64", path, len(b)-len(raw), dataStart)
	}
	// The files were written by numpy.save: Write must give the same bytes
	// (for float32 files, the same header with '<f8' for '<f4').
	var buf bytes.Buffer
	if err := Write(&buf, a); err != nil {
		t.Fatal(err)
	}
	numpyHeader := bytes.Replace(b[:dataStart], []byte("'<f4'"), []byte("'<f8'"), 1)
	if got := buf.Bytes(); !bytes.Equal(got[:len(got)-8*len(a.Data)], numpyHeader) ||
		(descr == "<f8" && !bytes.Equal(got, b)) {
		t.Errorf("%s: Write does not give numpy.save's bytes:\ngot  %q\nwant %q", path, got[:min(len(got), 128)], b[:min(len(b), 128)])
	}

	for i, v := range a.Data {
		var want float64
		if size == 4 {
			want = float64(math.Float32frombits(binary.LittleEndian.Uint32(raw[4*i:])))
		} else {
			want = math.Float64frombits(binary.LittleEndian.Uint64(raw[8*i:]))
		}
		if math.Float64bits(v) != math.Float64bits(want) {
			t.Errorf("%s: value %d is %v, the file holds %v", path, i, v, want)
			return
		}
	}
}
