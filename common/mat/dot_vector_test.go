//go:build goexperiment.simd && amd64

// Tests of the vector products' own helpers, against loops written out
// plainly, and of the AVX2 kernels on a CPU that has AVX-512 too; the
// products themselves are checked against DotNaive in dot_test.go.

package mat

import (
	"fmt"
	"math"
	"math/rand/v2"
	"simd/archsimd"
	"slices"
	"testing"
)

// The AVX2 kernels run only on a CPU without AVX-512, so on one with it they
// are switched on here, and every product of TestProductsMatchNaive and
// TestSerialProductsAddToNaive runs through them, with every step computed
// and with the zero steps left out.
func TestProductsAVX2(t *testing.T) {
	if !archsimd.X86.AVX2() || !archsimd.X86.FMA() {
		t.Skip("no AVX2 and FMA on this CPU")
	}
	defer func(avx2, vector bool) { useAVX2, useVector = avx2, vector }(useAVX2, useVector)
	useAVX2, useVector = true, true
	for _, skipSteps := range []float64{2, -1} {
		t.Run(fmt.Sprintf("skipStepsAbove=%v", skipSteps), func(t *testing.T) {
			defer setPaths(2, skipSteps)()
			testProductsMatchNaive(t)
			testSerialProductsAddToNaive(t)
		})
	}
}

// activeSteps lists the steps where either row is nonzero, in order, for
// rows read in place (its vector path) and through a stride, of every
// length around the vector width; -0 counts as zero, NaN and Inf as
// nonzero.
func TestActiveSteps(t *testing.T) {
	if !useVector {
		t.Skip("no vector kernels on this CPU")
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
