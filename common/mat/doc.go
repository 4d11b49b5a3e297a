// Package mat is the float64 matrix every chapter computes with: the part of
// NumPy that Deep Learning from Scratch uses, written out by hand.
//
// A Matrix is row-major: element (i, j) lives at Data[i*Cols+j]. A mini-batch
// is a Matrix with one sample per row, so a batch of 100 MNIST images is a
// 100x784 Matrix, and a bias vector is a 1xN Matrix that is added to every row
// (NumPy's broadcasting, done explicitly by AddRowVector).
//
// Functions such as Add or Dot return a new Matrix and leave their arguments
// alone, like NumPy expressions. Methods such as Scale or AddScaled change the
// receiver in place and return it, for the hot loops of training. Shape
// mismatches are programming errors and panic with a message that names both
// shapes, as gonum and NumPy do.
//
// Dot has two versions side by side: DotNaive, the plain triple loop that the
// tests use as their oracle and a reader can step through in a debugger, and
// Dot, the blocked, unrolled and parallel one the chapters call. TDot (aᵀ·b)
// and DotT (a·bᵀ) are the products of a layer's backward pass; they and Dot
// have ...To forms that write into a matrix the caller keeps.
//
// The fast products skip the terms whose left factor is an exact zero, which
// makes them several times faster on MNIST images (mostly 0 pixels) and on
// gradients that passed through ReLU. So 0 times Inf or NaN in the right
// operand may add nothing, where NumPy would give NaN; a NaN or Inf in the left
// operand, or a nonzero times one in the right, still reaches the result.
//
// # Vector kernels (opt-in)
//
// Built with GOEXPERIMENT=simd on Go 1.27 (its simd/archsimd package), Dot,
// TDot, DotT, AddDot and AddDotT run vector kernels: on amd64, AVX-512 ones
// when the CPU has AVX-512 and AVX2 ones when it has AVX2 and FMA but no
// AVX-512 (checked at run time), and the plain kernels otherwise; on arm64,
// NEON ones. Kernels says which run. The default build, and Go 1.26 with or
// without GOEXPERIMENT=simd, has no trace of them. (With AVX2 and NEON, a
// left operand of more than 75% zeros goes to the plain kernels, which are
// faster on it.) They compute a 2-row block of the result at a time and
// leave out an inner step only where both rows of the left operand are
// zero, which they do when most of it is zeros (MNIST pixels). So 0 times
// Inf or NaN gives NaN where the other row of the block is nonzero at that
// step, and always on a mostly nonzero left operand, as in NumPy; it may
// give nothing where the step is left out. Sums are formed in another order
// than in the plain kernels, with fused multiply-adds, so results differ
// from theirs by rounding.
package mat
