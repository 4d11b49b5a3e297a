// Serial products that add into their result, for callers that already
// split their work over the cores (the convolution layer runs one sample per
// goroutine). They are register-tiled for the skinny shapes of convolution:
// 30x25 filters times 25x576 patches.

package mat

import "fmt"

// AddDot adds a·b to c (c += a·b) on the calling goroutine. a is m x k, b is
// k x n and c is m x n.
func AddDot(c, a, b *Matrix) {
	if a.Cols != b.Rows || c.Rows != a.Rows || c.Cols != b.Cols {
		panic(fmt.Sprintf("mat.AddDot: %dx%d · %dx%d into %dx%d", a.Rows, a.Cols, b.Rows, b.Cols, c.Rows, c.Cols))
	}
	if vectorProduct(c, inPlace(a), inPlace(b), a.Cols, true) {
		return
	}
	addDot(c.Data, a.Data, b.Data, a.Rows, a.Cols, b.Cols)
}

// AddDotT adds a·bᵀ to c (c += a·bᵀ) on the calling goroutine. a is m x k, b
// is n x k and c is m x n.
func AddDotT(c, a, b *Matrix) {
	if a.Cols != b.Cols || c.Rows != a.Rows || c.Cols != b.Rows {
		panic(fmt.Sprintf("mat.AddDotT: %dx%d · (%dx%d)ᵀ into %dx%d", a.Rows, a.Cols, b.Rows, b.Cols, c.Rows, c.Cols))
	}
	if vectorProduct(c, inPlace(a), transposed(b), a.Cols, true) {
		return
	}
	addDotT(c.Data, a.Data, b.Data, a.Rows, b.Rows, a.Cols)
}

// addDot adds a·b to c, where a is m x k, b is k x n and c is m x n, all
// row-major: the W · colT and Wᵀ · dout_n of the layer.
//
// It computes c in tiles of 3 rows by 2 columns, keeping the six sums in
// registers while it runs along k: each step loads 3 values of a and 2 of b
// for 6 multiply-adds, where the textbook i-k-j loop loads and stores c for
// every one.
func addDot(c, a, b []float64, m, k, n int) {
	i := 0
	for ; i+3 <= m; i += 3 {
		a0, a1, a2 := rows3(a, i, k)
		c0, c1, c2 := rows3(c, i, n)
		j := 0
		for ; j+2 <= n; j += 2 {
			s00, s01 := c0[j], c0[j+1]
			s10, s11 := c1[j], c1[j+1]
			s20, s21 := c2[j], c2[j+1]
			for l, x0 := range a0 {
				bl := b[l*n+j : l*n+j+2]
				b0, b1 := bl[0], bl[1]
				x1, x2 := a1[l], a2[l]
				s00 += x0 * b0
				s01 += x0 * b1
				s10 += x1 * b0
				s11 += x1 * b1
				s20 += x2 * b0
				s21 += x2 * b1
			}
			c0[j], c0[j+1] = s00, s01
			c1[j], c1[j+1] = s10, s11
			c2[j], c2[j+1] = s20, s21
		}
		if j < n { // odd n: the last column
			s0, s1, s2 := c0[j], c1[j], c2[j]
			for l, x0 := range a0 {
				bv := b[l*n+j]
				s0 += x0 * bv
				s1 += a1[l] * bv
				s2 += a2[l] * bv
			}
			c0[j], c1[j], c2[j] = s0, s1, s2
		}
	}
	for ; i < m; i++ { // the last m%3 rows, one at a time
		ci := c[i*n : (i+1)*n]
		for l, x := range a[i*k : (i+1)*k] {
			for j, bv := range b[l*n : (l+1)*n][:len(ci)] {
				ci[j] += x * bv
			}
		}
	}
}

// rows3 returns rows i, i+1 and i+2 of s, a row-major matrix with rows of
// w values, as slices of one length, so that loops over one index all three
// need no bounds checks.
func rows3(s []float64, i, w int) (r0, r1, r2 []float64) {
	r0 = s[i*w : (i+1)*w]
	r1 = s[(i+1)*w : (i+2)*w][:len(r0)]
	r2 = s[(i+2)*w : (i+3)*w][:len(r0)]
	return r0, r1, r2
}

// addDotT adds a·bᵀ to c, where a is m x k, b is n x k and c is m x n: the
// dout_n · colTᵀ of the convolution layer, where every element of c is the dot product of
// a row of a with a row of b. Like addDot it works on 3 x 2 tiles of c, so
// each step along the rows loads 5 values for 6 multiply-adds.
func addDotT(c, a, b []float64, m, n, k int) {
	i := 0
	for ; i+3 <= m; i += 3 {
		a0, a1, a2 := rows3(a, i, k)
		c0, c1, c2 := rows3(c, i, n)
		j := 0
		for ; j+2 <= n; j += 2 {
			b0 := b[j*k : (j+1)*k][:len(a0)]
			b1 := b[(j+1)*k : (j+2)*k][:len(a0)]
			var s00, s01, s10, s11, s20, s21 float64
			for l, x0 := range a0 {
				y0, y1 := b0[l], b1[l]
				x1, x2 := a1[l], a2[l]
				s00 += x0 * y0
				s01 += x0 * y1
				s10 += x1 * y0
				s11 += x1 * y1
				s20 += x2 * y0
				s21 += x2 * y1
			}
			c0[j] += s00
			c0[j+1] += s01
			c1[j] += s10
			c1[j+1] += s11
			c2[j] += s20
			c2[j+1] += s21
		}
		if j < n { // odd n: the last column
			bj := b[j*k : (j+1)*k][:len(a0)]
			var s0, s1, s2 float64
			for l, y := range bj {
				s0 += a0[l] * y
				s1 += a1[l] * y
				s2 += a2[l] * y
			}
			c0[j] += s0
			c1[j] += s1
			c2[j] += s2
		}
	}
	for ; i < m; i++ { // the last m%3 rows, one at a time
		ai := a[i*k : (i+1)*k]
		for j := 0; j < n; j++ {
			s := 0.0
			for l, y := range b[j*k : (j+1)*k][:len(ai)] {
				s += ai[l] * y
			}
			c[i*n+j] += s
		}
	}
}
