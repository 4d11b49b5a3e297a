// Table and property tests of tick choice and number formatting.

package plot

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestTicks(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		min, max float64
		maxTicks int
		want     []float64
	}{
		{0, 1, 6, []float64{0, 0.2, 0.4, 0.6, 0.8, 1}},
		{0, 1, 11, []float64{0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1}},
		{0, 1, 5, []float64{0, 0.5, 1}},
		{0, 2000, 5, []float64{0, 500, 1000, 1500, 2000}},
		{0, 2000, 11, []float64{0, 200, 400, 600, 800, 1000, 1200, 1400, 1600, 1800, 2000}},
		{-100, 2100, 6, []float64{0, 500, 1000, 1500, 2000}},
		{-10, 10, 5, []float64{-10, -5, 0, 5, 10}},
		{-7, 2, 10, []float64{-7, -6, -5, -4, -3, -2, -1, 0, 1, 2}},
		{0.013, 0.087, 5, []float64{0.02, 0.04, 0.06, 0.08}},
		{0.021, 0.049, 5, []float64{0.025, 0.03, 0.035, 0.04, 0.045}},
		{9.5, 10.5, 3, []float64{9.5, 10, 10.5}},
		{9.6, 10.4, 3, []float64{10}},
		{1e-4, 3e-4, 3, []float64{1e-4, 2e-4, 3e-4}},
		{0, 10, 1, []float64{0}},
		{3, 3, 5, []float64{3}},
		{2, 1, 5, nil},
		{nan, 1, 5, nil},
		{0, math.Inf(1), 5, nil},
		{0, 1, 0, nil},
	}
	for _, tt := range tests {
		got := Ticks(tt.min, tt.max, tt.maxTicks)
		if !slices.Equal(got, tt.want) {
			t.Errorf("Ticks(%v, %v, %d) = %v, want %v", tt.min, tt.max, tt.maxTicks, got, tt.want)
		}
	}
}

// TestTicksProperties checks random ranges: the ticks lie in the range, are
// no more than maxTicks, are evenly spaced by 1, 2 or 5 times a power of
// ten, and the next smaller such step would have given too many.
func TestTicksProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	steps := []float64{}
	for e := -8; e <= 8; e++ {
		for _, m := range []float64{1, 2, 5} {
			steps = append(steps, m*math.Pow10(e))
		}
	}
	count := func(min, max, step float64) int {
		return int(math.Floor(max/step+1e-9) - math.Ceil(min/step-1e-9) + 1)
	}
	for range 2000 {
		min := (r.Float64() - 0.5) * math.Pow(10, float64(r.IntN(8)-3))
		max := min + r.Float64()*math.Pow(10, float64(r.IntN(8)-4))
		n := 2 + r.IntN(10)
		ticks := Ticks(min, max, n)
		if len(ticks) < 1 || len(ticks) > n {
			t.Fatalf("Ticks(%v, %v, %d) gave %d ticks", min, max, n, len(ticks))
		}
		for _, v := range ticks {
			if v < min-1e-9*math.Abs(max-min) || v > max+1e-9*math.Abs(max-min) {
				t.Fatalf("Ticks(%v, %v, %d) = %v: %v is outside the range", min, max, n, ticks, v)
			}
		}
		if len(ticks) < 2 {
			continue
		}
		// Subtracting neighbouring ticks loses digits when the ticks are
		// large and the step small; allow for that.
		step := ticks[1] - ticks[0]
		tol := 1e-9*step + 1e-14*math.Max(math.Abs(min), math.Abs(max))
		k := slices.IndexFunc(steps, func(s float64) bool { return math.Abs(s-step) <= tol })
		if k < 0 {
			t.Fatalf("Ticks(%v, %v, %d) = %v: step %v is not 1, 2 or 5 times a power of ten", min, max, n, ticks, step)
		}
		for i := 2; i < len(ticks); i++ {
			if d := ticks[i] - ticks[i-1]; math.Abs(d-step) > 2*tol {
				t.Fatalf("Ticks(%v, %v, %d) = %v: uneven steps", min, max, n, ticks)
			}
		}
		if k > 0 && count(min, max, steps[k-1]) <= n {
			t.Fatalf("Ticks(%v, %v, %d) = %v: the smaller step %v would fit too", min, max, n, ticks, steps[k-1])
		}
	}
}

