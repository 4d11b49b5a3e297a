// Tests of SimpleConvNet and DeepConvNet that need no data: gradient checks
// against the numerical gradient on small configurations, the weights a seed
// gives, the book's shapes and initial scales, chunked prediction, and
// saving and loading in the book's NumPy shapes.

package main

import (
	"encoding/binary"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"dlfs/common/mat"
	"dlfs/common/network"
	"dlfs/common/npy"
	"dlfs/common/relerr"
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
// The dropout masks of Gradient's forward pass are reused by every
// evaluation of NumericalGradient.
func checkGradient(t *testing.T, net *network.Net, x *mat.Matrix, labels []int) {
	t.Helper()
	loss := net.Gradient(x, labels)
	if math.IsNaN(loss) || loss <= 0 {
		t.Fatalf("loss %v, want a positive number", loss)
	}
	// Copy them: the layers own their gradient buffers.
	backprop := map[string]*mat.Matrix{}
	for _, p := range net.Params() {
		backprop[p.Name] = p.Grad.Clone()
	}
	num := net.NumericalGradient(x, labels)
	if len(num) != len(net.Params()) {
		t.Fatalf("%d numerical gradients for %d parameters", len(num), len(net.Params()))
	}
	for _, p := range net.Params() {
		b, n := backprop[p.Name], num[p.Name]
		if b.Rows != p.Value.Rows || b.Cols != p.Value.Cols {
			t.Errorf("%s: backprop gradient of the wrong shape for a %dx%d parameter", p.Name, p.Value.Rows, p.Value.Cols)
			continue
		}
		if mat.MaxAbsDiff(b, mat.New(b.Rows, b.Cols)) == 0 {
			t.Errorf("%s: gradient is all zeros, the check would prove nothing", p.Name)
		}
		e := relerr.Max(b, n)
		if !(e < 1e-6) {
			t.Errorf("%s: backprop and numerical gradients differ, relative error %.3g", p.Name, e)
		}
		t.Logf("%s: relative error %.2g", p.Name, e)
	}
}

// randomizeBiases replaces the zero initial biases with random ones. With
// zero biases, a window that sees only zeros (the padding, or inputs that an
// earlier ReLU cut off) gives exactly 0 into the next ReLU, where the loss
// has a kink: the numerical gradient there is half the slope, backprop's 0.
func randomizeBiases(net *network.Net, rng *rand.Rand) {
	for _, p := range net.Params() {
		if strings.HasPrefix(p.Name, "b") {
			for i := range p.Value.Data {
				p.Value.Data[i] = 0.1 * rng.NormFloat64()
			}
		}
	}
}

func TestSimpleConvNetGradient(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	net := NewSimpleConvNet(tinySimple, rng)
	randomizeBiases(net, rng)
	x, labels := randomBatch(rng, 3, 64, 4)
	checkGradient(t, net, x, labels)
}

func TestDeepConvNetGradient(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	net := NewDeepConvNet(tinyDeep, rng)
	randomizeBiases(net, rng)
	x, labels := randomBatch(rng, 4, 64, 4)
	checkGradient(t, net, x, labels)
}

// The builders draw the initial weights in the book's order, W1 first, and
// nothing else: with seed 1 every weight matrix has the FNV-1a hash of its
// float64 bits that the networks of this chapter have always had, and the
// generator's next draw (the first mini-batch's) is the same too. A changed
// hash means a seed no longer gives the weights, or the runs, it gave.
func TestSeedOneWeights(t *testing.T) {
	for _, tc := range []struct {
		name string
		make func(*rand.Rand) *network.Net
		want map[string]uint64 // hash of each W
		next uint64            // the generator's next Uint64
	}{
		{"simple", func(r *rand.Rand) *network.Net { return NewSimpleConvNet(BookSimpleConfig, r) },
			map[string]uint64{"W1": 0x0b2f98ae4bf3df60, "W2": 0x7d890d870796951e, "W3": 0x378bfcf6f0120879},
			5622501373213438628},
		{"deep", func(r *rand.Rand) *network.Net { return NewDeepConvNet(BookDeepConfig, r) },
			map[string]uint64{
				"W1": 0xbd4e5727db556b7b, "W2": 0xf04e2ba222ddd73d, "W3": 0x6de4b5c2db71373b, "W4": 0xa7c3477ad2b9826e,
				"W5": 0x2c26f0299c3f7903, "W6": 0xed6cf30eda5c7c2e, "W7": 0x02d8800711459060, "W8": 0x2165784ebfaf0068,
			},
			9723775013802981723},
	} {
		rng := rand.New(rand.NewPCG(1, 1))
		net := tc.make(rng)
		for name, want := range tc.want {
			h := fnv.New64a()
			for _, v := range net.Param(name).Data {
				binary.Write(h, binary.LittleEndian, math.Float64bits(v))
			}
			if got := h.Sum64(); got != want {
				t.Errorf("%s %s: hash %#x, want %#x", tc.name, name, got, want)
			}
		}
		if got := rng.Uint64(); got != tc.next {
			t.Errorf("%s: the draw after building is %d, want %d: the builder drew more or fewer numbers", tc.name, got, tc.next)
		}
	}
}

// The book's shapes: W1 (30,1,5,5) as 30x25 filters, 4320 values into the
// hidden layer; DeepConvNet's 1024 = 64x4x4 into W7. The initial weights
// have the book's standard deviations: 0.01, and He's sqrt(2/fan_in).
func TestBookShapesAndInit(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	simple := NewSimpleConvNet(BookSimpleConfig, rng)
	deep := NewDeepConvNet(BookDeepConfig, rng)
	for _, tc := range []struct {
		net        *network.Net
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
		p := tc.net.Param(tc.name)
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
	x, _ := randomBatch(rng, 2*100+37, 64, 4)
	got := net.Predict(x, false) // in chunks of 100
	want := x                    // all at once
	for _, l := range net.Layers {
		want = l.Forward(want, false)
	}
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
	for _, l := range net.Layers[:len(net.Layers)-1] {
		beforeDropout = l.Forward(beforeDropout, false)
	}
	if d := mat.MaxAbsDiff(scores, beforeDropout.Clone().Scale(0.5)); d > 1e-15 {
		t.Errorf("test-mode scores are not half the last Affine's output (off by %g)", d)
	}
}

func TestSaveLoadRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		name   string
		make   func(rng *rand.Rand) *network.Net
		wantW1 []int // the NumPy shape of the filters, (FN, C, FH, FW)
	}{
		{"simple", func(rng *rand.Rand) *network.Net { return NewSimpleConvNet(tinySimple, rng) }, []int{3, 1, 3, 3}},
		{"deep", func(rng *rand.Rand) *network.Net { return NewDeepConvNet(tinyDeep, rng) }, []int{2, 1, 3, 3}},
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
			for _, p := range saved.Params() {
				if !slices.Equal(p.Value.Data, loaded.Param(p.Name).Data) {
					t.Errorf("%s differs after a save and load", p.Name)
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

// Weights of another network, a file with missing or extra arrays, or one
// holding a NaN, are an error that names the file and the array (and the
// index of the NaN), and leave the network as it was.
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
	nanPath := filepath.Join(dir, "nan.npz")
	arrays, err = npy.Load(simplePath)
	if err != nil {
		t.Fatal(err)
	}
	arrays["W2"].Data[3*100+17] = math.NaN()
	if err := npy.WriteNPZ(nanPath, arrays); err != nil {
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
		{"NaN", nanPath, false, []string{"nan.npz", `"W2"`, "NaN", "[3, 17]"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			net := NewSimpleConvNet(BookSimpleConfig, rand.New(rand.NewPCG(2, 2)))
			if tc.deep {
				net = NewDeepConvNet(BookDeepConfig, rand.New(rand.NewPCG(2, 2)))
			}
			before := net.Param("W1").Clone()
			err := net.LoadParams(tc.path)
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %s", err, w)
				}
			}
			if mat.MaxAbsDiff(before, net.Param("W1")) != 0 {
				t.Error("a failed load changed W1")
			}
		})
	}
}
