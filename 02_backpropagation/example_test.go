// Example: the gradient check in miniature.

package main

import (
	"fmt"
	"math/rand/v2"

	"dlfs/common/mat"
)

// The book's gradient check on a tiny network: the mean absolute difference
// between the backprop and numerical gradients is far below 1e-7 for every
// parameter (here 1.6e-08, 4.9e-08, 7.2e-09 and 1.7e-10). Most of it comes
// from the 1e-7 the loss adds inside its log, which backprop leaves out, as
// the book's does; a mistake in a backward pass gives differences of the
// size of the gradients themselves.
func Example_checkGradients() {
	rng := rand.New(rand.NewPCG(1, 2))
	net := NewTwoLayerNet(4, 3, 2, 0.5, rng)
	x := mat.NewFrom(2, 4, []float64{0.1, 0.5, 0, 0.9, 0.7, 0, 0.2, 0.4})
	diffs := checkGradients(net, x, []int{0, 1}, nil)
	for _, name := range ParamNames {
		fmt.Printf("%s below 1e-7: %v\n", name, diffs[name] < 1e-7)
	}
	// Output:
	// W1 below 1e-7: true
	// b1 below 1e-7: true
	// W2 below 1e-7: true
	// b2 below 1e-7: true
}
