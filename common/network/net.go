// Package network holds the one network type of Deep Learning from Scratch's
// later chapters: a list of layers with SoftmaxWithLoss on top, as the book's
// MultiLayerNet (chapter 6), SimpleConvNet (chapter 7) and DeepConvNet
// (chapter 8) each are. Their predict, loss, gradient and numerical_gradient
// methods have the same bodies in the book; here they are written once, on
// Net (their accuracy is trainer.Accuracy, which scores a whole data set in
// chunks). The networks themselves are short builders that list
// their layers, as the book's __init__ methods do: NewMultiLayerNet in this
// package, SimpleConvNet and DeepConvNet in 04_cnn, with Builder.
//
// Chapters 4 and 5 write their TwoLayerNet out in full instead, as the book's
// lessons do.
package network

import (
	"fmt"
	"strconv"

	"dlfs/common/mat"
	"dlfs/common/nn"
)

// Net is a stack of layers ending in SoftmaxWithLoss. Build one with Builder
// (or NewMultiLayerNet); the fields are exported for reading, by a debugger,
// a page that draws the activations, or a test.
//
// Its parameters are named as in the book: each layer that has a weight "W"
// starts a new number k, and its parameters and those of the layers after it
// up to the next such layer are called W<k>, b<k>, gamma<k>, beta<k>. So
// Affine, BatchNormalization, Relu, Affine gives W1, b1, gamma1, beta1, W2,
// b2, as in the book's MultiLayerNetExtend.
//
// A Net is not safe for concurrent use: its layers keep their buffers.
type Net struct {
	Layers []nn.Layer          // in forward order, the book's self.layers
	Names  []string            // one per layer: "Affine1", "Relu1", "Convolution1", ...
	Shapes [][]int             // shape of one sample at each layer's output: {30, 24, 24}, or {100}
	Input  []int               // shape of one input sample: {1, 28, 28}, or {784}
	Last   *nn.SoftmaxWithLoss // the book's self.last_layer

	// WeightDecayLambda adds 0.5 * lambda * sum(W^2) over every W to the
	// loss, and lambda * W to each dW: the book's weight_decay_lambda.
	WeightDecayLambda float64

	details    []string         // each layer's settings, for String
	params     []nn.Param       // every layer's parameters, numbered
	numpyShape map[string][]int // the NumPy shape each parameter is saved in
}

// Params returns the network's parameters with their gradients, in layer
// order: W1, b1, ... The values are the layers' own matrices, so an
// optimizer that updates them in place trains the network; the gradients
// hold those of the last Gradient.
func (n *Net) Params() []nn.Param { return n.params }

// Param returns the value of the parameter called name ("W1", "gamma2", ...),
// or nil if there is none.
func (n *Net) Param(name string) *mat.Matrix {
	for _, p := range n.params {
		if p.Name == name {
			return p.Value
		}
	}
	return nil
}

// collect numbers the layers' parameters as the type comment says. The
// builders call it once, after the last layer.
func (n *Net) collect() {
	n.params = nil
	k := 0
	for _, layer := range n.Layers {
		ps := layer.Params()
		if len(ps) > 0 && ps[0].Name == "W" {
			k++
		}
		for _, p := range ps {
			p.Name += strconv.Itoa(k)
			n.params = append(n.params, p)
		}
	}
}

// Predict returns the class scores (the last layer's output, before softmax)
// of the batch x, one sample per row: the book's predict, every layer's
// forward in order. train is the book's train_flg, for Dropout and
// BatchNormalization. The scores belong to the last layer (see nn.Layer).
func (n *Net) Predict(x *mat.Matrix, train bool) *mat.Matrix {
	if x.Cols != n.inputSize() {
		panic(fmt.Sprintf("network: a %dx%d batch for a network whose samples have %d values", x.Rows, x.Cols, n.inputSize()))
	}
	for _, layer := range n.Layers {
		x = layer.Forward(x, train)
	}
	return x
}

// inputSize is the number of values of one input sample.
func (n *Net) inputSize() int {
	size := 1
	for _, d := range n.Input {
		size *= d
	}
	return size
}

// Loss returns the mean cross-entropy loss of the batch x against labels
// (the correct class of each row), plus the weight decay term.
func (n *Net) Loss(x *mat.Matrix, labels []int, train bool) float64 {
	return n.Last.Forward(n.Predict(x, train), labels) + n.weightDecay()
}

// weightDecay returns 0.5 * lambda * sum(W^2) over every weight matrix
// (0 without weight decay).
func (n *Net) weightDecay() float64 {
	lambda := n.WeightDecayLambda
	if lambda == 0 {
		return 0
	}
	decay := 0.0
	for _, p := range n.params {
		if p.Name[0] != 'W' {
			continue
		}
		sumSq := 0.0
		for _, w := range p.Value.Data {
			sumSq += w * w
		}
		decay += 0.5 * lambda * sumSq
	}
	return decay
}

// Gradient is the book's gradient: the loss forward, every layer's backward
// in reverse order, and the weight decay lambda * W added to each dW. The
// gradients go into the Grad of each of Params; it returns the loss, which
// the forward pass computes anyway (the book calls loss() again).
func (n *Net) Gradient(x *mat.Matrix, labels []int) (loss float64) {
	// forward
	loss = n.Loss(x, labels, true)

	// backward
	dout := n.Last.Backward()
	for i := len(n.Layers) - 1; i >= 0; i-- {
		dout = n.Layers[i].Backward(dout)
	}

	if lambda := n.WeightDecayLambda; lambda != 0 {
		for _, p := range n.params {
			if p.Name[0] == 'W' {
				p.Grad.AddScaled(lambda, p.Value)
			}
		}
	}
	return loss
}
