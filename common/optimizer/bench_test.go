package optimizer_test

import (
	"math/rand/v2"
	"testing"

	"dlfs/common/mat"
	"dlfs/common/optimizer"
)

// twoLayerNet returns random parameters and gradients shaped like the book's
// TwoLayerNet(784, 50, 10): W1 784x50, b1 1x50, W2 50x10, b2 1x10.
func twoLayerNet() (params, grads map[string]*mat.Matrix) {
	rng := rand.New(rand.NewPCG(3, 4))
	shapes := map[string][2]int{"W1": {784, 50}, "b1": {1, 50}, "W2": {50, 10}, "b2": {1, 10}}
	params, grads = map[string]*mat.Matrix{}, map[string]*mat.Matrix{}
	for key, s := range shapes {
		params[key], grads[key] = mat.New(s[0], s[1]), mat.New(s[0], s[1])
		for i := range params[key].Data {
			params[key].Data[i] = 0.01 * rng.NormFloat64()
			grads[key].Data[i] = 0.001 * rng.NormFloat64()
		}
	}
	return params, grads
}

// One Update of the 39,760 parameters of TwoLayerNet(784, 50, 10), as in
// every iteration of the book's training loops. The first Update, which
// creates the optimizer's state, is not timed.
func BenchmarkUpdate(b *testing.B) {
	for _, name := range optimizer.Names {
		b.Run(name, func(b *testing.B) {
			params, grads := twoLayerNet()
			opt, _ := optimizer.New(name, 1e-6)
			opt.Update(params, grads)
			b.ReportAllocs()
			for b.Loop() {
				opt.Update(params, grads)
			}
		})
	}
}
