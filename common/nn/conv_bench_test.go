package nn

import (
	"fmt"
	"testing"

	"dlfs/common/mat"
)

// The benchmarks run at SimpleConvNet's shapes (the book's ch07): a batch of
// 100 MNIST images, 30 filters of 5x5 (1x28x28 -> 30x24x24), then 2x2 max
// pooling with stride 2 (30x24x24 -> 30x12x12). The book's NumPy code takes
// 12 ms (convolution forward), 19 ms (backward), 36 ms (pooling forward) and
// 59 ms (backward) per batch on the 2-core machine this repository is timed on.
//
//	go test -run x -bench 'Conv|Pool' -benchmem ./common/nn/
const benchBatch, benchFilters = 100, 30

var benchConvShape = ConvShape{C: 1, H: 28, W: 28, FH: 5, FW: 5, Stride: 1, Pad: 0}
var benchPoolShape = ConvShape{C: 30, H: 24, W: 24, FH: 2, FW: 2, Stride: 2, Pad: 0}

// benchConv returns a SimpleConvNet-sized layer, its input batch and a dout.
func benchConv(s ConvShape, fn int) (*Convolution, *mat.Matrix, *mat.Matrix) {
	rng := convRNG(99)
	l := NewConvolution(convRandMatrix(rng, fn, s.PatchSize()), convRandMatrix(rng, 1, fn), s)
	return l, convRandMatrix(rng, benchBatch, s.InSize()), convRandMatrix(rng, benchBatch, fn*s.OutH()*s.OutW())
}

func BenchmarkConvForward(b *testing.B) {
	l, x, _ := benchConv(benchConvShape, benchFilters)
	l.Forward(x, true) // allocate the output once, as a training loop does
	for b.Loop() {
		l.Forward(x, true)
	}
}

func BenchmarkConvBackward(b *testing.B) {
	l, x, dout := benchConv(benchConvShape, benchFilters)
	l.Forward(x, true)
	l.Backward(dout) // allocate the buffers once, as a training loop does
	for b.Loop() {
		l.Backward(dout)
	}
}

// The first layer of a network needs no dx: SkipInputGrad halves Backward.
func BenchmarkConvBackwardSkipInputGrad(b *testing.B) {
	l, x, dout := benchConv(benchConvShape, benchFilters)
	l.SkipInputGrad = true
	l.Forward(x, true)
	l.Backward(dout)
	for b.Loop() {
		l.Backward(dout)
	}
}

func BenchmarkConvForwardNaive(b *testing.B) {
	l, x, _ := benchConv(benchConvShape, benchFilters)
	for b.Loop() {
		ConvolutionNaive(x, l.W, l.B, benchConvShape)
	}
}

func BenchmarkConvBackwardNaive(b *testing.B) {
	l, x, dout := benchConv(benchConvShape, benchFilters)
	for b.Loop() {
		ConvolutionBackwardNaive(x, l.W, dout, benchConvShape)
	}
}

// benchPool returns a SimpleConvNet-sized pooling layer, its input and a dout.
func benchPool() (*Pooling, *mat.Matrix, *mat.Matrix) {
	rng, s := convRNG(98), benchPoolShape
	return NewPooling(s.C, s.H, s.W, s.FH, s.FW), convRandMatrix(rng, benchBatch, s.InSize()),
		convRandMatrix(rng, benchBatch, s.C*s.OutH()*s.OutW())
}

func BenchmarkPoolForward(b *testing.B) {
	l, x, _ := benchPool()
	l.Forward(x, true)
	for b.Loop() {
		l.Forward(x, true)
	}
}

func BenchmarkPoolBackward(b *testing.B) {
	l, x, dout := benchPool()
	l.Forward(x, true)
	l.Backward(dout)
	for b.Loop() {
		l.Backward(dout)
	}
}

func BenchmarkPoolForwardNaive(b *testing.B) {
	_, x, _ := benchPool()
	for b.Loop() {
		MaxPoolNaive(x, benchPoolShape)
	}
}

func BenchmarkPoolBackwardNaive(b *testing.B) {
	_, x, dout := benchPool()
	for b.Loop() {
		MaxPoolBackwardNaive(x, dout, benchPoolShape)
	}
}

// The six convolutions of the book's DeepConvNet (ch08), batch 100.
var benchDeepLayers = []struct {
	s  ConvShape
	fn int
}{
	{ConvShape{C: 1, H: 28, W: 28, FH: 3, FW: 3, Stride: 1, Pad: 1}, 16},
	{ConvShape{C: 16, H: 28, W: 28, FH: 3, FW: 3, Stride: 1, Pad: 1}, 16},
	{ConvShape{C: 16, H: 14, W: 14, FH: 3, FW: 3, Stride: 1, Pad: 1}, 32},
	{ConvShape{C: 32, H: 14, W: 14, FH: 3, FW: 3, Stride: 1, Pad: 2}, 32},
	{ConvShape{C: 32, H: 8, W: 8, FH: 3, FW: 3, Stride: 1, Pad: 1}, 64},
	{ConvShape{C: 64, H: 8, W: 8, FH: 3, FW: 3, Stride: 1, Pad: 1}, 64},
}

func BenchmarkConvDeepConvNet(b *testing.B) {
	for i, layer := range benchDeepLayers {
		s := layer.s
		name := fmt.Sprintf("conv%d_%dx%dx%d_to_%d_pad%d", i+1, s.C, s.H, s.W, layer.fn, s.Pad)
		b.Run(name+"/Forward", func(b *testing.B) {
			l, x, _ := benchConv(s, layer.fn)
			l.Forward(x, true)
			for b.Loop() {
				l.Forward(x, true)
			}
		})
		b.Run(name+"/Backward", func(b *testing.B) {
			l, x, dout := benchConv(s, layer.fn)
			l.Forward(x, true)
			l.Backward(dout)
			for b.Loop() {
				l.Backward(dout)
			}
		})
	}
}

// The product at the heart of Forward for one sample, W (30x25) · colT
// (25x576): the serial tiled mat.AddDot the layer uses against the general
// mat.DotTo, to see whether the layer should switch as DotTo gets faster.
func BenchmarkConvSampleProduct(b *testing.B) {
	rng, s := convRNG(97), benchConvShape
	w := convRandMatrix(rng, benchFilters, s.PatchSize())
	colT := convRandMatrix(rng, s.PatchSize(), s.OutH()*s.OutW())
	out := mat.New(benchFilters, s.OutH()*s.OutW())
	b.Run("mat.AddDot", func(b *testing.B) {
		for b.Loop() {
			mat.AddDot(out, w, colT)
		}
	})
	b.Run("mat.DotTo", func(b *testing.B) {
		for b.Loop() {
			mat.DotTo(out, w, colT)
		}
	})
}
