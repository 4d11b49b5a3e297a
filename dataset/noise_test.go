// Tests of the pixel noise (noise.go): how many draws each level makes, and
// an example of a noisy image.

package dataset_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"dlfs/dataset"
)

func TestNoiseDraws(t *testing.T) {
	for _, tc := range []struct {
		p    float64
		want int
	}{
		{0, 0}, {0.1, 0}, {1, 7}, {5, 39}, {10, 78}, {12.5, 98}, {25, 196}, {100, 784},
	} {
		if got := dataset.NoiseDraws(tc.p, 784); got != tc.want {
			t.Errorf("NoiseDraws(%v, 784) = %d, want %d", tc.p, got, tc.want)
		}
	}
}

// Noise at 50% on a black 2x4 image: int(0.5 * 8) = 4 draws, each a
// position and its new value. Here position 1 comes up twice, so 3 pixels
// change. The same seed gives the same noise.
func ExampleAddNoise() {
	image := make([]float64, 8)
	dataset.AddNoise(image, 50, rand.New(rand.NewPCG(5, 2)))
	fmt.Printf("%.2f\n", image)
	again := make([]float64, 8)
	dataset.AddNoise(again, 50, rand.New(rand.NewPCG(5, 2)))
	fmt.Println(fmt.Sprint(again) == fmt.Sprint(image))
	// Output:
	// [0.00 0.81 0.00 0.00 0.00 0.33 0.00 0.12]
	// true
}
