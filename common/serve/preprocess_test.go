// Tests of Preprocess and addNoise: the 20x20 box, the centre of mass, the
// invariance to where the digit is drawn, and MNIST's own digits surviving
// the round trip through a 280x280 drawing.

package serve

import (
	"math"
	"os"
	"testing"

	"dlfs/dataset"
)

// rect returns a w x h drawing with ink 1 in the rectangle [x0, x0+rw) x [y0, y0+rh).
func rect(w, h, x0, y0, rw, rh int) []float64 {
	ink := make([]float64, w*h)
	for y := y0; y < y0+rh; y++ {
		for x := x0; x < x0+rw; x++ {
			ink[y*w+x] = 1
		}
	}
	return ink
}

// inkBox returns the width and height of the pixels above 0.01 of a 28x28 image.
func inkBox(img []float64) (w, h int) {
	x0, y0, x1, y1 := Side, Side, -1, -1
	for i := range Side {
		for j := range Side {
			if img[i*Side+j] > 0.01 {
				x0, x1, y0, y1 = min(x0, j), max(x1, j), min(y0, i), max(y1, i)
			}
		}
	}
	return x1 - x0 + 1, y1 - y0 + 1
}

func TestPreprocessFitsBoxKeepingAspectAndCentresMass(t *testing.T) {
	// A 60x200 bar drawn off centre: 6x20 pixels once prepared, mass at the centre.
	img := Preprocess(rect(280, 280, 10, 60, 60, 200), 280, 280)
	if w, h := inkBox(img); w != 6 || h != 20 {
		t.Errorf("ink box is %dx%d, want 6x20", w, h)
	}
	cx, cy, _ := centreOfMass(img)
	if math.Abs(cx-centre) > 0.5 || math.Abs(cy-centre) > 0.5 {
		t.Errorf("centre of mass (%v, %v), want within half a pixel of (%v, %v)", cx, cy, centre, centre)
	}
	var sum float64
	for _, v := range img {
		sum += v
	}
	if math.Abs(sum-120) > 1e-9 { // 60*200 pixels of ink scaled by 1/10 in each direction
		t.Errorf("total ink %v, want 120 (area averaging keeps the mass)", sum)
	}
}

func TestPreprocessIgnoresWhereTheDigitIsDrawn(t *testing.T) {
	// An L shape, drawn at two places of canvases of two sizes.
	shape := func(w, h, x0, y0 int) []float64 {
		a := rect(w, h, x0, y0, 30, 160)
		b := rect(w, h, x0, y0+130, 100, 30)
		for i := range a {
			a[i] = max(a[i], b[i])
		}
		return a
	}
	p := Preprocess(shape(280, 280, 20, 10), 280, 280)
	q := Preprocess(shape(400, 300, 250, 120), 400, 300)
	for i := range p {
		if math.Abs(p[i]-q[i]) > 1e-12 {
			t.Fatalf("pixel %d: %v here, %v there", i, p[i], q[i])
		}
	}
}

func TestPreprocessBlankAndBadSizes(t *testing.T) {
	for _, tc := range []struct {
		ink  []float64
		w, h int
	}{
		{make([]float64, 100), 10, 10},
		{make([]float64, 10), 10, 10},
		{nil, 0, 0},
	} {
		for i, v := range Preprocess(tc.ink, tc.w, tc.h) {
			if v != 0 {
				t.Fatalf("%dx%d: pixel %d is %v, want a blank image", tc.w, tc.h, i, v)
			}
		}
	}
}

// mnistTest returns the MNIST test set from $MNIST_DIR, skipping the test
// when it is absent, failing it if MNIST_REQUIRED=1.
func mnistTest(t testing.TB) *dataset.Set {
	t.Helper()
	dir := os.Getenv("MNIST_DIR")
	if dir == "" {
		if os.Getenv("MNIST_REQUIRED") == "1" {
			t.Fatal("MNIST_REQUIRED=1 but MNIST_DIR is not set")
		}
		t.Skip("MNIST_DIR is not set: skipping the test on MNIST images")
	}
	test, err := dataset.LoadTest(dataset.Options{Dir: dir, Normalize: true})
	if err != nil {
		if os.Getenv("MNIST_REQUIRED") == "1" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	return test
}

// upscale returns a 28x28 image as a 280x280 drawing, each pixel a 10x10 square.
func upscale(img []float64) []float64 {
	ink := make([]float64, 280*280)
	for y := range 280 {
		for x := range 280 {
			ink[y*280+x] = img[(y/10)*Side+x/10]
		}
	}
	return ink
}

// MNIST's digits are already prepared: drawn ten times larger and prepared
// again, they come back nearly the same (the 20-pixel box is measured on
// the anti-aliased edge, so a digit can shrink by a fraction of a pixel).
func TestPreprocessKeepsMNISTDigits(t *testing.T) {
	test := mnistTest(t)
	var total float64
	const n = 200
	for i := range n {
		img := test.X([]int{i}).Data
		got := Preprocess(upscale(img), 280, 280)
		var diff, ink float64
		for k := range img {
			diff += math.Abs(got[k] - img[k])
			ink += img[k]
		}
		total += diff / ink
	}
	if mean := total / n; mean > 0.1 {
		t.Errorf("mean relative L1 difference %.3f, want <= 0.1", mean)
	} else {
		t.Logf("mean relative L1 difference of %d MNIST digits prepared again: %.3f", n, mean)
	}
}

func TestAddNoise(t *testing.T) {
	a := make([]float64, Pixels)
	b := make([]float64, Pixels)
	addNoise(a, 25, 7)
	addNoise(b, 25, 7)
	changed := 0
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("same seed, pixel %d: %v and %v", i, a[i], b[i])
		}
		if a[i] < 0 || a[i] >= 1 {
			t.Fatalf("pixel %d is %v, want [0, 1)", i, a[i])
		}
		if a[i] != 0 {
			changed++
		}
	}
	// 196 draws with repetition hit about 784 * (1 - (1-1/784)^196) = 173 pixels.
	if changed < 150 || changed > 196 {
		t.Errorf("%d pixels changed by 196 draws, want about 173", changed)
	}
	addNoise(b, 0, 7)
	c := make([]float64, Pixels)
	addNoise(c, 25, 8)
	same := 0
	for i := range a {
		if a[i] == c[i] && a[i] != 0 {
			same++
		}
	}
	if same > 5 {
		t.Errorf("seeds 7 and 8 agree on %d noisy pixels", same)
	}
}
