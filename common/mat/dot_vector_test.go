//go:build goexperiment.simd && go1.27 && amd64

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

// switchToAVX2 makes the products use the AVX2 kernels, or skips t on a CPU
// without AVX2 and FMA, and returns the function that switches back.
func switchToAVX2(t *testing.T) (restore func()) {
	if !archsimd.X86.AVX2() || !archsimd.X86.FMA() {
		t.Skip("no AVX2 and FMA on this CPU")
	}
	avx2, vector := useAVX2, useVector
	useAVX2, useVector = true, true
	return func() { useAVX2, useVector = avx2, vector }
}

// TestKernelsAVX: Kernels names the instruction set that archsimd.X86
// reports, the best of AVX-512 and AVX2 with FMA, or plain without them.
func TestKernelsAVX(t *testing.T) {
	want := "plain"
	switch {
	case archsimd.X86.AVX512():
		want = "AVX-512"
	case archsimd.X86.AVX2() && archsimd.X86.FMA():
		want = "AVX2"
	}
	if got := Kernels(); got != want {
		t.Errorf("Kernels() = %q, want %q", got, want)
	}
}

// TestProductsAVX2: the AVX2 kernels run only on a CPU without AVX-512, so on
// one with it they are switched on here, and every product of
// TestProductsMatchNaive (at GOMAXPROCS 3: the AVX2 kernels share the rest
// of the code, split and all, with the AVX-512 ones) and
// TestSerialProductsAddToNaive runs through them, with every step computed
// and with the zero steps left out.
func TestProductsAVX2(t *testing.T) {
	defer switchToAVX2(t)()
	for _, skipSteps := range []float64{2, -1} {
		t.Run(fmt.Sprintf("skipStepsAbove=%v", skipSteps), func(t *testing.T) {
			defer setPaths(2, skipSteps)()
			testProductsMatchNaive(t, []int{3})
			testSerialProductsAddToNaive(t)
		})
	}
}

// TestAVX2KeepsMostlyZeroOperandsPlain: with the AVX2 kernels and the
// default limits, a left operand of more than 75% zeros goes to the plain
// kernels, and one of 50% zeros to the AVX2 ones. b(0,0) is Inf, and row 0
// of a is zero at step 0: the plain kernels skip that term and give
// 1·b(7,0) = 3, while the vector ones compute 0·Inf = NaN (they list step
// 0 as active, since row 1 is nonzero there, even when they skip steps).
func TestAVX2KeepsMostlyZeroOperandsPlain(t *testing.T) {
	defer switchToAVX2(t)()
	b := New(8, 2)
	b.Set(0, 0, math.Inf(1))
	b.Set(7, 0, 3)
	for _, tc := range []struct {
		rows [16]float64 // the two rows of a
		want float64
	}{
		{[16]float64{0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0}, 3},          // 87.5% zeros
		{[16]float64{0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0}, math.NaN()}, // 50% zeros
	} {
		a := NewFrom(2, 8, tc.rows[:])
		got := Dot(a, b).At(0, 0)
		if got != tc.want && !(math.IsNaN(got) && math.IsNaN(tc.want)) {
			t.Errorf("a = %v: (a·b)(0,0) = %v, want %v", a.Data, got, tc.want)
		}
	}
}

// TestActiveSteps: activeSteps lists the steps where either row is nonzero,
// in order, for rows read in place (with AVX-512, its vector path) and
// through a stride, of every length around the vector width; -0 counts as
// zero, NaN and Inf as nonzero.
func TestActiveSteps(t *testing.T) {
	if !useVector {
		t.Skip("no vector kernels on this CPU")
	}
	defer func(avx2 bool) { useAVX2 = avx2 }(useAVX2)
	for _, avx2 := range []bool{false, true} {
		if !avx2 && !archsimd.X86.AVX512() {
			continue
		}
		useAVX2 = avx2
		testActiveSteps(t)
	}
}

func testActiveSteps(t *testing.T) {
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
				t.Errorf("useAVX2 %v, cs %d, %d steps: %v, want %v", useAVX2, cs, n, got, want)
			}
		}
	}
}
