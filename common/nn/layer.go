// Package nn holds the functions and layers of Deep Learning from Scratch:
// the activation and loss functions of chapters 3 and 4 (functions.py), the
// numerical gradient of chapter 4 (gradient.py), and the layers with forward
// and backward passes of chapters 5 to 8 (layers.py).
//
// Every layer works on a mini-batch held as a *mat.Matrix with one sample per
// row. A convolution layer reads each row as C channels of H x W pixels, so no
// separate tensor type is needed: reshaping is free.
package nn

import "dlfs/common/mat"

// Layer is one of the book's layer classes. Forward computes the output for a
// batch and remembers what Backward needs; Backward takes dL/dout and returns
// dL/dx, storing the gradients of the layer's own parameters on the layer.
type Layer interface {
	Forward(x *mat.Matrix) *mat.Matrix
	Backward(dout *mat.Matrix) *mat.Matrix
}

// TrainSwitch is implemented by the layers that behave differently during
// training and inference (Dropout, BatchNorm), the book's train_flg.
type TrainSwitch interface {
	SetTrain(train bool)
}
