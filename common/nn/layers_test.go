// Tests of the layers' forward passes and special cases; their backward
// passes are checked against the numerical gradient in gradcheck_test.go.

package nn

import (
	"math"
	"testing"

	"dlfs/common/mat"
)

// The gradient at exactly 0 is 0 (the book's x <= 0 mask), and so is the
// output. -0 counts as 0.
func TestReluAtZero(t *testing.T) {
	var r Relu
	x := mat.NewFrom(1, 4, []float64{-1, 0, math.Copysign(0, -1), 2})
	out := r.Forward(x, true)
	dx := r.Backward(mat.NewFrom(1, 4, []float64{5, 6, 7, 8}))
	if want := []float64{0, 0, 0, 2}; !equal(out.Data, want) {
		t.Errorf("Relu.Forward(%v) = %v, want %v", x.Data, out.Data, want)
	}
	if want := []float64{0, 0, 0, 8}; !equal(dx.Data, want) {
		t.Errorf("Relu.Backward at x = %v gives %v, want %v", x.Data, dx.Data, want)
	}
}

// TestReluForwardSpecialValues: Forward gives +0 and a set mask for x <= 0
// (-0 and -Inf included), and x itself and a clear mask otherwise (NaNs of
// either sign and +Inf included), bit for bit but for a NaN's sign, which
// Go's max may change, on
// every length around the vector width of a GOEXPERIMENT=simd build, which
// runs 8 values at a time and the rest one by one.
func TestReluForwardSpecialValues(t *testing.T) {
	rng := newRand(3)
	negNaN := math.Float64frombits(0xfff8000000000000) // 0*Inf on amd64
	specials := []float64{0, math.Copysign(0, -1), math.NaN(), negNaN, math.Inf(1), math.Inf(-1), 5e-324, -5e-324, 1, -1}
	for n := range 41 {
		x := mat.New(1, n)
		for i := range x.Data {
			x.Data[i] = specials[rng.IntN(len(specials))]
		}
		var r Relu
		out := r.Forward(x, true)
		for i, v := range x.Data {
			wantMask, want := false, v
			if v <= 0 {
				wantMask, want = true, 0
			}
			same := math.Float64bits(out.Data[i]) == math.Float64bits(want) || math.IsNaN(out.Data[i]) && math.IsNaN(want)
			if r.Mask[i] != wantMask || !same {
				t.Fatalf("n=%d: element %d: Forward(%v) = %v with mask %v, want %v with mask %v",
					n, i, v, out.Data[i], r.Mask[i], want, wantMask)
			}
		}
	}
}

func TestReluLeavesArgumentsAlone(t *testing.T) {
	var r Relu
	x := mat.NewFrom(1, 3, []float64{-1, 0, 1})
	dout := mat.NewFrom(1, 3, []float64{1, 1, 1})
	r.Forward(x, true)
	r.Backward(dout)
	if !equal(x.Data, []float64{-1, 0, 1}) || !equal(dout.Data, []float64{1, 1, 1}) {
		t.Errorf("Relu changed its arguments: x = %v, dout = %v", x.Data, dout.Data)
	}
}

func TestAffineForward(t *testing.T) {
	rng := newRand(2)
	x, W, b := RandN(rng, 3, 4, 1), RandN(rng, 4, 2, 1), RandN(rng, 1, 2, 1)
	got := NewAffine(W, b).Forward(x, true)
	want := mat.DotNaive(x, W)
	for i := 0; i < want.Rows; i++ {
		for j := range want.Row(i) {
			want.Set(i, j, want.At(i, j)+b.Data[j])
		}
	}
	if d := mat.MaxAbsDiff(got, want); d > 1e-12 {
		t.Errorf("Affine.Forward differs from x·W + b by %g", d)
	}
}

