package nn

import (
	"fmt"
	"math"
	"runtime"
	"testing"

	"dlfs/common/mat"
	"dlfs/common/relerr"
)

// convMethods are the two paths the layer can take, each tested against
// ConvolutionNaive, and the Fast one against the book's.
var convMethods = []path{bookPath, fastPath}

// newConvolutionWith returns NewConvolution(w, b, s), with Fast set for path
// m until tb ends.
func newConvolutionWith(tb testing.TB, m path, w, b *mat.Matrix, s ConvShape) *Convolution {
	setPath(tb, m)
	return NewConvolution(w, b, s)
}

// convPass is what one Forward and Backward of a layer give, cloned.
type convPass struct{ out, dx, dW, dB *mat.Matrix }

// runConv runs Forward and Backward on a fresh layer taking path m.
func runConv(tb testing.TB, m path, x, w, b, dout *mat.Matrix, s ConvShape) convPass {
	l := newConvolutionWith(tb, m, w, b, s)
	out := l.Forward(x, true).Clone()
	dx := l.Backward(dout).Clone()
	return convPass{out, dx, l.DW.Clone(), l.DB.Clone()}
}

// Both paths give the same output and gradients as the definition, and as
// each other, for every test shape (padding 0 to 2, strides 1 to 3, odd
// sizes such as 7x5), for one sample, for more samples than cores, and for
// more samples than the batch is cut into (16).
func TestConvolutionMatchesNaiveAndBook(t *testing.T) {
	rng := convRNG(10)
	for _, s := range convTestShapes {
		for _, n := range []int{1, 3, 19} {
			for _, fn := range []int{1, 4, 7} {
				x, w, b := convRandMatrix(rng, n, s.InSize()), convRandMatrix(rng, fn, s.PatchSize()), convRandMatrix(rng, 1, fn)
				dout := convRandMatrix(rng, n, fn*s.OutH()*s.OutW())
				nout := ConvolutionNaive(x, w, b, s)
				ndx, ndw, ndb := ConvolutionBackwardNaive(x, w, dout, s)
				naive := convPass{nout, ndx, ndw, ndb}
				book := runConv(t, bookPath, x, w, b, dout, s)
				fast := runConv(t, fastPath, x, w, b, dout, s)
				for _, c := range []struct {
					got, want         convPass
					gotName, wantName string
				}{
					{book, naive, "Book", "naive"},
					{fast, naive, "Fast", "naive"},
					{fast, book, "Fast", "Book"},
				} {
					for _, m := range []struct {
						name      string
						got, want *mat.Matrix
					}{{"out", c.got.out, c.want.out}, {"dx", c.got.dx, c.want.dx}, {"DW", c.got.dW, c.want.dW}, {"DB", c.got.dB, c.want.dB}} {
						if d := mat.MaxAbsDiff(m.got, m.want); d > 1e-12 {
							t.Errorf("%+v N=%d FN=%d: %s of %s differs from %s by %g", s, n, fn, m.name, c.gotName, c.wantName, d)
						}
					}
				}
			}
		}
	}
}

// The gradient check, for both methods: Backward against the numerical
// gradient of L = sum(out * r) with a fixed random r, for the input, the
// filters and the biases.
func TestConvolutionGradientCheck(t *testing.T) {
	rng := convRNG(11)
	shapes := []ConvShape{
		{C: 2, H: 5, W: 4, FH: 3, FW: 3, Stride: 1, Pad: 1},
		{C: 1, H: 7, W: 5, FH: 3, FW: 2, Stride: 2, Pad: 2},
		{C: 3, H: 6, W: 6, FH: 5, FW: 5, Stride: 1, Pad: 0},
		{C: 2, H: 9, W: 8, FH: 4, FW: 3, Stride: 3, Pad: 1},
	}
	for _, method := range convMethods {
		for _, s := range shapes {
			const n, fn = 3, 2
			x, w, b := convRandMatrix(rng, n, s.InSize()), convRandMatrix(rng, fn, s.PatchSize()), convRandMatrix(rng, 1, fn)
			r := convRandMatrix(rng, n, fn*s.OutH()*s.OutW())
			l := newConvolutionWith(t, method, w, b, s)
			l.Forward(x, true)
			dx := l.Backward(r).Clone()
			loss := func(*mat.Matrix) float64 { return convDot(l.Forward(x, true), r) }
			for _, c := range []struct {
				name string
				got  *mat.Matrix
				of   *mat.Matrix
			}{{"dx", dx, x}, {"DW", l.DW.Clone(), w}, {"DB", l.DB.Clone(), b}} {
				e := relerr.Max(c.got, NumericalGradient(loss, c.of))
				t.Logf("%v %+v: %s relative error %.2g", method, s, c.name, e)
				if !(e < 1e-6) {
					t.Errorf("%v %+v: %s relative error %.3g against the numerical gradient, want < 1e-6", method, s, c.name, e)
				}
			}
		}
	}
}

