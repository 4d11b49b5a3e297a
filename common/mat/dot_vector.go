//go:build goexperiment.simd && go1.27 && (amd64 || arm64)

// The vector matrix products, built only with GOEXPERIMENT=simd on Go 1.27
// (its simd/archsimd package), on amd64 and arm64. On amd64 they run on a
// CPU with AVX-512 (dot_avx512_kernel.go) or, failing that, AVX2 and FMA
// (dot_avx2_kernel.go), as archsimd.X86 reports at run time, and the plain
// kernels run elsewhere; on arm64 they run NEON (dot_neon_kernel.go), which
// every arm64 CPU has. dot_vector_avx.go and dot_vector_neon.go hold what
// differs between the two. Dot, TDot, DotT, AddDot and AddDotT all come
// here through vectorProduct (dot_dispatch.go decides).
//
// The layout follows Goto and van de Geijn, "Anatomy of High-Performance
// Matrix Multiplication" (ACM TOMS 34(3), 2008), as BLIS arranges it:
//
//   - the right operand b (k x n) is copied into panels 32 columns wide,
//     and a last one of 24, 16 or 8, each stored step by step (row t of a
//     32-column panel is 32 contiguous values), padded with zeros past
//     column n, so that the micro-kernel streams through it with no strides
//     and no edge cases; a long b is copied and multiplied in parts
//     (maxPanelValues); the panels of AVX2 and NEON are all 16 columns wide;
//   - the inner dimension is cut in tiles of kcTile steps, so that the
//     panels' rows of one tile stay in the L2 cache while every row of the
//     result is updated from them;
//   - the micro-kernels add the product of two rows of a and one panel to a
//     2-row block of the result held in registers.
//
// Unlike BLAS, the left operand is not copied: two rows of it are read in
// place, through its strides, so that a, aᵀ (TDot) and b or bᵀ (DotT,
// AddDotT, read while packing) need no transpose. A copy of two rows would
// serve only the few panels of one block, and the kernels load two scalars
// per step either way.
//
// When a is mostly zeros (skipStepsAbove), each block first lists its steps
// where either row is nonzero (activeSteps) and the kernels run over those
// only. Otherwise every term is computed, so 0 times Inf or NaN gives NaN,
// as in NumPy and DotNaive.

package mat

import (
	"math"
	"runtime"
	"sync"
)

// kcTile is the number of inner steps of one tile: 256 steps of 56 columns
// (x·W1) or 104 (the 4320x100 product) are 115 or 213 KB of panels, well
// inside the L2 cache.
const kcTile = 256

// panels is the right operand b, k x n, copied for the micro-kernels. For
// the AVX-512 ones: n32 panels of 32 columns (panel p, step t is
// w32[p*k+t]), then at most one narrower panel of the last columns, from
// column jt on: 24, 16 or 8 columns wide (tail), in w24, w16 or w8. For the
// AVX2 and the NEON ones: n16 panels of 16 columns in w16 (panel p, step t
// is w16[p*k+t]), and no others. Columns past n are zeros.
type panels struct {
	k, n int
	n32  int
	w32  [][32]float64
	tail int // 0, 8, 16 or 24
	jt   int // the first column of the narrow panel
	w24  [][24]float64
	w16  [][16]float64
	w8   [][8]float64
	n16  int // AVX2 and NEON only
}

// panelPool keeps packed right operands between calls, so a training loop
// does not allocate one per product.
var panelPool sync.Pool

// getPanels returns panels sized for a k x n right operand, contents
// arbitrary. The columns are covered by 32-column panels, with a last one of
// 32 when more than 24 columns remain, else one of 24, 16 or 8, the
// narrowest that holds them: 50 columns are 32+24, 30 are 32, 100 are
// 3x32+8. One narrow panel, not 16+8, because each panel is a pass over
// the steps, and each pass loads and broadcasts the two rows of a again.
// For the AVX2 and NEON kernels, all the panels are 16 columns wide: 50
// columns are 4x16.
func getPanels(k, n int) *panels {
	p, _ := panelPool.Get().(*panels)
	if p == nil {
		p = new(panels)
	}
	p.k, p.n = k, n
	if useAVX2 || useNEON {
		p.n32, p.tail, p.n16 = 0, 0, (n+15)/16
		p.w16 = grow(p.w16, p.n16*k)
		return p
	}
	p.n16 = 0
	p.n32 = n / 32
	p.tail = (n%32 + 7) / 8 * 8
	if p.tail == 32 {
		p.n32++
		p.tail = 0
	}
	p.jt = 32 * p.n32
	p.w32 = grow(p.w32, p.n32*k)
	p.w24 = grow(p.w24, boolInt(p.tail == 24)*k)
	p.w16 = grow(p.w16, boolInt(p.tail == 16)*k)
	p.w8 = grow(p.w8, boolInt(p.tail == 8)*k)
	return p
}

