// Benchmark of one backpropagation gradient of the chapter 5 network.

package network

import (
	"math/rand/v2"
	"testing"

	"dlfs/common/nn"
)

// BenchmarkGradient times one backpropagation gradient of the book's
// chapter 5 network, 784-50-10 with ReLU, on a batch of 100 inputs that are
// 80% zeros like MNIST images. The book's NumPy code takes about 1.05 ms per
// training iteration (gradient, update and loss) of this network.
func BenchmarkGradient(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 1))
	x := nn.RandN(rng, 100, 784, 1)
	for i := range x.Data {
		if rng.Float64() < 0.8 {
			x.Data[i] = 0
		}
	}
	labels := make([]int, 100)
	for i := range labels {
		labels[i] = rng.IntN(10)
	}
	net, err := NewMultiLayerNet(Config{InputSize: 784, HiddenSizes: []int{50}, OutputSize: 10, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		net.Gradient(x, labels)
	}
}
