// The reference matrix products: plain triple loops, the test oracle for the
// fast kernels in dot.go and the version to step through in a debugger.

package mat

import "fmt"

// DotNaive returns the matrix product a·b by the textbook triple loop:
// c(i,j) = sum over k of a(i,k)*b(k,j).
func DotNaive(a, b *Matrix) *Matrix {
	if a.Cols != b.Rows {
		panic(fmt.Sprintf("mat.DotNaive: shapes %dx%d and %dx%d do not chain", a.Rows, a.Cols, b.Rows, b.Cols))
	}
	c := New(a.Rows, b.Cols)
	for i := 0; i < a.Rows; i++ {
		for j := 0; j < b.Cols; j++ {
			sum := 0.0
			for k := 0; k < a.Cols; k++ {
				sum += a.At(i, k) * b.At(k, j)
			}
			c.Set(i, j, sum)
		}
	}
	return c
}
