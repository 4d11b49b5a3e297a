// The forward pass of the book's chapter 3 (3.4 "Implementing a three-layer
// network" and 3.6 "Handwritten digit recognition"): predict and the
// accuracy loop of ch03/neuralnet_mnist.py and neuralnet_mnist_batch.py.

package main

import (
	"dlfs/common/mat"
	"dlfs/common/nn"
	"dlfs/dataset"
)

// Network holds the weights of the book's three-layer network under the
// names of its dict network['W1'], network['b1'], ...: W1 784x50, W2 50x100
// and W3 100x10; each bias a 1xN row, added to every row of a batch.
type Network struct {
	W1, b1 *mat.Matrix
	W2, b2 *mat.Matrix
	W3, b3 *mat.Matrix
}

// predict returns the probability of each of the 10 digits for each image
// of x, one image per row: the book's predict(network, x). A single image is
// a 1x784 matrix; a batch of 100 is 100x784, and each row of the result is
// the same as that image's own prediction.
func predict(network *Network, x *mat.Matrix) *mat.Matrix {
	a1 := mat.Dot(x, network.W1).AddRowVector(network.b1)
	z1 := mat.Map(a1, nn.SigmoidFunction)
	a2 := mat.Dot(z1, network.W2).AddRowVector(network.b2)
	z2 := mat.Map(a2, nn.SigmoidFunction)
	a3 := mat.Dot(z2, network.W3).AddRowVector(network.b3)
	y := nn.Softmax(a3)
	return y
}

// accuracy returns how many images of set network classifies correctly (the
// most probable digit is the label), calling predict on batchSize images at
// a time: batchSize 1 is the book's neuralnet_mnist.py, 100 its
// neuralnet_mnist_batch.py. One batch matrix is reused, so memory stays
// small whatever the size of the set.
func accuracy(network *Network, set *dataset.Set, batchSize int) int {
	x := mat.New(batchSize, network.W1.Rows)
	accuracyCnt := 0
	for idx := range set.Chunks(batchSize) {
		if len(idx) < x.Rows { // the last batch may be shorter
			x = mat.New(len(idx), network.W1.Rows)
		}
		set.XInto(x, idx)
		y := predict(network, x)
		p := mat.ArgmaxRows(y) // the index of the most probable digit
		for k, i := range idx {
			if p[k] == set.Label(i) {
				accuracyCnt++
			}
		}
	}
	return accuracyCnt
}
