// The matrix products, and which code computes each.
//
//	Dot(a, b)        a·b       np.dot(a, b)     x·W of Affine, col·W of Convolution
//	TDot(a, b)       aᵀ·b      np.dot(a.T, b)   dW = xᵀ·dout of Affine's backward pass
//	DotT(a, b)       a·bᵀ      np.dot(a, b.T)   dx = dout·Wᵀ of Affine's backward pass
//	AddDot(c, a, b)  c += a·b                   one sample of a convolution (dot_serial.go)
//	AddDotT(c, a, b) c += a·bᵀ                  its dW, one sample at a time (dot_serial.go)
//
// Dot, TDot and DotT have ...To forms that write into a matrix the caller
// keeps, so a training loop can reuse its buffers. Every one of them equals
// DotNaive (dot_naive.go), the triple loop, up to rounding and to the zeros
// they skip (see the package doc); the tests hold them to it.
//
// Which code does the work:
//   - in the default build, dot_kernel.go: a row of the result at a time,
//     built from the rows of b whose factor is not zero, split over the
//     cores by parallelRows (below); dot_serial.go for AddDot and AddDotT;
//   - in a GOEXPERIMENT=simd build on Go 1.27, the vector kernels, when the
//     CPU has them and the left operand suits them (dot_dispatch.go decides,
//     Kernels says which): dot_vector.go packs the right operand and splits
//     the work, dot_avx512_kernel.go, dot_avx2_kernel.go and
//     dot_neon_kernel.go compute the blocks. Every entry point below hands
//     them its operands through vectorProduct, read in place (a transpose is
//     a stride, never a copy).

package mat

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
)

// Dot returns the matrix product a·b, NumPy's np.dot(a, b).
func Dot(a, b *Matrix) *Matrix {
	if a.Cols != b.Rows {
		panic(fmt.Sprintf("mat.Dot: shapes %dx%d and %dx%d do not chain", a.Rows, a.Cols, b.Rows, b.Cols))
	}
	return DotTo(New(a.Rows, b.Cols), a, b)
}

// DotTo stores a·b in dst, which must be a.Rows x b.Cols, and returns dst.
// dst must not share storage with a or b. Whatever dst held is overwritten.
func DotTo(dst, a, b *Matrix) *Matrix {
	if a.Cols != b.Rows || dst.Rows != a.Rows || dst.Cols != b.Cols {
		panic(fmt.Sprintf("mat.DotTo: %dx%d · %dx%d into %dx%d", a.Rows, a.Cols, b.Rows, b.Cols, dst.Rows, dst.Cols))
	}
	mustNotAlias("DotTo", dst, a, b)
	if vectorProduct(dst, inPlace(a), inPlace(b), a.Cols, false) {
		return dst
	}
	// Row r of the left operand is row r of a.
	left := lhs{data: a.Data, rowStride: a.Cols, innerStride: 1}
	parallelRows(dst.Rows, a.Rows*a.Cols*b.Cols, func(r0, r1 int) { mulRows(dst, left, b, r0, r1) })
	return dst
}

// TDot returns aᵀ·b without forming the transpose: the dW = xᵀ·dout of
// Affine's backward pass.
func TDot(a, b *Matrix) *Matrix {
	if a.Rows != b.Rows {
		panic(fmt.Sprintf("mat.TDot: shapes %dx%d and %dx%d do not chain (aᵀ·b needs equal row counts)", a.Rows, a.Cols, b.Rows, b.Cols))
	}
	return TDotTo(New(a.Cols, b.Cols), a, b)
}

// TDotTo stores aᵀ·b in dst, which must be a.Cols x b.Cols, and returns dst.
// dst must not share storage with a or b.
func TDotTo(dst, a, b *Matrix) *Matrix {
	if a.Rows != b.Rows || dst.Rows != a.Cols || dst.Cols != b.Cols {
		panic(fmt.Sprintf("mat.TDotTo: (%dx%d)ᵀ · %dx%d into %dx%d", a.Rows, a.Cols, b.Rows, b.Cols, dst.Rows, dst.Cols))
	}
	mustNotAlias("TDotTo", dst, a, b)
	if vectorProduct(dst, transposed(a), inPlace(b), a.Rows, false) {
		return dst
	}
	// Row r of the left operand aᵀ is column r of a, read in place with a
	// stride of a.Cols: on the chapters' shapes this was as fast as copying
	// aᵀ out first, or faster, but for the narrow 57600x25 im2col matrix.
	left := lhs{data: a.Data, rowStride: 1, innerStride: a.Cols}
	parallelRows(dst.Rows, a.Rows*a.Cols*b.Cols, func(r0, r1 int) { mulRows(dst, left, b, r0, r1) })
	return dst
}

// DotT returns a·bᵀ: the dx = dout·Wᵀ of Affine's backward pass.
func DotT(a, b *Matrix) *Matrix {
	if a.Cols != b.Cols {
		panic(fmt.Sprintf("mat.DotT: shapes %dx%d and %dx%d do not chain (a·bᵀ needs equal column counts)", a.Rows, a.Cols, b.Rows, b.Cols))
	}
	return DotTTo(New(a.Rows, b.Rows), a, b)
}

