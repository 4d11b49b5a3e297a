// Tests of the two relative errors on hand-worked cases.

package relerr

import (
	"math"
	"testing"

	"dlfs/common/mat"
)

func TestNorm(t *testing.T) {
	a := mat.NewFrom(1, 2, []float64{3, 4})
	b := mat.NewFrom(1, 2, []float64{3, 4.5})
	// |a-b| = 0.5, |a| = 5, |b| = sqrt(9 + 20.25)
	want := 0.5 / (5 + math.Sqrt(29.25))
	if got := Norm(a, b); math.Abs(got-want) > 1e-15 {
		t.Errorf("Norm = %v, want %v", got, want)
	}
	zero := mat.New(1, 2)
	tiny := mat.NewFrom(1, 2, []float64{1e-12, 0})
	if got := Norm(zero, tiny); got != 1e-12/Floor {
		t.Errorf("Norm of a zero gradient against 1e-12 = %v, want %v (the floor)", got, 1e-12/Floor)
	}
}

func TestMax(t *testing.T) {
	a := mat.NewFrom(1, 3, []float64{1, -8, 2})
	b := mat.NewFrom(1, 3, []float64{1.5, -8, 2})
	if got := Max(a, b); got != 0.5/8 {
		t.Errorf("Max = %v, want 0.5/8", got)
	}
	if got := Max(mat.New(2, 2), mat.New(2, 2)); got != 0 {
		t.Errorf("Max of two zero matrices = %v, want 0", got)
	}
}

func TestShapesMustMatch(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("Norm of a 1x2 and a 2x1 matrix did not panic")
		}
	}()
	Norm(mat.New(1, 2), mat.New(2, 1))
}