func TestLogTicks(t *testing.T) {
	tests := []struct {
		min, max float64
		maxTicks int
		want     []float64
	}{
		{1e-4, 1, 10, []float64{1e-4, 1e-3, 0.01, 0.1, 1}},
		{0.03, 3.5, 10, []float64{0.05, 0.1, 0.2, 0.5, 1, 2}},
		{0.03, 3.5, 5, []float64{0.1, 1}},
		{1e-8, 1, 5, []float64{1e-8, 1e-6, 1e-4, 0.01, 1}},
		{2e-7, 3e3, 4, []float64{1e-6, 1e-3, 1, 1000}},
		{0.021, 0.049, 5, []float64{0.025, 0.03, 0.035, 0.04, 0.045}},
		{1, 10, 2, []float64{1, 10}},
		{0, 10, 5, nil},
		{-1, 10, 5, nil},
	}
	for _, tt := range tests {
		got := LogTicks(tt.min, tt.max, tt.maxTicks)
		if !slices.Equal(got, tt.want) {
			t.Errorf("LogTicks(%v, %v, %d) = %v, want %v", tt.min, tt.max, tt.maxTicks, got, tt.want)
		}
	}
}

func TestFormatNumber(t *testing.T) {
	tests := []struct {
		v    float64
		want string
	}{
		{0, "0"},
		{0.5, "0.5"},
		{-0.25, "-0.25"},
		{0.1 + 0.2, "0.3"},
		{0.001, "0.001"},
		{1e-4, "1e-4"},
		{2.5e-7, "2.5e-7"},
		{1, "1"},
		{2000, "2000"},
		{9999, "9999"},
		{10000, "10k"},
		{12500, "12.5k"},
		{-25000, "-25k"},
		{2.5e6, "2.5M"},
		{123456789, "123.457M"},
		{4e9, "4G"},
		{3e15, "3e15"},
		{math.NaN(), "NaN"},
		{math.Inf(-1), "-Inf"},
	}
	for _, tt := range tests {
		if got := FormatNumber(tt.v); got != tt.want {
			t.Errorf("FormatNumber(%v) = %q, want %q", tt.v, got, tt.want)
		}
	}
}

func TestFormatTicks(t *testing.T) {
	tests := []struct {
		ticks []float64
		want  []string
	}{
		{[]float64{0, 0.5, 1}, []string{"0", "0.5", "1"}},
		{[]float64{0, 5e-4, 1e-3, 1.5e-3}, []string{"0", "5e-4", "1e-3", "1.5e-3"}},
		{[]float64{1e-6, 1e-5, 1e-4, 1e-3, 1e-2}, []string{"1e-6", "1e-5", "1e-4", "1e-3", "1e-2"}},
		{[]float64{1e-4, 0.01, 1, 100}, []string{"1e-4", "1e-2", "1", "100"}},
		{[]float64{0, 5000, 10000, 15000}, []string{"0", "5k", "10k", "15k"}},
		{[]float64{0, 500, 1000, 1500, 2000}, []string{"0", "500", "1000", "1500", "2000"}},
		{[]float64{1, 10, 100, 1000, 1e4}, []string{"1", "10", "100", "1k", "10k"}},
	}
	for _, tt := range tests {
		if got := formatTicks(tt.ticks); !slices.Equal(got, tt.want) {
			t.Errorf("formatTicks(%v) = %q, want %q", tt.ticks, got, tt.want)
		}
	}
}

// TestTicksExtremes feeds ranges at the ends of float64: no panic, no hang,
// a short answer.
func TestTicksExtremes(t *testing.T) {
	for _, r := range [][2]float64{{-1e308, 1e308}, {0, 1e-320}, {1e300, 1e300 * (1 + 1e-15)}, {-5e-324, 5e-324}} {
		if ticks := Ticks(r[0], r[1], 5); len(ticks) > 5 {
			t.Errorf("Ticks(%v, %v, 5) gave %d ticks", r[0], r[1], len(ticks))
		}
	}
	for _, r := range [][2]float64{{1e-300, 1e300}, {5e-324, 1}, {1, 1.0000001}} {
		if ticks := LogTicks(r[0], r[1], 5); len(ticks) > 5 {
			t.Errorf("LogTicks(%v, %v, 5) gave %d ticks", r[0], r[1], len(ticks))
		}
	}
}
