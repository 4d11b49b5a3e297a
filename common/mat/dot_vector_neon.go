//go:build goexperiment.simd && go1.27 && arm64

// What the vector products of dot_vector.go do differently on arm64: every
// arm64 CPU has NEON (Advanced SIMD is part of ARMv8-A), so the NEON
// kernels always run, each 2-row block going through 16-column panels.

package mat

// useVector reports whether the products use the vector kernels: always on
// arm64 (the tests may switch it off). useNEON says they are NEON's, and
// useAVX2 that they are not AVX2's.
var useVector = true

const (
	useNEON = true
	useAVX2 = false
)

// mulPanels computes the block of c at rows i and i+1 (the rows end at r1)
// through every panel of p, over steps [t0, t1) of the tile, or only those
// listed in steps when it is not nil: step q of the tile takes a[p0+q*cs]
// and a[p1+q*cs]. With load, the kernels add to what c holds. e holds the
// blocks that cross the edge of c.
func mulPanels(c *Matrix, r1, i int, a []float64, p0, p1, cs int, steps []int32, p *panels, t0, t1 int, load bool, e *edge) {
	k := p.k
	for q := range p.n16 {
		c0, c1 := e.block(c, r1, i, 16*q, 16, load)
		b, d0, d1 := p.w16[q*k+t0:q*k+t1], (*[16]float64)(c0), (*[16]float64)(c1)
		if steps != nil {
			kernel2x16NEONSteps(a, p0, p1, cs, steps, b, d0, d1, load)
		} else {
			kernel2x16NEON(a, p0, p1, cs, b, d0, d1, load)
		}
		e.flush(c)
	}
}

// activeStepsVector lists no steps on arm64: activeSteps's scalar loop
// does it all.
func activeStepsVector(steps []int32, a []float64, p0, p1, cs int) (count, q int) {
	return 0, 0
}

// clearUpper has nothing to clear on arm64.
func clearUpper() {}
