// The two networks layer by layer, with the shape of one sample after each
// layer: what the book's diagrams of chapters 7.5 and 8.1 show.

package main

import (
	"fmt"
	"math/rand/v2"
)

func ExampleNewSimpleConvNet() {
	net := NewSimpleConvNet(BookSimpleConfig, rand.New(rand.NewPCG(1, 1)))
	fmt.Println(net)
	// Output:
	// input                                      1x28x28
	// Convolution  30x1x5x5, pad 0, stride 1  -> 30x24x24
	// Relu                                    -> 30x24x24
	// Pooling      max 2x2, stride 2          -> 30x12x12
	// Affine       4320x100                   -> 100
	// Relu                                    -> 100
	// Affine       100x10                     -> 10
	// SoftmaxWithLoss
	// 433890 parameters
}

func ExampleNewDeepConvNet() {
	net := NewDeepConvNet(BookDeepConfig, rand.New(rand.NewPCG(1, 1)))
	fmt.Println(net)
	// Output:
	// input                                      1x28x28
	// Convolution  16x1x3x3, pad 1, stride 1  -> 16x28x28
	// Relu                                    -> 16x28x28
	// Convolution  16x16x3x3, pad 1, stride 1 -> 16x28x28
	// Relu                                    -> 16x28x28
	// Pooling      max 2x2, stride 2          -> 16x14x14
	// Convolution  32x16x3x3, pad 1, stride 1 -> 32x14x14
	// Relu                                    -> 32x14x14
	// Convolution  32x32x3x3, pad 2, stride 1 -> 32x16x16
	// Relu                                    -> 32x16x16
	// Pooling      max 2x2, stride 2          -> 32x8x8
	// Convolution  64x32x3x3, pad 1, stride 1 -> 64x8x8
	// Relu                                    -> 64x8x8
	// Convolution  64x64x3x3, pad 1, stride 1 -> 64x8x8
	// Relu                                    -> 64x8x8
	// Pooling      max 2x2, stride 2          -> 64x4x4
	// Affine       1024x50                    -> 50
	// Relu                                    -> 50
	// Dropout      ratio 0.5                  -> 50
	// Affine       50x10                      -> 10
	// Dropout      ratio 0.5                  -> 10
	// SoftmaxWithLoss
	// 123552 parameters
}
