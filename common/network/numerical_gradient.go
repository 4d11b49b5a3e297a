// The gradient of a Net's loss by numerical differentiation: the book's
// numerical_gradient method (chapters 4 to 8), the slow, obviously right
// check of Gradient.

package network

import (
	"dlfs/common/mat"
	"dlfs/common/nn"
)

// NumericalGradient returns the gradient of Loss(x, labels, true) with
// respect to every parameter by central differences (nn.NumericalGradient),
// keyed by the names of Params.
//
// With dropout, the book draws a new mask at each of the thousands of loss
// evaluations and so differentiates noise. Here every evaluation reuses the
// masks of the last training pass (the last call to Gradient, or the first
// evaluation if there was none), so the two gradients can be compared.
// With batch normalization the running averages keep updating, as in the
// book; they do not enter the training-mode loss.
func (n *Net) NumericalGradient(x *mat.Matrix, labels []int) map[string]*mat.Matrix {
	var dropouts []*nn.Dropout
	for _, layer := range n.Layers {
		if d, ok := layer.(*nn.Dropout); ok && !d.FixMask {
			d.FixMask = true
			dropouts = append(dropouts, d)
		}
	}
	defer func() {
		for _, d := range dropouts {
			d.FixMask = false
		}
	}()
	loss := func(*mat.Matrix) float64 { return n.Loss(x, labels, true) }
	grads := make(map[string]*mat.Matrix, len(n.params))
	for _, p := range n.params {
		grads[p.Name] = nn.NumericalGradient(loss, p.Value)
	}
	return grads
}
