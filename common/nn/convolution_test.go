package nn

import (
	"fmt"
	"math"
	"runtime"
	"strings"
	"testing"

	"dlfs/common/mat"
)

// convRelErr returns max|a - b| / max(max|a|, max|b|): the error of a
// gradient relative to its size.
func convRelErr(a, b *mat.Matrix) float64 {
	scale := 0.0
	for i, v := range a.Data {
		scale = math.Max(scale, math.Max(math.Abs(v), math.Abs(b.Data[i])))
	}
	if scale == 0 {
		return 0
	}
	return mat.MaxAbsDiff(a, b) / scale
}

// The layer gives the same output and gradients as the definition, for every
// test shape, for one sample, for more samples than cores, and for more
// samples than the batch is cut into (16).
func TestConvolutionMatchesNaive(t *testing.T) {
	rng := convRNG(10)
	for _, s := range convTestShapes {
		for _, n := range []int{1, 3, 19} {
			for _, fn := range []int{1, 4, 7} {
				x, w, b := convRandMatrix(rng, n, s.InSize()), convRandMatrix(rng, fn, s.PatchSize()), convRandMatrix(rng, 1, fn)
				dout := convRandMatrix(rng, n, fn*s.OutH()*s.OutW())
				l := NewConvolution(w, b, s)
				out := l.Forward(x, true)
				if d := mat.MaxAbsDiff(out, ConvolutionNaive(x, w, b, s)); d > 1e-12 {
					t.Errorf("%+v N=%d FN=%d: Forward differs from ConvolutionNaive by %g", s, n, fn, d)
				}
				dx := l.Backward(dout)
				ndx, ndw, ndb := ConvolutionBackwardNaive(x, w, dout, s)
				for _, c := range []struct {
					name      string
					got, want *mat.Matrix
				}{{"dx", dx, ndx}, {"DW", l.DW, ndw}, {"DB", l.DB, ndb}} {
					if d := mat.MaxAbsDiff(c.got, c.want); d > 1e-11 {
						t.Errorf("%+v N=%d FN=%d: %s differs from ConvolutionBackwardNaive by %g", s, n, fn, c.name, d)
					}
				}
			}
		}
	}
}

// The gradient check: Backward against the numerical gradient of
// L = sum(out * r) with a fixed random r, for the input, the filters and the
// biases.
func TestConvolutionGradientCheck(t *testing.T) {
	rng := convRNG(11)
	shapes := []ConvShape{
		{C: 2, H: 5, W: 4, FH: 3, FW: 3, Stride: 1, Pad: 1},
		{C: 1, H: 7, W: 5, FH: 3, FW: 2, Stride: 2, Pad: 2},
		{C: 3, H: 6, W: 6, FH: 5, FW: 5, Stride: 1, Pad: 0},
	}
	for _, s := range shapes {
		const n, fn = 3, 2
		x, w, b := convRandMatrix(rng, n, s.InSize()), convRandMatrix(rng, fn, s.PatchSize()), convRandMatrix(rng, 1, fn)
		r := convRandMatrix(rng, n, fn*s.OutH()*s.OutW())
		l := NewConvolution(w, b, s)
		l.Forward(x, true)
		dx := l.Backward(r).Clone()
		loss := func(*mat.Matrix) float64 { return convDot(l.Forward(x, true), r) }
		for _, c := range []struct {
			name string
			got  *mat.Matrix
			of   *mat.Matrix
		}{{"dx", dx, x}, {"DW", l.DW.Clone(), w}, {"DB", l.DB.Clone(), b}} {
			e := convRelErr(c.got, NumericalGradient(loss, c.of))
			t.Logf("%+v: %s relative error %.2g", s, c.name, e)
			if !(e < 1e-6) {
				t.Errorf("%+v: %s relative error %.3g against the numerical gradient, want < 1e-6", s, c.name, e)
			}
		}
	}
}

// The partial filter gradients of the chunks of a batch are added in a fixed
// order, so DW is the same to the last bit whatever the number of cores.
func TestConvolutionBackwardSameOnAnyCoreCount(t *testing.T) {
	rng := convRNG(12)
	s := ConvShape{C: 3, H: 8, W: 8, FH: 3, FW: 3, Stride: 1, Pad: 1}
	x, w, b := convRandMatrix(rng, 37, s.InSize()), convRandMatrix(rng, 5, s.PatchSize()), convRandMatrix(rng, 1, 5)
	dout := convRandMatrix(rng, 37, 5*s.OutH()*s.OutW())
	var dws []*mat.Matrix
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for _, procs := range []int{1, 2, 3, 8} {
		runtime.GOMAXPROCS(procs)
		l := NewConvolution(w, b, s)
		l.Forward(x, true)
		l.Backward(dout)
		dws = append(dws, l.DW)
	}
	for i, dw := range dws[1:] {
		if d := mat.MaxAbsDiff(dw, dws[0]); d != 0 {
			t.Errorf("DW with GOMAXPROCS %d differs from GOMAXPROCS 1 by %g", []int{2, 3, 8}[i], d)
		}
	}
}

