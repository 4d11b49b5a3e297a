// The two-layer network of the book's chapter 4.5 (ch04/two_layer_net.py):
// Affine, sigmoid, Affine, softmax, with the cross-entropy loss averaged over
// the batch, and the two ways to get the gradient of that loss: numerically
// (numerical_gradient, the subject of the chapter) and analytically
// (gradient, which the book gives ahead of its derivation in chapter 5).

package main

import (
	"fmt"
	"math/rand/v2"

	"dlfs/common/mat"
	"dlfs/common/nn"
)

// TwoLayerNet is the book's TwoLayerNet of chapter 4: a sigmoid hidden layer
// and a softmax output layer.
type TwoLayerNet struct {
	// Params holds the parameters under the book's names, as its
	// self.params dict does: "W1" (input x hidden), "b1" (1 x hidden),
	// "W2" (hidden x output) and "b2" (1 x output). Training updates these
	// matrices in place.
	Params map[string]*mat.Matrix
}

// paramNames lists the parameters in the book's order.
var paramNames = []string{"W1", "b1", "W2", "b2"}

// NewTwoLayerNet returns a network with weights drawn from
// N(0, weightInitStd^2) (the book's weight_init_std = 0.01) and biases at 0.
func NewTwoLayerNet(inputSize, hiddenSize, outputSize int, weightInitStd float64, rng *rand.Rand) *TwoLayerNet {
	return &TwoLayerNet{Params: map[string]*mat.Matrix{
		"W1": nn.RandN(rng, inputSize, hiddenSize, weightInitStd),
		"b1": mat.New(1, hiddenSize),
		"W2": nn.RandN(rng, hiddenSize, outputSize, weightInitStd),
		"b2": mat.New(1, outputSize),
	}}
}

// Predict returns the probabilities of each class for each row of x:
// softmax(sigmoid(x·W1 + b1)·W2 + b2).
func (n *TwoLayerNet) Predict(x *mat.Matrix) *mat.Matrix {
	W1, W2 := n.Params["W1"], n.Params["W2"]
	b1, b2 := n.Params["b1"], n.Params["b2"]

	a1 := mat.Dot(x, W1).AddRowVector(b1)
	z1 := mat.Map(a1, nn.SigmoidFunction)
	a2 := mat.Dot(z1, W2).AddRowVector(b2)
	y := nn.Softmax(a2)
	return y
}

// Loss returns the cross-entropy error of Predict(x) against labels (the
// correct class of each row), averaged over the batch.
func (n *TwoLayerNet) Loss(x *mat.Matrix, labels []int) float64 {
	y := n.Predict(x)
	return nn.CrossEntropyError(y, labels)
}

// Accuracy returns the fraction of the rows of x whose most probable class
// is the label.
func (n *TwoLayerNet) Accuracy(x *mat.Matrix, labels []int) float64 {
	if len(labels) != x.Rows {
		panic(fmt.Sprintf("TwoLayerNet.Accuracy: %d labels for a %dx%d batch", len(labels), x.Rows, x.Cols))
	}
	correct := 0
	for i, p := range mat.ArgmaxRows(n.Predict(x)) {
		if p == labels[i] {
			correct++
		}
	}
	return float64(correct) / float64(x.Rows)
}

// NumericalGradient returns the gradient of Loss(x, labels) with respect to
// each parameter by central differences, the book's numerical_gradient
// method: every single weight is nudged by +h and -h and the whole loss
// computed again each time, two forward passes over the batch per
// parameter (79,520 of them for 784-50-10).
func (n *TwoLayerNet) NumericalGradient(x *mat.Matrix, labels []int) map[string]*mat.Matrix {
	return n.numericalGradient(func(*mat.Matrix) float64 { return n.Loss(x, labels) })
}

// numericalGradient is NumericalGradient of lossW, the book's loss_W =
// lambda W: self.loss(x, t), which reads the parameters through the network
// as nn.NumericalGradient nudges them. The training loop passes one that
// also draws progress and returns at once after an interrupt.
func (n *TwoLayerNet) numericalGradient(lossW func(*mat.Matrix) float64) map[string]*mat.Matrix {
	grads := map[string]*mat.Matrix{}
	for _, name := range paramNames {
		grads[name] = nn.NumericalGradient(lossW, n.Params[name])
	}
	return grads
}

// Gradient returns the same gradient as NumericalGradient, computed
// analytically in one forward and one backward pass: the book's gradient
// method of ch04/two_layer_net.py, which chapter 5 derives as
// backpropagation.
func (n *TwoLayerNet) Gradient(x *mat.Matrix, labels []int) map[string]*mat.Matrix {
	W1, W2 := n.Params["W1"], n.Params["W2"]
	b1, b2 := n.Params["b1"], n.Params["b2"]
	grads := map[string]*mat.Matrix{}
	batchNum := x.Rows

	// forward
	a1 := mat.Dot(x, W1).AddRowVector(b1)
	z1 := mat.Map(a1, nn.SigmoidFunction)
	a2 := mat.Dot(z1, W2).AddRowVector(b2)
	y := nn.Softmax(a2)

	// backward
	dy := y.Clone() // (y - t) / batch_num, t being the one-hot labels
	for i, label := range labels {
		dy.Data[i*dy.Cols+label]--
	}
	dy.Scale(1 / float64(batchNum))
	grads["W2"] = mat.TDot(z1, dy) // z1ᵀ·dy
	grads["b2"] = mat.SumAxis0(dy)

	da1 := mat.DotT(dy, W2) // dy·W2ᵀ
	dz1 := mat.Mul(mat.Map(a1, nn.SigmoidGrad), da1)
	grads["W1"] = mat.TDot(x, dz1) // xᵀ·dz1
	grads["b1"] = mat.SumAxis0(dz1)
	return grads
}