// SkipInputGrad drops dx and nothing else.
func TestAffineSkipInputGrad(t *testing.T) {
	rng := newRand(3)
	x, W, b, dout := RandN(rng, 3, 4, 1), RandN(rng, 4, 2, 1), RandN(rng, 1, 2, 1), RandN(rng, 3, 2, 1)
	full := NewAffine(W, b)
	full.Forward(x, true)
	if dx := full.Backward(dout); dx == nil || dx.Rows != 3 || dx.Cols != 4 {
		t.Fatalf("Affine.Backward returned %v, want a 3x4 dx", dx)
	}
	skip := NewAffine(W, b)
	skip.SkipInputGrad = true
	skip.Forward(x, true)
	if dx := skip.Backward(dout); dx != nil {
		t.Errorf("Affine.Backward with SkipInputGrad returned a %dx%d dx, want nil", dx.Rows, dx.Cols)
	}
	if mat.MaxAbsDiff(skip.DW, full.DW) != 0 || mat.MaxAbsDiff(skip.DB, full.DB) != 0 {
		t.Errorf("SkipInputGrad changed DW or DB")
	}
}

// DW is rewritten in place by every Backward, also when the batch size
// changes; it must hold xᵀ·dout of the last call only.
func TestAffineReusesDW(t *testing.T) {
	rng := newRand(4)
	W, b := RandN(rng, 4, 2, 1), RandN(rng, 1, 2, 1)
	a := NewAffine(W, b)
	var first *mat.Matrix
	for _, n := range []int{3, 3, 5} {
		x, dout := RandN(rng, n, 4, 1), RandN(rng, n, 2, 1)
		a.Forward(x, true)
		a.Backward(dout)
		if d := mat.MaxAbsDiff(a.DW, mat.DotNaive(mat.T(x), dout)); d > 1e-12 {
			t.Errorf("batch %d: DW differs from xᵀ·dout by %g", n, d)
		}
		if first == nil {
			first = a.DW
		} else if a.DW != first {
			t.Errorf("batch %d: Backward allocated a new DW", n)
		}
	}
}

func TestSoftmaxWithLossBackwardIsYMinusTOverN(t *testing.T) {
	rng := newRand(4)
	x := RandN(rng, 5, 3, 2)
	labels := []int{2, 0, 1, 1, 0}
	var s SoftmaxWithLoss
	loss := s.Forward(x, labels)
	if want := CrossEntropyError(Softmax(x), labels); loss != want || s.Loss != want {
		t.Errorf("SoftmaxWithLoss.Forward = %v (Loss field %v), want %v", loss, s.Loss, want)
	}
	dx := s.Backward()
	y := Softmax(x)
	for i, label := range labels {
		for j := 0; j < 3; j++ {
			want := y.At(i, j) / 5
			if j == label {
				want = (y.At(i, j) - 1) / 5
			}
			if math.Abs(dx.At(i, j)-want) > 1e-15 {
				t.Errorf("dx[%d,%d] = %v, want (y - t)/N = %v", i, j, dx.At(i, j), want)
			}
		}
	}
}

func TestDropoutTrainDropsAboutRatioUnscaled(t *testing.T) {
	const ratio = 0.3
	d := NewDropout(ratio, newRand(5))
	x := mat.New(100, 100).Apply(func(float64) float64 { return 2 })
	out := d.Forward(x, true)
	dropped := 0
	for i, v := range out.Data {
		switch {
		case v == 0 && !d.Mask[i]:
			dropped++
		case v == 2 && d.Mask[i]: // kept, and not scaled by 1/(1-ratio)
		default:
			t.Fatalf("element %d: out %v with mask %v", i, v, d.Mask[i])
		}
	}
	// 10000 draws: the standard deviation of the fraction is 0.0046.
	if frac := float64(dropped) / 10000; math.Abs(frac-ratio) > 0.02 {
		t.Errorf("dropped %.3f of the units, want about %v", frac, ratio)
	}
}

func TestDropoutTestScales(t *testing.T) {
	d := NewDropout(0.25, newRand(6))
	out := d.Forward(mat.NewFrom(1, 3, []float64{4, -8, 0}), false)
	if want := []float64{3, -6, 0}; !equal(out.Data, want) {
		t.Errorf("Dropout at test time gave %v, want x * 0.75 = %v", out.Data, want)
	}
}

