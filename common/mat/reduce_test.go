// Tests of the reductions and row selection, against loops over At.

package mat

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func TestSums(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	for _, s := range [][2]int{{0, 0}, {0, 3}, {3, 0}, {1, 1}, {1, 6}, {6, 1}, {5, 7}, {100, 50}} {
		m := randMatrix(rng, s[0], s[1], 0.3)
		total, cols, rows := 0.0, New(1, m.Cols), New(m.Rows, 1)
		for i := 0; i < m.Rows; i++ {
			for j := 0; j < m.Cols; j++ {
				total += m.At(i, j)
				cols.Data[j] += m.At(i, j)
				rows.Data[i] += m.At(i, j)
			}
		}
		if got := Sum(m); math.Abs(got-total) > 1e-12*float64(len(m.Data)) {
			t.Errorf("%dx%d: Sum = %v, want %v", s[0], s[1], got, total)
		}
		if got := SumAxis0(m); got.Rows != 1 || got.Cols != m.Cols || MaxAbsDiff(got, cols) != 0 {
			t.Errorf("%dx%d: SumAxis0 = %v, want %v", s[0], s[1], got, cols)
		}
		if got := SumAxis1(m); got.Rows != m.Rows || got.Cols != 1 || MaxAbsDiff(got, rows) != 0 {
			t.Errorf("%dx%d: SumAxis1 = %v, want %v", s[0], s[1], got, rows)
		}
	}
}

func TestArgmaxRows(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	tests := []struct {
		name string
		row  []float64
		want int
	}{
		{"one", []float64{-3}, 0},
		{"last", []float64{1, 2, 3}, 2},
		{"first", []float64{3, 2, 1}, 0},
		{"negative", []float64{-5, -1, -2}, 1},
		{"tie takes first", []float64{0, 4, 1, 4}, 1},
		{"inf", []float64{1, inf, 2}, 1},
		{"NaN wins like NumPy", []float64{1, 5, nan, 9, nan}, 2},
		{"NaN first", []float64{nan, 5}, 0},
	}
	m := New(0, 0)
	for _, tt := range tests {
		got := ArgmaxRows(NewFrom(1, len(tt.row), tt.row))
		if len(got) != 1 || got[0] != tt.want {
			t.Errorf("%s: ArgmaxRows(%v) = %v, want [%d]", tt.name, tt.row, got, tt.want)
		}
	}
	if got := ArgmaxRows(m); len(got) != 0 {
		t.Errorf("ArgmaxRows of 0x0 = %v, want []", got)
	}
	if msg := panicMessage(func() { ArgmaxRows(New(2, 0)) }); !strings.Contains(msg, "2x0") {
		t.Errorf("ArgmaxRows(2x0) panicked with %q, want a message naming 2x0", msg)
	}
}

func TestTakeRows(t *testing.T) {
	m := NewFrom(4, 2, []float64{0, 1, 10, 11, 20, 21, 30, 31})
	tests := []struct {
		idx  []int
		want []float64
	}{
		{[]int{}, []float64{}},
		{[]int{2}, []float64{20, 21}},
		{[]int{3, 0, 3}, []float64{30, 31, 0, 1, 30, 31}},
	}
	for _, tt := range tests {
		got := TakeRows(m, tt.idx)
		if got.Rows != len(tt.idx) || got.Cols != 2 || !slices.Equal(got.Data, tt.want) {
			t.Errorf("TakeRows(%v) = %dx%d %v, want %v", tt.idx, got.Rows, got.Cols, got.Data, tt.want)
		}
	}
	got := TakeRows(m, []int{1})
	got.Data[0] = -1
	if m.At(1, 0) != 10 {
		t.Error("TakeRows shares data with its source")
	}
	for _, bad := range []int{-1, 4} {
		if msg := panicMessage(func() { TakeRows(m, []int{0, bad}) }); !strings.Contains(msg, "out of range") {
			t.Errorf("TakeRows with row %d panicked with %q", bad, msg)
		}
	}
}

func TestMaxAbsDiff(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	tests := []struct {
		name string
		a, b []float64
		want float64
	}{
		{"equal", []float64{1, 2}, []float64{1, 2}, 0},
		{"positive", []float64{1, 2}, []float64{1, 1.5}, 0.5},
		{"negative", []float64{1, 2}, []float64{4, 1.5}, 3},
		{"empty", []float64{}, []float64{}, 0},
		{"inf", []float64{inf, 0}, []float64{1, 0}, inf},
		{"NaN in a", []float64{nan, 0}, []float64{1, 0}, inf},
		{"NaN in b", []float64{0, 1}, []float64{0, nan}, inf},
		{"Inf against Inf", []float64{inf}, []float64{inf}, inf},
	}
	for _, tt := range tests {
		a, b := NewFrom(1, len(tt.a), tt.a), NewFrom(1, len(tt.b), tt.b)
		if got := MaxAbsDiff(a, b); got != tt.want {
			t.Errorf("%s: MaxAbsDiff = %v, want %v", tt.name, got, tt.want)
		}
	}
	if msg := panicMessage(func() { MaxAbsDiff(New(1, 2), New(2, 1)) }); !strings.Contains(msg, "1x2") || !strings.Contains(msg, "2x1") {
		t.Errorf("MaxAbsDiff of 1x2 and 2x1 panicked with %q", msg)
	}
}
