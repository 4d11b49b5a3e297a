// Package relerr is machinery for the tests, not part of the book: the
// relative errors by which the gradient checks of every chapter compare a
// backprop gradient with its numerical oracle (the book's gradient_check.py
// prints the mean absolute difference; a relative error says the same
// whatever the size of the values). The tests of every package use it; no
// program does.
package relerr

import (
	"fmt"
	"math"

	"dlfs/common/mat"
)

// Floor is the least denominator of Norm: central differences with h = 1e-4
// stop resolving anything near there (one rounding step of a loss near 1,
// 2.2e-16, over 2h is 1.1e-12), so a gradient that is exactly zero, such as
// that of a bias just before batch normalization, comes out as a few 1e-12
// and still passes.
const Floor = 1e-5

// Norm returns |a - b| / max(|a| + |b|, Floor), in the Euclidean norm over
// all elements.
func Norm(a, b *mat.Matrix) float64 {
	mustSameSize(a, b)
	var diff, na, nb float64
	for i, v := range a.Data {
		diff += (v - b.Data[i]) * (v - b.Data[i])
		na += v * v
		nb += b.Data[i] * b.Data[i]
	}
	return math.Sqrt(diff) / max(math.Sqrt(na)+math.Sqrt(nb), Floor)
}

// Max returns max|a - b| / max(max|a|, max|b|): the worst element's error,
// relative to the largest value (0 when both are all zeros).
func Max(a, b *mat.Matrix) float64 {
	mustSameSize(a, b)
	scale, diff := 0.0, 0.0
	for i, v := range a.Data {
		scale = max(scale, math.Abs(v), math.Abs(b.Data[i]))
		diff = max(diff, math.Abs(v-b.Data[i]))
	}
	if scale == 0 {
		return 0
	}
	return diff / scale
}

// mustSameSize panics unless a and b have the same shape: comparing a
// gradient with one of another parameter is a bug in the test.
func mustSameSize(a, b *mat.Matrix) {
	if a.Rows != b.Rows || a.Cols != b.Cols {
		panic(fmt.Sprintf("relerr: shapes %dx%d and %dx%d differ", a.Rows, a.Cols, b.Rows, b.Cols))
	}
}
