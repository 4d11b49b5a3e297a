// Benchmark of one training step of the chapter 5 network, layer by layer.

package nn

import (
	"testing"

	"dlfs/common/mat"
)

// BenchmarkTwoLayerStep times one forward and backward pass of the book's
// chapter 5 network, Affine(784->50) + Relu + Affine(50->10) +
// SoftmaxWithLoss, on a batch of 100 inputs that are 80% zeros like MNIST
// images. The sub-benchmarks show what SkipInputGrad saves on the first Affine.
func BenchmarkTwoLayerStep(b *testing.B) {
	for _, skip := range []bool{true, false} {
		name := "SkipInputGrad"
		if !skip {
			name = "WithInputGrad"
		}
		b.Run(name, func(b *testing.B) {
			rng := newRand(42)
			x := RandN(rng, 100, 784, 1)
			for i := range x.Data {
				if rng.Float64() < 0.8 {
					x.Data[i] = 0
				}
			}
			labels := make([]int, 100)
			for i := range labels {
				labels[i] = rng.IntN(10)
			}
			affine1 := NewAffine(RandN(rng, 784, 50, 0.01), mat.New(1, 50))
			affine1.SkipInputGrad = skip
			relu := &Relu{}
			affine2 := NewAffine(RandN(rng, 50, 10, 0.01), mat.New(1, 10))
			last := &SoftmaxWithLoss{}

			b.ReportAllocs()
			for b.Loop() {
				last.Forward(affine2.Forward(relu.Forward(affine1.Forward(x, true), true), true), labels)
				affine1.Backward(relu.Backward(affine2.Backward(last.Backward())))
			}
		})
	}
}

// BenchmarkRelu times ReLU on the output of SimpleConvNet's convolution,
// 100 x 30x24x24 values of random sign.
func BenchmarkRelu(b *testing.B) {
	x := RandN(newRand(43), 100, 30*24*24, 1)
	var r Relu
	dout := r.Forward(x, true)
	b.Run("Forward", func(b *testing.B) {
		b.SetBytes(int64(8 * len(x.Data)))
		for b.Loop() {
			r.Forward(x, true)
		}
	})
	b.Run("Backward", func(b *testing.B) {
		b.SetBytes(int64(8 * len(x.Data)))
		for b.Loop() {
			r.Backward(dout)
		}
	})
}
