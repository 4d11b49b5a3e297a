// The inner kernel of the fast products in dot.go: one row of the result at a
// time, built as a sum of scaled rows of b (the i-k-j loop order).
//
// Go compiles each multiply-add to one scalar multiply and one add (no SIMD),
// and a core runs at most two of each per clock, which bounds this kernel.
// On long rows of b, axpy8 comes close to that bound; the rest of this file
// keeps it fed and skips work that would add zero.

package mat

// tileInner is how many terms of the inner sum one pass takes. A tile of b
// (tileInner rows of b.Cols values) then stays in the L2 cache while every
// row of the result is updated from it, instead of being fetched again from
// memory for each row when b is large (such as 4320x100). Tiles of 128 to
// 1024 steps did about as well on the chapters' shapes.
const tileInner = 256

// lhs is the left operand of a product, read as the matrix whose element
// (r, t) is data[r*rowStride+t*innerStride]. For Dot that is a itself
// (rowStride = a.Cols, innerStride = 1); for TDot it is aᵀ, read in place
// (rowStride = 1, innerStride = a.Cols), so no transpose is ever formed.
type lhs struct {
	data                   []float64
	rowStride, innerStride int
}

// mulRows sets rows [r0, r1) of c to the product left·b, where left has
// b.Rows columns. For each row r it works in the i-k-j order,
//
//	c(r, :) = sum over t of left(r, t) * b(t, :),
//
// adding whole contiguous rows of b, several at a time (addRows).
func mulRows(c *Matrix, left lhs, b *Matrix, r0, r1 int) {
	n, inner := b.Cols, b.Rows
	// The terms of one row of the sum, for one tile: coef[q] = left(r, t)
	// and at[q] = t*n, where row t of b starts in b.Data.
	var coef [tileInner]float64
	var at [tileInner]int
	for r := r0; r < r1; r++ {
		clear(c.Data[r*n : r*n+n])
	}
	for t0 := 0; t0 < inner; t0 += tileInner {
		t1 := min(t0+tileInner, inner)
		for r := r0; r < r1; r++ {
			count := gatherTerms(coef[:t1-t0], at[:t1-t0], left, r, t0, n)
			addRows(c.Data[r*n:r*n+n], coef[:count], at[:count], b.Data)
		}
	}
}

// gatherTerms stores the nonzero left(r, t) for t = t0, t0+1, ... into coef,
// the offsets t*n of the matching rows of b into at, and returns how many it
// stored.
//
// Skipping zeros is what makes x·W1 and xᵀ·dout fast on MNIST, whose pixels
// are about 80% zeros: the sum has a fifth of the terms, and the product
// runs several times faster, while on dense data the compare costs little.
// The store is unconditional and count grows by 0 or 1, so the compiler
// emits no branch; an if around the store is as fast on dense data but
// slower on random zeros, from mispredicted branches.
func gatherTerms(coef []float64, at []int, left lhs, r, t0, n int) int {
	at = at[:len(coef)]
	data, stride := left.data, left.innerStride
	p := r*left.rowStride + t0*stride
	count := 0
	for q := range coef {
		v := data[p]
		coef[count], at[count] = v, (t0+q)*n
		if v != 0 {
			count++
		}
		p += stride
	}
	return count
}

// addRows adds coef[q] * b[at[q] : at[q]+len(crow)] to crow for every q:
// eight rows of b per pass, then four, then one.
func addRows(crow []float64, coef []float64, at []int, b []float64) {
	at = at[:len(coef)]
	n := len(crow)
	q := 0
	for ; q+8 <= len(coef); q += 8 {
		o, k := at[q:q+8], coef[q:q+8]
		axpy8(crow, k[0], k[1], k[2], k[3], k[4], k[5], k[6], k[7],
			b[o[0]:o[0]+n], b[o[1]:o[1]+n], b[o[2]:o[2]+n], b[o[3]:o[3]+n],
			b[o[4]:o[4]+n], b[o[5]:o[5]+n], b[o[6]:o[6]+n], b[o[7]:o[7]+n])
	}
	for ; q+4 <= len(coef); q += 4 {
		o, k := at[q:q+4], coef[q:q+4]
		axpy4(crow, k[0], k[1], k[2], k[3],
			b[o[0]:o[0]+n], b[o[1]:o[1]+n], b[o[2]:o[2]+n], b[o[3]:o[3]+n])
	}
	for ; q < len(coef); q++ {
		axpy(crow, coef[q], b[at[q]:at[q]+n])
	}
}

// axpy8 adds a0*b0 + a1*b1 + ... + a7*b7 to c. Eight rows per pass load and
// store c once for eight multiply-adds (faster than four per pass), and
// the products are summed as a tree so the additions do not wait on each
// other. The reslices to len(c) let the compiler drop the bounds checks
// inside the loop (go build -gcflags=-d=ssa/check_bce/debug=1 lists none).
func axpy8(c []float64, a0, a1, a2, a3, a4, a5, a6, a7 float64, b0, b1, b2, b3, b4, b5, b6, b7 []float64) {
	b0, b1, b2, b3 = b0[:len(c)], b1[:len(c)], b2[:len(c)], b3[:len(c)]
	b4, b5, b6, b7 = b4[:len(c)], b5[:len(c)], b6[:len(c)], b7[:len(c)]
	for j := range c {
		c[j] += ((a0*b0[j] + a1*b1[j]) + (a2*b2[j] + a3*b3[j])) +
			((a4*b4[j] + a5*b5[j]) + (a6*b6[j] + a7*b7[j]))
	}
}

// axpy4 adds a0*b0 + a1*b1 + a2*b2 + a3*b3 to c, like axpy8.
func axpy4(c []float64, a0, a1, a2, a3 float64, b0, b1, b2, b3 []float64) {
	b0, b1, b2, b3 = b0[:len(c)], b1[:len(c)], b2[:len(c)], b3[:len(c)]
	for j := range c {
		c[j] += (a0*b0[j] + a1*b1[j]) + (a2*b2[j] + a3*b3[j])
	}
}

// axpy adds a*b to c.
func axpy(c []float64, a float64, b []float64) {
	b = b[:len(c)]
	for j := range c {
		c[j] += a * b[j]
	}
}
