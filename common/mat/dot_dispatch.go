// The switch between the plain products (dot_kernel.go, dot_serial.go) and
// the vector ones (dot_vector.go, built with GOEXPERIMENT=simd on amd64).
// The plain kernels skip every term whose left factor is zero; the vector
// ones skip an inner step only where both rows of their 2-row block are
// zero, and only when the left operand is mostly zeros. Measured on one core
// for x·W1, the im2col product and dout·Wᵀ with 0 to 99% zeros in the left
// operand (and on MNIST images, 82% zeros, also on two cores), the AVX-512
// kernels won at every density, so with them the plain ones are never chosen
// by density. The AVX2 kernels, faster than the plain ones on dense
// operands, are slower on x·W1 with 80% zeros and on MNIST images (the
// sparse and mnist cases of BenchmarkDot), so with them a left operand of
// more than 75% zeros stays plain. The tests set both limits to send
// products down each path. In the default build useVector is the constant
// false and the switch compiles to nothing.

package mat

// strided is a matrix read in place: element (i, j) is data[i*rs+j*cs]. It
// lets one kernel read a, aᵀ, b and bᵀ without forming a transpose.
type strided struct {
	data   []float64
	rs, cs int
}

// at returns element (i, j).
func (s strided) at(i, j int) float64 { return s.data[i*s.rs+j*s.cs] }

// zeroSkipAbove is the fraction of exact zeros in the left operand above
// which a product stays with the zero-skipping plain kernels where the
// AVX-512 ones run (1: never), zeroSkipAboveAVX2 where the AVX2 ones do, and
// skipStepsAbove the one above which the vector kernels leave out the steps
// where both rows of their 2-row block are zero: below about 75% zeros,
// listing the steps cost more than it saved (x·W1 on one core). The tests
// set them to 2 (never) and to -1 (always) to reach every path on any data.
var (
	zeroSkipAbove     = 1.0
	zeroSkipAboveAVX2 = 0.75
	skipStepsAbove    = 0.75
)

// useVectorKernel reports whether the m x k left operand a should go to the
// vector kernels: they are built, the CPU has them, and zeros, the fraction
// of zeros sampled from a, is at most zeroSkipAbove (zeroSkipAboveAVX2 for
// the AVX2 kernels). mulVector takes zeros on, to choose whether to leave
// out the zero steps.
func useVectorKernel(a strided, m, k int) (zeros float64, ok bool) {
	if !useVector || m == 0 || k == 0 {
		return 0, false
	}
	zeros = zeroFraction(a, m, k)
	limit := zeroSkipAbove
	if useAVX2 {
		limit = zeroSkipAboveAVX2
	}
	return zeros, zeros <= limit
}

// zeroFraction estimates the fraction of exact zeros in the m x k matrix a
// from at most 32 x 32 elements on an even grid, so that it costs next to
// nothing beside the product.
func zeroFraction(a strided, m, k int) float64 {
	si, sk := max(1, m/32), max(1, k/32)
	zeros, all := 0, 0
	for i := 0; i < m; i += si {
		for t := 0; t < k; t += sk {
			if a.at(i, t) == 0 {
				zeros++
			}
			all++
		}
	}
	return float64(zeros) / float64(all)
}
