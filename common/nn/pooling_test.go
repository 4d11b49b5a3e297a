package nn

import (
	"fmt"
	"runtime"
	"testing"

	"dlfs/common/mat"
	"dlfs/common/relerr"
)

// poolMethods are the two paths the layer can take, each tested against
// MaxPoolNaive, and the Fast one against the book's.
var poolMethods = []path{bookPath, fastPath}

// newPoolingWith returns a pooling layer for shape s, with Fast set for path
// m until tb ends.
func newPoolingWith(tb testing.TB, m path, s ConvShape) *Pooling {
	setPath(tb, m)
	return &Pooling{PoolH: s.FH, PoolW: s.FW, Stride: s.Stride, Pad: s.Pad, C: s.C, H: s.H, W: s.W}
}

// poolTestShapes are the pooling windows the tests run on: the usual 2x2
// with stride 2, overlapping windows, windows that do not fit evenly, and
// padding.
var poolTestShapes = []ConvShape{
	{C: 3, H: 8, W: 8, FH: 2, FW: 2, Stride: 2, Pad: 0}, // SimpleConvNet's, smaller
	{C: 2, H: 7, W: 5, FH: 2, FW: 2, Stride: 2, Pad: 0}, // odd sizes: the last row and column are dropped
	{C: 2, H: 7, W: 5, FH: 3, FW: 3, Stride: 1, Pad: 0}, // overlapping windows
	{C: 1, H: 6, W: 7, FH: 3, FW: 2, Stride: 2, Pad: 1}, // padding 1
	{C: 2, H: 5, W: 5, FH: 3, FW: 3, Stride: 3, Pad: 2}, // padding 2, stride 3
	{C: 4, H: 7, W: 7, FH: 2, FW: 2, Stride: 2, Pad: 0}, // DeepConvNet's 7x7
	{C: 2, H: 5, W: 6, FH: 2, FW: 2, Stride: 1, Pad: 0}, // 2x2 overlapping
	{C: 2, H: 5, W: 5, FH: 2, FW: 2, Stride: 2, Pad: 1}, // 2x2 padded
	{C: 1, H: 2, W: 3, FH: 2, FW: 2, Stride: 1, Pad: 2}, // windows entirely in the padding
}

// NewPooling's stride is 2, the book's default (older copies say 1).
func TestNewPoolingDefaultStride(t *testing.T) {
	l := NewPooling(1, 4, 4, 2, 2)
	if l.Stride != 2 || l.Pad != 0 {
		t.Errorf("NewPooling: Stride %d, Pad %d, want 2 and 0", l.Stride, l.Pad)
	}
	if out := l.Forward(mat.New(1, 16), true); out.Cols != 4 {
		t.Errorf("2x2 pooling of a 4x4 image gives %d values, want 2x2 = 4", out.Cols)
	}
}

func TestPoolingHandWorked(t *testing.T) {
	for _, method := range poolMethods {
		testPoolingHandWorked(t, method)
	}
}

func testPoolingHandWorked(t *testing.T, method path) {
	x := mat.NewFrom(1, 16, []float64{
		1, 3, 0, 0,
		2, 0, 5, 5, // a tie in the top-right window: the first 5 wins
		-1, -2, 7, 8,
		-4, -3, 9, 6,
	})
	l := NewPooling(1, 4, 4, 2, 2)
	setPath(t, method)
	out := l.Forward(x, true)
	if want := "[3 5 -1 9]"; out.String() != want {
		t.Errorf("%v: Forward = %v, want %s", method, out, want)
	}
	dx := l.Backward(mat.NewFrom(1, 4, []float64{10, 20, 30, 40}))
	want := mat.NewFrom(1, 16, []float64{
		0, 10, 0, 0,
		0, 0, 20, 0,
		30, 0, 0, 0,
		0, 0, 40, 0,
	})
	if d := mat.MaxAbsDiff(dx, want); d != 0 {
		t.Errorf("%v: Backward =\n%v\nwant\n%v", method, dx.Reshape(4, 4), want.Reshape(4, 4))
	}

	// With padding 1 the windows hang over the border. The padding counts as
	// zeros, so the bottom-left window's maximum is a padding 0, not -4, and
	// the top-right one's is the padding 0 that comes before the pixel 0.
	l.Pad = 1
	out = l.Forward(x, true)
	if want := "[1 3 0 2 7 8 0 9 6]"; out.String() != want {
		t.Errorf("%v: padded Forward = %v, want %s", method, out, want)
	}
	dx = l.Backward(mat.NewFrom(1, 9, []float64{1, 2, 3, 4, 5, 6, 7, 8, 9}))
	want = mat.NewFrom(1, 16, []float64{
		1, 2, 0, 0,
		4, 0, 0, 0,
		0, 0, 5, 6,
		0, 0, 8, 9,
	})
	if d := mat.MaxAbsDiff(dx, want); d != 0 {
		t.Errorf("%v: padded Backward =\n%v\nwant\n%v", method, dx.Reshape(4, 4), want.Reshape(4, 4))
	}
}

