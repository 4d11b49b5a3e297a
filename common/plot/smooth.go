// The book's smooth_curve (common/util.py), which ch06 applies to every loss
// curve before plotting it: a moving average weighted by a Kaiser window of
// 11 points with beta 2, with the ends padded by reflection.

package plot

import "math"

// SmoothCurve returns the book's smooth_curve(x), value for value:
//
//	window_len = 11
//	s = np.r_[x[window_len-1:0:-1], x, x[-1:-window_len:-1]]
//	w = np.kaiser(window_len, 2)
//	y = np.convolve(w/w.sum(), s, mode='valid')
//	return y[5:len(y)-5]
//
// Inside the curve each value becomes the window-weighted mean of itself and
// its five neighbours on each side. At the ends the padding differs: on the
// left it reflects without repeating x[0] (x[1] stands in for x[-1]), on the
// right it repeats the last value (x[n-1] stands in for x[n]). For 11 or more
// values the result has the length of x; for fewer it is shorter, as in
// NumPy (8 values give 3, 7 or fewer give none).
func SmoothCurve(x []float64) []float64 {
	const windowLen = 11
	s := reflectPad(x, windowLen)
	w := Kaiser(windowLen, 2)
	sum := 0.0
	for _, v := range w {
		sum += v
	}
	for i := range w {
		w[i] /= sum
	}
	y := convolveValid(w, s)
	if len(y) < 10 {
		return []float64{}
	}
	return y[5 : len(y)-5]
}

// reflectPad builds np.r_[x[n-1:0:-1], x, x[-1:-n:-1]] for window length n,
// with Python's slice rules: x[n-1:0:-1] is x[min(n-1, len-1)] down to x[1],
// and x[-1:-n:-1] is the last n-1 values backwards (all of them when x is
// shorter than that).
func reflectPad(x []float64, n int) []float64 {
	s := make([]float64, 0, len(x)+2*(n-1))
	for i := min(n-1, len(x)-1); i >= 1; i-- {
		s = append(s, x[i])
	}
	s = append(s, x...)
	for i := len(x) - 1; i >= max(len(x)-(n-1), 0); i-- {
		s = append(s, x[i])
	}
	return s
}

// convolveValid is np.convolve(w, s, mode='valid') for len(s) >= len(w): the
// len(s)-len(w)+1 positions where the flipped w fits inside s. It returns nil
// when s is shorter than w (NumPy would swap them, but SmoothCurve drops
// everything then anyway).
func convolveValid(w, s []float64) []float64 {
	if len(s) < len(w) {
		return nil
	}
	k := len(w)
	y := make([]float64, len(s)-k+1)
	for i := range y {
		acc := 0.0
		for j := 0; j < k; j++ {
			acc += w[j] * s[i+k-1-j]
		}
		y[i] = acc
	}
	return y
}

// Kaiser returns NumPy's np.kaiser(m, beta): the Kaiser window
// I0(beta*sqrt(1-((n-a)/a)²)) / I0(beta) for n = 0..m-1 with a = (m-1)/2,
// where I0 is the modified Bessel function of the first kind, order zero. A
// window of one point is [1].
func Kaiser(m int, beta float64) []float64 {
	if m <= 0 {
		return []float64{}
	}
	if m == 1 {
		return []float64{1}
	}
	w := make([]float64, m)
	a := float64(m-1) / 2
	for n := range w {
		r := (float64(n) - a) / a
		w[n] = besselI0(beta*math.Sqrt(1-r*r)) / besselI0(beta)
	}
	return w
}

// besselI0 is I0(x) = Σ_k ((x/2)^k / k!)², the power series, with the terms
// added from the smallest up so that rounding errors stay below one unit in
// the last place. For the small arguments of a Kaiser window (|x| up to a
// few tens) the terms fall below the total's precision within a few dozen.
func besselI0(x float64) float64 {
	q := x * x / 4
	terms := []float64{1}
	total := 1.0
	for k := 1; k < 1000; k++ {
		next := terms[k-1] * q / float64(k*k)
		// Once the terms shrink (k² > q) and one is below 1e-17 of the total,
		// the rest add less than the total's last bit.
		if float64(k*k) > 2*q && next < 1e-17*total {
			break
		}
		terms = append(terms, next)
		total += next
	}
	sum := 0.0
	for k := len(terms) - 1; k >= 0; k-- {
		sum += terms[k]
	}
	return sum
}
