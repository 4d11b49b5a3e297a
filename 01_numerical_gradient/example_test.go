// Examples of the book's chapter 4: numerical differentiation (4.3,
// ch04/gradient_1d.py), the gradient (4.4, gradient_2d.py), gradient descent
// (4.4.1, gradient_method.py) and the gradient of a network's loss with
// respect to its weights (4.4.2, gradient_simplenet.py).

package main

import (
	"fmt"

	"dlfs/common/mat"
	"dlfs/common/nn"
)

// The derivative of function_1 at 5 and at 10 by central difference with
// h = 1e-4. The true derivatives are 0.2 and 0.3; the error in the last
// digits is the rounding of float64, the very digits the book prints.
func Example_numericalDiff() {
	fmt.Println(nn.NumericalDiff(function1, 5))
	fmt.Println(nn.NumericalDiff(function1, 10))
	// Output:
	// 0.1999999999990898
	// 0.2999999999986347
}

// The gradient of function_2 at (3, 4), (0, 2) and (3, 0): (2x0, 2x1), up to
// rounding. It points away from the minimum at the origin.
func Example_numericalGradient() {
	for _, x := range [][]float64{{3, 4}, {0, 2}, {3, 0}} {
		grad := nn.NumericalGradient(function2, mat.NewFrom(1, 2, x))
		fmt.Printf("%v: %.8f\n", x, grad.Data)
	}
	// Output:
	// [3 4]: [6.00000000 8.00000000]
	// [0 2]: [0.00000000 4.00000000]
	// [3 0]: [6.00000000 0.00000000]
}

// Gradient descent on function_2 from (-3, 4), 100 steps: with lr 0.1 it
// reaches the minimum (0, 0) to within 1e-9; with lr 10 it flies off; with
// lr 1e-10 it hardly moves. The learning rate is a hyper-parameter that
// decides whether learning works at all.
func Example_gradientDescent() {
	initX := mat.NewFrom(1, 2, []float64{-3.0, 4.0})
	for _, lr := range []float64{0.1, 10, 1e-10} {
		x, _ := gradientDescent(function2, initX, lr, 100)
		fmt.Printf("lr=%g: %.8e\n", lr, x.Data)
	}
	// Output:
	// lr=0.1: [-6.11110793e-10 8.14814391e-10]
	// lr=10: [-2.58983747e+13 -1.29524862e+12]
	// lr=1e-10: [-2.99999994e+00 3.99999992e+00]
}

// The book's gradient_method.py: 20 steps from (-3, 4) with lr 0.1. Each
// step takes x to x - 0.1 * 2x = 0.8x, so the history is (-3, 4) times
// 0.8^i, row by row, and the figure's points march straight to the origin.
func Example_gradientDescentHistory() {
	x, history := gradientDescent(function2, mat.NewFrom(1, 2, []float64{-3.0, 4.0}), 0.1, 20)
	fmt.Println("history:", history.Rows, "x", history.Cols)
	for _, i := range []int{0, 1, 2, 19} {
		fmt.Printf("%2d: %.4f\n", i, history.Row(i))
	}
	fmt.Printf(" x: %.4f\n", x.Data)
	// Output:
	// history: 20 x 2
	//  0: [-3.0000 4.0000]
	//  1: [-2.4000 3.2000]
	//  2: [-1.9200 2.5600]
	// 19: [-0.0432 0.0576]
	//  x: [-0.0346 0.0461]
}

// The book's simpleNet: a 2x3 weight matrix W, the input x = (0.6, 0.9) and
// the correct class 2. The gradient of the loss with respect to W says how
// the loss changes as each weight changes: raising W[0][2] or W[1][2] (the
// weights feeding the correct class) lowers it. W is the one the book
// prints, rounded to 8 digits, so the loss and gradient agree with the
// book's to 6 decimals (0.92806853, 0.21924763, ... in the book).
func Example_simpleNet() {
	W := mat.NewFrom(2, 3, []float64{
		0.47355232, 0.9977393, 0.84668094,
		0.85557411, 0.03563661, 0.69422093,
	})
	x := mat.NewFrom(1, 2, []float64{0.6, 0.9})
	t := []int{2}
	loss := func(*mat.Matrix) float64 { // the book's f = lambda w: net.loss(x, t)
		z := mat.Dot(x, W)
		y := nn.Softmax(z)
		return nn.CrossEntropyError(y, t)
	}
	fmt.Printf("loss %.6f\n", loss(W))
	dW := nn.NumericalGradient(loss, W)
	for i := 0; i < dW.Rows; i++ {
		fmt.Printf("%.6f\n", dW.Row(i))
	}
	// Output:
	// loss 0.928068
	// [0.219248 0.143562 -0.362810]
	// [0.328871 0.215344 -0.544215]
}
