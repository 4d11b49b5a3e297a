//go:build goexperiment.simd && go1.27 && arm64

// The NEON micro-kernels, for arm64 (Apple Silicon and the other ARMv8
// cores): the 2-row blocks of dot_avx512_kernel.go with vectors of 2 values
// (Float64x2). On arm64, archsimd's MulAdd is FMLA, which adds into its
// addend's register, so the accumulators stay in place and nothing is
// copied; sixteen of them, a 2 x 16 block, give the multiply-add units of
// the wider ARM cores enough independent sums to keep busy (each sum waits
// several cycles for the one before). The right operand is packed in
// panels of 16 columns, as for AVX2. The speed of these kernels is
// unmeasured: they are checked for correctness under qemu only.

package mat

import "simd/archsimd"

// kernel2x16NEON computes a 2 x 16 block of the result: it adds to c0 and
// c1 (or, without load, stores in them) the product of two rows of the left
// operand, read in place (step q takes a[p0+q*cs] and a[p1+q*cs]), and a
// kc x 16 panel b. Per step, eight vectors of b times two broadcast values
// of a go into sixteen accumulators.
func kernel2x16NEON(a []float64, p0, p1, cs int, b [][16]float64, c0, c1 *[16]float64, load bool) {
	var s00, s01, s02, s03, s04, s05, s06, s07, s10, s11, s12, s13, s14, s15, s16, s17 archsimd.Float64x2
	if load {
		s00 = archsimd.LoadFloat64x2Array((*[2]float64)(c0[0:]))
		s01 = archsimd.LoadFloat64x2Array((*[2]float64)(c0[2:]))
		s02 = archsimd.LoadFloat64x2Array((*[2]float64)(c0[4:]))
		s03 = archsimd.LoadFloat64x2Array((*[2]float64)(c0[6:]))
		s04 = archsimd.LoadFloat64x2Array((*[2]float64)(c0[8:]))
		s05 = archsimd.LoadFloat64x2Array((*[2]float64)(c0[10:]))
		s06 = archsimd.LoadFloat64x2Array((*[2]float64)(c0[12:]))
		s07 = archsimd.LoadFloat64x2Array((*[2]float64)(c0[14:]))
		s10 = archsimd.LoadFloat64x2Array((*[2]float64)(c1[0:]))
		s11 = archsimd.LoadFloat64x2Array((*[2]float64)(c1[2:]))
		s12 = archsimd.LoadFloat64x2Array((*[2]float64)(c1[4:]))
		s13 = archsimd.LoadFloat64x2Array((*[2]float64)(c1[6:]))
		s14 = archsimd.LoadFloat64x2Array((*[2]float64)(c1[8:]))
		s15 = archsimd.LoadFloat64x2Array((*[2]float64)(c1[10:]))
		s16 = archsimd.LoadFloat64x2Array((*[2]float64)(c1[12:]))
		s17 = archsimd.LoadFloat64x2Array((*[2]float64)(c1[14:]))
	}
	for q := range len(b) {
		bq := &b[q]
		b0 := archsimd.LoadFloat64x2Array((*[2]float64)(bq[0:]))
		b1 := archsimd.LoadFloat64x2Array((*[2]float64)(bq[2:]))
		b2 := archsimd.LoadFloat64x2Array((*[2]float64)(bq[4:]))
		b3 := archsimd.LoadFloat64x2Array((*[2]float64)(bq[6:]))
		b4 := archsimd.LoadFloat64x2Array((*[2]float64)(bq[8:]))
		b5 := archsimd.LoadFloat64x2Array((*[2]float64)(bq[10:]))
		b6 := archsimd.LoadFloat64x2Array((*[2]float64)(bq[12:]))
		b7 := archsimd.LoadFloat64x2Array((*[2]float64)(bq[14:]))
		x0 := archsimd.BroadcastFloat64x2(a[p0])
		p0 += cs
		s00 = b0.MulAdd(x0, s00)
		s01 = b1.MulAdd(x0, s01)
		s02 = b2.MulAdd(x0, s02)
		s03 = b3.MulAdd(x0, s03)
		s04 = b4.MulAdd(x0, s04)
		s05 = b5.MulAdd(x0, s05)
		s06 = b6.MulAdd(x0, s06)
		s07 = b7.MulAdd(x0, s07)
		x1 := archsimd.BroadcastFloat64x2(a[p1])
		p1 += cs
		s10 = b0.MulAdd(x1, s10)
		s11 = b1.MulAdd(x1, s11)
		s12 = b2.MulAdd(x1, s12)
		s13 = b3.MulAdd(x1, s13)
		s14 = b4.MulAdd(x1, s14)
		s15 = b5.MulAdd(x1, s15)
		s16 = b6.MulAdd(x1, s16)
		s17 = b7.MulAdd(x1, s17)
	}
	s00.StoreArray((*[2]float64)(c0[0:]))
	s01.StoreArray((*[2]float64)(c0[2:]))
	s02.StoreArray((*[2]float64)(c0[4:]))
	s03.StoreArray((*[2]float64)(c0[6:]))
	s04.StoreArray((*[2]float64)(c0[8:]))
	s05.StoreArray((*[2]float64)(c0[10:]))
	s06.StoreArray((*[2]float64)(c0[12:]))
	s07.StoreArray((*[2]float64)(c0[14:]))
	s10.StoreArray((*[2]float64)(c1[0:]))
	s11.StoreArray((*[2]float64)(c1[2:]))
	s12.StoreArray((*[2]float64)(c1[4:]))
	s13.StoreArray((*[2]float64)(c1[6:]))
	s14.StoreArray((*[2]float64)(c1[8:]))
	s15.StoreArray((*[2]float64)(c1[10:]))
	s16.StoreArray((*[2]float64)(c1[12:]))
	s17.StoreArray((*[2]float64)(c1[14:]))
}

