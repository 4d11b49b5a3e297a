// What SimpleConvNet and DeepConvNet share: the methods the book writes out
// twice, in ch07/simple_convnet.py and ch08/deep_convnet.py. A network is a
// list of layers that predict runs forward and gradient runs backward, with
// SoftmaxWithLoss on top, and parameters W1, b1, W2, b2, ... named in the
// order of the layers that hold them.

package main

import (
	"fmt"
	"strconv"

	"dlfs/common/mat"
	"dlfs/common/nn"
)

// predictChunk is the most samples Predict sends through the layers at once
// in test mode, the batch_size=100 of the book's accuracy: a network of
// convolutions holds several activations of the whole batch, and 10,000
// test images at once would take gigabytes.
const predictChunk = 100

// layerNet is a stack of layers ending in SoftmaxWithLoss. SimpleConvNet and
// DeepConvNet embed it and build their layers with its add methods, which
// also create the parameters.
type layerNet struct {
	layers   []nn.Layer
	last     *nn.SoftmaxWithLoss
	params   map[string]*mat.Matrix
	weighted []weighted    // the layers with parameters: W1, b1 belong to weighted[0]
	dropouts []*nn.Dropout // for NumericalGradient, which fixes their masks
	summary  []string      // one line per layer, for String

	// While building: the shape of one sample at the output of the last layer
	// added, C channels of H x W (a vector after an Affine: n x 1 x 1).
	c, h, w int
}

// weighted is a Convolution or Affine layer and the NumPy shape of its
// weights, which is how SaveParams writes them and LoadParams expects them:
// (FN, C, FH, FW) for filters, (inputs, outputs) for an Affine.
type weighted struct {
	layer  nn.Layer
	wShape []int
}

// Params returns the network's live parameters by name: "W1", "b1", "W2", ...
// The layers use these very matrices, so an optimizer that updates them in
// place trains the network. Filters are FN x C*FH*FW, the book's
// W.reshape(FN, -1); biases are 1 x FN.
func (n *layerNet) Params() map[string]*mat.Matrix { return n.params }

// Predict returns the class scores of the batch x, one row per sample, one
// sample of C*H*W values per row of x. train selects the training behaviour
// of Dropout, the book's train_flg. In test mode it works through x
// predictChunk rows at a time, so that evaluating a whole test set takes no
// more memory than a training batch.
func (n *layerNet) Predict(x *mat.Matrix, train bool) *mat.Matrix {
	for _, d := range n.dropouts {
		d.SetTrain(train)
	}
	if train || x.Rows <= predictChunk {
		return n.forward(x)
	}
	var scores *mat.Matrix
	for lo := 0; lo < x.Rows; lo += predictChunk {
		hi := min(lo+predictChunk, x.Rows)
		y := n.forward(mat.NewFrom(hi-lo, x.Cols, x.Data[lo*x.Cols:hi*x.Cols]))
		if scores == nil {
			scores = mat.New(x.Rows, y.Cols)
		}
		copy(scores.Data[lo*y.Cols:hi*y.Cols], y.Data)
	}
	return scores
}

// forward runs x through every layer.
func (n *layerNet) forward(x *mat.Matrix) *mat.Matrix {
	for _, layer := range n.layers {
		x = layer.Forward(x)
	}
	return x
}

// Loss returns the mean cross-entropy loss of the batch x against labels,
// predicting in training mode as the book's loss does.
func (n *layerNet) Loss(x *mat.Matrix, labels []int) float64 {
	return n.last.Forward(n.Predict(x, true), labels)
}

// Accuracy returns the fraction of the rows of x whose highest score is the
// correct label, predicting in test mode.
func (n *layerNet) Accuracy(x *mat.Matrix, labels []int) float64 {
	if len(labels) != x.Rows {
		panic(fmt.Sprintf("Accuracy: %d labels for a %dx%d batch", len(labels), x.Rows, x.Cols))
	}
	correct := 0
	for i, p := range mat.ArgmaxRows(n.Predict(x, false)) {
		if p == labels[i] {
			correct++
		}
	}
	return float64(correct) / float64(x.Rows)
}

// Gradient returns the gradient of Loss(x, labels) with respect to every
// parameter, by backpropagation, keyed like Params, and the loss itself:
// the book's gradient, which runs loss forward and then every layer's
// backward in reverse order. The gradients are the layers' DW and DB
// matrices, which the next call may overwrite.
func (n *layerNet) Gradient(x *mat.Matrix, labels []int) (grads map[string]*mat.Matrix, loss float64) {
	// forward
	loss = n.Loss(x, labels)

	// backward
	dout := n.last.Backward()
	for i := len(n.layers) - 1; i >= 0; i-- {
		dout = n.layers[i].Backward(dout)
	}

	grads = make(map[string]*mat.Matrix, len(n.params))
	for i, wl := range n.weighted {
		k := strconv.Itoa(i + 1)
		switch l := wl.layer.(type) {
		case *nn.Convolution:
			grads["W"+k], grads["b"+k] = l.DW, l.DB
		case *nn.Affine:
			grads["W"+k], grads["b"+k] = l.DW, l.DB
		}
	}
	return grads, loss
}

// NumericalGradient returns the gradient of Loss(x, labels) by central
// differences, keyed like Params: the book's numerical_gradient, the slow,
// obviously-right check of Gradient. Dropout reuses the masks of the last
// training pass in every evaluation (the book would draw new ones and
// differentiate noise).
func (n *layerNet) NumericalGradient(x *mat.Matrix, labels []int) map[string]*mat.Matrix {
	for _, d := range n.dropouts {
		d.FixMask = true
	}
	defer func() {
		for _, d := range n.dropouts {
			d.FixMask = false
		}
	}()
	loss := func(*mat.Matrix) float64 { return n.Loss(x, labels) }
	grads := make(map[string]*mat.Matrix, len(n.params))
	for name, p := range n.params {
		grads[name] = nn.NumericalGradient(loss, p)
	}
	return grads
}

// filters returns the weights of the first layer, FN x C*FH*FW, and their
// NumPy shape (FN, C, FH, FW): what the book's visualize_filter draws.
func (n *layerNet) filters() (w *mat.Matrix, shape []int) {
	return n.params["W1"], n.weighted[0].wShape
}
