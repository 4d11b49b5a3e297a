//go:build goexperiment.simd && go1.27 && amd64

// What the vector products of dot_vector.go do differently on amd64: which
// kernels the CPU can run, the panels each 2-row block goes through
// (mulPanels), the 8-at-a-time listing of nonzero steps with AVX-512, and
// the clean-up after the kernels.

package mat

import (
	"math/bits"
	"simd/archsimd"
)

// useAVX2 reports whether the products use the AVX2 kernels: the CPU has AVX2
// and FMA but not AVX-512 (F, CD, BW, DQ and VL). useVector reports whether
// they use either set. The tests set useAVX2 on an AVX-512 CPU too, to run
// the AVX2 kernels there.
var (
	useAVX2   = !archsimd.X86.AVX512() && archsimd.X86.AVX2() && archsimd.X86.FMA()
	useVector = archsimd.X86.AVX512() || useAVX2
)

// useNEON reports whether the products use the NEON kernels: never on amd64.
const useNEON = false

// mulPanels computes the block of c at rows i and i+1 (the rows end at r1)
// through every panel of p, over steps [t0, t1) of the tile, or only those
// listed in steps when it is not nil: step q of the tile takes a[p0+q*cs]
// and a[p1+q*cs]. With load, the kernels add to what c holds. e holds the
// blocks that cross the edge of c.
func mulPanels(c *Matrix, r1, i int, a []float64, p0, p1, cs int, steps []int32, p *panels, t0, t1 int, load bool, e *edge) {
	k := p.k
	for q := range p.n32 {
		c0, c1 := e.block(c, r1, i, 32*q, 32, load)
		b, d0, d1 := p.w32[q*k+t0:q*k+t1], (*[32]float64)(c0), (*[32]float64)(c1)
		if steps != nil {
			kernel2x32Steps(a, p0, p1, cs, steps, b, d0, d1, load)
		} else {
			kernel2x32(a, p0, p1, cs, b, d0, d1, load)
		}
		e.flush(c)
	}
	for q := range p.n16 {
		c0, c1 := e.block(c, r1, i, 16*q, 16, load)
		b, d0, d1 := p.w16[q*k+t0:q*k+t1], (*[16]float64)(c0), (*[16]float64)(c1)
		if steps != nil {
			kernel2x16AVX2Steps(a, p0, p1, cs, steps, b, d0, d1, load)
		} else {
			kernel2x16AVX2(a, p0, p1, cs, b, d0, d1, load)
		}
		e.flush(c)
	}
	if p.tail == 0 {
		return
	}
	c0, c1 := e.block(c, r1, i, p.jt, p.tail, load)
	switch p.tail {
	case 24:
		b, d0, d1 := p.w24[t0:t1], (*[24]float64)(c0), (*[24]float64)(c1)
		if steps != nil {
			kernel2x24Steps(a, p0, p1, cs, steps, b, d0, d1, load)
		} else {
			kernel2x24(a, p0, p1, cs, b, d0, d1, load)
		}
	case 16:
		b, d0, d1 := p.w16[t0:t1], (*[16]float64)(c0), (*[16]float64)(c1)
		if steps != nil {
			kernel2x16Steps(a, p0, p1, cs, steps, b, d0, d1, load)
		} else {
			kernel2x16(a, p0, p1, cs, b, d0, d1, load)
		}
	case 8:
		b, d0, d1 := p.w8[t0:t1], (*[8]float64)(c0), (*[8]float64)(c1)
		if steps != nil {
			kernel2x8Steps(a, p0, p1, cs, steps, b, d0, d1, load)
		} else {
			kernel2x8(a, p0, p1, cs, b, d0, d1, load)
		}
	}
	e.flush(c)
}

// activeStepsVector is the AVX-512 part of activeSteps: where the rows are
// read in place (cs 1), it tests 8 steps at once. A comparison of 8 values
// of each row with zero gives an 8-bit mask of the nonzero steps, and
// VPCOMPRESSD packs the indices of those steps to the front of a vector,
// which is stored at steps[count:]. It returns the count and the first step
// it did not test.
func activeStepsVector(steps []int32, a []float64, p0, p1, cs int) (count, q int) {
	if cs != 1 || useAVX2 { // Compress needs AVX-512
		return 0, 0
	}
	var zero archsimd.Float64x8
	index := archsimd.LoadInt32x8Array(&[8]int32{0, 1, 2, 3, 4, 5, 6, 7})
	eight := archsimd.BroadcastInt32x8(8)
	for ; q+8 <= len(steps); q += 8 {
		nonzero := archsimd.LoadFloat64x8(a[p0+q:]).NotEqual(zero).
			Or(archsimd.LoadFloat64x8(a[p1+q:]).NotEqual(zero)).ToBits()
		// count <= q, so steps[count:] has room for 8.
		index.Compress(archsimd.Mask32x8FromBits(nonzero)).Store(steps[count:])
		count += bits.OnesCount8(nonzero)
		index = index.Add(eight)
	}
	return count, q
}

// clearUpper runs after the kernels. They leave the upper halves of the
// vector registers dirty, and Go's scalar float64 code is SSE, which on
// Intel cores then waits on those bits at every instruction (Intel's
// optimization manual, "Mixing AVX code with SSE code"): VZEROUPPER clears
// them before returning to it.
func clearUpper() { archsimd.ClearAVXUpperBits() }
