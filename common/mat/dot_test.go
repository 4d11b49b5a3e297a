// Tests of the fast products in dot.go against the reference DotNaive, on
// shapes chosen to reach every edge of the kernel: empty and one-element
// sides, sizes that are not multiples of the unrolling (8, 4) or the tile
// (256), row counts that split unevenly over the goroutines, and matrices
// full of exact zeros, which the kernel skips.

package mat

import (
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"
)

// productShapes are (m, k, n) for an m x k by k x n product.
var productShapes = [][3]int{
	{0, 0, 0}, {0, 3, 2}, {2, 0, 3}, {3, 2, 0}, {1, 1, 1},
	{1, 7, 1}, {2, 3, 2}, {3, 5, 7}, {4, 8, 4}, {5, 9, 3}, {7, 17, 13},
	{3, 255, 5}, {3, 256, 5}, {3, 257, 5}, {2, 513, 9}, // around the tile
	{101, 300, 7}, {33, 1000, 10}, // parallel, rows split unevenly
	{5000, 7, 5}, {4000, 25, 3}, // tall and thin (im2col's shape)
	{2, 3, 1000}, {3, 200, 400}, // wide, and fewer rows than most splits
	{1, 200_000, 1}, {1, 30_000, 7}, // one row of a lot of work
	{3, 30_000, 40},                         // packed in several parts by the vector kernels
	{3, 5, 32}, {7, 300, 64}, {30, 25, 576}, // whole 32-column panels only (the convolution's W·colT)
	{3, 30_000, 32},                                    // whole panels, packed in several parts
	{7, 300, 50}, {5, 40, 20}, {4, 9, 24}, {3, 17, 57}, // a last panel of 24 columns (x·W1's 50 = 32+24), or one more of 32
}

// nanMatrix returns a rows x cols matrix of NaNs, as a destination that a
// ...To function must overwrite entirely.
func nanMatrix(rows, cols int) *Matrix {
	m := New(rows, cols)
	for i := range m.Data {
		m.Data[i] = math.NaN()
	}
	return m
}

// checkProduct fails t unless got equals want, the naive a·b, up to rounding:
// a different order of summation may change c(i,j) by a few ulps of
// sum over k of |a(i,k)*b(k,j)|, so the tolerance is relative to that sum.
func checkProduct(t *testing.T, name string, got, want, a, b *Matrix) {
	t.Helper()
	checkScaled(t, name, got, want, productScale(a, b))
}

// productScale returns the sums over k of |a(i,k)*b(k,j)|, for checkScaled.
func productScale(a, b *Matrix) *Matrix { return DotNaive(Map(a, math.Abs), Map(b, math.Abs)) }

// checkScaled is checkProduct with the scale computed once for several
// products of the same operands.
func checkScaled(t *testing.T, name string, got, want, scale *Matrix) {
	t.Helper()
	if got.Rows != want.Rows || got.Cols != want.Cols {
		t.Fatalf("%s: shape %dx%d, want %dx%d", name, got.Rows, got.Cols, want.Rows, want.Cols)
	}
	for i, w := range want.Data {
		if d := math.Abs(got.Data[i] - w); !(d <= 1e-12*scale.Data[i]) {
			t.Fatalf("%s: element (%d,%d) = %v, want %v (scale %v)",
				name, i/want.Cols, i%want.Cols, got.Data[i], w, scale.Data[i])
		}
	}
}

// withProcs runs f with GOMAXPROCS set to each of procs, or to 1, 2 and 3
// when procs is empty, so the products run serially, split in two and split
// unevenly in three. With -short (the arm64 tests under qemu, where every
// product is slow) it runs f with 3 only: the small shapes still run
// serially.
func withProcs(t *testing.T, procs []int, f func(t *testing.T)) {
	old := runtime.GOMAXPROCS(0)
	defer runtime.GOMAXPROCS(old)
	switch {
	case testing.Short():
		procs = []int{3}
	case len(procs) == 0:
		procs = []int{1, 2, 3}
	}
	for _, procs := range procs {
		runtime.GOMAXPROCS(procs)
		t.Run(fmt.Sprintf("procs=%d", procs), f)
	}
}

// TestProductsMatchNaive runs every product on every shape, with 0%, 80% and
// 100% zeros in the left operand, once through each kernel: the
// zero-skipping ones and, in a GOEXPERIMENT=simd build on an AVX-512 or AVX2
// CPU, the vector ones, computing every step and leaving out the zero ones
// (elsewhere all three runs test the plain kernels).
func TestProductsMatchNaive(t *testing.T) {
	for _, path := range []struct {
		name                string
		zeroSkip, skipSteps float64
	}{{"zeroskip", -1, 2}, {"vector", 2, 2}, {"vector-skipsteps", 2, -1}} {
		t.Run(path.name, func(t *testing.T) {
			if !useVector && path.zeroSkip > 1 {
				t.Skip("no vector kernels in this build or on this CPU")
			}
			defer setPaths(path.zeroSkip, path.skipSteps)()
			testProductsMatchNaive(t, nil)
		})
	}
}