// Both methods agree with the naive versions, and with each other, exactly.
// The inputs are small integers, so windows hold ties and the tie rule (first
// in row-by-row order) is checked too, as are padding zeros that beat
// negative pixels.
func TestPoolingMatchesNaiveAndBook(t *testing.T) {
	rng := convRNG(20)
	for _, s := range poolTestShapes {
		for _, n := range []int{1, 3, 19} {
			x := mat.New(n, s.InSize())
			for i := range x.Data {
				x.Data[i] = float64(rng.IntN(7) - 3)
			}
			dout := convRandMatrix(rng, n, s.C*s.OutH()*s.OutW())
			nout, ndx := MaxPoolNaive(x, s), MaxPoolBackwardNaive(x, dout, s)
			var outs, dxs []*mat.Matrix
			for _, method := range poolMethods {
				l := newPoolingWith(t, method, s)
				out := l.Forward(x, true).Clone()
				dx := l.Backward(dout).Clone()
				if d := mat.MaxAbsDiff(out, nout); d != 0 {
					t.Errorf("%v %+v N=%d: Forward differs from MaxPoolNaive by %g", method, s, n, d)
				}
				if d := mat.MaxAbsDiff(dx, ndx); d > 1e-15 {
					t.Errorf("%v %+v N=%d: Backward differs from MaxPoolBackwardNaive by %g", method, s, n, d)
				}
				outs, dxs = append(outs, out), append(dxs, dx)
			}
			if d := max(mat.MaxAbsDiff(outs[0], outs[1]), mat.MaxAbsDiff(dxs[0], dxs[1])); d != 0 {
				t.Errorf("%+v N=%d: the Fast path differs from the book's by %g", s, n, d)
			}
		}
	}
}

// The gradient check, for both methods, on inputs whose values are distinct,
// at least 0.01 apart and away from the padding's zeros, so no maximum
// changes when the numerical gradient moves one input by 1e-4.
func TestPoolingGradientCheck(t *testing.T) {
	rng := convRNG(21)
	for _, method := range poolMethods {
		for _, s := range poolTestShapes {
			const n = 2
			x := mat.New(n, s.InSize())
			for i, j := range rng.Perm(len(x.Data)) {
				x.Data[i] = (float64(j) - float64(len(x.Data))/2 + 0.5) * 0.01
			}
			r := convRandMatrix(rng, n, s.C*s.OutH()*s.OutW())
			l := newPoolingWith(t, method, s)
			l.Forward(x, true)
			dx := l.Backward(r).Clone()
			loss := func(*mat.Matrix) float64 { return convDot(l.Forward(x, true), r) }
			e := relerr.Max(dx, NumericalGradient(loss, x))
			t.Logf("%v %+v: dx relative error %.2g", method, s, e)
			if !(e < 1e-6) {
				t.Errorf("%v %+v: dx relative error %.3g against the numerical gradient, want < 1e-6", method, s, e)
			}
		}
	}
}

// The direct method splits the batch over the cores; its results are the
// same to the last bit under any GOMAXPROCS, and so are the book's.
func TestPoolingSameOnAnyCoreCount(t *testing.T) {
	rng := convRNG(22)
	s := ConvShape{C: 3, H: 9, W: 8, FH: 3, FW: 3, Stride: 2, Pad: 1}
	x := convRandMatrix(rng, 37, s.InSize())
	dout := convRandMatrix(rng, 37, s.C*s.OutH()*s.OutW())
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for _, method := range poolMethods {
		var out0, dx0 *mat.Matrix
		for _, procs := range []int{1, 2, 3} {
			runtime.GOMAXPROCS(procs)
			l := newPoolingWith(t, method, s)
			out := l.Forward(x, true).Clone()
			dx := l.Backward(dout).Clone()
			if procs == 1 {
				out0, dx0 = out, dx
				continue
			}
			if d := max(mat.MaxAbsDiff(out, out0), mat.MaxAbsDiff(dx, dx0)); d != 0 {
				t.Errorf("%v: GOMAXPROCS %d differs from GOMAXPROCS 1 by %g", method, procs, d)
			}
		}
	}
}

// Pooling has no parameters.
func TestPoolingParams(t *testing.T) {
	if ps := NewPooling(3, 8, 8, 2, 2).Params(); ps != nil {
		t.Errorf("Params = %+v, want nil", ps)
	}
}

func TestPoolingPanicsOnShapeMismatch(t *testing.T) {
	checkPanics(t, []panicCase{
		{"window larger than the image", func() { NewPooling(1, 3, 3, 4, 4) }, "FH:4"},
		{"input of the wrong size", func() { NewPooling(2, 4, 4, 2, 2).Forward(mat.New(3, 16), true) }, "3x16"},
		{"dout of the wrong size", func() {
			l := NewPooling(2, 4, 4, 2, 2)
			l.Forward(mat.New(3, 32), true)
			l.Backward(mat.New(3, 4))
		}, "3x4"},
		{"Backward before Forward", func() { NewPooling(2, 4, 4, 2, 2).Backward(mat.New(3, 8)) }, "3x8"},
	})
}

// 2x2 max pooling with stride 2 keeps the largest pixel of each 2x2 block,
// and sends the gradient back to it.
func ExamplePooling() {
	x := mat.NewFrom(1, 16, []float64{
		1, 2, 0, 1,
		3, 4, 2, 0,
		0, 1, 5, 6,
		2, 0, 8, 7,
	})
	pool := NewPooling(1, 4, 4, 2, 2)
	fmt.Println(pool.Forward(x, true))
	fmt.Println(pool.Backward(mat.NewFrom(1, 4, []float64{1, 1, 1, 1})).Reshape(4, 4))
	// Output:
	// [4 2 2 8]
	// [0 0 0 0]
	// [0 1 1 0]
	// [0 0 0 0]
	// [1 0 1 0]
}
