//go:build goexperiment.simd && go1.27 && arm64

// On arm64, a GOEXPERIMENT=simd build on Go 1.27 runs the NEON kernels; the
// products themselves are checked against DotNaive in dot_test.go (under
// qemu-user in CI, where these machines have no arm64 CPU).

package mat

import (
	"math"
	"testing"
)

// TestNEONSelected: Kernels says NEON, and a dense product takes the vector
// path, which computes every term: 0 times Inf gives NaN where the plain
// kernels would skip the zero and give 3.
func TestNEONSelected(t *testing.T) {
	if got := Kernels(); got != "NEON" {
		t.Fatalf("Kernels() = %q, want NEON", got)
	}
	a := NewFrom(2, 2, []float64{1, 1, 0, 1})
	b := NewFrom(2, 2, []float64{math.Inf(1), 2, 3, 4})
	if got := Dot(a, b).At(1, 0); !math.IsNaN(got) {
		t.Errorf("(a·b)(1,0) = %v, want NaN from the NEON kernels' 0·Inf", got)
	}
}