func testProductsMatchNaive(t *testing.T, procs []int) {
	withProcs(t, procs, func(t *testing.T) {
		for _, s := range productShapes {
			for _, zeros := range []float64{0, 0.8, 1} {
				m, k, n := s[0], s[1], s[2]
				name := fmt.Sprintf("%dx%dx%d zeros=%v", m, k, n, zeros)
				rng := rand.New(rand.NewPCG(uint64(m*1_000_000+k*1000+n), uint64(zeros*10)))

				a, b := randMatrix(rng, m, k, zeros), randMatrix(rng, k, n, 0)
				want, scale := DotNaive(a, b), productScale(a, b)
				checkScaled(t, "Dot "+name, Dot(a, b), want, scale)
				checkScaled(t, "DotTo "+name, DotTo(nanMatrix(m, n), a, b), want, scale)

				// TDot(at, b) with at = aᵀ stored as k x m.
				at := T(a)
				checkScaled(t, "TDot "+name, TDot(at, b), DotNaive(T(at), b), scale)
				checkScaled(t, "TDotTo "+name, TDotTo(nanMatrix(m, n), at, b), want, scale)

				// DotT(a, bt) with bt = bᵀ stored as n x k.
				bt := T(b)
				checkScaled(t, "DotT "+name, DotT(a, bt), DotNaive(a, T(bt)), scale)
				checkScaled(t, "DotTTo "+name, DotTTo(nanMatrix(m, n), a, bt), want, scale)
			}
		}
	})
}

// TestProductsReuseDst checks that a ...To call overwrites what an earlier
// call left in dst, including through DotTTo's pooled scratch of another size.
func TestProductsReuseDst(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	dst := New(40, 30)
	for _, k := range []int{50, 3, 700, 1} {
		a, b := randMatrix(rng, 40, k, 0.5), randMatrix(rng, k, 30, 0)
		want := DotNaive(a, b)
		checkProduct(t, "DotTo", DotTo(dst, a, b), want, a, b)
		checkProduct(t, "TDotTo", TDotTo(dst, T(a), b), want, a, b)
		checkProduct(t, "DotTTo", DotTTo(dst, a, T(b)), want, a, b)
	}
}

// TestProductsZeroSkip pins down what skipping the zeros of the left operand
// means for special values. A NaN or Inf in a always reaches the result; in
// the zero-skipping kernels a(i,k) = 0 drops the term a(i,k)*b(k,j) even
// where b(k,j) is NaN or Inf, where the naive loop (and NumPy) would give
// 0*Inf = NaN. The vector kernels (GOEXPERIMENT=simd) compute every term,
// so they give NaN there like NumPy; with the AVX2 ones, a left operand of
// more than 75% zeros still goes to the zero-skipping kernels
// (TestAVX2KeepsMostlyZeroOperandsPlain).
func TestProductsZeroSkip(t *testing.T) {
	defer setPaths(-1, 2)() // always the zero-skipping kernels
	a := NewFrom(2, 2, []float64{
		math.NaN(), 1,
		0, 1,
	})
	b := NewFrom(2, 2, []float64{
		math.Inf(1), 2,
		3, 4,
	})
	c := Dot(a, b)
	if !math.IsNaN(c.At(0, 0)) || !math.IsNaN(c.At(0, 1)) {
		t.Errorf("NaN in a did not reach row 0 of a·b:\n%v", c)
	}
	if c.At(1, 0) != 3 || c.At(1, 1) != 4 {
		t.Errorf("row 1 of a·b = %v %v, want 3 4 (0 times Inf skipped)", c.At(1, 0), c.At(1, 1))
	}
	ct := TDot(T(a), b)
	if !math.IsNaN(ct.At(0, 0)) || ct.At(1, 0) != 3 || ct.At(1, 1) != 4 {
		t.Errorf("TDot(aᵀ, b) = \n%v\nwant NaN NaN / 3 4", ct)
	}
}