// grow returns s resliced to length n, reallocated if it is too short.
func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// boolInt is 1 for true and 0 for false.
func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// pack copies rows [t0, t1) of b into p.
func (p *panels) pack(b strided, t0, t1 int) {
	k, n := p.k, p.n
	for t := t0; t < t1; t++ {
		for q := range p.n32 {
			packRow(p.w32[q*k+t][:], b, t, 32*q, n)
		}
		for q := range p.n16 {
			packRow(p.w16[q*k+t][:], b, t, 16*q, n)
		}
		switch p.tail {
		case 24:
			packRow(p.w24[t][:], b, t, p.jt, n)
		case 16:
			packRow(p.w16[t][:], b, t, p.jt, n)
		case 8:
			packRow(p.w8[t][:], b, t, p.jt, n)
		}
	}
}

// packRow sets dst[jj] = b(t, j0+jj) for the columns j0+jj < n and 0 past
// them.
func packRow(dst []float64, b strided, t, j0, n int) {
	cols := min(len(dst), n-j0)
	if b.cs == 1 {
		copy(dst, b.data[t*b.rs+j0:t*b.rs+j0+cols])
	} else {
		p := t*b.rs + j0*b.cs
		for jj := range cols {
			dst[jj] = b.data[p]
			p += b.cs
		}
	}
	clear(dst[cols:])
}

// maxPanelValues bounds the size of the packed right operand: a product
// with a long inner dimension (the convolution's colᵀ·dout runs over 57600
// rows) packs and multiplies it in parts of at most this many values (4 MB),
// so that it never holds a copy of the whole of b.
const maxPanelValues = 1 << 19

// vectorSerialWork is the number of multiply-adds from which mulVector
// shares one packed copy of b between the cores (BenchmarkDot's 100x4320
// shape, 43 million, is faster so); below it, each core packs b for itself.
const vectorSerialWork = 8 << 20

// mulVector sets c to a·b, or adds a·b to it when add is set, where a is
// c.Rows x k and b is k x c.Cols. zeros is the fraction of zeros in a (from
// useVectorKernel). With parallel set, the rows of c are split over the
// cores; else it all runs on the calling goroutine.
func mulVector(c *Matrix, a, b strided, k int, zeros float64, add, parallel bool) {
	m, n := c.Rows, c.Cols
	if m == 0 || n == 0 {
		return
	}
	if k == 0 {
		if !add {
			clear(c.Data)
		}
		return
	}
	skip := zeros > skipStepsAbove
	blocks := (m + 1) / 2
	workers := min(runtime.GOMAXPROCS(0), blocks)
	switch work := m * k * n; {
	case !parallel || work < serialWork || workers < 2:
		mulRowsVector(c, a, b, k, 0, m, add, skip, false)
	case work < vectorSerialWork:
		// A product of a few million multiply-adds, such as x·W1 of
		// chapter 5: packing b on both cores costs less than one core
		// waiting for the panels packed by the other to reach its cache.
		var wg sync.WaitGroup
		for w := range workers {
			r0, r1 := 2*(w*blocks/workers), min(m, 2*((w+1)*blocks/workers))
			wg.Go(func() { mulRowsVector(c, a, b, k, r0, r1, add, skip, false) }) // see parallelRows
		}
		wg.Wait()
	default:
		mulRowsVector(c, a, b, k, 0, m, add, skip, true)
	}
}

// mulRowsVector computes rows [r0, r1) of c = a·b (or c += a·b with add), r0
// even. It packs b in parts of as many whole tiles as fit in maxPanelValues,
// and at least one. With shared set, the packing and then the rows are
// split over the cores by parallelRows, two rows at a time; else it all runs
// on the calling goroutine.
func mulRowsVector(c *Matrix, a, b strided, k, r0, r1 int, add, skip, shared bool) {
	n := c.Cols
	width := n + 8 // the packed columns, at most n+7 wide
	if useAVX2 || useNEON {
		width = (n + 15) / 16 * 16
	}
	part := max(kcTile, maxPanelValues/width/kcTile*kcTile)
	for k0 := 0; k0 < k; k0 += part {
		k1 := min(k0+part, k)
		// Steps [k0, k1) of a and b, read from their element (0, k0) and
		// (k0, 0) on.
		ak := strided{a.data[k0*a.cs:], a.rs, a.cs}
		bk := strided{b.data[k0*b.rs:], b.rs, b.cs}
		p := getPanels(k1-k0, n)
		addPart := add || k0 > 0
		if shared {
			parallelRows(k1-k0, (k1-k0)*n, func(t0, t1 int) { p.pack(bk, t0, t1) })
			blocks := (r1 - r0 + 1) / 2
			parallelRows(blocks, (r1-r0)*(k1-k0)*n, func(b0, b1 int) {
				mulBlocks(c, ak, p, r0+2*b0, min(r0+2*b1, r1), addPart, skip)
			})
		} else {
			p.pack(bk, 0, k1-k0)
			mulBlocks(c, ak, p, r0, r1, addPart, skip)
		}
		panelPool.Put(p)
	}
}

