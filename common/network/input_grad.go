// The gradient with respect to the input, which only the page uses; it
// moves into common/serve, and this file goes with it.

package network

import "dlfs/common/mat"

// InputGradient returns dL/dx, the gradient of Loss(x, labels, false) with
// respect to the input batch x.
func (n *Net) InputGradient(x *mat.Matrix, labels []int) *mat.Matrix {
	n.SetInputGrad(true)
	defer n.SetInputGrad(false)
	n.Last.Forward(n.Predict(x, false), labels)
	dout := n.Last.Backward()
	for i := len(n.Layers) - 1; i >= 0; i-- {
		dout = n.Layers[i].Backward(dout)
	}
	return dout
}

// SetInputGrad makes the first layer compute dL/dx in Backward (on true) or
// skip it (on false).
func (n *Net) SetInputGrad(on bool) {
	if first, ok := n.Layers[0].(interface{ SetSkipInputGrad(bool) }); ok {
		first.SetSkipInputGrad(!on)
	}
}
