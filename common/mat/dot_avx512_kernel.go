//go:build goexperiment.simd && go1.27 && amd64

// The AVX-512 micro-kernels of dot_vector.go: each keeps a 2-row block of the
// result in vector registers (Float64x8 accumulators) while it runs along the
// inner dimension, adding per step the outer product of a column of two rows
// of the left operand and a row of the right panel, as a BLIS micro-kernel
// does (Van Zee and van de Geijn, "BLIS: A Framework for Rapidly
// Instantiating BLAS Functionality", ACM TOMS 41(3), 2015).
//
// Why 2 rows by 32 columns, not BLIS's taller blocks: Go's register allocator
// used only 15 vector registers here (Z0-Z14) and the fused multiply-add
// (VFMADD213PD) writes over one of its factors, so each accumulator is moved
// back into place every step, and blocks with more than eight accumulators
// spilled them to the stack. Of the blocks measured (2 to 8 rows, 8 to 64
// columns), 2 x 32 and 3 x 16 were fastest; 2 x 32 has eight accumulators
// and loads 4 vectors and 2 scalars per 8 multiply-adds. The 24-, 16- and
// 8-column kernels cover the last columns.
//
// Two other arrangements measured slower on the book's shapes. A multiply
// then an add, in place of the fused multiply-add, needs no copies but a
// register more per product: its 2 x 24 blocks ran 20% faster with their
// panel in the L1 cache, and slower on every product of the book, whose
// short inner dimensions and column counts (25 steps; 30 and 50 columns)
// suit 32-column panels. One kernel for both the dense and the listed
// steps, testing for the list at each step, made the dense products 9-23%
// slower.
//
// The kernels are plain straight-line Go; every Steps variant differs from
// its dense one only in taking step t from a list.

package mat

import "simd/archsimd"

// from returns c[j:], or an empty slice when c is shorter than j, for the
// loads and stores of a block's last columns.
func from(c []float64, j int) []float64 { return c[min(j, len(c)):] }

// loadPart returns the first 8 values of c as a vector, padded with zeros
// when c is shorter. The short case goes through an array on the stack:
// archsimd's LoadFloat64x8SlicePart, a masked load, converts the short slice
// to an array pointer, which the checkptr checks of go test -race reject
// when the slice ends its allocation.
func loadPart(c []float64) archsimd.Float64x8 {
	if len(c) >= 8 {
		return archsimd.LoadFloat64x8(c)
	}
	var t [8]float64
	copy(t[:], c)
	return archsimd.LoadFloat64x8Array(&t)
}

// storePart stores the first min(8, len(c)) values of v into c, through an
// array on the stack when c is short (see loadPart).
func storePart(v archsimd.Float64x8, c []float64) {
	if len(c) >= 8 {
		v.Store(c)
		return
	}
	var t [8]float64
	v.StoreArray(&t)
	copy(c, t[:])
}

// kernel2x32 adds to c0 and c1, two rows of the result of at most 32
// columns each, the product of two rows of the left operand and a kc x 32
// panel of the right one (b[q] holds its row q). The rows of the left
// operand are read in place: step q takes a[p0+q*cs] and a[p1+q*cs]. Per
// step, four vectors of b times two broadcast values of a go into eight
// accumulators. Columns past len(c0) are computed and dropped (partial loads
// and stores), and an empty c1 drops the second row.
func kernel2x32(a []float64, p0, p1, cs int, b [][32]float64, c0, c1 []float64) {
	s00 := loadPart(from(c0, 0))
	s01 := loadPart(from(c0, 8))
	s02 := loadPart(from(c0, 16))
	s03 := loadPart(from(c0, 24))
	s10 := loadPart(from(c1, 0))
	s11 := loadPart(from(c1, 8))
	s12 := loadPart(from(c1, 16))
	s13 := loadPart(from(c1, 24))
	for q := range len(b) {
		bq := &b[q]
		b0 := archsimd.LoadFloat64x8Array((*[8]float64)(bq[0:]))
		b1 := archsimd.LoadFloat64x8Array((*[8]float64)(bq[8:]))
		b2 := archsimd.LoadFloat64x8Array((*[8]float64)(bq[16:]))
		b3 := archsimd.LoadFloat64x8Array((*[8]float64)(bq[24:]))
		x0 := archsimd.BroadcastFloat64x8(a[p0])
		p0 += cs
		s00 = b0.MulAdd(x0, s00)
		s01 = b1.MulAdd(x0, s01)
		s02 = b2.MulAdd(x0, s02)
		s03 = b3.MulAdd(x0, s03)
		x1 := archsimd.BroadcastFloat64x8(a[p1])
		p1 += cs
		s10 = b0.MulAdd(x1, s10)
		s11 = b1.MulAdd(x1, s11)
		s12 = b2.MulAdd(x1, s12)
		s13 = b3.MulAdd(x1, s13)
	}
	storePart(s00, from(c0, 0))
	storePart(s01, from(c0, 8))
	storePart(s02, from(c0, 16))
	storePart(s03, from(c0, 24))
	storePart(s10, from(c1, 0))
	storePart(s11, from(c1, 8))
	storePart(s12, from(c1, 16))
	storePart(s13, from(c1, 24))
}

