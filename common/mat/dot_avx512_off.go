//go:build !(goexperiment.simd && amd64)

// The stand-in for dot_avx512.go in the default build (and on every other
// architecture): without GOEXPERIMENT=simd there are no vector kernels, and
// useAVX512 is the constant false, so the compiler drops every call to them
// and the products are exactly the plain ones of dot.go and dot_serial.go.

package mat

// useAVX512 reports whether the products use the AVX-512 kernels: never in
// this build.
const useAVX512 = false

// mulAVX512 is never called in this build; it exists so that the callers in
// dot.go and dot_serial.go compile unchanged.
func mulAVX512(c *Matrix, a, b strided, k int, zeros float64, add, parallel bool) {
	panic("mat: AVX-512 kernels are not built in")
}
