//go:build !(goexperiment.simd && go1.27 && amd64)

// The stand-in for dot_vector.go in the default build (and on every other
// architecture): without GOEXPERIMENT=simd there are no vector kernels, and
// useVector is the constant false, so the compiler drops every call to them
// and the products are exactly the plain ones of dot.go and dot_serial.go.

package mat

// useVector and useAVX2 report whether the products use the vector kernels,
// and the AVX2 ones among them: never in this build.
const (
	useVector = false
	useAVX2   = false
)

// mulVector is never called in this build; it exists so that the callers in
// dot.go and dot_serial.go compile unchanged.
func mulVector(c *Matrix, a, b strided, k int, zeros float64, add, parallel bool) {
	panic("mat: the vector kernels are not built in")
}
