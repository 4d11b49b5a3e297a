//go:build goexperiment.simd && amd64

// The AVX-512 micro-kernels of dot_avx512.go: each keeps a 2-row block of the
// result in vector registers (Float64x8 accumulators) while it runs along the
// inner dimension, adding one outer product of a column of the left sliver
// and a row of the right panel per step, as a BLIS micro-kernel does (Van Zee
// and van de Geijn, "BLIS: A Framework for Rapidly Instantiating BLAS
// Functionality", ACM TOMS 41(3), 2015).
//
// Why 2 rows by 32 columns, not BLIS's taller blocks: Go's register allocator
// works with about 15 vector registers here, and the fused multiply-add
// (VFMADD213PD) writes over one of its factors, so every block with more
// than eight accumulators measured slower (its accumulators spill to the
// stack). 2 x 32 has eight accumulators, four right-hand vectors and one
// broadcast left value live, and loads 4 vectors and 2 scalars per 8
// multiply-adds. The 16- and 8-column kernels cover the last columns.

package mat

import "simd/archsimd"

// kernel2x32 adds to c0[:32] and c1[:32], two rows of the result, the product
// of a 2 x kc sliver of the left operand (a[q] holds its column q) and a
// kc x 32 panel of the right one (b[q] holds its row q).
func kernel2x32(a [][2]float64, b [][32]float64, c0, c1 []float64) {
	c0, c1 = c0[:32], c1[:32]
	s00 := archsimd.LoadFloat64x8Slice(c0[0:])
	s01 := archsimd.LoadFloat64x8Slice(c0[8:])
	s02 := archsimd.LoadFloat64x8Slice(c0[16:])
	s03 := archsimd.LoadFloat64x8Slice(c0[24:])
	s10 := archsimd.LoadFloat64x8Slice(c1[0:])
	s11 := archsimd.LoadFloat64x8Slice(c1[8:])
	s12 := archsimd.LoadFloat64x8Slice(c1[16:])
	s13 := archsimd.LoadFloat64x8Slice(c1[24:])
	a = a[:len(b)]
	for q := range b {
		bq := &b[q]
		b0 := archsimd.LoadFloat64x8((*[8]float64)(bq[0:]))
		b1 := archsimd.LoadFloat64x8((*[8]float64)(bq[8:]))
		b2 := archsimd.LoadFloat64x8((*[8]float64)(bq[16:]))
		b3 := archsimd.LoadFloat64x8((*[8]float64)(bq[24:]))
		x0 := archsimd.BroadcastFloat64x8(a[q][0])
		s00 = x0.MulAdd(b0, s00)
		s01 = x0.MulAdd(b1, s01)
		s02 = x0.MulAdd(b2, s02)
		s03 = x0.MulAdd(b3, s03)
		x1 := archsimd.BroadcastFloat64x8(a[q][1])
		s10 = x1.MulAdd(b0, s10)
		s11 = x1.MulAdd(b1, s11)
		s12 = x1.MulAdd(b2, s12)
		s13 = x1.MulAdd(b3, s13)
	}
	s00.StoreSlice(c0[0:])
	s01.StoreSlice(c0[8:])
	s02.StoreSlice(c0[16:])
	s03.StoreSlice(c0[24:])
	s10.StoreSlice(c1[0:])
	s11.StoreSlice(c1[8:])
	s12.StoreSlice(c1[16:])
	s13.StoreSlice(c1[24:])
}

// kernel2x16 adds to c0[:16] and c1[:16], two rows of the result, the product
// of a 2 x kc sliver of the left operand (a[q] holds its column q) and a
// kc x 16 panel of the right one (b[q] holds its row q).
func kernel2x16(a [][2]float64, b [][16]float64, c0, c1 []float64) {
	c0, c1 = c0[:16], c1[:16]
	s00 := archsimd.LoadFloat64x8Slice(c0[0:])
	s01 := archsimd.LoadFloat64x8Slice(c0[8:])
	s10 := archsimd.LoadFloat64x8Slice(c1[0:])
	s11 := archsimd.LoadFloat64x8Slice(c1[8:])
	a = a[:len(b)]
	for q := range b {
		bq := &b[q]
		b0 := archsimd.LoadFloat64x8((*[8]float64)(bq[0:]))
		b1 := archsimd.LoadFloat64x8((*[8]float64)(bq[8:]))
		x0 := archsimd.BroadcastFloat64x8(a[q][0])
		s00 = x0.MulAdd(b0, s00)
		s01 = x0.MulAdd(b1, s01)
		x1 := archsimd.BroadcastFloat64x8(a[q][1])
		s10 = x1.MulAdd(b0, s10)
		s11 = x1.MulAdd(b1, s11)
	}
	s00.StoreSlice(c0[0:])
	s01.StoreSlice(c0[8:])
	s10.StoreSlice(c1[0:])
	s11.StoreSlice(c1[8:])
}

// kernel2x8 adds to c0[:8] and c1[:8], two rows of the result, the product
// of a 2 x kc sliver of the left operand (a[q] holds its column q) and a
// kc x 8 panel of the right one (b[q] holds its row q).
func kernel2x8(a [][2]float64, b [][8]float64, c0, c1 []float64) {
	c0, c1 = c0[:8], c1[:8]
	s00 := archsimd.LoadFloat64x8Slice(c0[0:])
	s10 := archsimd.LoadFloat64x8Slice(c1[0:])
	a = a[:len(b)]
	for q := range b {
		bq := &b[q]
		b0 := archsimd.LoadFloat64x8((*[8]float64)(bq[0:]))
		x0 := archsimd.BroadcastFloat64x8(a[q][0])
		s00 = x0.MulAdd(b0, s00)
		x1 := archsimd.BroadcastFloat64x8(a[q][1])
		s10 = x1.MulAdd(b0, s10)
	}
	s00.StoreSlice(c0[0:])
	s10.StoreSlice(c1[0:])
}