// TestProductsSpecialValues checks the products that each build runs on the
// left operand [[NaN, 1], [0, 1]], dense enough for the vector kernels,
// times [[Inf, 2], [3, 4]]. Row 0 is NaN everywhere. Row 1 is 0*Inf + 3 =
// NaN, 0*2 + 4 = 4 where every term is computed: the vector kernels (as in
// NumPy), and in the plain build AddDot, AddDotT and DotT of a left operand
// under three rows, which do not skip zeros. Plain Dot and TDot skip the
// zero and give 3, 4.
func TestProductsSpecialValues(t *testing.T) {
	a := NewFrom(2, 2, []float64{math.NaN(), 1, 0, 1})
	b := NewFrom(2, 2, []float64{math.Inf(1), 2, 3, 4})
	skipped := 3.0
	if useVector {
		skipped = math.NaN()
	}
	for _, tt := range []struct {
		name   string
		c      *Matrix
		want10 float64
	}{
		{"Dot", Dot(a, b), skipped},
		{"TDot", TDot(T(a), b), skipped},
		{"DotT", DotT(a, T(b)), math.NaN()},
		{"AddDot", addDotTo(a, b), math.NaN()},
		{"AddDotT", addDotTTo(a, T(b)), math.NaN()},
	} {
		c := tt.c
		same := c.At(1, 0) == tt.want10 || math.IsNaN(c.At(1, 0)) && math.IsNaN(tt.want10)
		if !math.IsNaN(c.At(0, 0)) || !math.IsNaN(c.At(0, 1)) || !same || c.At(1, 1) != 4 {
			t.Errorf("%s = %v, want [NaN NaN] [%v 4] (vector kernels: %v)", tt.name, c.Data, tt.want10, useVector)
		}
	}
}

// addDotTo returns AddDot(0, a, b) and addDotTTo AddDotT(0, a, bt).
func addDotTo(a, b *Matrix) *Matrix   { c := New(a.Rows, b.Cols); AddDot(c, a, b); return c }
func addDotTTo(a, bt *Matrix) *Matrix { c := New(a.Rows, bt.Rows); AddDotT(c, a, bt); return c }

// setPaths sets zeroSkipAbove, zeroSkipAboveNarrow and skipStepsAbove and
// returns a function that puts the old values back. zeroSkip -1 sends every
// product to the zero-skipping plain kernels, 2 to the vector ones where they
// are built and supported; there, skipSteps -1 makes them always list the
// nonzero steps, and 2 never.
func setPaths(zeroSkip, skipSteps float64) (restore func()) {
	oldZero, oldAVX2, oldSteps := zeroSkipAbove, zeroSkipAboveNarrow, skipStepsAbove
	zeroSkipAbove, zeroSkipAboveNarrow, skipStepsAbove = zeroSkip, zeroSkip, skipSteps
	return func() { zeroSkipAbove, zeroSkipAboveNarrow, skipStepsAbove = oldZero, oldAVX2, oldSteps }
}

func TestProductsPanicOnShapes(t *testing.T) {
	a, b := New(2, 3), New(4, 5)
	tests := []struct {
		name  string
		call  func()
		names []string // what the message must contain
	}{
		{"Dot", func() { Dot(a, b) }, []string{"Dot", "2x3", "4x5"}},
		{"DotTo shapes", func() { DotTo(New(2, 5), a, b) }, []string{"DotTo", "2x3", "4x5"}},
		{"DotTo dst", func() { DotTo(New(2, 3), a, New(3, 4)) }, []string{"DotTo", "2x3", "3x4", "into 2x3"}},
		{"TDot", func() { TDot(a, b) }, []string{"TDot", "2x3", "4x5"}},
		{"TDotTo dst", func() { TDotTo(New(2, 2), a, New(2, 4)) }, []string{"TDotTo", "2x3", "2x4", "into 2x2"}},
		{"DotT", func() { DotT(a, b) }, []string{"DotT", "2x3", "4x5"}},
		{"DotTTo dst", func() { DotTTo(New(2, 2), a, New(4, 3)) }, []string{"DotTTo", "2x3", "4x3", "into 2x2"}},
		{"DotNaive", func() { DotNaive(a, b) }, []string{"DotNaive", "2x3", "4x5"}},
		{"DotTo alias", func() { sq := New(3, 3); DotTo(sq, sq, New(3, 3)) }, []string{"DotTo", "shares"}},
		{"TDotTo alias", func() { sq := New(3, 3); TDotTo(sq, New(3, 3), sq.Reshape(3, 3)) }, []string{"TDotTo", "shares"}},
		{"DotTTo alias", func() { sq := New(3, 3); DotTTo(sq, New(3, 3), sq) }, []string{"DotTTo", "shares"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			msg := panicMessage(tt.call)
			for _, want := range tt.names {
				if !strings.Contains(msg, want) {
					t.Errorf("panic %q does not name %q", msg, want)
				}
			}
		})
	}
}
