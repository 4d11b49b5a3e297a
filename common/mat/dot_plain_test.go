//go:build !(goexperiment.simd && go1.27 && (amd64 || arm64))

package mat

import "testing"

// TestKernelsPlain: without the vector kernels built in, Kernels says so.
func TestKernelsPlain(t *testing.T) {
	if got := Kernels(); got != "plain" {
		t.Errorf("Kernels() = %q, want plain", got)
	}
}
