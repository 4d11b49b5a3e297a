// The book's ch05/buy_apple.py and buy_apple_orange.py as runnable examples.

package nn_test

import (
	"fmt"

	"dlfs/common/nn"
)

// The book's ch05/buy_apple.py: 2 apples at 100 yen each, with 10% tax.
// Backpropagation gives how much the price changes per yen of apple price,
// per apple, and per unit of tax rate.
func ExampleMulLayer() {
	apple, appleNum, tax := 100.0, 2.0, 1.1

	var mulAppleLayer, mulTaxLayer nn.MulLayer

	// forward
	applePrice := mulAppleLayer.Forward(apple, appleNum)
	price := mulTaxLayer.Forward(applePrice, tax)

	// backward
	dprice := 1.0
	dapplePrice, dtax := mulTaxLayer.Backward(dprice)
	dapple, dappleNum := mulAppleLayer.Backward(dapplePrice)

	fmt.Printf("price: %.6g\n", price)
	fmt.Printf("dApple: %.6g\n", dapple)
	fmt.Printf("dApple_num: %.6g\n", dappleNum)
	fmt.Printf("dTax: %.6g\n", dtax)
	// Output:
	// price: 220
	// dApple: 2.2
	// dApple_num: 110
	// dTax: 200
}

// The book's ch05/buy_apple_orange.py: 2 apples at 100 and 3 oranges at 150,
// with 10% tax.
func ExampleAddLayer() {
	apple, appleNum := 100.0, 2.0
	orange, orangeNum := 150.0, 3.0
	tax := 1.1

	var mulAppleLayer, mulOrangeLayer, mulTaxLayer nn.MulLayer
	var addAppleOrangeLayer nn.AddLayer

	// forward
	applePrice := mulAppleLayer.Forward(apple, appleNum)             // (1)
	orangePrice := mulOrangeLayer.Forward(orange, orangeNum)         // (2)
	allPrice := addAppleOrangeLayer.Forward(applePrice, orangePrice) // (3)
	price := mulTaxLayer.Forward(allPrice, tax)                      // (4)

	// backward
	dprice := 1.0
	dallPrice, dtax := mulTaxLayer.Backward(dprice)                      // (4)
	dapplePrice, dorangePrice := addAppleOrangeLayer.Backward(dallPrice) // (3)
	dorange, dorangeNum := mulOrangeLayer.Backward(dorangePrice)         // (2)
	dapple, dappleNum := mulAppleLayer.Backward(dapplePrice)             // (1)

	fmt.Printf("price: %.6g\n", price)
	fmt.Printf("dApple: %.6g\n", dapple)
	fmt.Printf("dApple_num: %.6g\n", dappleNum)
	fmt.Printf("dOrange: %.6g\n", dorange)
	fmt.Printf("dOrange_num: %.6g\n", dorangeNum)
	fmt.Printf("dTax: %.6g\n", dtax)
	// Output:
	// price: 715
	// dApple: 2.2
	// dApple_num: 110
	// dOrange: 3.3
	// dOrange_num: 165
	// dTax: 650
}
