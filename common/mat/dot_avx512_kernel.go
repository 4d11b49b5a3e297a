//go:build goexperiment.simd && go1.27 && amd64

// The AVX-512 micro-kernels of dot_vector.go: each keeps a 2-row block of the
// result in vector registers (Float64x8 accumulators) while it runs along the
// inner dimension, adding per step the outer product of a column of two rows
// of the left operand and a row of the right panel, as a BLIS micro-kernel
// does (Van Zee and van de Geijn, "BLIS: A Framework for Rapidly
// Instantiating BLAS Functionality", ACM TOMS 41(3), 2015).
//
// Why 2 rows by 32 columns, not BLIS's taller blocks: archsimd's MulAdd is
// VFMADD213PD, which writes its result over its receiver, so a receiver
// still needed later (b0 feeds both rows) is copied first, and the compiler
// moves each accumulator back into its register at the end of every step.
// Those register moves cost next to nothing (the core renames them), and the
// 2 x 32 block keeps the multiply-adds busy with eight accumulators, four
// vectors and two scalars loaded per eight multiply-adds. Taller blocks
// (3 to 8 rows; 16, 24 and 32 columns), with fused multiply-adds or with a
// multiply then an add, all ran slower: the register allocator spills and
// shuffles their accumulators between steps. The 24-, 16- and 8-column
// kernels cover the last columns.
//
// Every kernel writes a whole block: c0 and c1 are the block's two rows, in
// the result itself or, at its edges, in a copy (see mulBlocks). With load
// set, the kernel adds to what they hold; without, it starts from zero, so
// the result needs no clearing first. The kernels are plain straight-line
// Go; every Steps variant differs from its dense one only in taking step t
// from a list.

package mat

import "simd/archsimd"

// kernel2x32 computes a 2 x 32 block of the result: it adds to c0 and c1
// (or, without load, stores in them) the product of two rows of the left
// operand and a kc x 32 panel of the right one (b[q] holds its row q). The
// rows of the left operand are read in place: step q takes a[p0+q*cs] and
// a[p1+q*cs]. Per step, four vectors of b times two broadcast values of a go
// into eight accumulators.
func kernel2x32(a []float64, p0, p1, cs int, b [][32]float64, c0, c1 *[32]float64, load bool) {
	var s00, s01, s02, s03, s10, s11, s12, s13 archsimd.Float64x8
	if load {
		s00 = archsimd.LoadFloat64x8Array((*[8]float64)(c0[0:]))
		s01 = archsimd.LoadFloat64x8Array((*[8]float64)(c0[8:]))
		s02 = archsimd.LoadFloat64x8Array((*[8]float64)(c0[16:]))
		s03 = archsimd.LoadFloat64x8Array((*[8]float64)(c0[24:]))
		s10 = archsimd.LoadFloat64x8Array((*[8]float64)(c1[0:]))
		s11 = archsimd.LoadFloat64x8Array((*[8]float64)(c1[8:]))
		s12 = archsimd.LoadFloat64x8Array((*[8]float64)(c1[16:]))
		s13 = archsimd.LoadFloat64x8Array((*[8]float64)(c1[24:]))
	}
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
	s00.StoreArray((*[8]float64)(c0[0:]))
	s01.StoreArray((*[8]float64)(c0[8:]))
	s02.StoreArray((*[8]float64)(c0[16:]))
	s03.StoreArray((*[8]float64)(c0[24:]))
	s10.StoreArray((*[8]float64)(c1[0:]))
	s11.StoreArray((*[8]float64)(c1[8:]))
	s12.StoreArray((*[8]float64)(c1[16:]))
	s13.StoreArray((*[8]float64)(c1[24:]))
}

