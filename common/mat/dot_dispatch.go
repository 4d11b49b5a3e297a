// The switch between the plain products (dot_kernel.go, dot_serial.go) and
// the vector ones (dot_vector.go, built with GOEXPERIMENT=simd on Go 1.27,
// on amd64 and arm64), and Kernels, which says which of them run.
//
// The plain kernels skip every term whose left factor is zero; the vector
// ones skip an inner step only where both rows of their 2-row block are
// zero, and only when the left operand is mostly zeros. On x·W1, the im2col
// product and dout·Wᵀ with 0 to 99% zeros in the left operand (and on MNIST
// images, 82% zeros), the AVX-512 kernels won at every density, so with
// them the plain ones are never chosen by density. The AVX2 kernels, faster
// than the plain ones on dense operands, are slower on x·W1 with 80% zeros
// and on MNIST images (the sparse and mnist cases of BenchmarkDot), so with
// them a left operand of more than 75% zeros stays plain; so it does with
// NEON's vectors of two values. The tests set these limits to send products
// down each path. In the default build useVector is the constant false and
// the switch compiles to nothing.

package mat

// Kernels names the code that computes the matrix products (Dot, TDot,
// DotT, AddDot, AddDotT and their ...To forms) in this build on this CPU:
//
//   - "AVX-512", "AVX2" or "NEON": the vector kernels of a GOEXPERIMENT=simd
//     build on Go 1.27, chosen at run time on amd64 by the CPU's
//     instruction sets (with AVX2, a left operand of more than 75% zeros
//     still goes to the plain kernels, as it does with NEON);
//   - "plain": the default build, Go 1.26, or an amd64 CPU without AVX2.
//
// A program can print it, so that a reader knows what a time was measured
// with.
func Kernels() string {
	switch {
	case !useVector:
		return "plain"
	case useNEON:
		return "NEON"
	case useAVX2:
		return "AVX2"
	default:
		return "AVX-512"
	}
}

// strided is a matrix read in place: element (i, j) is data[i*rs+j*cs]. It
// lets one kernel read a, aᵀ, b and bᵀ without forming a transpose.
type strided struct {
	data   []float64
	rs, cs int
}

// inPlace returns m as the vector kernels read it, and transposed returns
// mᵀ, read in place through the strides.
func inPlace(m *Matrix) strided    { return strided{m.Data, m.Cols, 1} }
func transposed(m *Matrix) strided { return strided{m.Data, 1, m.Cols} }

// at returns element (i, j).
func (s strided) at(i, j int) float64 { return s.data[i*s.rs+j*s.cs] }

// vectorProduct computes c = a·b, or c += a·b with add, on the vector
// kernels, and reports whether it did: it does nothing and returns false
// where they are not built, the CPU lacks them, or a is a left operand they
// leave to the plain kernels (useVectorKernel). a is c.Rows x k and b is
// k x c.Cols. The products that add (AddDot, AddDotT) run on the calling
// goroutine, as their callers split the work; the others over the cores.
func vectorProduct(c *Matrix, a, b strided, k int, add bool) bool {
	zeros, ok := useVectorKernel(a, c.Rows, k)
	if ok {
		mulVector(c, a, b, k, zeros, add, !add)
	}
	return ok
}

// zeroSkipAbove is the fraction of exact zeros in the left operand above
// which a product stays with the zero-skipping plain kernels where the
// AVX-512 ones run (1: never), zeroSkipAboveNarrow where the AVX2 or NEON
// ones do, and skipStepsAbove the one above which the vector kernels leave
// out the steps where both rows of their 2-row block are zero: below about
// 75% zeros, listing the steps cost more than it saved (x·W1 on one core).
// The tests set them to 2 (never) and to -1 (always) to reach every path on
// any data.
var (
	zeroSkipAbove       = 1.0
	zeroSkipAboveNarrow = 0.75
	skipStepsAbove      = 0.75
)

// useVectorKernel reports whether the m x k left operand a should go to the
// vector kernels: they are built, the CPU has them, and zeros, the fraction
// of zeros sampled from a, is at most zeroSkipAbove (zeroSkipAboveNarrow
// for the AVX2 and NEON kernels). mulVector takes zeros on, to choose
// whether to leave out the zero steps.
func useVectorKernel(a strided, m, k int) (zeros float64, ok bool) {
	if !useVector || m == 0 || k == 0 {
		return 0, false
	}
	zeros = zeroFraction(a, m, k)
	limit := zeroSkipAbove
	if useAVX2 || useNEON {
		limit = zeroSkipAboveNarrow
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
