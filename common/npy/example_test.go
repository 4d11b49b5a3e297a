// Examples: saving a small array the way numpy.save does and reading it back.

package npy_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"

	"dlfs/common/mat"
	"dlfs/common/npy"
)

// Write produces exactly what numpy.save writes: a 128-byte header (magic,
// version, length, dict, then spaces up to a newline at byte 127), then
// six float64 values. np.load reads it back as array([[1., 2., 3.], [4., 5., 6.]]).
func ExampleWrite() {
	w := mat.NewFrom(2, 3, []float64{1, 2, 3, 4, 5, 6})
	var buf bytes.Buffer
	if err := npy.Write(&buf, npy.FromMatrix(w)); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%d bytes: %q...\n", buf.Len(), buf.Bytes()[:69])

	a, err := npy.Read(&buf)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("shape", a.Shape)
	fmt.Println(a.Matrix())
	// Output:
	// 176 bytes: "\x93NUMPY\x01\x00v\x00{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }"...
	// shape [2 3]
	// [1 2 3]
	// [4 5 6]
}

// A network's weights saved as a .npz file, as numpy.savez would, and loaded
// back with a check of each shape, as the chapters' -weights flag does.
func ExampleLoad() {
	dir, err := os.MkdirTemp("", "npy-example")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "weights.npz")

	W1 := mat.NewFrom(2, 3, []float64{0.1, 0.2, 0.3, 0.4, 0.5, 0.6})
	b1 := mat.NewFrom(1, 3, []float64{1, 2, 3})
	err = npy.WriteNPZ(path, map[string]*npy.Array{
		"W1": npy.FromMatrix(W1),
		"b1": npy.FromMatrix(b1, 3), // a bias is a vector of shape (3,) in the book
	})
	if err != nil {
		fmt.Println(err)
		return
	}

	arrays, err := npy.Load(path)
	if err != nil {
		fmt.Println(err)
		return
	}
	b, err := npy.Need(arrays, "b1", 3)
	fmt.Println(b, err)
	_, err = npy.Need(arrays, "W1", 3, 2)
	fmt.Println(err)
	_, err = npy.Need(arrays, "W2", 3, 2)
	fmt.Println(err)
	// Output:
	// [1 2 3] <nil>
	// weights "W1": shape (3, 2) expected, file has (2, 3)
	// weights: no array "W2" (have W1, b1)
}
