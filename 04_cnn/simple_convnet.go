// SimpleConvNet, the book's chapter 7.5 (ch07/simple_convnet.py):
//
//	conv - relu - pool - affine - relu - affine - softmax
//
// With the book's settings, 30 filters of 5x5 over a 1x28x28 image give
// 30x24x24, pooling 2x2 halves that to 30x12x12 = 4320 values, and two Affine
// layers take them to 100 hidden units and 10 scores.

package main

import (
	"math/rand/v2"

	"dlfs/common/network"
)

// SimpleConfig holds the arguments of the book's SimpleConvNet constructor.
type SimpleConfig struct {
	InputDim      [3]int  // channels, height, width of an input image: (1, 28, 28)
	FilterNum     int     // conv_param['filter_num']: 30
	FilterSize    int     // conv_param['filter_size']: 5
	Pad, Stride   int     // conv_param['pad'], conv_param['stride']: 0, 1
	HiddenSize    int     // 100
	OutputSize    int     // 10
	WeightInitStd float64 // 0.01
}

// BookSimpleConfig is the book's default SimpleConvNet for MNIST, the one
// ch07/train_convnet.py trains and ch07/params.pkl holds.
var BookSimpleConfig = SimpleConfig{
	InputDim:  [3]int{1, 28, 28},
	FilterNum: 30, FilterSize: 5, Pad: 0, Stride: 1,
	HiddenSize: 100, OutputSize: 10, WeightInitStd: 0.01,
}

// NewSimpleConvNet builds the book's SimpleConvNet, its layers listed as
// the book's __init__ lists them. Its parameters are W1 (the filters,
// FN x C*FH*FW), b1, W2, b2 (the hidden Affine layer) and W3, b3 (the output
// layer): weights drawn from N(0, WeightInitStd²) by rng in that order, and
// zero biases.
func NewSimpleConvNet(c SimpleConfig, rng *rand.Rand) *network.Net {
	std := c.WeightInitStd
	return network.NewBuilder(c.InputDim[:]...).
		Conv(c.FilterNum, c.FilterSize, c.Stride, c.Pad, std, rng).Relu().Pool(2, 2).
		Affine(c.HiddenSize, std, rng).Relu().
		Affine(c.OutputSize, std, rng).
		Net()
}
