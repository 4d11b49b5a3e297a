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
	// input                [1 28 28]
	// Convolution1         [30 24 24]
	// Relu1                [30 24 24]
	// Pooling1             [30 12 12]
	// Affine1              [100]
	// Relu2                [100]
	// Affine2              [10]
	// SoftmaxWithLoss
	// 433890 parameters
}

func ExampleNewDeepConvNet() {
	net := NewDeepConvNet(BookDeepConfig, rand.New(rand.NewPCG(1, 1)))
	fmt.Println(net)
	// Output:
	// input                [1 28 28]
	// Convolution1         [16 28 28]
	// Relu1                [16 28 28]
	// Convolution2         [16 28 28]
	// Relu2                [16 28 28]
	// Pooling1             [16 14 14]
	// Convolution3         [32 14 14]
	// Relu3                [32 14 14]
	// Convolution4         [32 16 16]
	// Relu4                [32 16 16]
	// Pooling2             [32 8 8]
	// Convolution5         [64 8 8]
	// Relu5                [64 8 8]
	// Convolution6         [64 8 8]
	// Relu6                [64 8 8]
	// Pooling3             [64 4 4]
	// Affine1              [50]
	// Relu7                [50]
	// Dropout1             [50]
	// Affine2              [10]
	// Dropout2             [10]
	// SoftmaxWithLoss
	// 123552 parameters
}
