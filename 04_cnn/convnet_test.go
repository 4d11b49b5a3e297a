// Tests of SimpleConvNet and DeepConvNet that need no data: gradient checks
// against the numerical gradient on small configurations, the book's shapes
// and initial scales, chunked prediction, and saving and loading.

package main

import (
	"maps"
	"math"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"dlfs/common/mat"
	"dlfs/common/npy"
)

// tinySimple is a SimpleConvNet small enough for a numerical gradient, in
// the spirit of the book's ch07/gradient_check.py: 3 filters of 3x3 over
// 1x8x8 images (6x6, pooled to 3x3), 5 hidden units, 4 classes.
var tinySimple = SimpleConfig{
	InputDim:  [3]int{1, 8, 8},
	FilterNum: 3, FilterSize: 3, Pad: 0, Stride: 1,
	HiddenSize: 5, OutputSize: 4, WeightInitStd: 0.3,
}

// tinyDeep is a DeepConvNet with the book's layer pattern (padding 2 on the
// fourth convolution included) on 1x8x8 images: 8x8, pooled 4x4, 6x6 after
// the fourth convolution, pooled 3x3, pooled 1x1.
var tinyDeep = DeepConfig{
	InputDim: [3]int{1, 8, 8},
	Convs: [6]ConvParam{
		{FilterNum: 2, FilterSize: 3, Pad: 1, Stride: 1},
		{FilterNum: 2, FilterSize: 3, Pad: 1, Stride: 1},
		{FilterNum: 3, FilterSize: 3, Pad: 1, Stride: 1},
		{FilterNum: 3, FilterSize: 3, Pad: 2, Stride: 1},
		{FilterNum: 4, FilterSize: 3, Pad: 1, Stride: 1},
		{FilterNum: 4, FilterSize: 3, Pad: 1, Stride: 1},
	},
	HiddenSize: 6, OutputSize: 4, DropoutRatio: 0.5,
}

// randomBatch returns n images of c x h x w uniform pixels in [0,1) and n
// labels below classes.
func randomBatch(rng *rand.Rand, n, size, classes int) (*mat.Matrix, []int) {
	x := mat.New(n, size)
	for i := range x.Data {
		x.Data[i] = rng.Float64()
	}
	labels := make([]int, n)
	for i := range labels {
		labels[i] = rng.IntN(classes)
	}
	return x, labels
}

// relError returns max|a-b| / max(max|a|, max|b|): how far apart two
// gradients are, relative to their size.
func relError(a, b *mat.Matrix) float64 {
	scale := 0.0
	for i := range a.Data {
		scale = max(scale, math.Abs(a.Data[i]), math.Abs(b.Data[i]))
	}
	if scale == 0 {
		return 0
	}
	return mat.MaxAbsDiff(a, b) / scale
}

// checkGradient compares net's backprop gradient with its numerical one,
// parameter by parameter: their relative error must be below 1e-6.
//
// Two things set how close they can be. The book's cross-entropy is
// -log(y + 1e-7), whose gradient SoftmaxWithLoss.Backward takes as if the
// 1e-7 were not there: that alone puts them about 1e-7 / y apart, 4e-7 with
// 4 classes. And the loss has kinks, where a ReLU input is 0 or two inputs of
// a max pooling window are equal; within h = 1e-4 of one, the numerical
// gradient averages two slopes. Zero biases put ReLU inputs exactly at 0 (see
// randomizeBiases); for the rest, the seeds are fixed, and with them no
// kink is that close (for tinyDeep about one seed in seven has one, and its
// gradients then agree only to 1e-3, but agree again with h = 1e-6).
func checkGradient(t *testing.T, net convNet, numerical func() map[string]*mat.Matrix, x *mat.Matrix, labels []int) {
	t.Helper()
	grads, loss := net.Gradient(x, labels)
	if math.IsNaN(loss) || loss <= 0 {
		t.Fatalf("loss %v, want a positive number", loss)
	}
	// Copy them: the layers own their gradient buffers.
	backprop := map[string]*mat.Matrix{}
	for name, g := range grads {
		backprop[name] = g.Clone()
	}
	num := numerical()
	if len(backprop) != len(net.Params()) || len(num) != len(net.Params()) {
		t.Fatalf("%d backprop and %d numerical gradients for %d parameters", len(backprop), len(num), len(net.Params()))
	}
	for name, p := range net.Params() {
		b, n := backprop[name], num[name]
		if b == nil || b.Rows != p.Rows || b.Cols != p.Cols {
			t.Errorf("%s: backprop gradient missing or of the wrong shape for a %dx%d parameter", name, p.Rows, p.Cols)
			continue
		}
		if mat.MaxAbsDiff(b, mat.New(b.Rows, b.Cols)) == 0 {
			t.Errorf("%s: gradient is all zeros, the check would prove nothing", name)
		}
		e := relError(b, n)
		if !(e < 1e-6) {
			t.Errorf("%s: backprop and numerical gradients differ, relative error %.3g", name, e)
		}
		t.Logf("%s: relative error %.2g", name, e)
	}
}