// kernel2x24 is kernel2x32 for a panel of 24 columns: six accumulators, fed
// by three vectors of b per step.
func kernel2x24(a []float64, p0, p1, cs int, b [][24]float64, c0, c1 []float64) {
	s00 := loadPart(from(c0, 0))
	s01 := loadPart(from(c0, 8))
	s02 := loadPart(from(c0, 16))
	s10 := loadPart(from(c1, 0))
	s11 := loadPart(from(c1, 8))
	s12 := loadPart(from(c1, 16))
	for q := range len(b) {
		bq := &b[q]
		b0 := archsimd.LoadFloat64x8Array((*[8]float64)(bq[0:]))
		b1 := archsimd.LoadFloat64x8Array((*[8]float64)(bq[8:]))
		b2 := archsimd.LoadFloat64x8Array((*[8]float64)(bq[16:]))
		x0 := archsimd.BroadcastFloat64x8(a[p0])
		p0 += cs
		s00 = b0.MulAdd(x0, s00)
		s01 = b1.MulAdd(x0, s01)
		s02 = b2.MulAdd(x0, s02)
		x1 := archsimd.BroadcastFloat64x8(a[p1])
		p1 += cs
		s10 = b0.MulAdd(x1, s10)
		s11 = b1.MulAdd(x1, s11)
		s12 = b2.MulAdd(x1, s12)
	}
	storePart(s00, from(c0, 0))
	storePart(s01, from(c0, 8))
	storePart(s02, from(c0, 16))
	storePart(s10, from(c1, 0))
	storePart(s11, from(c1, 8))
	storePart(s12, from(c1, 16))
}

// kernel2x16 is kernel2x32 for a panel of 16 columns. Four accumulators
// would leave the multiply-adds waiting on each other (each takes several
// cycles to finish, and two can start per cycle), so the even and the odd
// steps go to two sets of sums, added at the end.
func kernel2x16(a []float64, p0, p1, cs int, b [][16]float64, c0, c1 []float64) {
	s00 := loadPart(from(c0, 0))
	s01 := loadPart(from(c0, 8))
	s10 := loadPart(from(c1, 0))
	s11 := loadPart(from(c1, 8))
	var t00, t01, t10, t11 archsimd.Float64x8
	q := 0
	for ; q+2 <= len(b); q += 2 {
		{
			bq := &b[q]
			b0 := archsimd.LoadFloat64x8Array((*[8]float64)(bq[0:]))
			b1 := archsimd.LoadFloat64x8Array((*[8]float64)(bq[8:]))
			x0 := archsimd.BroadcastFloat64x8(a[p0])
			p0 += cs
			s00 = b0.MulAdd(x0, s00)
			s01 = b1.MulAdd(x0, s01)
			x1 := archsimd.BroadcastFloat64x8(a[p1])
			p1 += cs
			s10 = b0.MulAdd(x1, s10)
			s11 = b1.MulAdd(x1, s11)
		}
		{
			bq := &b[q+1]
			b0 := archsimd.LoadFloat64x8Array((*[8]float64)(bq[0:]))
			b1 := archsimd.LoadFloat64x8Array((*[8]float64)(bq[8:]))
			x0 := archsimd.BroadcastFloat64x8(a[p0])
			p0 += cs
			t00 = b0.MulAdd(x0, t00)
			t01 = b1.MulAdd(x0, t01)
			x1 := archsimd.BroadcastFloat64x8(a[p1])
			p1 += cs
			t10 = b0.MulAdd(x1, t10)
			t11 = b1.MulAdd(x1, t11)
		}
	}
	for ; q < len(b); q++ {
		bq := &b[q]
		b0 := archsimd.LoadFloat64x8Array((*[8]float64)(bq[0:]))
		b1 := archsimd.LoadFloat64x8Array((*[8]float64)(bq[8:]))
		x0 := archsimd.BroadcastFloat64x8(a[p0])
		p0 += cs
		s00 = b0.MulAdd(x0, s00)
		s01 = b1.MulAdd(x0, s01)
		x1 := archsimd.BroadcastFloat64x8(a[p1])
		p1 += cs
		s10 = b0.MulAdd(x1, s10)
		s11 = b1.MulAdd(x1, s11)
	}
	s00 = s00.Add(t00)
	s01 = s01.Add(t01)
	s10 = s10.Add(t10)
	s11 = s11.Add(t11)
	storePart(s00, from(c0, 0))
	storePart(s01, from(c0, 8))
	storePart(s10, from(c1, 0))
	storePart(s11, from(c1, 8))
}