// SkipInputGrad leaves out dx, as for the first layer of a network, and
// still computes DW and DB.
func TestConvolutionSkipInputGrad(t *testing.T) {
	rng := convRNG(13)
	s := ConvShape{C: 1, H: 10, W: 10, FH: 5, FW: 5, Stride: 1, Pad: 0}
	x, w, b := convRandMatrix(rng, 4, s.InSize()), convRandMatrix(rng, 3, s.PatchSize()), convRandMatrix(rng, 1, 3)
	dout := convRandMatrix(rng, 4, 3*s.OutH()*s.OutW())
	l := NewConvolution(w, b, s)
	l.SkipInputGrad = true
	l.Forward(x, true)
	if dx := l.Backward(dout); dx != nil {
		t.Errorf("Backward with SkipInputGrad returned a %dx%d dx, want nil", dx.Rows, dx.Cols)
	}
	_, ndw, ndb := ConvolutionBackwardNaive(x, w, dout, s)
	if d := math.Max(mat.MaxAbsDiff(l.DW, ndw), mat.MaxAbsDiff(l.DB, ndb)); d > 1e-11 {
		t.Errorf("DW, DB with SkipInputGrad differ from the naive ones by %g", d)
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
	tests := []struct {
		name string
		run  func()
		want string // part of the panic message
	}{
		{"filters of the wrong size", func() { NewConvolution(mat.New(4, 9), mat.New(1, 4), s) }, "4x9"},
		{"bias of the wrong size", func() { NewConvolution(mat.New(4, 18), mat.New(1, 3), s) }, "1x3"},
		{"input of the wrong size", func() { NewConvolution(mat.New(4, 18), mat.New(1, 4), s).Forward(mat.New(2, 36), true) }, "2x36"},
		{"dout of the wrong size", func() {
			l := NewConvolution(mat.New(4, 18), mat.New(1, 4), s)
			l.Forward(mat.New(2, 72), true)
			l.Backward(mat.New(2, 72))
		}, "2x72"},
	}
	for _, tc := range tests {
		func() {
			defer func() {
				msg, _ := recover().(string)
				if !strings.Contains(msg, tc.want) {
					t.Errorf("%s: panic %q, want a message naming %s", tc.name, msg, tc.want)
				}
			}()
			tc.run()
		}()
	}
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
// versions, forward and backward.
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
		conv := NewConvolution(wts, b, s)
		if d := mat.MaxAbsDiff(conv.Forward(x, true), ConvolutionNaive(x, wts, b, s)); d > 1e-12 {
			t.Fatalf("%+v N=%d FN=%d: Convolution.Forward differs from naive by %g", s, batch, filters, d)
		}
		dout := convRandMatrix(rng, batch, filters*s.OutH()*s.OutW())
		dx := conv.Backward(dout)
		ndx, ndw, ndb := ConvolutionBackwardNaive(x, wts, dout, s)
		if d := max(mat.MaxAbsDiff(dx, ndx), mat.MaxAbsDiff(conv.DW, ndw), mat.MaxAbsDiff(conv.DB, ndb)); d > 1e-11 {
			t.Fatalf("%+v N=%d FN=%d: Convolution.Backward differs from naive by %g", s, batch, filters, d)
		}

		pool := &Pooling{PoolH: s.FH, PoolW: s.FW, Stride: s.Stride, Pad: s.Pad, C: s.C, H: s.H, W: s.W}
		if d := mat.MaxAbsDiff(pool.Forward(x, true), MaxPoolNaive(x, s)); d != 0 {
			t.Fatalf("%+v N=%d: Pooling.Forward differs from naive by %g", s, batch, d)
		}
		pdout := convRandMatrix(rng, batch, s.C*s.OutH()*s.OutW())
		if d := mat.MaxAbsDiff(pool.Backward(pdout), MaxPoolBackwardNaive(x, pdout, s)); d > 1e-15 {
			t.Fatalf("%+v N=%d: Pooling.Backward differs from naive by %g", s, batch, d)
		}
	})
}