// kernel2x32Steps is kernel2x32 over the steps listed in steps only: step
// t takes a[p0+t*cs], a[p1+t*cs] and b[t]. The steps left out are those
// where both rows of the left operand are zero (see activeSteps).
func kernel2x32Steps(a []float64, p0, p1, cs int, steps []int32, b [][32]float64, c0, c1 *[32]float64, load bool) {
	var s00, s01, s02, s03, s10, s11, s12, s13 archsimd.Float64x8
	if load {
		s00 = archsimd.LoadFloat64x8Array((*[8]float64)(c0[0:]))
		s01 = archsimd.LoadFloat64x8Array((*[8]float64)(c0[8:]))
		s02 = archsimd.LoadFloat64x8Array((*[8]float64)(c0[16:]))
		s03 = archsimd.LoadFloat64x8Array((*[8]float64)(c0[24:]))
		s10 = archsimd.LoadFloat64x8Array((*[8]float64)(c1[0:]))
		s11 = archsimd.LoadFloat64x8Array((*[8]float64)(c1[8:]))
		s12 = archsimd.LoadFloat64x8Array((*[8]float64)(c1[16:]))
		s13 = archsimd.LoadFloat64x8Array((*[8]float64)(c1[24:]))
	}
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
	s00.StoreArray((*[8]float64)(c0[0:]))
	s01.StoreArray((*[8]float64)(c0[8:]))
	s02.StoreArray((*[8]float64)(c0[16:]))
	s03.StoreArray((*[8]float64)(c0[24:]))
	s10.StoreArray((*[8]float64)(c1[0:]))
	s11.StoreArray((*[8]float64)(c1[8:]))
	s12.StoreArray((*[8]float64)(c1[16:]))
	s13.StoreArray((*[8]float64)(c1[24:]))
}

// kernel2x24 is kernel2x32 for a panel of 24 columns: six accumulators, fed
// by three vectors of b per step.
func kernel2x24(a []float64, p0, p1, cs int, b [][24]float64, c0, c1 *[24]float64, load bool) {
	var s00, s01, s02, s10, s11, s12 archsimd.Float64x8
	if load {
		s00 = archsimd.LoadFloat64x8Array((*[8]float64)(c0[0:]))
		s01 = archsimd.LoadFloat64x8Array((*[8]float64)(c0[8:]))
		s02 = archsimd.LoadFloat64x8Array((*[8]float64)(c0[16:]))
		s10 = archsimd.LoadFloat64x8Array((*[8]float64)(c1[0:]))
		s11 = archsimd.LoadFloat64x8Array((*[8]float64)(c1[8:]))
		s12 = archsimd.LoadFloat64x8Array((*[8]float64)(c1[16:]))
	}
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
	s00.StoreArray((*[8]float64)(c0[0:]))
	s01.StoreArray((*[8]float64)(c0[8:]))
	s02.StoreArray((*[8]float64)(c0[16:]))
	s10.StoreArray((*[8]float64)(c1[0:]))
	s11.StoreArray((*[8]float64)(c1[8:]))
	s12.StoreArray((*[8]float64)(c1[16:]))
}

// kernel2x24Steps is kernel2x24 over the steps listed in steps only.
func kernel2x24Steps(a []float64, p0, p1, cs int, steps []int32, b [][24]float64, c0, c1 *[24]float64, load bool) {
	var s00, s01, s02, s10, s11, s12 archsimd.Float64x8
	if load {
		s00 = archsimd.LoadFloat64x8Array((*[8]float64)(c0[0:]))
		s01 = archsimd.LoadFloat64x8Array((*[8]float64)(c0[8:]))
		s02 = archsimd.LoadFloat64x8Array((*[8]float64)(c0[16:]))
		s10 = archsimd.LoadFloat64x8Array((*[8]float64)(c1[0:]))
		s11 = archsimd.LoadFloat64x8Array((*[8]float64)(c1[8:]))
		s12 = archsimd.LoadFloat64x8Array((*[8]float64)(c1[16:]))
	}
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
	s00.StoreArray((*[8]float64)(c0[0:]))
	s01.StoreArray((*[8]float64)(c0[8:]))
	s02.StoreArray((*[8]float64)(c0[16:]))
	s10.StoreArray((*[8]float64)(c1[0:]))
	s11.StoreArray((*[8]float64)(c1[8:]))
	s12.StoreArray((*[8]float64)(c1[16:]))
}

