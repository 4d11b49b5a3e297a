package nn

import (
	"fmt"
	"testing"

	"dlfs/common/mat"
)

// The benchmarks run at SimpleConvNet's shapes (the book's ch07): a batch of
// 100 MNIST images, 30 filters of 5x5 (1x28x28 -> 30x24x24), then 2x2 max
// pooling with stride 2 (30x24x24 -> 30x12x12), and at DeepConvNet's (ch08).
// BenchmarkConvForward and the others without a path in their name time the
// layer as it runs by default, on the book's path; BenchmarkConvMethods and
// BenchmarkPoolMethods time the book's path and the Fast one (fast.go) on
// each shape.
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

// benchConvShapes are the convolutions of the book's networks: SimpleConvNet's
// one and DeepConvNet's six.
func benchConvShapes() []struct {
	name string
	s    ConvShape
	fn   int
} {
	shapes := []struct {
		name string
		s    ConvShape
		fn   int
	}{{"SimpleConvNet", benchConvShape, benchFilters}}
	for i, layer := range benchDeepLayers {
		shapes = append(shapes, struct {
			name string
			s    ConvShape
			fn   int
		}{fmt.Sprintf("DeepConvNet_conv%d", i+1), layer.s, layer.fn})
	}
	return shapes
}

// Both paths of the Convolution layer, the book's and Fast, on each of the
// book's shapes, batch 100.
func BenchmarkConvMethods(b *testing.B) {
	for _, shape := range benchConvShapes() {
		for _, method := range convMethods {
			name := shape.name + "/" + method.String()
			b.Run(name+"/Forward", func(b *testing.B) {
				l, x, _ := benchConv(shape.s, shape.fn)
				setPath(b, method)
				l.Forward(x, true)
				for b.Loop() {
					l.Forward(x, true)
				}
			})
			b.Run(name+"/Backward", func(b *testing.B) {
				l, x, dout := benchConv(shape.s, shape.fn)
				setPath(b, method)
				l.Forward(x, true)
				l.Backward(dout)
				for b.Loop() {
					l.Backward(dout)
				}
			})
			b.Run(name+"/BackwardSkipInputGrad", func(b *testing.B) {
				l, x, dout := benchConv(shape.s, shape.fn)
				setPath(b, method)
				l.SkipInputGrad = true
				l.Forward(x, true)
				l.Backward(dout)
				for b.Loop() {
					l.Backward(dout)
				}
			})
		}
	}
}

// Both paths of the Pooling layer, the book's and Fast, on the 2x2 poolings
// of the book's networks, batch 100.
func BenchmarkPoolMethods(b *testing.B) {
	shapes := []struct {
		name string
		s    ConvShape
	}{
		{"SimpleConvNet", benchPoolShape},
		{"DeepConvNet_pool1", ConvShape{C: 16, H: 28, W: 28, FH: 2, FW: 2, Stride: 2}},
		{"DeepConvNet_pool2", ConvShape{C: 32, H: 16, W: 16, FH: 2, FW: 2, Stride: 2}},
		{"DeepConvNet_pool3", ConvShape{C: 64, H: 8, W: 8, FH: 2, FW: 2, Stride: 2}},
	}
	for _, shape := range shapes {
		s := shape.s
		rng := convRNG(96)
		x, dout := convRandMatrix(rng, benchBatch, s.InSize()), convRandMatrix(rng, benchBatch, s.C*s.OutH()*s.OutW())
		for _, method := range poolMethods {
			name := shape.name + "/" + method.String()
			b.Run(name+"/Forward", func(b *testing.B) {
				l := newPoolingWith(b, method, s)
				l.Forward(x, true)
				for b.Loop() {
					l.Forward(x, true)
				}
			})
			b.Run(name+"/Backward", func(b *testing.B) {
				l := newPoolingWith(b, method, s)
				l.Forward(x, true)
				l.Backward(dout)
				for b.Loop() {
					l.Backward(dout)
				}
			})
		}
	}
}

// The product at the heart of the Fast path's Forward for one sample, W
// (30x25) · colT (25x576): the serial tiled mat.AddDot it uses against the
// general mat.DotTo, to see whether it should switch as DotTo gets faster.
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