// The output and the gradients are the same to the last bit whatever the
// number of cores: the per-sample method adds the partial gradients of the
// chunks of a batch in a fixed order, and the book's products split their
// work by rows of the result.
func TestConvolutionSameOnAnyCoreCount(t *testing.T) {
	rng := convRNG(12)
	s := ConvShape{C: 3, H: 8, W: 8, FH: 3, FW: 3, Stride: 1, Pad: 1}
	x, w, b := convRandMatrix(rng, 37, s.InSize()), convRandMatrix(rng, 5, s.PatchSize()), convRandMatrix(rng, 1, 5)
	dout := convRandMatrix(rng, 37, 5*s.OutH()*s.OutW())
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for _, method := range convMethods {
		var first convPass
		for _, procs := range []int{1, 2, 3, 8} {
			runtime.GOMAXPROCS(procs)
			p := runConv(t, method, x, w, b, dout, s)
			if procs == 1 {
				first = p
				continue
			}
			for _, m := range []struct {
				name      string
				got, want *mat.Matrix
			}{{"out", p.out, first.out}, {"dx", p.dx, first.dx}, {"DW", p.dW, first.dW}, {"DB", p.dB, first.dB}} {
				if d := mat.MaxAbsDiff(m.got, m.want); d != 0 {
					t.Errorf("%v: %s with GOMAXPROCS %d differs from GOMAXPROCS 1 by %g", method, m.name, procs, d)
				}
			}
		}
	}
}

// SkipInputGrad leaves out dx, as for the first layer of a network, and
// still computes DW and DB, in both methods; SetSkipInputGrad sets it.
func TestConvolutionSkipInputGrad(t *testing.T) {
	rng := convRNG(13)
	s := ConvShape{C: 1, H: 10, W: 10, FH: 5, FW: 5, Stride: 1, Pad: 0}
	x, w, b := convRandMatrix(rng, 4, s.InSize()), convRandMatrix(rng, 3, s.PatchSize()), convRandMatrix(rng, 1, 3)
	dout := convRandMatrix(rng, 4, 3*s.OutH()*s.OutW())
	_, ndw, ndb := ConvolutionBackwardNaive(x, w, dout, s)
	for _, method := range convMethods {
		l := newConvolutionWith(t, method, w, b, s)
		var skipper InputGradSkipper = l
		skipper.SetSkipInputGrad(true)
		l.Forward(x, true)
		if dx := l.Backward(dout); dx != nil {
			t.Errorf("%v: Backward with SkipInputGrad returned a %dx%d dx, want nil", method, dx.Rows, dx.Cols)
		}
		if d := math.Max(mat.MaxAbsDiff(l.DW, ndw), mat.MaxAbsDiff(l.DB, ndb)); d > 1e-12 {
			t.Errorf("%v: DW, DB with SkipInputGrad differ from the naive ones by %g", method, d)
		}
		l.SetSkipInputGrad(false)
		if dx := l.Backward(dout); dx == nil {
			t.Errorf("%v: Backward after SetSkipInputGrad(false) returned nil", method)
		}
	}
}

