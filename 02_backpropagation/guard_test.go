package main

import (
	"errors"
	"strings"
	"testing"

	"dlfs/common/trainer"
)

func TestLossGuard(t *testing.T) {
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
		{"stuck at chance", repeat(2.3, 100), -1},
	} {
		g := newLossGuard(10)
		stopped := -1
		for i, loss := range tc.losses {
			if err := g.check(i, loss); err != nil {
				stopped = i
				if !errors.Is(err, trainer.ErrDiverged) || !strings.Contains(err.Error(), "learning rate") {
					t.Errorf("%s: error %q should wrap ErrDiverged and name the learning rate", tc.name, err)
				}
				break
			}
		}
		if stopped != tc.stopAt {
			t.Errorf("%s: stopped at iteration %d, want %d", tc.name, stopped, tc.stopAt)
		}
	}
}
