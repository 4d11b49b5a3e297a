package nn

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"dlfs/common/mat"
)

// convTestShapes are the inputs and windows the im2col, convolution and
// pooling tests run on: odd sizes, several channels, strides 1 to 3, padding
// 0 to 2, and DeepConvNet's 3x3 layers.
var convTestShapes = []ConvShape{
	{C: 1, H: 3, W: 3, FH: 2, FW: 2, Stride: 1, Pad: 0},
	{C: 1, H: 12, W: 12, FH: 5, FW: 5, Stride: 1, Pad: 0},  // SimpleConvNet's, smaller
	{C: 3, H: 7, W: 5, FH: 3, FW: 3, Stride: 1, Pad: 1},    // odd sizes, padding 1
	{C: 2, H: 7, W: 5, FH: 3, FW: 2, Stride: 2, Pad: 2},    // stride 2, padding 2
	{C: 4, H: 6, W: 6, FH: 3, FW: 3, Stride: 2, Pad: 1},    // stride 2, padding 1
	{C: 3, H: 9, W: 8, FH: 4, FW: 3, Stride: 3, Pad: 2},    // stride 3, uneven fit
	{C: 16, H: 14, W: 14, FH: 3, FW: 3, Stride: 1, Pad: 1}, // DeepConvNet, 14x14
	{C: 8, H: 14, W: 14, FH: 3, FW: 3, Stride: 1, Pad: 2},  // DeepConvNet's pad-2 layer
	{C: 8, H: 7, W: 7, FH: 3, FW: 3, Stride: 1, Pad: 1},    // DeepConvNet, 7x7
	{C: 2, H: 5, W: 5, FH: 5, FW: 5, Stride: 1, Pad: 0},    // window = image: 1x1 output
	{C: 3, H: 4, W: 4, FH: 1, FW: 1, Stride: 1, Pad: 0},    // 1x1 filters
	{C: 2, H: 2, W: 1, FH: 5, FW: 5, Stride: 1, Pad: 2},    // taps that only ever see padding
}

func convRNG(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 0x5eed)) }

// convRandMatrix returns a rows x cols matrix of standard normal values.
func convRandMatrix(rng *rand.Rand, rows, cols int) *mat.Matrix {
	m := mat.New(rows, cols)
	for i := range m.Data {
		m.Data[i] = rng.NormFloat64()
	}
	return m
}

// convDot returns the inner product of the elements of a and b.
func convDot(a, b *mat.Matrix) float64 {
	s := 0.0
	for i, v := range a.Data {
		s += v * b.Data[i]
	}
	return s
}

func TestIm2ColHandWorked(t *testing.T) {
	tests := []struct {
		name string
		x    []float64
		s    ConvShape
		want [][]float64
	}{
		{
			// A 3x3 image, 2x2 windows: four overlapping patches.
			"3x3 image, 2x2 window",
			[]float64{1, 2, 3, 4, 5, 6, 7, 8, 9},
			ConvShape{C: 1, H: 3, W: 3, FH: 2, FW: 2, Stride: 1, Pad: 0},
			[][]float64{{1, 2, 4, 5}, {2, 3, 5, 6}, {4, 5, 7, 8}, {5, 6, 8, 9}},
		},
		{
			// Two 2x2 channels padded by 1, 2x2 windows with stride 2: each
			// patch holds one pixel per channel, at the corner facing the image.
			"2 channels, pad 1, stride 2",
			[]float64{1, 2, 3, 4, 5, 6, 7, 8},
			ConvShape{C: 2, H: 2, W: 2, FH: 2, FW: 2, Stride: 2, Pad: 1},
			[][]float64{
				{0, 0, 0, 1, 0, 0, 0, 5},
				{0, 0, 2, 0, 0, 0, 6, 0},
				{0, 3, 0, 0, 0, 7, 0, 0},
				{4, 0, 0, 0, 8, 0, 0, 0},
			},
		},
	}
	for _, tc := range tests {
		col := Im2Col(mat.NewFrom(1, len(tc.x), tc.x), tc.s)
		if col.Rows != len(tc.want) || col.Cols != len(tc.want[0]) {
			t.Fatalf("%s: Im2Col is %dx%d, want %dx%d", tc.name, col.Rows, col.Cols, len(tc.want), len(tc.want[0]))
		}
		for i, row := range tc.want {
			for j, v := range row {
				if col.At(i, j) != v {
					t.Errorf("%s: col[%d][%d] = %v, want %v\n%v", tc.name, i, j, col.At(i, j), v, col)
				}
			}
		}
	}
}