// DotTTo stores a·bᵀ in dst, which must be a.Rows x b.Rows, and returns dst.
// dst must not share storage with a or b.
//
// It copies bᵀ into a pooled scratch buffer and runs Dot's kernel, which is
// faster than dot products of the rows of a with the rows of b (with four
// partial sums, or in 2x3 and 2x4 blocks of them) and skips the zeros of a,
// which ReLU leaves in dout. The copy costs about as much as two rows of
// the product, so when a has one or two rows the dot products are used.
// The vector kernels read bᵀ in place while they pack it, and need neither.
func DotTTo(dst, a, b *Matrix) *Matrix {
	if a.Cols != b.Cols || dst.Rows != a.Rows || dst.Cols != b.Rows {
		panic(fmt.Sprintf("mat.DotTTo: %dx%d · (%dx%d)ᵀ into %dx%d", a.Rows, a.Cols, b.Rows, b.Cols, dst.Rows, dst.Cols))
	}
	mustNotAlias("DotTTo", dst, a, b)
	if vectorProduct(dst, inPlace(a), transposed(b), a.Cols, false) {
		return dst
	}
	if a.Rows < dotTDirectRows {
		dotTRows(dst, a, b)
		return dst
	}
	bt := getScratch(b.Cols, b.Rows)
	transposeInto(bt, b)
	left := lhs{data: a.Data, rowStride: a.Cols, innerStride: 1}
	parallelRows(dst.Rows, a.Rows*a.Cols*b.Rows, func(r0, r1 int) { mulRows(dst, left, bt, r0, r1) })
	scratch.Put(bt)
	return dst
}

// mustNotAlias panics if dst starts where a or b does (dst is a, or a
// reshaped view of it): the product would read values it has overwritten.
func mustNotAlias(op string, dst, a, b *Matrix) {
	if len(dst.Data) == 0 {
		return
	}
	if (len(a.Data) > 0 && &dst.Data[0] == &a.Data[0]) || (len(b.Data) > 0 && &dst.Data[0] == &b.Data[0]) {
		panic(fmt.Sprintf("mat.%s: dst %dx%d shares storage with an operand", op, dst.Rows, dst.Cols))
	}
}

// dotTDirectRows is the row count of a under which DotTTo computes dot
// products instead of copying bᵀ.
const dotTDirectRows = 3

// dotTRows sets c(i, j) to the dot product of row i of a and row j of b.
func dotTRows(c, a, b *Matrix) {
	for i := 0; i < a.Rows; i++ {
		arow, crow := a.Row(i), c.Row(i)
		for j := range crow {
			crow[j] = dot(arow, b.Row(j))
		}
	}
}

// dot returns the dot product of x and y, which have the same length. Four
// partial sums let four additions run at once instead of each waiting for
// the one before.
func dot(x, y []float64) float64 {
	y = y[:len(x)]
	var s0, s1, s2, s3 float64
	k := 0
	for ; k+4 <= len(x); k += 4 {
		xk, yk := x[k:k+4], y[k:k+4]
		s0 += xk[0] * yk[0]
		s1 += xk[1] * yk[1]
		s2 += xk[2] * yk[2]
		s3 += xk[3] * yk[3]
	}
	for ; k < len(x); k++ {
		s0 += x[k] * y[k]
	}
	return (s0 + s1) + (s2 + s3)
}

// scratch holds matrices that DotTTo reuses for bᵀ, so a training loop does
// not allocate (and the garbage collector free) one per call.
var scratch sync.Pool

// getScratch returns a rows x cols matrix from the pool, or a new one, with
// arbitrary contents.
func getScratch(rows, cols int) *Matrix {
	if m, ok := scratch.Get().(*Matrix); ok && cap(m.Data) >= rows*cols {
		return &Matrix{Rows: rows, Cols: cols, Data: m.Data[:rows*cols]}
	}
	return New(rows, cols)
}

// serialWork is the number of multiply-adds under which a product runs on
// the calling goroutine alone: below it, starting and waiting for a
// goroutine costs more than it saves.
const serialWork = 100_000

// parallelRows calls work on ranges of rows [r0, r1) that together cover
// [0, rows) once, from runtime.GOMAXPROCS goroutines, and waits for them all.
// madds is the multiply-add count of the whole product: small products run
// serially. The rows are dealt in chunks of about a quarter of a core's
// share, each goroutine taking the next chunk when it is done with one, so a
// core slowed by other work (another program, the garbage collector) takes
// fewer chunks instead of holding up the result.
func parallelRows(rows, madds int, work func(r0, r1 int)) {
	workers := min(runtime.GOMAXPROCS(0), rows)
	if madds < serialWork || workers < 2 {
		work(0, rows)
		return
	}
	chunk := (rows + 4*workers - 1) / (4 * workers)
	var next atomic.Int64 // the first row not yet taken
	takeChunks := func() {
		for {
			r0 := int(next.Add(int64(chunk))) - chunk
			if r0 >= rows {
				return
			}
			work(r0, min(r0+chunk, rows))
		}
	}
	// Every worker is a new goroutine, the caller only waits: a goroutine
	// started by a running one waits in that core's next-to-run slot, which
	// the other cores leave alone for a while, and the caller, had it taken
	// chunks itself, would have taken most of them before the other core
	// started.
	var wg sync.WaitGroup
	for range workers {
		wg.Go(takeChunks)
	}
	wg.Wait()
}
