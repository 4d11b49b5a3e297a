//go:build !(goexperiment.simd && go1.27 && (amd64 || arm64))

// The stand-in for dot_vector.go in the default build, with Go 1.26, and on
// other architectures: there are no vector kernels, and useVector is the
// constant false, so the compiler drops every call to them and the products
// are exactly the plain ones of dot.go and dot_serial.go.

package mat

// useVector, useAVX2 and useNEON report whether the products use the vector
// kernels, the AVX2 ones among them, or the NEON ones: never in this build.
const (
	useVector = false
	useAVX2   = false
	useNEON   = false
)

// mulVector is never called in this build; it exists so that vectorProduct
// compiles unchanged.
func mulVector(c *Matrix, a, b strided, k int, zeros float64, add, parallel bool) {
	panic("mat: the vector kernels are not built in")
}
