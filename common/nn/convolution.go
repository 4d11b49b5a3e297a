// The Convolution layer, the book's chapter 7 (common/layers.py Convolution).
//
// Which path it takes, and why. The book unfolds the whole batch with im2col
// into an (N*OH*OW) x (C*FH*FW) matrix, multiplies it by the filters, and then
// transposes the (n, oy, ox, f) result into (n, f, oy, ox) order. This layer
// does the same arithmetic one sample at a time in Caffe's transposed layout:
//
//	colT  = im2colT(x_n)          (C*FH*FW) x (OH*OW): the sample's patches, one per column
//	out_n = W · colT + b          FN x (OH*OW): already the channel-major row of the output
//
// and backward, with dout_n the FN x (OH*OW) gradient of one output row:
//
//	DW   += dout_n · colTᵀ        DB += the row sums of dout_n
//	dcolT = Wᵀ · dout_n           dx_n = col2imT(dcolT)
//
// So there is no transpose, and one sample's colT (25 x 576 numbers for
// SimpleConvNet's first layer, 115 KB) stays in the core's cache where the
// book's col for a batch of 100 takes 11.5 MB. Backward rebuilds colT rather
// than keeping it from Forward: copying is cheap next to the products, and the
// book's col for DeepConvNet's second layer would take 90 MB. Samples are
// independent, so the batch is split over the cores (forEachChunk), and the
// two products run in small hand-tiled loops (addDot, addDotT, at the end of
// this file) made for these skinny shapes.

package nn

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"

	"dlfs/common/mat"
)

// Convolution is the book's Convolution layer: FN filters of C x FH x FW
// weights slide over each input sample (a row of C*H*W values) and give FN
// channels of OH x OW outputs (a row of FN*OH*OW values).
//
// The matrices Forward and Backward return belong to the layer: they are
// reused, and overwritten by the next Forward (or Backward) on a batch of the
// same size. Clone them to keep them longer. The layer also keeps a reference
// to Forward's input x for Backward, as the book's self.x = x does.
type Convolution struct {
	W, B   *mat.Matrix // filters, FN x C*FH*FW (the book's (FN, C, FH, FW) flattened), and biases, 1 x FN
	DW, DB *mat.Matrix // their gradients, set by Backward
	Shape  ConvShape   // input C, H, W; filter FH, FW; Stride; Pad

	// SkipInputGrad makes Backward compute only DW and DB and return nil
	// instead of dx. Set it on a network's first layer: nothing uses the
	// gradient with respect to the images, and it is half of the work.
	SkipInputGrad bool

	x       *mat.Matrix   // input of the last Forward
	out, dx *mat.Matrix   // returned by Forward and Backward, reused
	colT    [][]float64   // one im2colT buffer per worker goroutine
	dcolT   [][]float64   // one gradient-of-colT buffer per worker
	wT      *mat.Matrix   // Wᵀ, C*FH*FW x FN, for dcolT = Wᵀ · dout_n
	dWPart  []*mat.Matrix // partial DW of each chunk of the batch
	dBPart  []*mat.Matrix // partial DB of each chunk
}

// NewConvolution returns a convolution layer with filters w (FN x C*FH*FW)
// and biases b (1 x FN) for inputs and windows described by s; the book's
// Convolution(W, b, stride, pad). The layer uses w and b themselves, not
// copies, so an optimizer that updates them updates the layer.
func NewConvolution(w, b *mat.Matrix, s ConvShape) *Convolution {
	mustConvParams("NewConvolution", w, b, s)
	return &Convolution{W: w, B: b, Shape: s}
}

