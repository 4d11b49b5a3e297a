// Tests of LossChart: the raw and smoothed series, thinning of long runs,
// and a run too short for smooth_curve.

package plot

import "testing"

func TestLossChart(t *testing.T) {
	for _, tt := range []struct {
		n, points int
		smoothed  bool
	}{
		{n: 5, points: 5, smoothed: false}, // smooth_curve gives nothing below 11 values
		{n: 11, points: 11, smoothed: true},
		{n: 1000, points: 1000, smoothed: true},
		{n: MaxLossPoints + 1, points: (MaxLossPoints + 1 + 1) / 2, smoothed: true}, // every 2nd
	} {
		loss := make([]float64, tt.n)
		for i := range loss {
			loss[i] = 2 / float64(i+1)
		}
		c := LossChart(loss)
		want := 1
		if tt.smoothed {
			want = 2
		}
		if len(c.Series) != want {
			t.Fatalf("n=%d: %d series, want %d", tt.n, len(c.Series), want)
		}
		raw := c.Series[0]
		if len(raw.X) != tt.points || len(raw.Y) != tt.points {
			t.Errorf("n=%d: raw curve has %d/%d points, want %d", tt.n, len(raw.X), len(raw.Y), tt.points)
		}
		step := (tt.n + MaxLossPoints - 1) / MaxLossPoints
		for k, x := range raw.X {
			if i := k * step; x != float64(i) || raw.Y[k] != loss[i] {
				t.Fatalf("n=%d: point %d is (%g, %g), want (%d, %g)", tt.n, k, x, raw.Y[k], i, loss[i])
			}
		}
		if tt.smoothed {
			smooth, s := SmoothCurve(loss), c.Series[1]
			if len(s.Y) != tt.points || s.Y[len(s.Y)-1] != smooth[(tt.points-1)*step] {
				t.Errorf("n=%d: smoothed curve is not smooth_curve at the raw curve's iterations", tt.n)
			}
		}
		if c.Title != "training loss" || c.X.Label != "iterations" || c.Y.Label != "loss" {
			t.Errorf("n=%d: title %q, axes %q and %q", tt.n, c.Title, c.X.Label, c.Y.Label)
		}
		render(t, c) // draws without error
	}
}
