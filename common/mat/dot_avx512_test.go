//go:build goexperiment.simd && amd64

// Tests of the AVX-512 products' own helpers, against loops written out
// plainly; the products themselves are checked against DotNaive in
// dot_test.go.

package mat

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// activeSteps lists the steps where either row is nonzero, in order, for
// rows read in place (its vector path) and through a stride, of every
// length around the vector width; -0 counts as zero, NaN and Inf as
// nonzero.
func TestActiveSteps(t *testing.T) {
	if !useAVX512 {
		t.Skip("no AVX-512 on this CPU")
	}
	rng := rand.New(rand.NewPCG(5, 6))
	specials := []float64{0, math.Copysign(0, -1), math.NaN(), math.Inf(1), 1e-300, -2}
	for _, cs := range []int{1, 3} {
		for n := range 41 {
			a := make([]float64, 2*n*cs+5)
			for i := range a {
				if rng.IntN(3) == 0 {
					a[i] = specials[rng.IntN(len(specials))]
				}
			}
			p0, p1 := 1, 1+n*cs+2
			var want []int32
			for q := range n {
				x, y := a[p0+q*cs], a[p1+q*cs]
				if x != 0 || y != 0 { // true for NaN, false for -0
					want = append(want, int32(q))
				}
			}
			steps := make([]int32, n)
			got := steps[:activeSteps(steps, a, p0, p1, cs)]
			if !slices.Equal(got, want) {
				t.Errorf("cs %d, %d steps: %v, want %v", cs, n, got, want)
			}
		}
	}
}
