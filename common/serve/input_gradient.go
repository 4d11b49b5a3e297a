// The gradient of the loss with respect to the input pixels, for the page's
// backward view: the book's backward pass (the body of gradient() in its
// networks: the loss forward, then every layer's backward in reverse) carried
// one layer further, down to the image. Training never needs it, so the
// networks' first layer skips it (nn.InputGradSkipper); here it is switched
// on for the one backward pass.
//
// Machinery of the page, not the book.

package serve

import (
	"dlfs/common/mat"
	"dlfs/common/network"
	"dlfs/common/nn"
)

// inputGradient returns dL/dx, where L is the loss of net.Last
// (SoftmaxWithLoss) against labels, for the scores that net's layers have
// just computed from x (Forward in test mode, layer by layer). Before each
// layer's Backward it calls visit, if not nil, with the layer's index and
// dL/d(its output); after it, the layer's Params hold their gradients. The
// result belongs to the first layer (see nn.Layer).
func inputGradient(net *network.Net, scores *mat.Matrix, labels []int, visit func(layer int, dout *mat.Matrix)) *mat.Matrix {
	setInputGrad(net, true)
	defer setInputGrad(net, false)
	net.Last.Forward(scores, labels)
	dout := net.Last.Backward()
	for i := len(net.Layers) - 1; i >= 0; i-- {
		if visit != nil {
			visit(i, dout)
		}
		dout = net.Layers[i].Backward(dout)
	}
	return dout
}

// setInputGrad makes net's first layer compute dL/dx in Backward (on true)
// or skip it (on false, as the builders leave it: training never reads it).
// A first layer without the switch always computes it.
func setInputGrad(net *network.Net, on bool) {
	if first, ok := net.Layers[0].(nn.InputGradSkipper); ok {
		first.SetSkipInputGrad(!on)
	}
}
