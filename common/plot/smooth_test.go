// Tests of SmoothCurve (the book's smooth_curve), Kaiser and besselI0,
// against values worked out by hand and an independent integral for I0.

package plot

import (
	"math"
	"testing"
)

// besselI0Integral is the oracle for besselI0: I0(x) = (1/π) ∫_0^π
// exp(x cos θ) dθ, by the trapezoid rule, which converges exponentially fast
// for a smooth periodic integrand like this one.
func besselI0Integral(x float64) float64 {
	const n = 2000
	sum := 0.0
	for k := 0; k <= n; k++ {
		w := 1.0
		if k == 0 || k == n {
			w = 0.5
		}
		sum += w * math.Exp(x*math.Cos(math.Pi*float64(k)/n))
	}
	return sum / n
}

func TestBesselI0(t *testing.T) {
	for _, x := range []float64{0, 0.5, 1, 1.959591794, 2, 5, 12} {
		got, want := besselI0(x), besselI0Integral(x)
		if math.Abs(got-want) > 1e-14*want {
			t.Errorf("besselI0(%v) = %.17g, integral gives %.17g", x, got, want)
		}
	}
	// A textbook value: I0(2) = 2.2795853023360672674...
	if got := besselI0(2); math.Abs(got-2.2795853023360673) > 4e-16 {
		t.Errorf("besselI0(2) = %.17g, want 2.2795853023360673", got)
	}
}

func TestKaiser(t *testing.T) {
	w := Kaiser(11, 2)
	if len(w) != 11 {
		t.Fatalf("len(Kaiser(11, 2)) = %d", len(w))
	}
	// The middle point has sqrt(1-0) = 1, so I0(2)/I0(2); the ends have
	// sqrt(1-1) = 0, so I0(0)/I0(2) = 1/I0(2).
	if w[5] != 1 {
		t.Errorf("w[5] = %v, want 1", w[5])
	}
	if want := 1 / 2.2795853023360673; math.Abs(w[0]-want) > 1e-15 {
		t.Errorf("w[0] = %.17g, want 1/I0(2) = %.17g", w[0], want)
	}
	// Point 4 is at (4-5)/5 = -0.2 from the middle: I0(2*sqrt(0.96)) / I0(2).
	if want := besselI0Integral(2*math.Sqrt(0.96)) / besselI0Integral(2); math.Abs(w[4]-want) > 1e-14 {
		t.Errorf("w[4] = %.17g, want %.17g", w[4], want)
	}
	for i := range w {
		if w[i] != w[10-i] {
			t.Errorf("window not symmetric: w[%d] = %v, w[%d] = %v", i, w[i], 10-i, w[10-i])
		}
	}
	if got := Kaiser(1, 2); len(got) != 1 || got[0] != 1 {
		t.Errorf("Kaiser(1, 2) = %v, want [1]", got)
	}
}

// normalizedKaiser returns np.kaiser(11, 2) / sum, the smoothing weights.
func normalizedKaiser() []float64 {
	w := Kaiser(11, 2)
	s := 0.0
	for _, v := range w {
		s += v
	}
	for i := range w {
		w[i] /= s
	}
	return w
}

// impulse returns n zeros with a 1 at index k.
func impulse(n, k int) []float64 {
	x := make([]float64, n)
	x[k] = 1
	return x
}

// TestSmoothCurveImpulses pins smooth_curve's edge handling with impulses,
// whose smoothed values are single weights or sums of two that can be
// worked out by hand from the padding np.r_[x[10:0:-1], x, x[-1:-11:-1]].
func TestSmoothCurveImpulses(t *testing.T) {
	w := normalizedKaiser()
	tests := []struct {
		name string
		x    []float64
		i    int     // index into the result
		want float64 // expected value there
	}{
		// Inside the curve a value spreads over its neighbours with the window's weights.
		{"middle, itself", impulse(30, 15), 15, w[5]},
		{"middle, 3 to the right", impulse(30, 15), 18, w[8]},
		{"middle, 5 to the left", impulse(30, 15), 10, w[0]},
		{"middle, 6 away", impulse(30, 15), 21, 0},
		// Left end: x[1] is mirrored to position -1, x[0] is not repeated.
		{"x[0] at 0", impulse(20, 0), 0, w[5]},
		{"x[0] at 1", impulse(20, 0), 1, w[4]},
		{"x[1] at 0 (twice: itself and its mirror)", impulse(20, 1), 0, w[4] + w[6]},
		{"x[1] at 2 (itself at -1, its mirror at -3)", impulse(20, 1), 2, w[4] + w[2]},
		{"x[1] at 6 (its mirror is out of reach)", impulse(20, 1), 6, w[0]},
		// Right end: x[n-1] is repeated at position n.
		{"x[n-1] at n-1", impulse(20, 19), 19, w[5] + w[6]},
		{"x[n-1] at n-2", impulse(20, 19), 18, w[6] + w[7]},
		{"x[n-2] at n-1", impulse(20, 18), 19, w[4] + w[7]},
		// 8 values give 3 results, centred on x[3], x[4], x[5]; the right
		// padding then is all 8 values reversed, so x[7] stands at 8 and 7.
		{"n=8, x[7] at first", impulse(8, 7), 0, w[9] + w[10]},
		{"n=8, x[7] at last", impulse(8, 7), 2, w[7] + w[8]},
		{"n=8, x[0] at first", impulse(8, 0), 0, w[2]},
	}
	for _, tt := range tests {
		y := SmoothCurve(tt.x)
		if tt.i >= len(y) {
			t.Errorf("%s: result has %d values", tt.name, len(y))
			continue
		}
		if math.Abs(y[tt.i]-tt.want) > 1e-15 {
			t.Errorf("%s: y[%d] = %.17g, want %.17g", tt.name, tt.i, y[tt.i], tt.want)
		}
	}
}

func TestSmoothCurveLengthAndShape(t *testing.T) {
	for _, tt := range []struct{ n, want int }{{0, 0}, {1, 0}, {7, 0}, {8, 3}, {9, 6}, {10, 9}, {11, 11}, {2000, 2000}} {
		if got := len(SmoothCurve(make([]float64, tt.n))); got != tt.want {
			t.Errorf("len(SmoothCurve(%d values)) = %d, want %d", tt.n, got, tt.want)
		}
	}
	// The weights sum to one: a constant stays constant, ends included.
	x := make([]float64, 50)
	for i := range x {
		x[i] = 0.37
	}
	for i, v := range SmoothCurve(x) {
		if math.Abs(v-0.37) > 1e-15 {
			t.Fatalf("smoothed constant: y[%d] = %v, want 0.37", i, v)
		}
	}
	// A symmetric window keeps a straight line straight away from the ends.
	for i := range x {
		x[i] = 3 - 0.5*float64(i)
	}
	y := SmoothCurve(x)
	for i := 5; i < len(x)-5; i++ {
		if math.Abs(y[i]-x[i]) > 1e-12 {
			t.Fatalf("smoothed line: y[%d] = %v, want %v", i, y[i], x[i])
		}
	}
}
