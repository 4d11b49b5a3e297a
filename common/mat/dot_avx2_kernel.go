//go:build goexperiment.simd && go1.27 && amd64

// The AVX2 micro-kernels, for a CPU with AVX2 and FMA but no AVX-512, as
// most Intel laptops and desktops are: the 2-row blocks of
// dot_avx512_kernel.go with vectors of 4 values (Float64x4) in place of 8.
// Eight accumulators hold a 2 x 16 block of the result, so the right operand
// is packed in panels of 16 columns only (getPanels with useAVX2), and one
// pass over the steps covers one panel. As with AVX-512, the dense kernel
// and the one over listed steps are kept apart: the listed-steps kernel run
// over every step was slower on every dense product of BenchmarkDot, TDot
// and DotT.

package mat

import "simd/archsimd"

// loadPart4 returns the first 4 values of c as a vector, padded with zeros
// when c is shorter, through an array on the stack as loadPart does.
func loadPart4(c []float64) archsimd.Float64x4 {
	if len(c) >= 4 {
		return archsimd.LoadFloat64x4(c)
	}
	var t [4]float64
	copy(t[:], c)
	return archsimd.LoadFloat64x4Array(&t)
}

// storePart4 stores the first min(4, len(c)) values of v into c.
func storePart4(v archsimd.Float64x4, c []float64) {
	if len(c) >= 4 {
		v.Store(c)
		return
	}
	var t [4]float64
	v.StoreArray(&t)
	copy(c, t[:])
}

// kernel2x16AVX2 adds to c0 and c1, two rows of the result of at most 16
// columns each, the product of two rows of the left operand, read in place
// (step q takes a[p0+q*cs] and a[p1+q*cs]), and a kc x 16 panel b. Per
// step, four vectors of b times two broadcast values of a go into eight
// accumulators. Columns past len(c0) are dropped, and an empty c1 drops the
// second row.
func kernel2x16AVX2(a []float64, p0, p1, cs int, b [][16]float64, c0, c1 []float64) {
	s00 := loadPart4(from(c0, 0))
	s01 := loadPart4(from(c0, 4))
	s02 := loadPart4(from(c0, 8))
	s03 := loadPart4(from(c0, 12))
	s10 := loadPart4(from(c1, 0))
	s11 := loadPart4(from(c1, 4))
	s12 := loadPart4(from(c1, 8))
	s13 := loadPart4(from(c1, 12))
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
	storePart4(s00, from(c0, 0))
	storePart4(s01, from(c0, 4))
	storePart4(s02, from(c0, 8))
	storePart4(s03, from(c0, 12))
	storePart4(s10, from(c1, 0))
	storePart4(s11, from(c1, 4))
	storePart4(s12, from(c1, 8))
	storePart4(s13, from(c1, 12))
}

// kernel2x16AVX2Steps is kernel2x16AVX2 over the steps listed in steps only:
// step t takes a[p0+t*cs], a[p1+t*cs] and b[t] (see activeSteps).
func kernel2x16AVX2Steps(a []float64, p0, p1, cs int, steps []int32, b [][16]float64, c0, c1 []float64) {
	s00 := loadPart4(from(c0, 0))
	s01 := loadPart4(from(c0, 4))
	s02 := loadPart4(from(c0, 8))
	s03 := loadPart4(from(c0, 12))
	s10 := loadPart4(from(c1, 0))
	s11 := loadPart4(from(c1, 4))
	s12 := loadPart4(from(c1, 8))
	s13 := loadPart4(from(c1, 12))
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
	storePart4(s00, from(c0, 0))
	storePart4(s01, from(c0, 4))
	storePart4(s02, from(c0, 8))
	storePart4(s03, from(c0, 12))
	storePart4(s10, from(c1, 0))
	storePart4(s11, from(c1, 4))
	storePart4(s12, from(c1, 8))
	storePart4(s13, from(c1, 12))
}
