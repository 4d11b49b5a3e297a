package optimizer_test

import (
	"fmt"

	"dlfs/common/mat"
	"dlfs/common/nn"
	"dlfs/common/optimizer"
)

// One step of SGD: W -= lr * dW, with lr 0.1.
func ExampleSGD() {
	W := nn.Param{Name: "W", Value: mat.NewFrom(1, 2, []float64{1, -2}), Grad: mat.NewFrom(1, 2, []float64{0.5, -1})}
	optimizer.NewSGD(0.1).Update([]nn.Param{W})
	fmt.Println(W.Value)
	// Output: [0.95 -1.9]
}

// New picks an optimizer by name, as a -optimizer flag would; a learning
// rate of 0 means the book's default.
func ExampleNew() {
	opt, err := optimizer.New("adam", 0)
	adam := opt.(*optimizer.Adam)
	fmt.Println(adam.LR, adam.Beta1, adam.Beta2, err)
	_, err = optimizer.New("adadelta", 0.1)
	fmt.Println(err)
	// Output:
	// 0.001 0.9 0.999 <nil>
	// optimizer: unknown optimizer "adadelta"; want one of SGD, Momentum, Nesterov, AdaGrad, RMSprop, Adam
}