// Forward returns the convolution of the batch x (N x C*H*W) with the filters
// plus the biases, an N x FN*OH*OW batch. See the file comment for the method.
func (l *Convolution) Forward(x *mat.Matrix) *mat.Matrix {
	s := l.Shape
	mustConvParams("Convolution.Forward", l.W, l.B, s)
	s.mustInput("Convolution.Forward", x)
	fn, k, p := l.W.Rows, s.PatchSize(), s.OutH()*s.OutW()
	l.x = x
	l.out = layerBuffer(l.out, x.Rows, fn*p)
	l.colT = workerBuffers(l.colT, batchWorkers(x.Rows), k*p)

	forEachChunk(x.Rows, func(worker, _, lo, hi int) {
		colT := l.colT[worker]
		for n := lo; n < hi; n++ {
			im2colT(colT, x.Row(n), s)
			out := l.out.Row(n)
			for f, b := range l.B.Data {
				row := out[f*p : (f+1)*p]
				for i := range row {
					row[i] = b
				}
			}
			addDot(out, l.W.Data, colT, fn, k, p) // out_n += W · colT
		}
	})
	return l.out
}

// Backward takes dout = dL/dout (N x FN*OH*OW), stores dL/dW in DW and dL/db
// in DB, and returns dL/dx (N x C*H*W), or nil if SkipInputGrad is set. The
// partial DW of each chunk of the batch are added up in chunk order, so the
// result does not depend on how the goroutines were scheduled or on the
// number of cores.
func (l *Convolution) Backward(dout *mat.Matrix) *mat.Matrix {
	s, x := l.Shape, l.x
	fn, k, p := l.W.Rows, s.PatchSize(), s.OutH()*s.OutW()
	if x == nil || dout.Rows != x.Rows || dout.Cols != fn*p {
		panic(fmt.Sprintf("nn.Convolution.Backward: dout is %dx%d, want N x %d (FN*OH*OW = %d*%d*%d) with N from the last Forward",
			dout.Rows, dout.Cols, fn*p, fn, s.OutH(), s.OutW()))
	}
	workers, chunks := batchWorkers(x.Rows), batchChunks(x.Rows)
	l.colT = workerBuffers(l.colT, workers, k*p)
	if !l.SkipInputGrad {
		l.dcolT = workerBuffers(l.dcolT, workers, k*p)
		l.dx = layerBuffer(l.dx, x.Rows, x.Cols)
		l.wT = layerBuffer(l.wT, k, fn)
		for f := 0; f < fn; f++ {
			for j, w := range l.W.Row(f) {
				l.wT.Data[j*fn+f] = w
			}
		}
	}
	for len(l.dWPart) < chunks {
		l.dWPart = append(l.dWPart, mat.New(fn, k))
		l.dBPart = append(l.dBPart, mat.New(1, fn))
	}

	forEachChunk(x.Rows, func(worker, chunk, lo, hi int) {
		colT := l.colT[worker]
		dW, dB := l.dWPart[chunk].Zero(), l.dBPart[chunk].Zero()
		for n := lo; n < hi; n++ {
			d := dout.Row(n)
			im2colT(colT, x.Row(n), s)
			addDotT(dW.Data, d, colT, fn, k, p) // DW += dout_n · colTᵀ
			for f := range dB.Data {
				sum := 0.0
				for _, v := range d[f*p : (f+1)*p] {
					sum += v
				}
				dB.Data[f] += sum
			}
			if l.SkipInputGrad {
				continue
			}
			dcolT := l.dcolT[worker]
			clear(dcolT)
			addDot(dcolT, l.wT.Data, d, k, fn, p) // dcolT = Wᵀ · dout_n
			dx := l.dx.Row(n)
			clear(dx)
			col2imT(dx, dcolT, s)
		}
	})

	l.DW = layerBuffer(l.DW, fn, k).Zero()
	l.DB = layerBuffer(l.DB, 1, fn).Zero()
	for c := 0; c < chunks; c++ {
		l.DW.AddScaled(1, l.dWPart[c])
		l.DB.AddScaled(1, l.dBPart[c])
	}
	if l.SkipInputGrad {
		return nil
	}
	return l.dx
}

// maxBatchChunks is the most pieces a batch is cut into for the cores. It is
// a constant, not the number of cores, so that the order in which partial
// gradients are added, and so every digit of the result, is the same whatever
// the number of cores.
const maxBatchChunks = 16

