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
// two products run in mat.AddDot and mat.AddDotT, the register-tiled serial
// kernels made for these skinny shapes (the goroutines are already here).

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
	return &Convolution{W: w, B: b, Shape: s, DW: mat.New(w.Rows, w.Cols), DB: mat.New(1, b.Cols)}
}

// Params returns the filters W and biases b with their gradients.
func (l *Convolution) Params() []Param {
	return []Param{{Name: "W", Value: l.W, Grad: l.DW}, {Name: "b", Value: l.B, Grad: l.DB}}
}

// SetSkipInputGrad sets SkipInputGrad.
func (l *Convolution) SetSkipInputGrad(skip bool) { l.SkipInputGrad = skip }

// Forward returns the convolution of the batch x (N x C*H*W) with the filters
// plus the biases, an N x FN*OH*OW batch. See the file comment for the method.
func (l *Convolution) Forward(x *mat.Matrix, _ bool) *mat.Matrix {
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
			mat.AddDot(view(out, fn, p), l.W, view(colT, k, p)) // out_n += W · colT
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
			mat.AddDotT(dW, view(d, fn, p), view(colT, k, p)) // DW += dout_n · colTᵀ
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
			mat.AddDot(view(dcolT, k, p), l.wT, view(d, fn, p)) // dcolT = Wᵀ · dout_n
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

// view returns data as a rows x cols matrix sharing its storage.
func view(data []float64, rows, cols int) *mat.Matrix {
	return &mat.Matrix{Rows: rows, Cols: cols, Data: data[:rows*cols]}
}