// Params hands out the layer's own W and b with gradients that exist before
// the first Backward, and Backward writes into those same gradient matrices.
func TestConvolutionParams(t *testing.T) {
	rng := convRNG(15)
	s := ConvShape{C: 2, H: 6, W: 6, FH: 3, FW: 3, Stride: 1, Pad: 1}
	w, b := convRandMatrix(rng, 3, s.PatchSize()), convRandMatrix(rng, 1, 3)
	for _, method := range convMethods {
		l := newConvolutionWith(t, method, w, b, s)
		ps := l.Params()
		if len(ps) != 2 || ps[0].Name != "W" || ps[1].Name != "b" {
			t.Fatalf("%v: Params = %+v, want W and b", method, ps)
		}
		if ps[0].Value != w || ps[1].Value != b {
			t.Errorf("%v: Params values are not the layer's W and b", method)
		}
		for _, p := range ps {
			if p.Grad == nil || p.Grad.Rows != p.Value.Rows || p.Grad.Cols != p.Value.Cols {
				t.Fatalf("%v: %s has gradient %v before Backward, want a zero matrix of the value's shape", method, p.Name, p.Grad)
			}
		}
		x := convRandMatrix(rng, 2, s.InSize())
		l.Forward(x, true)
		l.Backward(convRandMatrix(rng, 2, 3*s.OutH()*s.OutW()))
		if ps[0].Grad != l.DW || ps[1].Grad != l.DB || mat.MaxAbsDiff(ps[0].Grad, mat.New(3, s.PatchSize())) == 0 {
			t.Errorf("%v: Backward did not write its gradients into the matrices Params handed out", method)
		}
	}
}

// Neither method writes into its input x or dout.
func TestConvolutionLeavesInputsAlone(t *testing.T) {
	rng := convRNG(16)
	s := ConvShape{C: 2, H: 7, W: 5, FH: 3, FW: 2, Stride: 2, Pad: 2}
	x, w, b := convRandMatrix(rng, 5, s.InSize()), convRandMatrix(rng, 3, s.PatchSize()), convRandMatrix(rng, 1, 3)
	dout := convRandMatrix(rng, 5, 3*s.OutH()*s.OutW())
	x0, w0, b0, dout0 := x.Clone(), w.Clone(), b.Clone(), dout.Clone()
	for _, method := range convMethods {
		runConv(t, method, x, w, b, dout, s)
		if mat.MaxAbsDiff(x, x0) != 0 || mat.MaxAbsDiff(w, w0) != 0 || mat.MaxAbsDiff(b, b0) != 0 || mat.MaxAbsDiff(dout, dout0) != 0 {
			t.Errorf("%v: Forward or Backward changed x, W, b or dout", method)
		}
	}
}

// Forward reuses its output matrix while the batch size stays the same, and
// a new batch size gets a new, right-sized one.
func TestConvolutionReusesOutput(t *testing.T) {
	rng := convRNG(14)
	s := ConvShape{C: 1, H: 6, W: 6, FH: 3, FW: 3, Stride: 1, Pad: 0}
	l := NewConvolution(convRandMatrix(rng, 2, 9), convRandMatrix(rng, 1, 2), s)
	a := l.Forward(convRandMatrix(rng, 4, 36), true)
	b := l.Forward(convRandMatrix(rng, 4, 36), true)
	if a != b {
		t.Errorf("Forward on two batches of 4 returned different matrices, want the reused one")
	}
	x := convRandMatrix(rng, 5, 36)
	c := l.Forward(x, true)
	if c.Rows != 5 || c.Cols != 2*16 {
		t.Fatalf("Forward on a batch of 5 returned %dx%d, want 5x32", c.Rows, c.Cols)
	}
	if d := mat.MaxAbsDiff(c, ConvolutionNaive(x, l.W, l.B, s)); d > 1e-12 {
		t.Errorf("Forward after a batch-size change differs from the naive one by %g", d)
	}
}

func TestConvolutionPanicsOnShapeMismatch(t *testing.T) {
	s := ConvShape{C: 2, H: 6, W: 6, FH: 3, FW: 3, Stride: 1, Pad: 0}
	checkPanics(t, []panicCase{
		{"filters of the wrong size", func() { NewConvolution(mat.New(4, 9), mat.New(1, 4), s) }, "4x9"},
		{"bias of the wrong size", func() { NewConvolution(mat.New(4, 18), mat.New(1, 3), s) }, "1x3"},
		{"input of the wrong size", func() { NewConvolution(mat.New(4, 18), mat.New(1, 4), s).Forward(mat.New(2, 36), true) }, "2x36"},
		{"dout of the wrong size", func() {
			l := NewConvolution(mat.New(4, 18), mat.New(1, 4), s)
			l.Forward(mat.New(2, 72), true)
			l.Backward(mat.New(2, 72))
		}, "2x72"},
	})
}