// Col2Im is the adjoint of Im2Col: <Im2Col(x), y> = <x, Col2Im(y)> for every
// x and y. This is what makes it the right backward pass for Im2Col.
func TestCol2ImIsAdjointOfIm2Col(t *testing.T) {
	rng := convRNG(1)
	for _, s := range convTestShapes {
		for _, n := range []int{1, 3} {
			x := convRandMatrix(rng, n, s.InSize())
			y := convRandMatrix(rng, n*s.OutH()*s.OutW(), s.PatchSize())
			lhs, rhs := convDot(Im2Col(x, s), y), convDot(x, Col2Im(y, s))
			if math.Abs(lhs-rhs) > 1e-12*math.Max(1, math.Abs(lhs)) {
				t.Errorf("%+v, N=%d: <Im2Col(x), y> = %v, <x, Col2Im(y)> = %v", s, n, lhs, rhs)
			}
		}
	}
}

// im2colT and col2imT, the layer's per-sample versions, are the transposes
// of the book's Im2Col and Col2Im restricted to one sample.
func TestIm2ColTIsTransposeOfIm2Col(t *testing.T) {
	rng := convRNG(2)
	for _, s := range convTestShapes {
		k, p := s.PatchSize(), s.OutH()*s.OutW()
		x := convRandMatrix(rng, 1, s.InSize())
		colT := make([]float64, k*p)
		for i := range colT {
			colT[i] = math.NaN() // im2colT must write every element
		}
		im2colT(colT, x.Data, s)
		if d := mat.MaxAbsDiff(mat.NewFrom(k, p, colT), mat.T(Im2Col(x, s))); d != 0 {
			t.Errorf("%+v: im2colT differs from Im2Colᵀ by %g", s, d)
		}

		dcolT := convRandMatrix(rng, k, p)
		img := make([]float64, s.InSize())
		col2imT(img, dcolT.Data, s)
		if d := mat.MaxAbsDiff(mat.NewFrom(1, len(img), img), Col2Im(mat.T(dcolT), s)); d > 1e-13 {
			t.Errorf("%+v: col2imT differs from Col2Im(colTᵀ) by %g", s, d)
		}
	}
}

// The book's own way of computing a convolution, Im2Col then one product,
// gives the same numbers as the definition.
func TestBookIm2ColConvolution(t *testing.T) {
	rng := convRNG(3)
	for _, s := range convTestShapes[:6] {
		const n, fn = 2, 3
		x, w, b := convRandMatrix(rng, n, s.InSize()), convRandMatrix(rng, fn, s.PatchSize()), convRandMatrix(rng, 1, fn)
		// out = col · Wᵀ + b has rows (n, oy, ox) and columns f; the book
		// then transposes it to (n, f, oy, ox).
		prod := mat.DotT(Im2Col(x, s), w).AddRowVector(b)
		p := s.OutH() * s.OutW()
		got := mat.New(n, fn*p)
		for i := 0; i < n*p; i++ {
			for f := 0; f < fn; f++ {
				got.Row(i / p)[f*p+i%p] = prod.At(i, f)
			}
		}
		if d := mat.MaxAbsDiff(got, ConvolutionNaive(x, w, b, s)); d > 1e-12 {
			t.Errorf("%+v: Im2Col·Wᵀ + b differs from ConvolutionNaive by %g", s, d)
		}
	}
}

func TestConvShapePanicsOnBadShape(t *testing.T) {
	bad := []ConvShape{
		{C: 1, H: 4, W: 4, FH: 5, FW: 2, Stride: 1},          // window taller than the image
		{C: 1, H: 4, W: 4, FH: 2, FW: 2, Stride: 0},          // stride 0 would never move
		{C: 0, H: 4, W: 4, FH: 2, FW: 2, Stride: 1},          // no channels
		{C: 1, H: 4, W: 4, FH: 2, FW: 2, Stride: 1, Pad: -1}, // negative padding
	}
	for _, s := range bad {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Im2Col accepted the invalid shape %+v", s)
				}
			}()
			Im2Col(mat.New(1, max(1, s.InSize())), s)
		}()
	}
}

// SimpleConvNet's first layer: 28x28 images, 5x5 filters, no padding.
func ExampleConvShape() {
	s := ConvShape{C: 1, H: 28, W: 28, FH: 5, FW: 5, Stride: 1, Pad: 0}
	fmt.Println(s.OutH(), s.OutW(), s.PatchSize())
	// Output: 24 24 25
}

// Each row of Im2Col's result is one patch under the sliding window.
func ExampleIm2Col() {
	x := mat.NewFrom(1, 9, []float64{
		1, 2, 3,
		4, 5, 6,
		7, 8, 9,
	})
	fmt.Println(Im2Col(x, ConvShape{C: 1, H: 3, W: 3, FH: 2, FW: 2, Stride: 1}))
	// Output:
	// [1 2 4 5]
	// [2 3 5 6]
	// [4 5 7 8]
	// [5 6 8 9]
}
