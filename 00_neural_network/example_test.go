// Examples of the book's chapter 3: the activation functions (3.2), softmax
// (3.5) and the forward pass of the small three-layer network of 3.4.3.

package main

import (
	"fmt"

	"dlfs/common/mat"
	"dlfs/common/nn"
)

// The step function, the sigmoid and ReLU at a few points (the book's 3.2.2
// to 3.2.7), as nn implements them for every chapter.
func Example_activations() {
	fmt.Println("   x  step  sigmoid     relu")
	for _, x := range []float64{-1, 0, 1, 2} {
		fmt.Printf("%4.1f  %4.0f  %.8f  %4.1f\n", x, nn.StepFunction(x), nn.SigmoidFunction(x), nn.ReluFunction(x))
	}
	// Output:
	//    x  step  sigmoid     relu
	// -1.0     0  0.26894142   0.0
	//  0.0     0  0.50000000   0.0
	//  1.0     1  0.73105858   1.0
	//  2.0     1  0.88079708   2.0
}

// The book's softmax example (3.5.1): the outputs are positive and sum to 1,
// so they read as probabilities; the largest input keeps the largest share.
func Example_softmax() {
	y := nn.Softmax(mat.NewFrom(1, 3, []float64{0.3, 2.9, 4.0}))
	fmt.Printf("%.8f\n", y.Data)
	fmt.Printf("sum %.1f\n", mat.Sum(y))
	// Output:
	// [0.01821127 0.24519181 0.73659691]
	// sum 1.0
}

// The three-layer network of the book's 3.4.3 (init_network and forward),
// 2-3-2 with the book's weights and x = (1.0, 0.5). The book's forward ends
// with the identity function and gives a3 = (0.31682708, 0.69627909); predict
// ends with softmax, which turns those into probabilities.
func Example_predict() {
	network := &Network{
		W1: mat.NewFrom(2, 3, []float64{0.1, 0.3, 0.5, 0.2, 0.4, 0.6}),
		b1: mat.NewFrom(1, 3, []float64{0.1, 0.2, 0.3}),
		W2: mat.NewFrom(3, 2, []float64{0.1, 0.4, 0.2, 0.5, 0.3, 0.6}),
		b2: mat.NewFrom(1, 2, []float64{0.1, 0.2}),
		W3: mat.NewFrom(2, 2, []float64{0.1, 0.3, 0.2, 0.4}),
		b3: mat.NewFrom(1, 2, []float64{0.1, 0.2}),
	}
	x := mat.NewFrom(1, 2, []float64{1.0, 0.5})
	y := predict(network, x)
	fmt.Printf("%.8f\n", y.Data)
	fmt.Println("most probable class:", mat.ArgmaxRows(y)[0])
	// Output:
	// [0.40625907 0.59374093]
	// most probable class: 1
}
