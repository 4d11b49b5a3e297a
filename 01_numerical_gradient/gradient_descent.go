// Gradient descent, the book's chapter 4.4.1 (ch04/gradient_method.py):
// step downhill along the numerical gradient, lr times its size, again and
// again, keeping the point before every step.

package main

import (
	"dlfs/common/mat"
	"dlfs/common/nn"
)

// gradientDescent returns the point reached from initX after stepNum steps
// x -= lr * grad f(x), the gradient taken numerically, and the history of
// the points before each step: the book's x, x_history =
// gradient_descent(f, init_x, lr=0.01, step_num=100). history has stepNum
// rows, one per step, each a copy of x before that step (row 0 is initX),
// so the point after the last step is x alone. initX is not changed.
func gradientDescent(f func(x *mat.Matrix) float64, initX *mat.Matrix, lr float64, stepNum int) (x, history *mat.Matrix) {
	x = initX.Clone()
	history = mat.New(stepNum, len(x.Data))
	for i := range stepNum {
		copy(history.Row(i), x.Data) // x_history.append(x.copy())
		grad := nn.NumericalGradient(f, x)
		x.AddScaled(-lr, grad)
	}
	return x, history
}
