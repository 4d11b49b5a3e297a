// Package nn holds the functions and layers of Deep Learning from Scratch:
// the activation and loss functions of chapters 3 and 4 (functions.py), the
// numerical gradient of chapter 4 (gradient.py), and the layers with forward
// and backward passes of chapters 5 to 8 (layers.py).
//
// Every layer works on a mini-batch held as a *mat.Matrix with one sample per
// row. A convolution layer reads each row as C channels of H x W pixels, so no
// separate tensor type is needed: reshaping is free.
//
// The book's files, and what runs by default: functions.go, gradient.go,
// init.go, layer.go, layer_naive.go, relu.go, sigmoid.go, affine.go,
// softmax_with_loss.go, dropout.go, batch_normalization.go, im2col.go,
// convolution.go, convolution_shape.go, pooling.go and helpers.go;
// conv_naive.go holds the convolution and pooling written from their
// definitions, the tests' oracle. Every layer runs on the caller's goroutine; only the products of
// mat split their work over the cores.
//
// The opt-in faster files, not the book: with the switch Fast (fast.go) set,
// Convolution and Pooling take convolution_persample.go with
// im2col_transposed.go, and pooling_direct.go, which split the batch over the
// cores themselves. The book's files are their test oracle.
package nn

import "dlfs/common/mat"

// Layer is one of the book's layer classes. Every layer in this package keeps
// the same contract, so that a network is a plain list of layers:
//
//   - Forward(x, train) computes the output for the batch x and remembers
//     what Backward needs (usually x itself, kept, not copied). train is the
//     book's train_flg: Dropout and BatchNormalization behave differently in
//     training; every other layer ignores it. There is no mode to switch.
//
//   - Backward(dout) takes dL/dout for the batch of the last Forward, stores
//     the gradients of the layer's parameters in their Param.Grad matrices,
//     and returns dL/dx. A layer built with SkipInputGrad (only Affine and
//     Convolution have it; a network sets it on its first layer, whose input
//     gradient nobody reads) computes the parameter gradients alone and
//     returns nil.
//
//   - The matrices Forward and Backward return belong to the layer. They stay
//     valid until the layer's next Forward or Backward, which may overwrite
//     them; Clone one to keep it longer. A layer never writes into its input
//     x or dout.
//
//   - Params returns the layer's parameters with their gradients, under the
//     book's short names ("W", "b", "gamma", "beta"), or nil for a layer
//     without parameters. Value and Grad are the layer's own matrices: an
//     optimizer that updates Value in place trains the layer, and Grad holds
//     the gradient of the last Backward. A network numbers the names ("W1",
//     "b1", ...) as it collects them, as micrograd's Module.parameters()
//     collects from its children.
type Layer interface {
	Forward(x *mat.Matrix, train bool) *mat.Matrix
	Backward(dout *mat.Matrix) *mat.Matrix
	Params() []Param
}

// Param is one parameter of a layer: its name, its values and the gradient of
// the loss with respect to them, both of the same shape.
type Param struct {
	Name  string
	Value *mat.Matrix
	Grad  *mat.Matrix
}

// InputGradSkipper is implemented by the layers that can skip computing
// dL/dx (Affine and Convolution), for a network that wants the gradient with
// respect to its input after all, such as a page that shows which pixels
// would change the answer.
type InputGradSkipper interface {
	SetSkipInputGrad(skip bool)
}
