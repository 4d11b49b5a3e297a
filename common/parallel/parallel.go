// Package parallel is machinery, not part of the book, and a reader of the
// book can skip it. It splits a batch of independent samples over the
// cores, the way the convolution and pooling layers of common/nn need it:
// the batch is cut into a fixed number of runs of consecutive samples
// (chunks), and a few goroutines take the chunks one after another.
//
// The cut depends on the batch size alone, never on the number of cores, so
// a caller that keeps one partial sum per chunk and adds them in chunk order
// gets the same result, to the last bit, under any GOMAXPROCS.
package parallel

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// MaxChunks is the most chunks a batch is cut into. It is a constant, not the
// number of cores, so that the order in which per-chunk partial results are
// added, and so every digit of the result, is the same on every machine.
const MaxChunks = 16

// NumChunks returns how many chunks Chunks cuts n samples into:
// min(n, MaxChunks), and at least 1.
func NumChunks(n int) int { return max(1, min(n, MaxChunks)) }

// Workers returns how many goroutines Chunks runs for n samples: GOMAXPROCS,
// but no more than there are chunks.
func Workers(n int) int { return min(runtime.GOMAXPROCS(0), NumChunks(n)) }

// Chunks cuts the samples 0..n-1 into NumChunks(n) runs of consecutive
// samples; chunk c is [c*n/chunks, (c+1)*n/chunks). It calls
// work(worker, chunk, lo, hi) once for each chunk, from Workers(n) goroutines
// that take the next chunk as they finish one, and returns when all are done.
// worker (0 <= worker < Workers(n)) names the goroutine, so work can use that
// worker's scratch buffers (see Buffers); chunk names the piece of the batch,
// so work can keep one partial result per chunk. With one worker everything
// runs on the calling goroutine, in chunk order, which is easier to follow in
// a debugger.
func Chunks(n int, work func(worker, chunk, lo, hi int)) {
	chunks, workers := NumChunks(n), Workers(n)
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

// Buffers returns bufs grown to at least count slices of size values each,
// keeping the slices that already have that size and replacing the others
// with new zeroed ones: the per-worker (or per-chunk) scratch space of a
// caller of Chunks, reused from one batch to the next.
func Buffers(bufs [][]float64, count, size int) [][]float64 {
	for len(bufs) < count {
		bufs = append(bufs, nil)
	}
	for i := range bufs {
		if len(bufs[i]) != size {
			bufs[i] = make([]float64, size)
		}
	}
	return bufs
}
