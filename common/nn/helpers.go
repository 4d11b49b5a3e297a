// Small helpers shared by the layers: buffer reuse and shape checks.

package nn

import (
	"fmt"

	"dlfs/common/mat"
)

// growBools returns a slice of length n, reusing b's storage when it is large
// enough, so that a layer's mask is not reallocated at every batch.
func growBools(b []bool, n int) []bool {
	if cap(b) < n {
		return make([]bool, n)
	}
	return b[:n]
}

// layerBuffer returns m if it is rows x cols, and a new rows x cols matrix
// otherwise: the output buffers a layer reuses while the batch size stays the
// same. The contents of a reused m are left as they were.
func layerBuffer(m *mat.Matrix, rows, cols int) *mat.Matrix {
	if m != nil && m.Rows == rows && m.Cols == cols {
		return m
	}
	return mat.New(rows, cols)
}

// mustLen panics, naming the shape, unless m has n elements: a Backward whose
// dout does not match the last Forward's input.
func mustLen(op string, m *mat.Matrix, n int) {
	if len(m.Data) != n {
		panic(fmt.Sprintf("nn.%s: %dx%d matrix does not match the %d elements of the last Forward", op, m.Rows, m.Cols, n))
	}
}

// mustSameShape panics, naming both shapes, if a and b differ in shape.
func mustSameShape(op string, a, b *mat.Matrix) {
	if a.Rows != b.Rows || a.Cols != b.Cols {
		panic(fmt.Sprintf("nn.%s: shapes %dx%d and %dx%d differ", op, a.Rows, a.Cols, b.Rows, b.Cols))
	}
}

// mustMatchLabels panics unless there is one label per row of y and each
// label is a column of y.
func mustMatchLabels(op string, y *mat.Matrix, labels []int) {
	if len(labels) != y.Rows {
		panic(fmt.Sprintf("nn.%s: %d labels for a %dx%d batch", op, len(labels), y.Rows, y.Cols))
	}
	for i, label := range labels {
		if label < 0 || label >= y.Cols {
			panic(fmt.Sprintf("nn.%s: label %d of sample %d is not a class of a %dx%d batch", op, label, i, y.Rows, y.Cols))
		}
	}
}
