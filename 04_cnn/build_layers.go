// Building a layerNet layer by layer: each add method appends one of the
// book's layers, creates its parameters (drawn as the book draws them) and
// keeps track of the shape of a sample, so that the networks read like the
// book's lists of layers. String prints that list with the shapes.

package main

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"

	"dlfs/common/mat"
	"dlfs/common/nn"
)

// newLayerNet starts a network whose samples are c channels of h x w pixels.
func newLayerNet(c, h, w int) layerNet {
	n := layerNet{last: &nn.SoftmaxWithLoss{}, params: map[string]*mat.Matrix{}, c: c, h: h, w: w}
	n.summary = []string{fmt.Sprintf("%-39s    %s", "input", n.shape())}
	return n
}

// addConv appends a Convolution of fn filters of size x size pixels, with
// weights drawn from N(0, std²) and zero biases, the book's
// std * np.random.randn(FN, C, FH, FW) and np.zeros(FN).
func (n *layerNet) addConv(fn, size, stride, pad int, std float64, rng *rand.Rand) *nn.Convolution {
	s := nn.ConvShape{C: n.c, H: n.h, W: n.w, FH: size, FW: size, Stride: stride, Pad: pad}
	W := nn.RandN(rng, fn, s.PatchSize(), std)
	b := mat.New(1, fn)
	conv := nn.NewConvolution(W, b, s)
	n.addWeighted(conv, W, b, []int{fn, n.c, size, size})
	n.c, n.h, n.w = fn, s.OutH(), s.OutW()
	n.describe("Convolution", fmt.Sprintf("%dx%dx%dx%d, pad %d, stride %d", fn, s.C, size, size, pad, stride))
	return conv
}

// addPool appends a max Pooling layer with size x size windows every stride
// pixels.
func (n *layerNet) addPool(size, stride int) {
	p := nn.NewPooling(n.c, n.h, n.w, size, size)
	p.Stride = stride
	n.layers = append(n.layers, p)
	s := nn.ConvShape{C: n.c, H: n.h, W: n.w, FH: size, FW: size, Stride: stride}
	n.h, n.w = s.OutH(), s.OutW()
	n.describe("Pooling", fmt.Sprintf("max %dx%d, stride %d", size, size, stride))
}

// addAffine appends an Affine layer from everything the last layer outputs
// (the book's Affine flattens a (C, H, W) sample) to out units, with weights
// drawn from N(0, std²) and zero biases.
func (n *layerNet) addAffine(out int, std float64, rng *rand.Rand) *nn.Affine {
	in := n.c * n.h * n.w
	W := nn.RandN(rng, in, out, std)
	b := mat.New(1, out)
	affine := nn.NewAffine(W, b)
	n.addWeighted(affine, W, b, []int{in, out})
	n.c, n.h, n.w = out, 1, 1
	n.describe("Affine", fmt.Sprintf("%dx%d", in, out))
	return affine
}

// addRelu appends a ReLU layer.
func (n *layerNet) addRelu() {
	n.layers = append(n.layers, &nn.Relu{})
	n.describe("Relu", "")
}

// addDropout appends a Dropout layer (the book's, which scales at test time)
// that draws its masks from rng.
func (n *layerNet) addDropout(ratio float64, rng *rand.Rand) {
	d := nn.NewDropout(ratio, rng)
	n.dropouts = append(n.dropouts, d)
	n.layers = append(n.layers, d)
	n.describe("Dropout", fmt.Sprintf("ratio %g", ratio))
}

// addWeighted appends a layer with parameters W and b, naming them W<k> and
// b<k> for the k-th such layer.
func (n *layerNet) addWeighted(layer nn.Layer, W, b *mat.Matrix, wShape []int) {
	n.weighted = append(n.weighted, weighted{layer: layer, wShape: wShape})
	k := strconv.Itoa(len(n.weighted))
	n.params["W"+k], n.params["b"+k] = W, b
	n.layers = append(n.layers, layer)
}

// describe adds the line of the layer just added to the summary: its name,
// its weights' shape or settings, and the shape of a sample at its output.
func (n *layerNet) describe(name, detail string) {
	n.summary = append(n.summary, fmt.Sprintf("%-12s %-26s -> %s", name, detail, n.shape()))
}

// shape returns the shape of a sample at the output of the last layer:
// CxHxW, or just its length after an Affine.
func (n *layerNet) shape() string {
	if n.h == 1 && n.w == 1 {
		return strconv.Itoa(n.c)
	}
	return fmt.Sprintf("%dx%dx%d", n.c, n.h, n.w)
}

// String lists the layers, one per line, each with the shape of a sample at
// its output, and the number of parameters.
func (n *layerNet) String() string {
	count := 0
	for _, p := range n.params {
		count += len(p.Data)
	}
	return strings.Join(n.summary, "\n") + "\nSoftmaxWithLoss\n" + strconv.Itoa(count) + " parameters"
}