// kernel2x8 is kernel2x32 for a panel of 8 columns, with the steps dealt
// round-robin to four sets of sums for the same reason as in kernel2x16.
func kernel2x8(a []float64, p0, p1, cs int, b [][8]float64, c0, c1 []float64) {
	s00 := loadPart(from(c0, 0))
	s10 := loadPart(from(c1, 0))
	var t00, t10, u00, u10, v00, v10 archsimd.Float64x8
	q := 0
	for ; q+4 <= len(b); q += 4 {
		{
			bq := &b[q]
			b0 := archsimd.LoadFloat64x8Array((*[8]float64)(bq[0:]))
			x0 := archsimd.BroadcastFloat64x8(a[p0])
			p0 += cs
			s00 = x0.MulAdd(b0, s00)
			x1 := archsimd.BroadcastFloat64x8(a[p1])
			p1 += cs
			s10 = x1.MulAdd(b0, s10)
		}
		{
			bq := &b[q+1]
			b0 := archsimd.LoadFloat64x8Array((*[8]float64)(bq[0:]))
			x0 := archsimd.BroadcastFloat64x8(a[p0])
			p0 += cs
			t00 = x0.MulAdd(b0, t00)
			x1 := archsimd.BroadcastFloat64x8(a[p1])
			p1 += cs
			t10 = x1.MulAdd(b0, t10)
		}
		{
			bq := &b[q+2]
			b0 := archsimd.LoadFloat64x8Array((*[8]float64)(bq[0:]))
			x0 := archsimd.BroadcastFloat64x8(a[p0])
			p0 += cs
			u00 = x0.MulAdd(b0, u00)
			x1 := archsimd.BroadcastFloat64x8(a[p1])
			p1 += cs
			u10 = x1.MulAdd(b0, u10)
		}
		{
			bq := &b[q+3]
			b0 := archsimd.LoadFloat64x8Array((*[8]float64)(bq[0:]))
			x0 := archsimd.BroadcastFloat64x8(a[p0])
			p0 += cs
			v00 = x0.MulAdd(b0, v00)
			x1 := archsimd.BroadcastFloat64x8(a[p1])
			p1 += cs
			v10 = x1.MulAdd(b0, v10)
		}
	}
	for ; q < len(b); q++ {
		bq := &b[q]
		b0 := archsimd.LoadFloat64x8Array((*[8]float64)(bq[0:]))
		x0 := archsimd.BroadcastFloat64x8(a[p0])
		p0 += cs
		s00 = x0.MulAdd(b0, s00)
		x1 := archsimd.BroadcastFloat64x8(a[p1])
		p1 += cs
		s10 = x1.MulAdd(b0, s10)
	}
	s00 = s00.Add(t00)
	s10 = s10.Add(t10)
	s00 = s00.Add(u00)
	s10 = s10.Add(u10)
	s00 = s00.Add(v00)
	s10 = s10.Add(v10)
	storePart(s00, from(c0, 0))
	storePart(s10, from(c1, 0))
}

