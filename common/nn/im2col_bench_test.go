// Benchmarks of im2col and col2im against copy on the same bytes: the
// unfolding should run at no less than half the speed of a plain copy of
// the matrix it fills.
//
//	go test -run x -bench 'Im2Col|Col2Im|Copy' ./common/nn

package nn

import (
	"testing"
)

// im2colBenchShapes are the unfoldings of the book's networks at batch 100:
// SimpleConvNet's 5x5 convolution and its 2x2 pooling, and DeepConvNet's
// 3x3 pad-1 convolution on 16 channels of 28x28, its largest.
var im2colBenchShapes = []struct {
	name string
	s    ConvShape
}{
	{"SimpleConvNet_conv_1x28x28_5x5", ConvShape{C: 1, H: 28, W: 28, FH: 5, FW: 5, Stride: 1}},
	{"SimpleConvNet_pool_30x24x24_2x2", ConvShape{C: 30, H: 24, W: 24, FH: 2, FW: 2, Stride: 2}},
	{"DeepConvNet_conv2_16x28x28_3x3_pad1", ConvShape{C: 16, H: 28, W: 28, FH: 3, FW: 3, Stride: 1, Pad: 1}},
}

// BenchmarkIm2Col reports, in MB/s, the bytes of col that im2col fills.
func BenchmarkIm2Col(b *testing.B) {
	for _, shape := range im2colBenchShapes {
		s := shape.s
		x := convRandMatrix(convRNG(95), benchBatch, s.InSize())
		col := Im2Col(x, s)
		b.Run(shape.name, func(b *testing.B) {
			b.SetBytes(int64(8 * len(col.Data)))
			for b.Loop() {
				im2colTo(col, x, s)
			}
		})
	}
}

// BenchmarkCol2Im reports, in MB/s, the bytes of col that col2im folds back.
func BenchmarkCol2Im(b *testing.B) {
	for _, shape := range im2colBenchShapes {
		s := shape.s
		x := convRandMatrix(convRNG(94), benchBatch, s.InSize())
		col := Im2Col(x, s)
		b.Run(shape.name, func(b *testing.B) {
			b.SetBytes(int64(8 * len(col.Data)))
			for b.Loop() {
				col2imTo(x, col, s)
			}
		})
	}
}

// BenchmarkCopy is the baseline: copy from one matrix of col's size to
// another, in MB/s of the bytes copied.
func BenchmarkCopy(b *testing.B) {
	for _, shape := range im2colBenchShapes {
		s := shape.s
		n := benchBatch * s.OutH() * s.OutW() * s.PatchSize()
		src, dst := make([]float64, n), make([]float64, n)
		b.Run(shape.name, func(b *testing.B) {
			b.SetBytes(int64(8 * n))
			for b.Loop() {
				copy(dst, src)
			}
		})
	}
}
