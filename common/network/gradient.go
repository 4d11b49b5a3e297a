// The gradient of a MultiLayerNet's loss, by backpropagation and by
// numerical differentiation (the book's gradient and numerical_gradient
// methods of chapter 6).

package network

import (
	"strconv"

	"dlfs/common/mat"
	"dlfs/common/nn"
)

// Gradient returns the gradient of Loss(x, labels, true) with respect to
// every parameter, by backpropagation, keyed like Params, and the loss
// itself, which the forward pass computes anyway (the book's training loops
// call loss() again after gradient(), paying for a second forward pass).
// The weight decay term lambda * W is added to each dW. The matrices are the
// layers' DW, DB, DGamma and DBeta fields, valid until the next call.
func (n *MultiLayerNet) Gradient(x *mat.Matrix, labels []int) (grads map[string]*mat.Matrix, loss float64) {
	// forward
	loss = n.lastLayer.Forward(n.Predict(x, true), labels) + n.weightDecay()

	// backward
	dout := n.lastLayer.Backward()
	for i := len(n.layers) - 1; i >= 0; i-- {
		dout = n.layers[i].Backward(dout)
	}

	grads = make(map[string]*mat.Matrix, len(n.params))
	for i, a := range n.affines {
		k := strconv.Itoa(i + 1)
		if lambda := n.config.WeightDecayLambda; lambda != 0 {
			a.DW.AddScaled(lambda, a.W)
		}
		grads["W"+k], grads["b"+k] = a.DW, a.DB
	}
	for i, bn := range n.batchNorms {
		k := strconv.Itoa(i + 1)
		grads["gamma"+k], grads["beta"+k] = bn.DGamma, bn.DBeta
	}
	return grads, loss
}

// NumericalGradient returns the gradient of Loss(x, labels, true) with
// respect to every parameter by central differences (nn.NumericalGradient),
// keyed like Params: the slow, obviously-right check of Gradient.
//
// With dropout, the book draws a new mask at each of the thousands of loss
// evaluations and so differentiates noise. Here every evaluation reuses the
// masks of the last training pass (the last call to Gradient, or the first
// evaluation if there was none), so the two gradients can be compared.
// With batch normalization the running averages keep updating, as in the book;
// they do not enter the training-mode loss.
func (n *MultiLayerNet) NumericalGradient(x *mat.Matrix, labels []int) map[string]*mat.Matrix {
	for _, d := range n.dropouts {
		d.FixMask = true
	}
	loss := func(*mat.Matrix) float64 { return n.Loss(x, labels, true) }
	grads := make(map[string]*mat.Matrix, len(n.params))
	for name, p := range n.params {
		grads[name] = nn.NumericalGradient(loss, p)
	}
	for _, d := range n.dropouts {
		d.FixMask = false
	}
	return grads
}
