// Pixel noise, the mnist-from-scratch study's: at level p%, int(p/100 * n)
// draws over an image of n pixels, each a position uniform over the whole
// image (the same one may come up again) given a value uniform in [0, 1).
// The study trains and tests at several levels to see how accuracy falls;
// common/serve adds the same noise to a drawing.

package dataset

// NoiseSource is what AddNoise draws from: a *rand.Rand (math/rand/v2), or
// any generator with the same two methods, such as a recorder in a test or a
// generator written out for speed.
type NoiseSource interface {
	IntN(n int) int   // a pixel position in [0, n)
	Float64() float64 // a pixel value in [0, 1)
}

// NoiseDraws returns how many pixels of an image of n pixels AddNoise
// replaces at noise level percent: int(percent/100 * n), 39 of 784 at 5%, 196
// at 25%.
func NoiseDraws(percent float64, n int) int {
	return int(percent / 100 * float64(n))
}

// AddNoise adds pixel noise at level percent (0 to 100) to image, a row of
// normalized pixels, in place: NoiseDraws(percent, len(image)) times it
// draws a position from rng, uniform over the whole image, then a value
// from rng, uniform in [0, 1), and writes the value there. The same draws
// give the same noisy image.
func AddNoise(image []float64, percent float64, rng NoiseSource) {
	for range NoiseDraws(percent, len(image)) {
		pos := rng.IntN(len(image))
		image[pos] = rng.Float64()
	}
}
