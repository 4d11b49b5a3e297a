package nn

import (
	"testing"

	"dlfs/common/mat"
)

// path is one of the two ways the convolution and pooling layers compute:
// the book's (Fast false) or the faster one (Fast true).
type path bool

const (
	bookPath path = false
	fastPath path = true
)

// String names the path, as in the test messages and the benchmarks.
func (p path) String() string {
	if p {
		return "Fast"
	}
	return "Book"
}

// setPath sets Fast for p until the test or benchmark tb ends.
func setPath(tb testing.TB, p path) {
	old := Fast
	Fast = bool(p)
	tb.Cleanup(func() { Fast = old })
}

// The book's path is the default, and Backward follows the path of the last
// Forward even if Fast changed in between.
func TestFastOffByDefaultAndBackwardFollowsForward(t *testing.T) {
	if Fast {
		t.Fatal("Fast is set by default, want the book's path")
	}
	rng := convRNG(30)
	s := ConvShape{C: 2, H: 6, W: 6, FH: 3, FW: 3, Stride: 1, Pad: 1}
	x, w, b := convRandMatrix(rng, 3, s.InSize()), convRandMatrix(rng, 4, s.PatchSize()), convRandMatrix(rng, 1, 4)
	dout := convRandMatrix(rng, 3, 4*s.OutH()*s.OutW())
	ndx, _, _ := ConvolutionBackwardNaive(x, w, dout, s)
	pool := NewPooling(2, 6, 6, 2, 2)
	pdout := convRandMatrix(rng, 3, 2*3*3)
	pdx := MaxPoolBackwardNaive(x, pdout, pool.shape())
	for _, p := range []path{bookPath, fastPath} {
		setPath(t, p)
		conv := NewConvolution(w, b, s)
		conv.Forward(x, true)
		pool.Forward(x, true)
		setPath(t, !p)
		if d := mat.MaxAbsDiff(conv.Backward(dout), ndx); d > 1e-12 {
			t.Errorf("Convolution: Forward on the %v path, Backward after switching: dx differs from the naive one by %g", p, d)
		}
		if d := mat.MaxAbsDiff(pool.Backward(pdout), pdx); d != 0 {
			t.Errorf("Pooling: Forward on the %v path, Backward after switching: dx differs from the naive one by %g", p, d)
		}
	}
}
