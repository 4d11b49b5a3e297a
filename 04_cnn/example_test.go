// The two networks layer by layer, with each layer's settings and the shape
// of one sample after it: what the book's diagrams of chapters 7.5 and 8.1
// show.

package main

import (
	"fmt"
	"math/rand/v2"
)

func ExampleNewSimpleConvNet() {
	net := NewSimpleConvNet(BookSimpleConfig, rand.New(rand.NewPCG(1, 1)))
	fmt.Println(net)
	// Output:
	// input                                          1x28x28
	// Convolution1   30x1x5x5, pad 0, stride 1    -> 30x24x24
	// Relu1                                       -> 30x24x24
	// Pooling1       max 2x2, stride 2            -> 30x12x12
	// Affine1        4320x100                     -> 100
	// Relu2                                       -> 100
	// Affine2        100x10                       -> 10
	// SoftmaxWithLoss
	// 433890 parameters
}

func ExampleNewDeepConvNet() {
	net := NewDeepConvNet(BookDeepConfig, rand.New(rand.NewPCG(1, 1)))
	fmt.Println(net)
	// Output:
	// input                                          1x28x28
	// Convolution1   16x1x3x3, pad 1, stride 1    -> 16x28x28
	// Relu1                                       -> 16x28x28
	// Convolution2   16x16x3x3, pad 1, stride 1   -> 16x28x28
	// Relu2                                       -> 16x28x28
	// Pooling1       max 2x2, stride 2            -> 16x14x14
	// Convolution3   32x16x3x3, pad 1, stride 1   -> 32x14x14
	// Relu3                                       -> 32x14x14
	// Convolution4   32x32x3x3, pad 2, stride 1   -> 32x16x16
	// Relu4                                       -> 32x16x16
	// Pooling2       max 2x2, stride 2            -> 32x8x8
	// Convolution5   64x32x3x3, pad 1, stride 1   -> 64x8x8
	// Relu5                                       -> 64x8x8
	// Convolution6   64x64x3x3, pad 1, stride 1   -> 64x8x8
	// Relu6                                       -> 64x8x8
	// Pooling3       max 2x2, stride 2            -> 64x4x4
	// Affine1        1024x50                      -> 50
	// Relu7                                       -> 50
	// Dropout1       ratio 0.5                    -> 50
	// Affine2        50x10                        -> 10
	// Dropout2       ratio 0.5                    -> 10
	// SoftmaxWithLoss
	// 123552 parameters
}
