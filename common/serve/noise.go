// The pixel noise of the noise study (02_backpropagation's noise.go, from
// the mnist-from-scratch project): at level p%, int(p/100 * 784) draws each
// pick a pixel anywhere in the image (the same one may come up again) and
// give it a value uniform in [0, 1).

package serve

import "math/rand/v2"

// AddNoise replaces pixels of image in place at noise level percent (0 to
// 100): int(percent/100 * len(image)) times, a pixel chosen uniformly (with
// repetition) gets a value uniform in [0, 1). The same seed gives the same
// noise.
func AddNoise(image []float64, percent float64, seed uint64) {
	draws := int(percent / 100 * float64(len(image)))
	if draws <= 0 {
		return
	}
	rng := rand.New(rand.NewPCG(seed, 0x6e6f697365)) // "noise"
	for range draws {
		pos := rng.IntN(len(image))
		image[pos] = rng.Float64()
	}
}