// randomizeBiases replaces the zero initial biases with random ones. With
// zero biases, a window that sees only zeros (the padding, or inputs that an
// earlier ReLU cut off) gives exactly 0 into the next ReLU, where the loss
// has a kink: the numerical gradient there is half the slope, backprop's 0.
func randomizeBiases(net convNet, rng *rand.Rand) {
	names := slices.Sorted(maps.Keys(net.Params()))
	for _, name := range names {
		if p := net.Params()[name]; strings.HasPrefix(name, "b") {
			for i := range p.Data {
				p.Data[i] = 0.1 * rng.NormFloat64()
			}
		}
	}
}

func TestSimpleConvNetGradient(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	net := NewSimpleConvNet(tinySimple, rng)
	randomizeBiases(net, rng)
	x, labels := randomBatch(rng, 3, 64, 4)
	checkGradient(t, net, func() map[string]*mat.Matrix { return net.NumericalGradient(x, labels) }, x, labels)
}

func TestDeepConvNetGradient(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	net := NewDeepConvNet(tinyDeep, rng)
	randomizeBiases(net, rng)
	x, labels := randomBatch(rng, 4, 64, 4)
	// The dropout masks of Gradient's forward pass are reused by every
	// evaluation of NumericalGradient.
	checkGradient(t, net, func() map[string]*mat.Matrix { return net.NumericalGradient(x, labels) }, x, labels)
}

// The book's shapes: W1 (30,1,5,5) as 30x25 filters, 4320 values into the
// hidden layer; DeepConvNet's 1024 = 64x4x4 into W7. The initial weights
// have the book's standard deviations: 0.01, and He's sqrt(2/fan_in).
func TestBookShapesAndInit(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	simple := NewSimpleConvNet(BookSimpleConfig, rng)
	deep := NewDeepConvNet(BookDeepConfig, rng)
	for _, tc := range []struct {
		net        convNet
		name       string
		rows, cols int
		std        float64
	}{
		{simple, "W1", 30, 25, 0.01},
		{simple, "b1", 1, 30, 0},
		{simple, "W2", 4320, 100, 0.01},
		{simple, "W3", 100, 10, 0.01},
		{simple, "b3", 1, 10, 0},
		{deep, "W1", 16, 9, math.Sqrt(2.0 / 9)},
		{deep, "W2", 16, 144, math.Sqrt(2.0 / 144)},
		{deep, "W4", 32, 288, math.Sqrt(2.0 / 288)},
		{deep, "W6", 64, 576, math.Sqrt(2.0 / 576)},
		{deep, "b6", 1, 64, 0},
		{deep, "W7", 1024, 50, math.Sqrt(2.0 / 1024)},
		{deep, "W8", 50, 10, math.Sqrt(2.0 / 50)},
	} {
		p := tc.net.Params()[tc.name]
		if p == nil || p.Rows != tc.rows || p.Cols != tc.cols {
			t.Errorf("%T %s: want %dx%d, got %v", tc.net, tc.name, tc.rows, tc.cols, p)
			continue
		}
		sumSq := 0.0
		for _, v := range p.Data {
			sumSq += v * v
		}
		std := math.Sqrt(sumSq / float64(len(p.Data)))
		// The sample standard deviation of n normal values is within about
		// 3/sqrt(2n) of the true one (relative); the smallest here has 144.
		if math.Abs(std-tc.std) > tc.std*0.2 {
			t.Errorf("%T %s: initial weights have std %.4g, want %.4g", tc.net, tc.name, std, tc.std)
		}
	}
	if n := len(simple.Params()); n != 6 {
		t.Errorf("SimpleConvNet has %d parameters, want 6 (W1 b1 W2 b2 W3 b3)", n)
	}
	if n := len(deep.Params()); n != 16 {
		t.Errorf("DeepConvNet has %d parameters, want 16 (W1..W8, b1..b8)", n)
	}
}

// Predict in test mode works through large batches in chunks; the scores
// must be those of one pass over the whole batch.
func TestPredictInChunks(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	net := NewDeepConvNet(tinyDeep, rng)
	x, _ := randomBatch(rng, 2*predictChunk+37, 64, 4)
	got := net.Predict(x, false) // in chunks
	want := net.forward(x)       // all at once; Predict left Dropout in test mode
	if got.Rows != x.Rows || got.Cols != 4 {
		t.Fatalf("Predict returned %dx%d, want %dx4", got.Rows, got.Cols, x.Rows)
	}
	if d := mat.MaxAbsDiff(got, want); d > 1e-12 {
		t.Errorf("chunked and whole-batch scores differ by %g", d)
	}
}