// kernel2x32Steps is kernel2x32 over the steps listed in steps only: step
// t takes a[p0+t*cs], a[p1+t*cs] and b[t]. The steps left out are those
// where both rows of the left operand are zero (see activeSteps).
func kernel2x32Steps(a []float64, p0, p1, cs int, steps []int32, b [][32]float64, c0, c1 []float64) {
	s00 := loadPart(from(c0, 0))
	s01 := loadPart(from(c0, 8))
	s02 := loadPart(from(c0, 16))
	s03 := loadPart(from(c0, 24))
	s10 := loadPart(from(c1, 0))
	s11 := loadPart(from(c1, 8))
	s12 := loadPart(from(c1, 16))
	s13 := loadPart(from(c1, 24))
	for q := range len(steps) {
		t := int(steps[q])
		bq := &b[t]
		b0 := archsimd.LoadFloat64x8Array((*[8]float64)(bq[0:]))
		b1 := archsimd.LoadFloat64x8Array((*[8]float64)(bq[8:]))
		b2 := archsimd.LoadFloat64x8Array((*[8]float64)(bq[16:]))
		b3 := archsimd.LoadFloat64x8Array((*[8]float64)(bq[24:]))
		x0 := archsimd.BroadcastFloat64x8(a[p0+t*cs])
		s00 = b0.MulAdd(x0, s00)
		s01 = b1.MulAdd(x0, s01)
		s02 = b2.MulAdd(x0, s02)
		s03 = b3.MulAdd(x0, s03)
		x1 := archsimd.BroadcastFloat64x8(a[p1+t*cs])
		s10 = b0.MulAdd(x1, s10)
		s11 = b1.MulAdd(x1, s11)
		s12 = b2.MulAdd(x1, s12)
		s13 = b3.MulAdd(x1, s13)
	}
	storePart(s00, from(c0, 0))
	storePart(s01, from(c0, 8))
	storePart(s02, from(c0, 16))
	storePart(s03, from(c0, 24))
	storePart(s10, from(c1, 0))
	storePart(s11, from(c1, 8))
	storePart(s12, from(c1, 16))
	storePart(s13, from(c1, 24))
}

// kernel2x24Steps is kernel2x24 over the steps listed in steps only, as
// kernel2x32Steps is.
func kernel2x24Steps(a []float64, p0, p1, cs int, steps []int32, b [][24]float64, c0, c1 []float64) {
	s00 := loadPart(from(c0, 0))
	s01 := loadPart(from(c0, 8))
	s02 := loadPart(from(c0, 16))
	s10 := loadPart(from(c1, 0))
	s11 := loadPart(from(c1, 8))
	s12 := loadPart(from(c1, 16))
	for q := range len(steps) {
		t := int(steps[q])
		bq := &b[t]
		b0 := archsimd.LoadFloat64x8Array((*[8]float64)(bq[0:]))
		b1 := archsimd.LoadFloat64x8Array((*[8]float64)(bq[8:]))
		b2 := archsimd.LoadFloat64x8Array((*[8]float64)(bq[16:]))
		x0 := archsimd.BroadcastFloat64x8(a[p0+t*cs])
		s00 = b0.MulAdd(x0, s00)
		s01 = b1.MulAdd(x0, s01)
		s02 = b2.MulAdd(x0, s02)
		x1 := archsimd.BroadcastFloat64x8(a[p1+t*cs])
		s10 = b0.MulAdd(x1, s10)
		s11 = b1.MulAdd(x1, s11)
		s12 = b2.MulAdd(x1, s12)
	}
	storePart(s00, from(c0, 0))
	storePart(s01, from(c0, 8))
	storePart(s02, from(c0, 16))
	storePart(s10, from(c1, 0))
	storePart(s11, from(c1, 8))
	storePart(s12, from(c1, 16))
}

// kernel2x16Steps is kernel2x16 over the steps listed in steps only: step
// t takes a[p0+t*cs], a[p1+t*cs] and b[t]. The steps left out are those
// where both rows of the left operand are zero (see activeSteps).
func kernel2x16Steps(a []float64, p0, p1, cs int, steps []int32, b [][16]float64, c0, c1 []float64) {
	s00 := loadPart(from(c0, 0))
	s01 := loadPart(from(c0, 8))
	s10 := loadPart(from(c1, 0))
	s11 := loadPart(from(c1, 8))
	var t00, t01, t10, t11 archsimd.Float64x8
	q := 0
	for ; q+2 <= len(steps); q += 2 {
		{
			t := int(steps[q])
			bq := &b[t]
			b0 := archsimd.LoadFloat64x8Array((*[8]float64)(bq[0:]))
			b1 := archsimd.LoadFloat64x8Array((*[8]float64)(bq[8:]))
			x0 := archsimd.BroadcastFloat64x8(a[p0+t*cs])
			s00 = b0.MulAdd(x0, s00)
			s01 = b1.MulAdd(x0, s01)
			x1 := archsimd.BroadcastFloat64x8(a[p1+t*cs])
			s10 = b0.MulAdd(x1, s10)
			s11 = b1.MulAdd(x1, s11)
		}
		{
			t := int(steps[q+1])
			bq := &b[t]
			b0 := archsimd.LoadFloat64x8Array((*[8]float64)(bq[0:]))
			b1 := archsimd.LoadFloat64x8Array((*[8]float64)(bq[8:]))
			x0 := archsimd.BroadcastFloat64x8(a[p0+t*cs])
			t00 = b0.MulAdd(x0, t00)
			t01 = b1.MulAdd(x0, t01)
			x1 := archsimd.BroadcastFloat64x8(a[p1+t*cs])
			t10 = b0.MulAdd(x1, t10)
			t11 = b1.MulAdd(x1, t11)
		}
	}
	for ; q < len(steps); q++ {
		t := int(steps[q])
		bq := &b[t]
		b0 := archsimd.LoadFloat64x8Array((*[8]float64)(bq[0:]))
		b1 := archsimd.LoadFloat64x8Array((*[8]float64)(bq[8:]))
		x0 := archsimd.BroadcastFloat64x8(a[p0+t*cs])
		s00 = b0.MulAdd(x0, s00)
		s01 = b1.MulAdd(x0, s01)
		x1 := archsimd.BroadcastFloat64x8(a[p1+t*cs])
		s10 = b0.MulAdd(x1, s10)
		s11 = b1.MulAdd(x1, s11)
	}
	s00 = s00.Add(t00)
	s01 = s01.Add(t01)
	s10 = s10.Add(t10)
	s11 = s11.Add(t11)
	storePart(s00, from(c0, 0))
	storePart(s01, from(c0, 8))
	storePart(s10, from(c1, 0))
	storePart(s11, from(c1, 8))
}

