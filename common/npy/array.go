// The Array type: an n-dimensional NumPy array held as float64, and its
// conversions to and from the two-dimensional mat.Matrix the chapters use
// (the book's W.reshape(FN, -1)).

package npy

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"dlfs/common/mat"
)

// maxRank is the most dimensions a NumPy array can have (NPY_MAXDIMS in
// NumPy 2).
const maxRank = 64

// Array is an n-dimensional array in C (row-major) order: element
// [i0, i1, ..., ik] is Data[((i0*Shape[1] + i1)*Shape[2] + ...) + ik].
// A 0-d array (a NumPy scalar) has an empty Shape and one value.
type Array struct {
	Shape []int
	Data  []float64
}

// FromMatrix returns m as an Array that shares m's data. The shape defaults
// to (Rows, Cols); another shape must hold the same number of values, like
// NumPy's reshape, so a 1xN bias can be saved as shape (N,) and a 30x25
// matrix of conv filters as (30, 1, 5, 5). A shape that does not fit panics.
// (A 0-d array, shape (), is written as &Array{Data: []float64{v}}.)
func FromMatrix(m *mat.Matrix, shape ...int) *Array {
	if len(shape) == 0 {
		shape = []int{m.Rows, m.Cols}
	}
	n, err := numElements(shape, 1)
	if err != nil || n != len(m.Data) {
		panic(fmt.Sprintf("npy.FromMatrix: a %dx%d matrix does not fit shape %s", m.Rows, m.Cols, formatShape(shape)))
	}
	return &Array{Shape: append([]int(nil), shape...), Data: m.Data}
}

// Matrix returns a as a matrix that shares its data: a 0-d array becomes 1x1,
// a vector of N values a 1xN row (the shape a bias is added with), and an
// array of rank 2 or more Shape[0] x (the product of the other dimensions),
// so conv filters of shape (30, 1, 5, 5) become 30x25.
func (a *Array) Matrix() *mat.Matrix {
	switch len(a.Shape) {
	case 0:
		return mat.NewFrom(1, 1, a.Data)
	case 1:
		return mat.NewFrom(1, a.Shape[0], a.Data)
	}
	cols := 1
	for _, d := range a.Shape[1:] {
		cols *= d
	}
	return mat.NewFrom(a.Shape[0], cols, a.Data)
}

// check reports whether a is an array NumPy could hold: at most 64
// non-negative dimensions whose product is the number of values.
func (a *Array) check() error {
	if a == nil {
		return fmt.Errorf("nil array")
	}
	n, err := numElements(a.Shape, 8)
	if err != nil {
		return err
	}
	if n != len(a.Data) {
		return fmt.Errorf("shape %s holds %d values, Data has %d", formatShape(a.Shape), n, len(a.Data))
	}
	return nil
}

// numElements returns the number of values an array of this shape holds (1
// for shape ()), or an error when a dimension is negative, there are more than
// 64 of them, or the data would not fit in memory at itemSize bytes a value.
func numElements(shape []int, itemSize int) (int, error) {
	if len(shape) > maxRank {
		return 0, fmt.Errorf("shape has %d dimensions, NumPy allows at most %d", len(shape), maxRank)
	}
	n := 1
	for _, d := range shape {
		if d < 0 {
			return 0, fmt.Errorf("shape %s has a negative dimension", formatShape(shape))
		}
		if d == 0 {
			n = 0
		}
	}
	if n == 0 {
		return 0, nil
	}
	limit := math.MaxInt / itemSize
	for _, d := range shape {
		if d > limit/n {
			return 0, fmt.Errorf("shape %s holds too many values", formatShape(shape))
		}
		n *= d
	}
	return n, nil
}

// formatShape writes a shape the way Python writes a tuple: (), (5,), (3, 4).
func formatShape(shape []int) string {
	var b strings.Builder
	b.WriteByte('(')
	for i, d := range shape {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(strconv.Itoa(d))
	}
	if len(shape) == 1 {
		b.WriteByte(',')
	}
	b.WriteByte(')')
	return b.String()
}
