// Numerical differentiation, the book's chapter 4 (common/gradient.py):
// the slow, obviously-right derivative that every backward pass is checked against.

package nn

import "dlfs/common/mat"

// H is the step of the central differences, the book's h = 1e-4: small enough
// to be accurate, large enough that float64 rounding does not swamp it.
const H = 1e-4

// NumericalDiff returns the derivative of f at x by the central difference
// (f(x+h) - f(x-h)) / 2h, the book's numerical_diff.
func NumericalDiff(f func(float64) float64, x float64) float64 {
	return (f(x+H) - f(x-H)) / (2 * H)
}

// NumericalGradient returns the gradient of f at x, one central difference per
// element, the book's numerical_gradient. It changes each element of x in turn
// and restores it, so f may ignore its argument and read x through a closure,
// as the book's loss_W = lambda W: net.loss(x, t) does for a weight matrix.
func NumericalGradient(f func(x *mat.Matrix) float64, x *mat.Matrix) *mat.Matrix {
	grad := mat.New(x.Rows, x.Cols)
	for i, orig := range x.Data {
		x.Data[i] = orig + H
		fxh1 := f(x)
		x.Data[i] = orig - H
		fxh2 := f(x)
		x.Data[i] = orig
		grad.Data[i] = (fxh1 - fxh2) / (2 * H)
	}
	return grad
}