// A 2x2 filter that answers to a dark-to-bright vertical edge: it adds the
// right column of each patch and subtracts the left one.
func ExampleConvolution() {
	x := mat.NewFrom(1, 16, []float64{
		0, 0, 1, 1,
		0, 0, 1, 1,
		0, 0, 1, 1,
		0, 0, 1, 1,
	})
	w := mat.NewFrom(1, 4, []float64{
		-1, 1,
		-1, 1,
	})
	conv := NewConvolution(w, mat.New(1, 1), ConvShape{C: 1, H: 4, W: 4, FH: 2, FW: 2, Stride: 1, Pad: 0})
	fmt.Println(conv.Forward(x, true).Reshape(3, 3))
	// Output:
	// [0 2 0]
	// [0 2 0]
	// [0 2 0]
}

// FuzzConvolutionAndPooling draws small shapes (any mix of sizes, strides and
// padding the shape check accepts) and compares both layers with the naive
// versions, forward and backward, in every method.
func FuzzConvolutionAndPooling(f *testing.F) {
	f.Add(uint8(1), uint8(6), uint8(6), uint8(3), uint8(3), uint8(1), uint8(0), uint8(2), uint8(3))
	f.Add(uint8(2), uint8(2), uint8(1), uint8(5), uint8(5), uint8(1), uint8(2), uint8(1), uint8(1))
	f.Add(uint8(3), uint8(7), uint8(5), uint8(2), uint8(3), uint8(3), uint8(1), uint8(17), uint8(4))
	f.Fuzz(func(t *testing.T, c, h, w, fh, fw, stride, pad, n, fn uint8) {
		s := ConvShape{C: int(c%4) + 1, H: int(h%9) + 1, W: int(w%9) + 1, FH: int(fh%6) + 1, FW: int(fw%6) + 1,
			Stride: int(stride%4) + 1, Pad: int(pad % 4)}
		if s.FH > s.H+2*s.Pad || s.FW > s.W+2*s.Pad {
			t.Skip("window larger than the padded image")
		}
		rng := convRNG(uint64(c) | uint64(h)<<8 | uint64(w)<<16 | uint64(fh)<<24 | uint64(fw)<<32)
		batch, filters := int(n%20)+1, int(fn%7)+1
		x := convRandMatrix(rng, batch, s.InSize())

		wts, b := convRandMatrix(rng, filters, s.PatchSize()), convRandMatrix(rng, 1, filters)
		dout := convRandMatrix(rng, batch, filters*s.OutH()*s.OutW())
		nout := ConvolutionNaive(x, wts, b, s)
		ndx, ndw, ndb := ConvolutionBackwardNaive(x, wts, dout, s)
		for _, method := range convMethods {
			p := runConv(t, method, x, wts, b, dout, s)
			if d := mat.MaxAbsDiff(p.out, nout); d > 1e-12 {
				t.Fatalf("%+v N=%d FN=%d: Convolution.Forward (%v) differs from naive by %g", s, batch, filters, method, d)
			}
			if d := max(mat.MaxAbsDiff(p.dx, ndx), mat.MaxAbsDiff(p.dW, ndw), mat.MaxAbsDiff(p.dB, ndb)); d > 1e-11 {
				t.Fatalf("%+v N=%d FN=%d: Convolution.Backward (%v) differs from naive by %g", s, batch, filters, method, d)
			}
		}

		pdout := convRandMatrix(rng, batch, s.C*s.OutH()*s.OutW())
		nmax, ndmax := MaxPoolNaive(x, s), MaxPoolBackwardNaive(x, pdout, s)
		for _, method := range poolMethods {
			pool := newPoolingWith(t, method, s)
			if d := mat.MaxAbsDiff(pool.Forward(x, true), nmax); d != 0 {
				t.Fatalf("%+v N=%d: Pooling.Forward (%v) differs from naive by %g", s, batch, method, d)
			}
			if d := mat.MaxAbsDiff(pool.Backward(pdout), ndmax); d > 1e-15 {
				t.Fatalf("%+v N=%d: Pooling.Backward (%v) differs from naive by %g", s, batch, method, d)
			}
		}
	})
}
