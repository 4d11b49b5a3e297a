package optimizer_test

import (
	"math"
	"testing"

	"dlfs/common/optimizer"
)

// The book's test function of section 6.1.3 (ch06/optimizer_compare_naive.py):
// a long, shallow valley, f(x, y) = x^2/20 + y^2, with its minimum at (0, 0).
func f(x, y float64) float64 { return x*x/20 + y*y }

func df(x, y float64) (float64, float64) { return x / 10, 2 * y }

var start = [2]float64{-7, 2}

// Thirty steps from (-7, 2) with the book's learning rates (SGD 0.95,
// Momentum 0.1, AdaGrad 1.5, Adam 0.3). The book has no figure for Nesterov
// or RMSprop; Nesterov gets Momentum's 0.1 so the two can be compared, and
// RMSprop 0.1, whose first step is about 10*lr = 1 along each axis (h starts
// at only 0.01*g^2). within is the distance from (0, 0) each one reaches,
// with some margin: the figures show Momentum still swinging across the
// valley, Nesterov swinging less, and AdaGrad closest.
func TestValley(t *testing.T) {
	cases := []struct {
		name   string
		lr     float64
		within float64
	}{
		{"SGD", 0.95, 0.4},      // ends at (-0.350, 0.085)
		{"Momentum", 0.1, 1.0},  // ends at (0.896, 0.088)
		{"Nesterov", 0.1, 0.75}, // ends at (0.690, -0.001)
		{"AdaGrad", 1.5, 0.15},  // ends at (-0.120, 0.000)
		{"RMSprop", 0.1, 0.75},  // ends at (-0.697, 0.000)
		{"Adam", 0.3, 0.4},      // ends at (0.136, 0.318)
	}
	for _, c := range cases {
		opt, err := optimizer.New(c.name, c.lr)
		if err != nil {
			t.Fatal(err)
		}
		path := optimizer.Path(opt, start, df, 30)
		if len(path) != 31 || path[0] != start {
			t.Fatalf("%s: path has %d points starting at %v, want 31 starting at %v", c.name, len(path), path[0], start)
		}
		end := path[30]
		if d := math.Hypot(end[0], end[1]); d > c.within {
			t.Errorf("%s: after 30 steps at %v, %.3f from (0, 0); want within %v", c.name, end, d, c.within)
		}
		// f(-7, 2) = 2.45 + 4 = 6.45; every optimizer ends below 6.45/40.
		if f0, f30 := f(start[0], start[1]), f(end[0], end[1]); f30 > f0/40 {
			t.Errorf("%s: f fell only from %.3f to %.3f", c.name, f0, f30)
		}
	}
}

// On this quadratic, SGD has a closed form: each step multiplies x by
// 1 - lr/10 and y by 1 - 2*lr. With the book's lr 0.95 the factors are 0.905
// and -0.9, so y zigzags across the valley while x creeps along it.
func TestPathSGDClosedForm(t *testing.T) {
	const lr = 0.95
	path := optimizer.Path(optimizer.NewSGD(lr), start, df, 30)
	for i, p := range path {
		want := [2]float64{start[0] * math.Pow(1-lr/10, float64(i)), start[1] * math.Pow(1-2*lr, float64(i))}
		if math.Abs(p[0]-want[0]) > 1e-12 || math.Abs(p[1]-want[1]) > 1e-12 {
			t.Errorf("point %d = %v, want %v", i, p, want)
		}
	}
}

// Nesterov's method as first written (Sutskever et al. 2013, equations 3-4):
// take the gradient at the look-ahead point theta + mu*v, then
// v <- mu*v - lr*grad and theta <- theta + v. The book's Nesterov stores the
// look-ahead point itself, so its parameters must equal theta + mu*v at every
// step. The v-before-W order of older copies of the book's code fails this.
func TestNesterovIsLookAheadMomentum(t *testing.T) {
	const lr, mu = 0.1, 0.9
	path := optimizer.Path(optimizer.NewNesterov(lr, mu), start, df, 30)
	theta, v := start, [2]float64{}
	for i, got := range path {
		ahead := [2]float64{theta[0] + mu*v[0], theta[1] + mu*v[1]}
		if math.Abs(got[0]-ahead[0]) > 1e-12 || math.Abs(got[1]-ahead[1]) > 1e-12 {
			t.Fatalf("step %d: Nesterov at %v, look-ahead point %v", i, got, ahead)
		}
		gx, gy := df(ahead[0], ahead[1])
		v = [2]float64{mu*v[0] - lr*gx, mu*v[1] - lr*gy}
		theta = [2]float64{theta[0] + v[0], theta[1] + v[1]}
	}
}
