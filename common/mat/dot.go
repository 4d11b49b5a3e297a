// The fast matrix products the chapters call. Each has the reference
// DotNaive as its test oracle.

package mat

import "fmt"

// Dot returns the matrix product a·b, NumPy's np.dot(a, b).
func Dot(a, b *Matrix) *Matrix {
	if a.Cols != b.Rows {
		panic(fmt.Sprintf("mat.Dot: shapes %dx%d and %dx%d do not chain", a.Rows, a.Cols, b.Rows, b.Cols))
	}
	return DotTo(New(a.Rows, b.Cols), a, b)
}

// DotTo stores a·b in dst, which must be a.Rows x b.Cols, and returns dst.
func DotTo(dst, a, b *Matrix) *Matrix {
	if a.Cols != b.Rows || dst.Rows != a.Rows || dst.Cols != b.Cols {
		panic(fmt.Sprintf("mat.DotTo: %dx%d · %dx%d into %dx%d", a.Rows, a.Cols, b.Rows, b.Cols, dst.Rows, dst.Cols))
	}
	dst.CopyFrom(DotNaive(a, b))
	return dst
}

// TDot returns aᵀ·b without forming the transpose: the dW = xᵀ·dout of Affine's
// backward pass.
func TDot(a, b *Matrix) *Matrix { return Dot(T(a), b) }

// DotT returns a·bᵀ without forming the transpose: the dx = dout·Wᵀ of Affine's
// backward pass.
func DotT(a, b *Matrix) *Matrix { return Dot(a, T(b)) }