// kernel2x8Steps is kernel2x8 over the steps listed in steps only: step
// t takes a[p0+t*cs], a[p1+t*cs] and b[t]. The steps left out are those
// where both rows of the left operand are zero (see activeSteps).
func kernel2x8Steps(a []float64, p0, p1, cs int, steps []int32, b [][8]float64, c0, c1 []float64) {
	s00 := loadPart(from(c0, 0))
	s10 := loadPart(from(c1, 0))
	var t00, t10, u00, u10, v00, v10 archsimd.Float64x8
	q := 0
	for ; q+4 <= len(steps); q += 4 {
		{
			t := int(steps[q])
			bq := &b[t]
			b0 := archsimd.LoadFloat64x8Array((*[8]float64)(bq[0:]))
			x0 := archsimd.BroadcastFloat64x8(a[p0+t*cs])
			s00 = x0.MulAdd(b0, s00)
			x1 := archsimd.BroadcastFloat64x8(a[p1+t*cs])
			s10 = x1.MulAdd(b0, s10)
		}
		{
			t := int(steps[q+1])
			bq := &b[t]
			b0 := archsimd.LoadFloat64x8Array((*[8]float64)(bq[0:]))
			x0 := archsimd.BroadcastFloat64x8(a[p0+t*cs])
			t00 = x0.MulAdd(b0, t00)
			x1 := archsimd.BroadcastFloat64x8(a[p1+t*cs])
			t10 = x1.MulAdd(b0, t10)
		}
		{
			t := int(steps[q+2])
			bq := &b[t]
			b0 := archsimd.LoadFloat64x8Array((*[8]float64)(bq[0:]))
			x0 := archsimd.BroadcastFloat64x8(a[p0+t*cs])
			u00 = x0.MulAdd(b0, u00)
			x1 := archsimd.BroadcastFloat64x8(a[p1+t*cs])
			u10 = x1.MulAdd(b0, u10)
		}
		{
			t := int(steps[q+3])
			bq := &b[t]
			b0 := archsimd.LoadFloat64x8Array((*[8]float64)(bq[0:]))
			x0 := archsimd.BroadcastFloat64x8(a[p0+t*cs])
			v00 = x0.MulAdd(b0, v00)
			x1 := archsimd.BroadcastFloat64x8(a[p1+t*cs])
			v10 = x1.MulAdd(b0, v10)
		}
	}
	for ; q < len(steps); q++ {
		t := int(steps[q])
		bq := &b[t]
		b0 := archsimd.LoadFloat64x8Array((*[8]float64)(bq[0:]))
		x0 := archsimd.BroadcastFloat64x8(a[p0+t*cs])
		s00 = x0.MulAdd(b0, s00)
		x1 := archsimd.BroadcastFloat64x8(a[p1+t*cs])
		s10 = x1.MulAdd(b0, s10)
	}
	s00 = s00.Add(t00)
	s10 = s10.Add(t10)
	s00 = s00.Add(u00)
	s10 = s10.Add(u10)
	s00 = s00.Add(v00)
	s10 = s10.Add(v10)
	storePart(s00, from(c0, 0))
	storePart(s10, from(c1, 0))
}
