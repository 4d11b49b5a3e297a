// Tests of CheckLoss and the Guard on made-up loss sequences.

package trainer

import (
	"errors"
	"math"
	"regexp"
	"strings"
	"testing"
)

func TestCheckLoss(t *testing.T) {
	for _, tc := range []struct {
		loss float64
		bad  bool
	}{
		{2.3, false}, {0, false}, {1e300, false},
		{math.NaN(), true}, {math.Inf(1), true}, {math.Inf(-1), true},
	} {
		err := CheckLoss(42, tc.loss)
		if (err != nil) != tc.bad {
			t.Errorf("CheckLoss(42, %v) = %v, want error: %v", tc.loss, err, tc.bad)
			continue
		}
		if err != nil {
			if !errors.Is(err, ErrDiverged) {
				t.Errorf("CheckLoss(42, %v) error does not wrap ErrDiverged: %v", tc.loss, err)
			}
			if d, ok := errors.AsType[*DivergedError](err); !ok || d.Iter != 42 || !strings.Contains(err.Error(), "iteration 42") || regexp.MustCompile(`-[a-z]`).MatchString(err.Error()) {
				t.Errorf("CheckLoss error %q should be a *DivergedError naming iteration 42 and no flag", err)
			}
		}
	}
}

// Guard also stops a loss that blows up without becoming NaN, and one that
// stays at chance for StallIters (1000) iterations, but not a single bad
// mini-batch, a short stretch at chance, or a slow start.
func TestGuard(t *testing.T) {
	repeat := func(v float64, n int) []float64 {
		s := make([]float64, n)
		for i := range s {
			s[i] = v
		}
		return s
	}
	for _, tc := range []struct {
		name   string
		losses []float64
		stopAt int // -1: never
	}{
		{"healthy", []float64{2.3, 2.2, 1.9, 1.2, 0.8, 0.5, 0.4}, -1},
		{"one bad batch", append([]float64{2.3, 1.0, 0.5, 16.1, 0.5}, repeat(0.5, 50)...), -1},
		{"blown up", append([]float64{2.3}, repeat(13, 20)...), 6},
		{"at chance for a while", repeat(2.3, 999), -1},
		{"stuck at chance", repeat(2.3, 1200), 999},
		{"slow start", append(repeat(2.3, 900), repeat(1.5, 300)...), -1},
		{"stuck again", append(append(repeat(2.3, 900), repeat(1.5, 100)...), repeat(2.29, 1100)...), 2018}, // the average needs 19 steps to climb back
		{"NaN", []float64{2.3, 2.2, math.NaN()}, 2},
		{"infinite", []float64{2.3, math.Inf(1)}, 1},
		// A wide network starts far above chance: judged against its start.
		{"wide start, learning", append([]float64{40, 35, 30, 20, 10}, repeat(1, 50)...), -1},
		{"wide start, blown up", append([]float64{40}, repeat(200, 30)...), 7},
	} {
		g := NewGuard(10)
		stopped := -1
		for i, loss := range tc.losses {
			if err := g.Check(i, loss); err != nil {
				stopped = i
				if d, ok := errors.AsType[*DivergedError](err); !ok || d.Iter != i || !errors.Is(err, ErrDiverged) || strings.Contains(err.Error(), "-lr") {
					t.Errorf("%s: error %q should be a *DivergedError at iteration %d that names no flag", tc.name, err, i)
				}
				break
			}
		}
		if stopped != tc.stopAt {
			t.Errorf("%s: stopped at iteration %d, want %d", tc.name, stopped, tc.stopAt)
		}
	}
}