// batchChunks returns how many chunks a batch of n samples is cut into.
func batchChunks(n int) int { return max(1, min(n, maxBatchChunks)) }

// batchWorkers returns how many goroutines work on a batch of n samples.
func batchWorkers(n int) int { return min(runtime.GOMAXPROCS(0), batchChunks(n)) }

// forEachChunk cuts the samples 0..n-1 into batchChunks(n) runs of
// consecutive samples [lo, hi) and calls work(worker, chunk, lo, hi) once for
// each, from batchWorkers(n) goroutines that take the next chunk as they
// finish one. worker (0 <= worker < batchWorkers(n)) names the goroutine, so
// work can use that worker's scratch buffers. With one worker it runs on the
// calling goroutine, which is easier to follow in a debugger.
func forEachChunk(n int, work func(worker, chunk, lo, hi int)) {
	chunks, workers := batchChunks(n), batchWorkers(n)
	if workers == 1 {
		for c := 0; c < chunks; c++ {
			work(0, c, c*n/chunks, (c+1)*n/chunks)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Go(func() {
			for c := int(next.Add(1)) - 1; c < chunks; c = int(next.Add(1)) - 1 {
				work(w, c, c*n/chunks, (c+1)*n/chunks)
			}
		})
	}
	wg.Wait()
}

// layerBuffer returns m if it is rows x cols, and a new rows x cols matrix
// otherwise: the output buffers a layer reuses while the batch size stays the
// same. The contents of a reused m are left as they were.
func layerBuffer(m *mat.Matrix, rows, cols int) *mat.Matrix {
	if m != nil && m.Rows == rows && m.Cols == cols {
		return m
	}
	return mat.New(rows, cols)
}

// workerBuffers returns bufs with at least workers slices of size values each,
// reusing the ones that are already that size.
func workerBuffers(bufs [][]float64, workers, size int) [][]float64 {
	for len(bufs) < workers {
		bufs = append(bufs, nil)
	}
	for i := range bufs {
		if len(bufs[i]) != size {
			bufs[i] = make([]float64, size)
		}
	}
	return bufs
}

// addDot adds a·b to c, where a is m x k, b is k x n and c is m x n, all
// row-major: the W · colT and Wᵀ · dout_n of the layer.
//
// It computes c in tiles of 3 rows by 2 columns, keeping the six sums in
// registers while it runs along k: each step loads 3 values of a and 2 of b
// for 6 multiply-adds. This runs at about three times the speed of the
// textbook i-k-j loop, which loads and stores c for every multiply-add.
func addDot(c, a, b []float64, m, k, n int) {
	i := 0
	for ; i+3 <= m; i += 3 {
		a0 := a[i*k : (i+1)*k]
		a1 := a[(i+1)*k : (i+2)*k][:len(a0)]
		a2 := a[(i+2)*k : (i+3)*k][:len(a0)]
		c0 := c[i*n : (i+1)*n]
		c1 := c[(i+1)*n : (i+2)*n][:len(c0)]
		c2 := c[(i+2)*n : (i+3)*n][:len(c0)]
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

// addDotT adds a·bᵀ to c, where a is m x k, b is n x k and c is m x n: the
// dout_n · colTᵀ of the layer, where every element of c is the dot product of
// a row of a with a row of b. Like addDot it works on 3 x 2 tiles of c, so
// each step along the rows loads 5 values for 6 multiply-adds.
func addDotT(c, a, b []float64, m, n, k int) {
	i := 0
	for ; i+3 <= m; i += 3 {
		a0 := a[i*k : (i+1)*k]
		a1 := a[(i+1)*k : (i+2)*k][:len(a0)]
		a2 := a[(i+2)*k : (i+3)*k][:len(a0)]
		c0 := c[i*n : (i+1)*n]
		c1 := c[(i+1)*n : (i+2)*n][:len(c0)]
		c2 := c[(i+2)*n : (i+3)*n][:len(c0)]
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