// mulBlocks computes rows [r0, r1) of c = a·p (or c += a·p with add), r0
// even: one tile of kcTile inner steps at a time, and within a tile two rows
// of c at a time, each through every panel. The first tile of a product
// that does not add starts its blocks from zero, the others add to them.
// With skip set, the steps where both rows of a are zero are left out, when
// they are at least a quarter of the tile: the list of steps costs a pass
// over the rows, and the kernels that follow it are slower per step than
// the dense ones.
func mulBlocks(c *Matrix, a strided, p *panels, r0, r1 int, add, skip bool) {
	k := p.k
	var active [kcTile]int32
	var e edge
	for t0 := 0; t0 < k; t0 += kcTile {
		t1 := min(t0+kcTile, k)
		load := add || t0 > 0
		for i := r0; i < r1; i += 2 {
			// Rows i and i+1 of a from step t0 on. A last odd row is
			// paired with itself, and its twin's results are dropped.
			p0 := i*a.rs + t0*a.cs
			p1 := p0
			if i+1 < r1 {
				p1 += a.rs
			}
			var steps []int32
			if skip {
				steps = active[:activeSteps(active[:t1-t0], a.data, p0, p1, a.cs)]
				if len(steps) >= (t1-t0)*3/4 {
					steps = nil
				}
			}
			mulPanels(c, r1, i, a.data, p0, p1, a.cs, steps, p, t0, t1, load, &e)
		}
	}
	clearUpper()
}

// edge is the copy of a block of the result that lies partly outside it:
// past its last column (the panels are padded to whole vectors) or below
// its last row (an odd row paired with itself). The kernels write whole
// blocks, so they write such a block here, and flush copies back the part
// that exists.
type edge struct {
	tile       [2][32]float64
	i, j       int // the block's first row and column
	rows, cols int // how many of its rows and columns exist; 0 rows: none pending
}

// block returns the two rows of the block of c at rows i and i+1 (the rows
// end at r1) and columns [j, j+w), w at most 32: slices of c itself where
// the whole block lies inside it, else of e's tile, filled from c when load
// is set (and the kernel will add to it).
func (e *edge) block(c *Matrix, r1, i, j, w int, load bool) (c0, c1 []float64) {
	n := c.Cols
	rows, cols := min(2, r1-i), min(w, n-j)
	if rows == 2 && cols == w {
		e.rows = 0
		return c.Data[i*n+j : i*n+j+w], c.Data[(i+1)*n+j : (i+1)*n+j+w]
	}
	e.i, e.j, e.rows, e.cols = i, j, rows, cols
	for r := range rows {
		if load {
			copy(e.tile[r][:cols], c.Data[(i+r)*n+j:])
		}
	}
	return e.tile[0][:w], e.tile[1][:w]
}

// flush copies the part of a pending block that lies inside c back into it.
func (e *edge) flush(c *Matrix) {
	n := c.Cols
	for r := range e.rows {
		copy(c.Data[(e.i+r)*n+e.j:(e.i+r)*n+e.j+e.cols], e.tile[r][:e.cols])
	}
	e.rows = 0
}

// activeSteps stores in steps the steps q (from 0 to len(steps)-1) where
// a[p0+q*cs] or a[p1+q*cs] is not zero, and returns how many it stored.
// activeStepsVector lists the first ones where it can (on AVX-512, 8 at a
// time); the loop here does the rest, branch-free as in gatherTerms: the
// store is unconditional and the count grows by 0 or 1; shifting out the
// sign bit makes -0 count as zero. In both, a NaN counts as nonzero.
func activeSteps(steps []int32, a []float64, p0, p1, cs int) int {
	count, q := activeStepsVector(steps, a, p0, p1, cs)
	p0, p1 = p0+q*cs, p1+q*cs
	for ; q < len(steps); q++ {
		steps[count] = int32(q)
		if (math.Float64bits(a[p0])|math.Float64bits(a[p1]))<<1 != 0 {
			count++
		}
		p0 += cs
		p1 += cs
	}
	return count
}