// In test mode the book's Dropout multiplies by 1 - ratio: the scores of
// DeepConvNet, whose last layer is a Dropout, are those of the last Affine
// layer halved. Without that scaling the book's weights lose their 0.9935.
func TestDeepConvNetDropoutScalesAtTestTime(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	net := NewDeepConvNet(tinyDeep, rng)
	x, _ := randomBatch(rng, 5, 64, 4)
	scores := net.Predict(x, false)
	beforeDropout := x
	for _, l := range net.layers[:len(net.layers)-1] {
		beforeDropout = l.Forward(beforeDropout)
	}
	if d := mat.MaxAbsDiff(scores, beforeDropout.Clone().Scale(0.5)); d > 1e-15 {
		t.Errorf("test-mode scores are not half the last Affine's output (off by %g)", d)
	}
}

func TestSaveLoadRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		name   string
		make   func(rng *rand.Rand) convNet
		wantW1 []int // the NumPy shape of the filters, (FN, C, FH, FW)
	}{
		{"simple", func(rng *rand.Rand) convNet { return NewSimpleConvNet(tinySimple, rng) }, []int{3, 1, 3, 3}},
		{"deep", func(rng *rand.Rand) convNet { return NewDeepConvNet(tinyDeep, rng) }, []int{2, 1, 3, 3}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "params.npz")
			saved, loaded := tc.make(rand.New(rand.NewPCG(1, 1))), tc.make(rand.New(rand.NewPCG(2, 2)))
			if err := saved.SaveParams(path); err != nil {
				t.Fatal(err)
			}
			if err := loaded.LoadParams(path); err != nil {
				t.Fatal(err)
			}
			for name, p := range saved.Params() {
				if !slices.Equal(p.Data, loaded.Params()[name].Data) {
					t.Errorf("%s differs after a save and load", name)
				}
			}
			x, _ := randomBatch(rand.New(rand.NewPCG(3, 3)), 7, 64, 4)
			if d := mat.MaxAbsDiff(saved.Predict(x, false), loaded.Predict(x, false)); d != 0 {
				t.Errorf("the loaded network predicts differently, by %g", d)
			}

			// The file holds NumPy arrays in the book's shapes.
			arrays, err := npy.Load(path)
			if err != nil {
				t.Fatal(err)
			}
			if got := arrays["W1"].Shape; !slices.Equal(got, tc.wantW1) {
				t.Errorf("W1 saved with shape %v, want %v", got, tc.wantW1)
			}
			if got, want := arrays["b1"].Shape, tc.wantW1[:1]; !slices.Equal(got, want) {
				t.Errorf("b1 saved with shape %v, want %v", got, want)
			}
		})
	}
}

// Weights of another network, or a file with missing or extra arrays, are an
// error that names the array, and leave the network as it was.
func TestLoadParamsErrors(t *testing.T) {
	dir := t.TempDir()
	simplePath, deepPath := filepath.Join(dir, "simple.npz"), filepath.Join(dir, "deep.npz")
	rng := rand.New(rand.NewPCG(1, 1))
	if err := NewSimpleConvNet(BookSimpleConfig, rng).SaveParams(simplePath); err != nil {
		t.Fatal(err)
	}
	if err := NewDeepConvNet(BookDeepConfig, rng).SaveParams(deepPath); err != nil {
		t.Fatal(err)
	}
	extraPath := filepath.Join(dir, "extra.npz")
	arrays, err := npy.Load(simplePath)
	if err != nil {
		t.Fatal(err)
	}
	arrays["W9"] = &npy.Array{Shape: []int{1}, Data: []float64{1}}
	if err := npy.WriteNPZ(extraPath, arrays); err != nil {
		t.Fatal(err)
	}
	missingPath := filepath.Join(dir, "missing.npz")
	delete(arrays, "W9")
	delete(arrays, "b3")
	if err := npy.WriteNPZ(missingPath, arrays); err != nil {
		t.Fatal(err)
	}

	for _, tc := range []struct {
		name, path string
		deep       bool
		want       []string
	}{
		{"deep weights into simple", deepPath, false, []string{"W1", "(30, 1, 5, 5)", "(16, 1, 3, 3)"}},
		{"simple weights into deep", simplePath, true, []string{"W1", "(16, 1, 3, 3)", "(30, 1, 5, 5)"}},
		{"extra array", extraPath, false, []string{"W9", "do not belong"}},
		{"missing array", missingPath, false, []string{`"b3"`}},
		{"no such file", filepath.Join(dir, "nothing.npz"), false, []string{"nothing.npz"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var net convNet = NewSimpleConvNet(BookSimpleConfig, rand.New(rand.NewPCG(2, 2)))
			if tc.deep {
				net = NewDeepConvNet(BookDeepConfig, rand.New(rand.NewPCG(2, 2)))
			}
			before := net.Params()["W1"].Clone()
			err := net.LoadParams(tc.path)
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %s", err, w)
				}
			}
			if mat.MaxAbsDiff(before, net.Params()["W1"]) != 0 {
				t.Error("a failed load changed W1")
			}
		})
	}
}