// kernel2x16NEONSteps is kernel2x16NEON over the steps listed in steps only
// (see kernel2x32Steps in dot_avx512_kernel.go).
func kernel2x16NEONSteps(a []float64, p0, p1, cs int, steps []int32, b [][16]float64, c0, c1 *[16]float64, load bool) {
	var s00, s01, s02, s03, s04, s05, s06, s07, s10, s11, s12, s13, s14, s15, s16, s17 archsimd.Float64x2
	if load {
		s00 = archsimd.LoadFloat64x2Array((*[2]float64)(c0[0:]))
		s01 = archsimd.LoadFloat64x2Array((*[2]float64)(c0[2:]))
		s02 = archsimd.LoadFloat64x2Array((*[2]float64)(c0[4:]))
		s03 = archsimd.LoadFloat64x2Array((*[2]float64)(c0[6:]))
		s04 = archsimd.LoadFloat64x2Array((*[2]float64)(c0[8:]))
		s05 = archsimd.LoadFloat64x2Array((*[2]float64)(c0[10:]))
		s06 = archsimd.LoadFloat64x2Array((*[2]float64)(c0[12:]))
		s07 = archsimd.LoadFloat64x2Array((*[2]float64)(c0[14:]))
		s10 = archsimd.LoadFloat64x2Array((*[2]float64)(c1[0:]))
		s11 = archsimd.LoadFloat64x2Array((*[2]float64)(c1[2:]))
		s12 = archsimd.LoadFloat64x2Array((*[2]float64)(c1[4:]))
		s13 = archsimd.LoadFloat64x2Array((*[2]float64)(c1[6:]))
		s14 = archsimd.LoadFloat64x2Array((*[2]float64)(c1[8:]))
		s15 = archsimd.LoadFloat64x2Array((*[2]float64)(c1[10:]))
		s16 = archsimd.LoadFloat64x2Array((*[2]float64)(c1[12:]))
		s17 = archsimd.LoadFloat64x2Array((*[2]float64)(c1[14:]))
	}
	for q := range len(steps) {
		t := int(steps[q])
		bq := &b[t]
		b0 := archsimd.LoadFloat64x2Array((*[2]float64)(bq[0:]))
		b1 := archsimd.LoadFloat64x2Array((*[2]float64)(bq[2:]))
		b2 := archsimd.LoadFloat64x2Array((*[2]float64)(bq[4:]))
		b3 := archsimd.LoadFloat64x2Array((*[2]float64)(bq[6:]))
		b4 := archsimd.LoadFloat64x2Array((*[2]float64)(bq[8:]))
		b5 := archsimd.LoadFloat64x2Array((*[2]float64)(bq[10:]))
		b6 := archsimd.LoadFloat64x2Array((*[2]float64)(bq[12:]))
		b7 := archsimd.LoadFloat64x2Array((*[2]float64)(bq[14:]))
		x0 := archsimd.BroadcastFloat64x2(a[p0+t*cs])
		s00 = b0.MulAdd(x0, s00)
		s01 = b1.MulAdd(x0, s01)
		s02 = b2.MulAdd(x0, s02)
		s03 = b3.MulAdd(x0, s03)
		s04 = b4.MulAdd(x0, s04)
		s05 = b5.MulAdd(x0, s05)
		s06 = b6.MulAdd(x0, s06)
		s07 = b7.MulAdd(x0, s07)
		x1 := archsimd.BroadcastFloat64x2(a[p1+t*cs])
		s10 = b0.MulAdd(x1, s10)
		s11 = b1.MulAdd(x1, s11)
		s12 = b2.MulAdd(x1, s12)
		s13 = b3.MulAdd(x1, s13)
		s14 = b4.MulAdd(x1, s14)
		s15 = b5.MulAdd(x1, s15)
		s16 = b6.MulAdd(x1, s16)
		s17 = b7.MulAdd(x1, s17)
	}
	s00.StoreArray((*[2]float64)(c0[0:]))
	s01.StoreArray((*[2]float64)(c0[2:]))
	s02.StoreArray((*[2]float64)(c0[4:]))
	s03.StoreArray((*[2]float64)(c0[6:]))
	s04.StoreArray((*[2]float64)(c0[8:]))
	s05.StoreArray((*[2]float64)(c0[10:]))
	s06.StoreArray((*[2]float64)(c0[12:]))
	s07.StoreArray((*[2]float64)(c0[14:]))
	s10.StoreArray((*[2]float64)(c1[0:]))
	s11.StoreArray((*[2]float64)(c1[2:]))
	s12.StoreArray((*[2]float64)(c1[4:]))
	s13.StoreArray((*[2]float64)(c1[6:]))
	s14.StoreArray((*[2]float64)(c1[8:]))
	s15.StoreArray((*[2]float64)(c1[10:]))
	s16.StoreArray((*[2]float64)(c1[12:]))
	s17.StoreArray((*[2]float64)(c1[14:]))
}