// kernel2x16 is kernel2x32 for a panel of 16 columns. Four accumulators
// would leave the multiply-adds waiting on each other (each takes several
// cycles to finish, and two can start per cycle), so the even and the odd
// steps go to two sets of sums, added at the end.
func kernel2x16(a []float64, p0, p1, cs int, b [][16]float64, c0, c1 *[16]float64, load bool) {
	var s00, s01, s10, s11 archsimd.Float64x8
	if load {
		s00 = archsimd.LoadFloat64x8Array((*[8]float64)(c0[0:]))
		s01 = archsimd.LoadFloat64x8Array((*[8]float64)(c0[8:]))
		s10 = archsimd.LoadFloat64x8Array((*[8]float64)(c1[0:]))
		s11 = archsimd.LoadFloat64x8Array((*[8]float64)(c1[8:]))
	}
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
	s00.StoreArray((*[8]float64)(c0[0:]))
	s01.StoreArray((*[8]float64)(c0[8:]))
	s10.StoreArray((*[8]float64)(c1[0:]))
	s11.StoreArray((*[8]float64)(c1[8:]))
}

// kernel2x16Steps is kernel2x16 over the steps listed in steps only.
func kernel2x16Steps(a []float64, p0, p1, cs int, steps []int32, b [][16]float64, c0, c1 *[16]float64, load bool) {
	var s00, s01, s10, s11 archsimd.Float64x8
	if load {
		s00 = archsimd.LoadFloat64x8Array((*[8]float64)(c0[0:]))
		s01 = archsimd.LoadFloat64x8Array((*[8]float64)(c0[8:]))
		s10 = archsimd.LoadFloat64x8Array((*[8]float64)(c1[0:]))
		s11 = archsimd.LoadFloat64x8Array((*[8]float64)(c1[8:]))
	}
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
	s00.StoreArray((*[8]float64)(c0[0:]))
	s01.StoreArray((*[8]float64)(c0[8:]))
	s10.StoreArray((*[8]float64)(c1[0:]))
	s11.StoreArray((*[8]float64)(c1[8:]))
}

// kernel2x8 is kernel2x32 for a panel of 8 columns, with the steps dealt
// round-robin to four sets of sums for the same reason as in kernel2x16.
func kernel2x8(a []float64, p0, p1, cs int, b [][8]float64, c0, c1 *[8]float64, load bool) {
	var s00, s10 archsimd.Float64x8
	if load {
		s00 = archsimd.LoadFloat64x8Array((*[8]float64)(c0[0:]))
		s10 = archsimd.LoadFloat64x8Array((*[8]float64)(c1[0:]))
	}
	var t00, t10, u00, u10, v00, v10 archsimd.Float64x8
	q := 0
	for ; q+4 <= len(b); q += 4 {
		{
			bq := &b[q]
			b0 := archsimd.LoadFloat64x8Array((*[8]float64)(bq[0:]))
			x0 := archsimd.BroadcastFloat64x8(a[p0])
			p0 += cs
			s00 = b0.MulAdd(x0, s00)
			x1 := archsimd.BroadcastFloat64x8(a[p1])
			p1 += cs
			s10 = b0.MulAdd(x1, s10)
		}
		{
			bq := &b[q+1]
			b0 := archsimd.LoadFloat64x8Array((*[8]float64)(bq[0:]))
			x0 := archsimd.BroadcastFloat64x8(a[p0])
			p0 += cs
			t00 = b0.MulAdd(x0, t00)
			x1 := archsimd.BroadcastFloat64x8(a[p1])
			p1 += cs
			t10 = b0.MulAdd(x1, t10)
		}
		{
			bq := &b[q+2]
			b0 := archsimd.LoadFloat64x8Array((*[8]float64)(bq[0:]))
			x0 := archsimd.BroadcastFloat64x8(a[p0])
			p0 += cs
			u00 = b0.MulAdd(x0, u00)
			x1 := archsimd.BroadcastFloat64x8(a[p1])
			p1 += cs
			u10 = b0.MulAdd(x1, u10)
		}
		{
			bq := &b[q+3]
			b0 := archsimd.LoadFloat64x8Array((*[8]float64)(bq[0:]))
			x0 := archsimd.BroadcastFloat64x8(a[p0])
			p0 += cs
			v00 = b0.MulAdd(x0, v00)
			x1 := archsimd.BroadcastFloat64x8(a[p1])
			p1 += cs
			v10 = b0.MulAdd(x1, v10)
		}
	}
	for ; q < len(b); q++ {
		bq := &b[q]
		b0 := archsimd.LoadFloat64x8Array((*[8]float64)(bq[0:]))
		x0 := archsimd.BroadcastFloat64x8(a[p0])
		p0 += cs
		s00 = b0.MulAdd(x0, s00)
		x1 := archsimd.BroadcastFloat64x8(a[p1])
		p1 += cs
		s10 = b0.MulAdd(x1, s10)
	}
	s00 = s00.Add(t00)
	s10 = s10.Add(t10)
	s00 = s00.Add(u00)
	s10 = s10.Add(u10)
	s00 = s00.Add(v00)
	s10 = s10.Add(v10)
	s00.StoreArray((*[8]float64)(c0[0:]))
	s10.StoreArray((*[8]float64)(c1[0:]))
}

