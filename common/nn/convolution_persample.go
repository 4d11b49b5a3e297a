// The per-sample convolution, the Convolution layer's path when Fast is set
// (fast.go); an opt-in for speed, not the book. It does the book's chapter 7
// arithmetic one sample at a time in Caffe's transposed layout
// (caffe/src/caffe/layers/base_conv_layer.cpp), instead of the book's im2col
// of the whole batch (convolution.go), which is its test oracle.
//
// For one sample x_n, with K = C*FH*FW and P = OH*OW,
//
//	colT  = im2colT(x_n)          K x P: the sample's patches, one per column
//	out_n = W · colT + b          FN x P: already the channel-major row of the output
//
// and backward, with dout_n the FN x P gradient of one output row,
//
//	DW   += dout_n · colTᵀ        DB += the row sums of dout_n
//	dcolT = Wᵀ · dout_n           dx_n = col2imT(dcolT)
//
// So there is no transpose of the output or of dout, and one sample's colT
// stays in the core's cache where the book's col holds the whole batch.
// Backward rebuilds colT rather than keeping it from Forward: copying is
// cheap next to the products, and it keeps the layer's memory to a few
// samples' worth. Samples are independent, so the batch is cut into chunks
// over the cores (parallel.Chunks), each chunk keeps its own partial DW and
// DB, and these are added in chunk order, so the result is the same whatever
// the number of cores. The products run in mat.AddDot and mat.AddDotT, the
// serial kernels made for these skinny shapes (the goroutines are already
// here).

package nn

import (
	"dlfs/common/mat"
	"dlfs/common/parallel"
)

// perSampleConv holds the buffers of the per-sample path, reused from one
// batch to the next.
type perSampleConv struct {
	colT   [][]float64   // one im2colT buffer per worker goroutine
	dcolT  [][]float64   // one gradient-of-colT buffer per worker
	wT     *mat.Matrix   // Wᵀ, K x FN, for dcolT = Wᵀ · dout_n
	dWPart []*mat.Matrix // partial DW of each chunk of the batch
	dBPart []*mat.Matrix // partial DB of each chunk
}

// forward writes into out (N x FN*P) the convolution of the batch x with the
// filters w plus the biases b.
func (c *perSampleConv) forward(out, x, w, b *mat.Matrix, s ConvShape) {
	fn, k, p := w.Rows, s.PatchSize(), s.OutH()*s.OutW()
	c.colT = parallel.Buffers(c.colT, parallel.Workers(x.Rows), k*p)
	parallel.Chunks(x.Rows, func(worker, _, lo, hi int) {
		colT := c.colT[worker]
		for n := lo; n < hi; n++ {
			im2colT(colT, x.Row(n), s)
			o := out.Row(n)
			for f, bias := range b.Data {
				row := o[f*p : (f+1)*p]
				for i := range row {
					row[i] = bias
				}
			}
			mat.AddDot(view(o, fn, p), w, view(colT, k, p)) // out_n += W · colT
		}
	})
}

// backward writes dL/dW into dW and dL/db into db for the batch x, filters w
// and output gradient dout, and dL/dx into dx unless dx is nil.
func (c *perSampleConv) backward(dx, dW, db, x, w, dout *mat.Matrix, s ConvShape) {
	fn, k, p := w.Rows, s.PatchSize(), s.OutH()*s.OutW()
	workers, chunks := parallel.Workers(x.Rows), parallel.NumChunks(x.Rows)
	c.colT = parallel.Buffers(c.colT, workers, k*p)
	if dx != nil {
		c.dcolT = parallel.Buffers(c.dcolT, workers, k*p)
		c.wT = layerBuffer(c.wT, k, fn)
		for f := 0; f < fn; f++ {
			for j, v := range w.Row(f) {
				c.wT.Data[j*fn+f] = v
			}
		}
	}
	for len(c.dWPart) < chunks {
		c.dWPart = append(c.dWPart, nil)
		c.dBPart = append(c.dBPart, nil)
	}
	for i := range c.dWPart {
		c.dWPart[i] = layerBuffer(c.dWPart[i], fn, k)
		c.dBPart[i] = layerBuffer(c.dBPart[i], 1, fn)
	}

	parallel.Chunks(x.Rows, func(worker, chunk, lo, hi int) {
		colT := c.colT[worker]
		dWc, dBc := c.dWPart[chunk].Zero(), c.dBPart[chunk].Zero()
		for n := lo; n < hi; n++ {
			d := dout.Row(n)
			im2colT(colT, x.Row(n), s)
			mat.AddDotT(dWc, view(d, fn, p), view(colT, k, p)) // DW += dout_n · colTᵀ
			for f := range dBc.Data {
				sum := 0.0
				for _, v := range d[f*p : (f+1)*p] {
					sum += v
				}
				dBc.Data[f] += sum
			}
			if dx == nil {
				continue
			}
			dcolT := c.dcolT[worker]
			clear(dcolT)
			mat.AddDot(view(dcolT, k, p), c.wT, view(d, fn, p)) // dcolT = Wᵀ · dout_n
			dxn := dx.Row(n)
			clear(dxn)
			col2imT(dxn, dcolT, s)
		}
	})

	dW.Zero()
	db.Zero()
	for i := 0; i < chunks; i++ {
		dW.AddScaled(1, c.dWPart[i])
		db.AddScaled(1, c.dBPart[i])
	}
}

// view returns data as a rows x cols matrix sharing its storage.
func view(data []float64, rows, cols int) *mat.Matrix {
	return &mat.Matrix{Rows: rows, Cols: cols, Data: data[:rows*cols]}
}
