//go:build !(goexperiment.simd && amd64)

// The stand-in for relu_avx512.go in the default build: ReLU's forward pass
// is the plain loop.

package nn

// reluForward is reluForwardPlain in this build.
func reluForward(in, out []float64, mask []bool) { reluForwardPlain(in, out, mask) }