func TestDropoutMasks(t *testing.T) {
	x := mat.New(4, 8).Apply(func(float64) float64 { return 1 })
	a, b := NewDropout(0.5, newRand(7)), NewDropout(0.5, newRand(7))
	first := a.Forward(x, true).Clone()
	if !equal(first.Data, b.Forward(x, true).Data) {
		t.Errorf("two Dropouts with the same seed drew different masks")
	}
	if equal(first.Data, a.Forward(x, true).Data) {
		t.Errorf("a second Forward reused the mask without FixMask")
	}
	a.FixMask = true
	fixed := a.Forward(x, true).Clone()
	if !equal(fixed.Data, a.Forward(x, true).Data) {
		t.Errorf("Forward with FixMask drew a new mask")
	}
	// A batch of another size cannot reuse the mask: a new one is drawn.
	if out := a.Forward(mat.New(2, 8), true); out.Rows != 2 || len(a.Mask) != 16 {
		t.Errorf("Forward with FixMask on a 2x8 batch: %dx%d output, mask of %d", out.Rows, out.Cols, len(a.Mask))
	}
}

func TestBatchNormalizationTrainStatistics(t *testing.T) {
	rng := newRand(8)
	x := RandN(rng, 50, 3, 4).AddRowVector(mat.NewFrom(1, 3, []float64{10, -5, 0}))
	gamma, beta := mat.NewFrom(1, 3, []float64{2, 0.5, 1}), mat.NewFrom(1, 3, []float64{1, -1, 0})
	bn := NewBatchNormalization(gamma, beta)
	out := bn.Forward(x, true)
	mean := mat.SumAxis0(x).Scale(1.0 / 50)
	for j := 0; j < 3; j++ {
		var m, v, xv float64
		for i := 0; i < 50; i++ {
			m += out.At(i, j) / 50
			xv += (x.At(i, j) - mean.Data[j]) * (x.At(i, j) - mean.Data[j]) / 50
		}
		for i := 0; i < 50; i++ {
			v += (out.At(i, j) - m) * (out.At(i, j) - m) / 50
		}
		wantVar := gamma.Data[j] * gamma.Data[j] * xv / (xv + BatchNormEps)
		if math.Abs(m-beta.Data[j]) > 1e-12 || math.Abs(v-wantVar) > 1e-12 {
			t.Errorf("column %d: mean %v, variance %v; want beta %v, gamma^2 var/(var+eps) %v", j, m, v, beta.Data[j], wantVar)
		}
		// One step from 0 with momentum 0.9 leaves 0.1 of the batch statistics.
		if math.Abs(bn.RunningMean.Data[j]-0.1*mean.Data[j]) > 1e-12 || math.Abs(bn.RunningVar.Data[j]-0.1*xv) > 1e-12 {
			t.Errorf("column %d: running mean %v, var %v; want %v, %v", j, bn.RunningMean.Data[j], bn.RunningVar.Data[j], 0.1*mean.Data[j], 0.1*xv)
		}
	}
}

func TestBatchNormalizationTestUsesRunningAverages(t *testing.T) {
	gamma, beta := mat.NewFrom(1, 2, []float64{2, 3}), mat.NewFrom(1, 2, []float64{1, -1})
	bn := NewBatchNormalization(gamma, beta)
	bn.RunningMean = mat.NewFrom(1, 2, []float64{1, 2})
	bn.RunningVar = mat.NewFrom(1, 2, []float64{4, 9})
	out := bn.Forward(mat.NewFrom(1, 2, []float64{5, -1}), false)
	// eps is the book's 10e-7, that is 1e-6.
	want := []float64{
		2*(5-1)/math.Sqrt(4+1e-6) + 1,
		3*(-1-2)/math.Sqrt(9+1e-6) - 1,
	}
	if math.Abs(out.Data[0]-want[0]) > 1e-14 || math.Abs(out.Data[1]-want[1]) > 1e-14 {
		t.Errorf("BatchNormalization at test time gave %v, want %v", out.Data, want)
	}
	if bn.RunningMean.Data[0] != 1 || bn.RunningVar.Data[1] != 9 {
		t.Errorf("a test-time Forward changed the running averages")
	}
}

func equal(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
