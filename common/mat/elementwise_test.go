// Tests of the element-wise functions and methods, each against its
// definition written out element by element.

package mat

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

func TestElementwiseMatchDefinitions(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	a, b := randMatrix(rng, 4, 7, 0.2), randMatrix(rng, 4, 7, 0.2)
	square := func(v float64) float64 { return v * v }
	tests := []struct {
		name string
		got  func() *Matrix             // computes the result (a and b are cloned first)
		want func(x, y float64) float64 // the result element from a(i,j), b(i,j)
	}{
		{"Add", func() *Matrix { return Add(a, b) }, func(x, y float64) float64 { return x + y }},
		{"Sub", func() *Matrix { return Sub(a, b) }, func(x, y float64) float64 { return x - y }},
		{"Mul", func() *Matrix { return Mul(a, b) }, func(x, y float64) float64 { return x * y }},
		{"Map", func() *Matrix { return Map(a, square) }, func(x, _ float64) float64 { return x * x }},
		{"Scale", func() *Matrix { return a.Clone().Scale(-2.5) }, func(x, _ float64) float64 { return -2.5 * x }},
		{"AddScaled", func() *Matrix { return a.Clone().AddScaled(-0.1, b) }, func(x, y float64) float64 { return x + -0.1*y }},
		{"Apply", func() *Matrix { return a.Clone().Apply(math.Exp) }, func(x, _ float64) float64 { return math.Exp(x) }},
	}
	for _, tt := range tests {
		a0, b0 := a.Clone(), b.Clone()
		got := tt.got()
		if MaxAbsDiff(a, a0) != 0 || MaxAbsDiff(b, b0) != 0 {
			t.Errorf("%s changed an argument", tt.name)
		}
		if got.Rows != a.Rows || got.Cols != a.Cols {
			t.Fatalf("%s: shape %dx%d, want %dx%d", tt.name, got.Rows, got.Cols, a.Rows, a.Cols)
		}
		for k := range got.Data {
			if want := tt.want(a.Data[k], b.Data[k]); got.Data[k] != want {
				t.Errorf("%s: element %d = %v, want %v", tt.name, k, got.Data[k], want)
				break
			}
		}
	}
}

func TestInPlaceMethodsReturnReceiver(t *testing.T) {
	m := New(2, 2)
	v := New(1, 2)
	for name, got := range map[string]*Matrix{
		"Scale":        m.Scale(2),
		"AddScaled":    m.AddScaled(1, New(2, 2)),
		"AddRowVector": m.AddRowVector(v),
		"Apply":        m.Apply(math.Abs),
		"Zero":         m.Zero(),
		"CopyFrom":     m.CopyFrom(New(2, 2)),
	} {
		if got != m {
			t.Errorf("%s did not return its receiver", name)
		}
	}
}

func TestAddRowVectorBroadcasts(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 9))
	for _, s := range [][2]int{{0, 3}, {1, 1}, {5, 1}, {4, 7}, {100, 50}} {
		m := randMatrix(rng, s[0], s[1], 0)
		v := randMatrix(rng, 1, s[1], 0)
		got := m.Clone().AddRowVector(v)
		for i := 0; i < m.Rows; i++ {
			for j := 0; j < m.Cols; j++ {
				if want := m.At(i, j) + v.At(0, j); got.At(i, j) != want {
					t.Fatalf("%dx%d: (%d,%d) = %v, want %v", s[0], s[1], i, j, got.At(i, j), want)
				}
			}
		}
	}
}

func TestElementwisePanics(t *testing.T) {
	a, b := New(2, 3), New(3, 2)
	tests := []struct {
		name  string
		call  func()
		names []string
	}{
		{"Add", func() { Add(a, b) }, []string{"2x3", "3x2"}},
		{"Sub", func() { Sub(a, b) }, []string{"2x3", "3x2"}},
		{"Mul", func() { Mul(a, b) }, []string{"Mul", "2x3", "3x2"}},
		{"AddScaled", func() { a.AddScaled(1, b) }, []string{"AddScaled", "2x3", "3x2"}},
		{"AddRowVector column", func() { a.AddRowVector(New(3, 1)) }, []string{"AddRowVector", "1x3", "3x1"}},
		{"AddRowVector length", func() { a.AddRowVector(New(1, 2)) }, []string{"AddRowVector", "1x3", "1x2"}},
	}
	for _, tt := range tests {
		msg := panicMessage(tt.call)
		for _, want := range tt.names {
			if !strings.Contains(msg, want) {
				t.Errorf("%s: panic %q does not name %q", tt.name, msg, want)
			}
		}
	}
}
