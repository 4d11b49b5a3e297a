package optimizer_test

import (
	"maps"
	"math/rand/v2"
	"slices"
	"testing"

	"dlfs/common/mat"
	"dlfs/common/nn"
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
			ps := paramList(params, grads)
			opt.Update(ps)
			b.ReportAllocs()
			for b.Loop() {
				opt.Update(ps)
			}
		})
	}
}

// paramList pairs each parameter with its gradient by name, in the order of
// the names, as a network's Params hands them out.
func paramList(params, grads map[string]*mat.Matrix) []nn.Param {
	var ps []nn.Param
	for _, name := range slices.Sorted(maps.Keys(params)) {
		ps = append(ps, nn.Param{Name: name, Value: params[name], Grad: grads[name]})
	}
	return ps
}

// update runs one opt.Update on the parameters and gradients of two maps.
func update(opt optimizer.Optimizer, params, grads map[string]*mat.Matrix) {
	opt.Update(paramList(params, grads))
}
