// Gradient descent, the book's chapter 4.4.1 (ch04/gradient_method.py):
// step downhill along the numerical gradient, lr times its size, again and
// again.

package main

import (
	"dlfs/common/mat"
	"dlfs/common/nn"
)

// gradientDescent returns the point reached from initX after stepNum steps
// x -= lr * grad f(x), the gradient taken numerically: the book's
// gradient_descent(f, init_x, lr=0.01, step_num=100). initX is not changed.
func gradientDescent(f func(x *mat.Matrix) float64, initX *mat.Matrix, lr float64, stepNum int) *mat.Matrix {
	x := initX.Clone()
	for range stepNum {
		grad := nn.NumericalGradient(f, x)
		x.AddScaled(-lr, grad)
	}
	return x
}