// kernel2x8Steps is kernel2x8 over the steps listed in steps only.
func kernel2x8Steps(a []float64, p0, p1, cs int, steps []int32, b [][8]float64, c0, c1 *[8]float64, load bool) {
	var s00, s10 archsimd.Float64x8
	if load {
		s00 = archsimd.LoadFloat64x8Array((*[8]float64)(c0[0:]))
		s10 = archsimd.LoadFloat64x8Array((*[8]float64)(c1[0:]))
	}
	var t00, t10, u00, u10, v00, v10 archsimd.Float64x8
	q := 0
	for ; q+4 <= len(steps); q += 4 {
		{
			t := int(steps[q])
			bq := &b[t]
			b0 := archsimd.LoadFloat64x8Array((*[8]float64)(bq[0:]))
			x0 := archsimd.BroadcastFloat64x8(a[p0+t*cs])
			s00 = b0.MulAdd(x0, s00)
			x1 := archsimd.BroadcastFloat64x8(a[p1+t*cs])
			s10 = b0.MulAdd(x1, s10)
		}
		{
			t := int(steps[q+1])
			bq := &b[t]
			b0 := archsimd.LoadFloat64x8Array((*[8]float64)(bq[0:]))
			x0 := archsimd.BroadcastFloat64x8(a[p0+t*cs])
			t00 = b0.MulAdd(x0, t00)
			x1 := archsimd.BroadcastFloat64x8(a[p1+t*cs])
			t10 = b0.MulAdd(x1, t10)
		}
		{
			t := int(steps[q+2])
			bq := &b[t]
			b0 := archsimd.LoadFloat64x8Array((*[8]float64)(bq[0:]))
			x0 := archsimd.BroadcastFloat64x8(a[p0+t*cs])
			u00 = b0.MulAdd(x0, u00)
			x1 := archsimd.BroadcastFloat64x8(a[p1+t*cs])
			u10 = b0.MulAdd(x1, u10)
		}
		{
			t := int(steps[q+3])
			bq := &b[t]
			b0 := archsimd.LoadFloat64x8Array((*[8]float64)(bq[0:]))
			x0 := archsimd.BroadcastFloat64x8(a[p0+t*cs])
			v00 = b0.MulAdd(x0, v00)
			x1 := archsimd.BroadcastFloat64x8(a[p1+t*cs])
			v10 = b0.MulAdd(x1, v10)
		}
	}
	for ; q < len(steps); q++ {
		t := int(steps[q])
		bq := &b[t]
		b0 := archsimd.LoadFloat64x8Array((*[8]float64)(bq[0:]))
		x0 := archsimd.BroadcastFloat64x8(a[p0+t*cs])
		s00 = b0.MulAdd(x0, s00)
		x1 := archsimd.BroadcastFloat64x8(a[p1+t*cs])
		s10 = b0.MulAdd(x1, s10)
	}
	s00 = s00.Add(t00)
	s10 = s10.Add(t10)
	s00 = s00.Add(u00)
	s10 = s10.Add(u10)
	s00 = s00.Add(v00)
	s10 = s10.Add(v10)
	s00.StoreArray((*[8]float64)(c0[0:]))
	s10.StoreArray((*[8]float64)(c1[0:]))
}
