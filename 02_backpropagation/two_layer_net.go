// TwoLayerNet learning by backpropagation, the book's ch05/two_layer_net.py
// (chapter 5.7): the network of chapter 4 rebuilt from layers, so that its
// gradient comes from one backward pass instead of two forward passes per
// parameter.

package main

import (
	"fmt"
	"math/rand/v2"

	"dlfs/common/mat"
	"dlfs/common/nn"
)

// ParamNames are the parameters of a TwoLayerNet in the book's order.
var ParamNames = []string{"W1", "b1", "W2", "b2"}

// TwoLayerNet is the book's input -> Affine1 -> Relu1 -> Affine2 -> softmax
// network with cross-entropy loss.
type TwoLayerNet struct {
	// Params holds W1 (input x hidden), b1 (1 x hidden), W2 (hidden x output)
	// and b2 (1 x output). The layers use these very matrices, so updating
	// them in place trains the network.
	Params map[string]*mat.Matrix

	Affine1 *nn.Affine
	Relu1   *nn.Relu
	Affine2 *nn.Affine
	// Layers is Affine1, Relu1, Affine2 in forward order: the book's
	// OrderedDict self.layers.
	Layers []nn.Layer
	// LastLayer turns the scores into the loss: the book's self.lastLayer.
	LastLayer *nn.SoftmaxWithLoss
}

// NewTwoLayerNet returns a network with weights drawn from
// N(0, weightInitStd^2) by rng and zero biases, the book's
// TwoLayerNet(input_size, hidden_size, output_size, weight_init_std).
func NewTwoLayerNet(inputSize, hiddenSize, outputSize int, weightInitStd float64, rng *rand.Rand) *TwoLayerNet {
	n := &TwoLayerNet{Params: map[string]*mat.Matrix{
		"W1": nn.RandN(rng, inputSize, hiddenSize, weightInitStd),
		"b1": mat.New(1, hiddenSize),
		"W2": nn.RandN(rng, hiddenSize, outputSize, weightInitStd),
		"b2": mat.New(1, outputSize),
	}}
	n.Affine1 = nn.NewAffine(n.Params["W1"], n.Params["b1"])
	n.Relu1 = &nn.Relu{}
	n.Affine2 = nn.NewAffine(n.Params["W2"], n.Params["b2"])
	n.Layers = []nn.Layer{n.Affine1, n.Relu1, n.Affine2}
	n.LastLayer = &nn.SoftmaxWithLoss{}

	// The book's Affine1.backward also computes dx = dout·W1ᵀ, the gradient
	// with respect to the input images, and throws it away: nothing is
	// before Affine1 to pass it to. Skipping it saves a 100x50 by 50x784
	// product per step, the largest one left in the backward pass; its
	// Backward then returns nil. The parameter gradients are unchanged.
	n.Affine1.SkipInputGrad = true
	return n
}

// Predict returns the scores (the last Affine's output, before softmax) for a
// batch x with one sample per row. train is the book's train_flg of later
// chapters, handed to every layer; Affine and Relu ignore it. The scores
// belong to Affine2 until its next Forward (see nn.Layer).
func (n *TwoLayerNet) Predict(x *mat.Matrix, train bool) *mat.Matrix {
	for _, layer := range n.Layers {
		x = layer.Forward(x, train)
	}
	return x
}

// Loss returns the mean cross-entropy loss of the batch x against labels,
// the correct class of each row.
func (n *TwoLayerNet) Loss(x *mat.Matrix, labels []int) float64 {
	return n.LastLayer.Forward(n.Predict(x, true), labels)
}

// Accuracy returns the fraction of the rows of x whose highest score is the
// correct label.
func (n *TwoLayerNet) Accuracy(x *mat.Matrix, labels []int) float64 {
	if len(labels) != x.Rows {
		panic(fmt.Sprintf("TwoLayerNet.Accuracy: %d labels for a %dx%d batch", len(labels), x.Rows, x.Cols))
	}
	correct := 0
	for i, predicted := range mat.ArgmaxRows(n.Predict(x, false)) {
		if predicted == labels[i] {
			correct++
		}
	}
	return float64(correct) / float64(x.Rows)
}

// NumericalGradient returns the gradient of Loss(x, labels) with respect to
// each parameter by central differences, the book's numerical_gradient
// method: two full forward passes for each parameter. It is the slow,
// obviously-right check of Gradient.
func (n *TwoLayerNet) NumericalGradient(x *mat.Matrix, labels []int) map[string]*mat.Matrix {
	return n.numericalGradient(func(*mat.Matrix) float64 { return n.Loss(x, labels) })
}

// numericalGradient is NumericalGradient of lossW, the book's loss_W =
// lambda W: self.loss(x, t): it reads the parameters through the network,
// and nn.NumericalGradient nudges them in place. The checks pass one that
// also shows progress and returns at once after an interrupt.
func (n *TwoLayerNet) numericalGradient(lossW func(*mat.Matrix) float64) map[string]*mat.Matrix {
	grads := make(map[string]*mat.Matrix, len(ParamNames))
	for _, name := range ParamNames {
		grads[name] = nn.NumericalGradient(lossW, n.Params[name])
	}
	return grads
}

// Gradient returns the gradient of Loss(x, labels) with respect to each
// parameter by backpropagation, the book's gradient method, and the loss
// itself. The loss falls out of the forward pass for free; the book's
// training loop calls loss() again after gradient(), paying for a second
// forward pass (on the updated weights) to get it. The gradients are the
// layers' DW and DB (each Affine's Params hands out the same pairs), valid
// until the next call.
func (n *TwoLayerNet) Gradient(x *mat.Matrix, labels []int) (grads map[string]*mat.Matrix, loss float64) {
	// forward
	loss = n.Loss(x, labels)

	// backward
	dout := n.LastLayer.Backward()
	for i := len(n.Layers) - 1; i >= 0; i-- {
		dout = n.Layers[i].Backward(dout)
	}

	grads = map[string]*mat.Matrix{
		"W1": n.Affine1.DW, "b1": n.Affine1.DB,
		"W2": n.Affine2.DW, "b2": n.Affine2.DB,
	}
	return grads, loss
}
