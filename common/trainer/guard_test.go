package trainer

import (
	"errors"
	"math"
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
			if !strings.Contains(err.Error(), "iteration 42") || !strings.Contains(err.Error(), "learning rate") {
				t.Errorf("CheckLoss error %q should name the iteration and the learning rate", err)
			}
		}
	}
}
