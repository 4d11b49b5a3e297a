package nn

import (
	"fmt"
	"math"
	"testing"

	"dlfs/common/mat"
)

func TestNumericalDiff(t *testing.T) {
	// d/dx (0.01x^2 + 0.1x) = 0.02x + 0.1, the book's function_1.
	f := func(x float64) float64 { return 0.01*x*x + 0.1*x }
	for _, x := range []float64{5, 10, -3} {
		if got, want := NumericalDiff(f, x), 0.02*x+0.1; math.Abs(got-want) > 1e-9 {
			t.Errorf("NumericalDiff at %v = %v, want %v", x, got, want)
		}
	}
}

func TestNumericalGradientRestoresInput(t *testing.T) {
	x := mat.NewFrom(1, 3, []float64{3, 4, -2})
	f := func(x *mat.Matrix) float64 { return x.Data[0]*x.Data[1] + x.Data[2]*x.Data[2]*x.Data[2] }
	g := NumericalGradient(f, x)
	want := []float64{4, 3, 12}
	for i := range want {
		if math.Abs(g.Data[i]-want[i]) > 1e-6 {
			t.Errorf("grad[%d] = %v, want %v", i, g.Data[i], want[i])
		}
	}
	if x.Data[0] != 3 || x.Data[1] != 4 || x.Data[2] != -2 {
		t.Errorf("NumericalGradient left x changed: %v", x.Data)
	}
}

// The book's function_2, f(x0, x1) = x0^2 + x1^2, at (3, 4): the gradient is (6, 8).
func ExampleNumericalGradient() {
	f := func(x *mat.Matrix) float64 { return x.Data[0]*x.Data[0] + x.Data[1]*x.Data[1] }
	g := NumericalGradient(f, mat.NewFrom(1, 2, []float64{3, 4}))
	fmt.Printf("%.4f %.4f\n", g.Data[0], g.Data[1])
	// Output: 6.0000 8.0000
}
