// Examples that run as tests: each shows the NumPy expression of the book and
// its Go form.

package mat_test

import (
	"fmt"

	"dlfs/common/mat"
)

// The matrix product of the book's section 3.3: a (2x3) · b (3x2) is 2x2.
// Element (i, j) is row i of a times column j of b: 1*1 + 2*3 + 3*5 = 22.
func ExampleDot() {
	a := mat.NewFrom(2, 3, []float64{
		1, 2, 3,
		4, 5, 6,
	})
	b := mat.NewFrom(3, 2, []float64{
		1, 2,
		3, 4,
		5, 6,
	})
	fmt.Println(mat.Dot(a, b))
	// Output:
	// [22 28]
	// [49 64]
}

// TDot is np.dot(x.T, dout), the weight gradient of an Affine layer, and
// DotT is np.dot(dout, W.T), the gradient passed back to its input. Neither
// copies a transpose.
func ExampleTDot() {
	x := mat.NewFrom(2, 3, []float64{ // a batch of two inputs of size 3
		1, 0, 2,
		0, 1, 1,
	})
	dout := mat.NewFrom(2, 2, []float64{ // the gradient at the two outputs
		1, -1,
		2, 0,
	})
	fmt.Println(mat.TDot(x, dout)) // dW = xᵀ·dout: 3x2, the shape of W
	// Output:
	// [1 -1]
	// [2 0]
	// [4 -2]
}

// x·W + b in NumPy adds the bias row b to every row of x·W: broadcasting.
// AddRowVector does it in place.
func ExampleMatrix_AddRowVector() {
	xw := mat.NewFrom(3, 2, []float64{
		1, 2,
		3, 4,
		5, 6,
	})
	b := mat.NewFrom(1, 2, []float64{10, 100})
	fmt.Println(xw.AddRowVector(b))
	// Output:
	// [11 102]
	// [13 104]
	// [15 106]
}

// np.sum(dout, axis=0) sums each column over the batch: the bias gradient
// of an Affine layer.
func ExampleSumAxis0() {
	dout := mat.NewFrom(3, 2, []float64{
		1, 2,
		3, 4,
		5, 6,
	})
	fmt.Println(mat.SumAxis0(dout))
	// Output:
	// [9 12]
}

// np.argmax(y, axis=1) turns a batch of scores into predicted classes: the
// column of the largest score in each row.
func ExampleArgmaxRows() {
	y := mat.NewFrom(3, 4, []float64{
		0.1, 0.7, 0.1, 0.1, // class 1
		0.6, 0.2, 0.1, 0.1, // class 0
		0.0, 0.1, 0.3, 0.6, // class 3
	})
	fmt.Println(mat.ArgmaxRows(y))
	// Output:
	// [1 0 3]
}

// T is NumPy's m.T.
func ExampleT() {
	m := mat.NewFrom(2, 3, []float64{
		1, 2, 3,
		4, 5, 6,
	})
	fmt.Println(mat.T(m))
	// Output:
	// [1 4]
	// [2 5]
	// [3 6]
}
