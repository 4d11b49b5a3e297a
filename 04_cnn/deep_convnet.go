// DeepConvNet, the book's chapter 8.1 (ch08/deep_convnet.py), a network that
// gets over 99.3% on MNIST:
//
//	conv - relu - conv - relu - pool -
//	conv - relu - conv - relu - pool -
//	conv - relu - conv - relu - pool -
//	affine - relu - dropout - affine - dropout - softmax
//
// With the book's settings, six 3x3 convolutions of 16, 16, 32, 32, 64 and 64
// filters (padding 1, but 2 on the fourth) and three 2x2 poolings take a
// 1x28x28 image to 16x14x14, 32x8x8 and 64x4x4 = 1024 values, which two
// Affine layers take to 50 hidden units and 10 scores.

package main

import (
	"math/rand/v2"

	"dlfs/common/network"
	"dlfs/common/nn"
)

// ConvParam holds one of the book's conv_param dictionaries.
type ConvParam struct {
	FilterNum, FilterSize, Pad, Stride int
}

// DeepConfig holds the arguments of the book's DeepConvNet constructor.
type DeepConfig struct {
	InputDim     [3]int       // channels, height, width of an input image: (1, 28, 28)
	Convs        [6]ConvParam // conv_param_1 .. conv_param_6
	HiddenSize   int          // 50
	OutputSize   int          // 10
	DropoutRatio float64      // 0.5, for both Dropout layers
}

// BookDeepConfig is the book's DeepConvNet for MNIST, the one
// ch08/train_deepnet.py trains and ch08/deep_convnet_params.pkl holds.
var BookDeepConfig = DeepConfig{
	InputDim: [3]int{1, 28, 28},
	Convs: [6]ConvParam{
		{FilterNum: 16, FilterSize: 3, Pad: 1, Stride: 1},
		{FilterNum: 16, FilterSize: 3, Pad: 1, Stride: 1},
		{FilterNum: 32, FilterSize: 3, Pad: 1, Stride: 1},
		{FilterNum: 32, FilterSize: 3, Pad: 2, Stride: 1},
		{FilterNum: 64, FilterSize: 3, Pad: 1, Stride: 1},
		{FilterNum: 64, FilterSize: 3, Pad: 1, Stride: 1},
	},
	HiddenSize: 50, OutputSize: 10, DropoutRatio: 0.5,
}

// NewDeepConvNet builds the book's DeepConvNet, its layers listed as the
// book's __init__ lists them. Its parameters are W1..W6 and b1..b6 (the
// filters and biases of the six convolutions, each FN x C*FH*FW and 1 x FN)
// and W7, b7, W8, b8 (the two Affine layers). The weights are He's, drawn by
// rng in the book's order W1..W8 with std sqrt(2 / inputs per unit): a unit
// of a convolution sees C*3*3 inputs, which gives the book's pre_node_nums
// [1*3*3, 16*3*3, 16*3*3, 32*3*3, 32*3*3, 64*3*3, 64*4*4, hidden_size]. The
// biases are zero. The Dropout layers draw their masks from rng too, and
// switch with Predict's train flag.
func NewDeepConvNet(c DeepConfig, rng *rand.Rand) *network.Net {
	b := network.NewBuilder(c.InputDim[:]...)
	for i, p := range c.Convs {
		std := he(b.Channels() * p.FilterSize * p.FilterSize)
		b.Conv(p.FilterNum, p.FilterSize, p.Stride, p.Pad, std, rng).Relu()
		if i%2 == 1 {
			b.Pool(2, 2)
		}
	}
	return b.Affine(c.HiddenSize, he(b.Size()), rng).Relu().Dropout(c.DropoutRatio, rng).
		Affine(c.OutputSize, he(c.HiddenSize), rng).Dropout(c.DropoutRatio, rng).
		Net()
}

// he returns the He initial standard deviation for a unit with nIn inputs,
// sqrt(2 / nIn), the book's weight_init_scales: nn.InitStd's "he". Its only
// error is a layer without inputs, which no DeepConfig that builds can have.
func he(nIn int) float64 {
	std, err := nn.InitStd("he", nIn)
	if err != nil {
		panic("DeepConvNet: " + err.Error())
	}
	return std
}
