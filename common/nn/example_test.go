// Examples of the functions of chapter 3.

package nn_test

import (
	"fmt"

	"dlfs/common/mat"
	"dlfs/common/nn"
)

// The book's softmax example of chapter 3.5.1, and a row that overflows the
// book's first version (exp(1010) is +Inf in float64).
func ExampleSoftmax() {
	x := mat.NewFrom(2, 3, []float64{
		0.3, 2.9, 4.0,
		1010, 1000, 990,
	})
	y := nn.Softmax(x)
	for i := 0; i < y.Rows; i++ {
		fmt.Printf("%.8f\n", y.Row(i))
	}
	// Output:
	// [0.01821127 0.24519181 0.73659691]
	// [0.99995460 0.00004540 0.00000000]
}
