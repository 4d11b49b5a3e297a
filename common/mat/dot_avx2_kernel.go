//go:build goexperiment.simd && go1.27 && amd64

// The AVX2 micro-kernels, for a CPU with AVX2 and FMA but no AVX-512, as
// most Intel laptops and desktops are: the 2-row blocks of
// dot_avx512_kernel.go with vectors of 4 values (Float64x4) in place of 8.
// Eight accumulators hold a 2 x 16 block of the result, so the right operand
// is packed in panels of 16 columns only (getPanels with useAVX2), and one
// pass over the steps covers one panel. As with AVX-512, the dense kernel
// and the one over listed steps are kept apart: one kernel testing for the
// list at every step was slower on every dense product of the benchmarks.

package mat

import "simd/archsimd"

// kernel2x16AVX2 computes a 2 x 16 block of the result as kernel2x32 does,
// with vectors of 4 values: per step, four vectors of b times two broadcast
// values of a go into eight accumulators.
func kernel2x16AVX2(a []float64, p0, p1, cs int, b [][16]float64, c0, c1 *[16]float64, load bool) {
	var s00, s01, s02, s03, s10, s11, s12, s13 archsimd.Float64x4
	if load {
		s00 = archsimd.LoadFloat64x4Array((*[4]float64)(c0[0:]))
		s01 = archsimd.LoadFloat64x4Array((*[4]float64)(c0[4:]))
		s02 = archsimd.LoadFloat64x4Array((*[4]float64)(c0[8:]))
		s03 = archsimd.LoadFloat64x4Array((*[4]float64)(c0[12:]))
		s10 = archsimd.LoadFloat64x4Array((*[4]float64)(c1[0:]))
		s11 = archsimd.LoadFloat64x4Array((*[4]float64)(c1[4:]))
		s12 = archsimd.LoadFloat64x4Array((*[4]float64)(c1[8:]))
		s13 = archsimd.LoadFloat64x4Array((*[4]float64)(c1[12:]))
	}
	for q := range len(b) {
		bq := &b[q]
		b0 := archsimd.LoadFloat64x4Array((*[4]float64)(bq[0:]))
		b1 := archsimd.LoadFloat64x4Array((*[4]float64)(bq[4:]))
		b2 := archsimd.LoadFloat64x4Array((*[4]float64)(bq[8:]))
		b3 := archsimd.LoadFloat64x4Array((*[4]float64)(bq[12:]))
		x0 := archsimd.BroadcastFloat64x4(a[p0])
		p0 += cs
		s00 = b0.MulAdd(x0, s00)
		s01 = b1.MulAdd(x0, s01)
		s02 = b2.MulAdd(x0, s02)
		s03 = b3.MulAdd(x0, s03)
		x1 := archsimd.BroadcastFloat64x4(a[p1])
		p1 += cs
		s10 = b0.MulAdd(x1, s10)
		s11 = b1.MulAdd(x1, s11)
		s12 = b2.MulAdd(x1, s12)
		s13 = b3.MulAdd(x1, s13)
	}
	s00.StoreArray((*[4]float64)(c0[0:]))
	s01.StoreArray((*[4]float64)(c0[4:]))
	s02.StoreArray((*[4]float64)(c0[8:]))
	s03.StoreArray((*[4]float64)(c0[12:]))
	s10.StoreArray((*[4]float64)(c1[0:]))
	s11.StoreArray((*[4]float64)(c1[4:]))
	s12.StoreArray((*[4]float64)(c1[8:]))
	s13.StoreArray((*[4]float64)(c1[12:]))
}

// kernel2x16AVX2Steps is kernel2x16AVX2 over the steps listed in steps
// only (see kernel2x32Steps).
func kernel2x16AVX2Steps(a []float64, p0, p1, cs int, steps []int32, b [][16]float64, c0, c1 *[16]float64, load bool) {
	var s00, s01, s02, s03, s10, s11, s12, s13 archsimd.Float64x4
	if load {
		s00 = archsimd.LoadFloat64x4Array((*[4]float64)(c0[0:]))
		s01 = archsimd.LoadFloat64x4Array((*[4]float64)(c0[4:]))
		s02 = archsimd.LoadFloat64x4Array((*[4]float64)(c0[8:]))
		s03 = archsimd.LoadFloat64x4Array((*[4]float64)(c0[12:]))
		s10 = archsimd.LoadFloat64x4Array((*[4]float64)(c1[0:]))
		s11 = archsimd.LoadFloat64x4Array((*[4]float64)(c1[4:]))
		s12 = archsimd.LoadFloat64x4Array((*[4]float64)(c1[8:]))
		s13 = archsimd.LoadFloat64x4Array((*[4]float64)(c1[12:]))
	}
	for q := range len(steps) {
		t := int(steps[q])
		bq := &b[t]
		b0 := archsimd.LoadFloat64x4Array((*[4]float64)(bq[0:]))
		b1 := archsimd.LoadFloat64x4Array((*[4]float64)(bq[4:]))
		b2 := archsimd.LoadFloat64x4Array((*[4]float64)(bq[8:]))
		b3 := archsimd.LoadFloat64x4Array((*[4]float64)(bq[12:]))
		x0 := archsimd.BroadcastFloat64x4(a[p0+t*cs])
		s00 = b0.MulAdd(x0, s00)
		s01 = b1.MulAdd(x0, s01)
		s02 = b2.MulAdd(x0, s02)
		s03 = b3.MulAdd(x0, s03)
		x1 := archsimd.BroadcastFloat64x4(a[p1+t*cs])
		s10 = b0.MulAdd(x1, s10)
		s11 = b1.MulAdd(x1, s11)
		s12 = b2.MulAdd(x1, s12)
		s13 = b3.MulAdd(x1, s13)
	}
	s00.StoreArray((*[4]float64)(c0[0:]))
	s01.StoreArray((*[4]float64)(c0[4:]))
	s02.StoreArray((*[4]float64)(c0[8:]))
	s03.StoreArray((*[4]float64)(c0[12:]))
	s10.StoreArray((*[4]float64)(c1[0:]))
	s11.StoreArray((*[4]float64)(c1[4:]))
	s12.StoreArray((*[4]float64)(c1[8:]))
	s13.StoreArray((*[4]float64)(c1[12:]))
}
