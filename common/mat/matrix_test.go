// Tests of the Matrix type: construction, element access, views that share
// storage, copies, reshaping and printing.

package mat

import (
	"math/rand/v2"
	"strings"
	"testing"
)

func TestNewIsZeroWithShape(t *testing.T) {
	for _, s := range [][2]int{{0, 0}, {0, 4}, {3, 0}, {1, 1}, {2, 3}} {
		m := New(s[0], s[1])
		if r, c := m.Shape(); r != s[0] || c != s[1] || len(m.Data) != s[0]*s[1] {
			t.Errorf("New(%d, %d): shape %dx%d with %d values", s[0], s[1], r, c, len(m.Data))
		}
		for _, v := range m.Data {
			if v != 0 {
				t.Fatalf("New(%d, %d) holds %v", s[0], s[1], v)
			}
		}
	}
}

func TestAtSetRowFollowRowMajorLayout(t *testing.T) {
	m := New(3, 4)
	for i := 0; i < 3; i++ {
		for j := 0; j < 4; j++ {
			m.Set(i, j, float64(10*i+j))
		}
	}
	for k, v := range m.Data {
		if want := float64(10*(k/4) + k%4); v != want {
			t.Errorf("Data[%d] = %v, want %v (element (%d,%d))", k, v, want, k/4, k%4)
		}
	}
	if got := m.At(2, 1); got != 21 {
		t.Errorf("At(2, 1) = %v, want 21", got)
	}
	row := m.Row(1)
	if len(row) != 4 || row[0] != 10 || row[3] != 13 {
		t.Errorf("Row(1) = %v, want [10 11 12 13]", row)
	}
	row[2] = -1 // a view: the matrix sees the change
	if m.At(1, 2) != -1 {
		t.Errorf("Row(1) is not a view: At(1, 2) = %v after row[2] = -1", m.At(1, 2))
	}
}

func TestNewFromSharesData(t *testing.T) {
	data := []float64{1, 2, 3, 4, 5, 6}
	m := NewFrom(2, 3, data)
	data[4] = 50
	if m.At(1, 1) != 50 {
		t.Errorf("NewFrom copied its data: At(1, 1) = %v after data[4] = 50", m.At(1, 1))
	}
}

func TestCloneAndCopyFromAreDeep(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	a := randMatrix(rng, 3, 5, 0)
	c := a.Clone()
	if MaxAbsDiff(a, c) != 0 {
		t.Fatal("Clone differs from its source")
	}
	c.Data[0] = 99
	if a.Data[0] == 99 {
		t.Error("Clone shares data with its source")
	}
	d := New(3, 5).CopyFrom(a)
	a.Data[1] = 77
	if d.Data[1] == 77 || d.Data[2] != a.Data[2] {
		t.Error("CopyFrom did not make an independent copy")
	}
	c.Zero()
	for _, v := range c.Data {
		if v != 0 {
			t.Fatalf("Zero left %v", v)
		}
	}
}

func TestReshapeSharesData(t *testing.T) {
	m := NewFrom(2, 3, []float64{1, 2, 3, 4, 5, 6})
	r := m.Reshape(3, 2)
	if r.Rows != 3 || r.Cols != 2 || r.At(2, 0) != 5 {
		t.Fatalf("Reshape(3, 2) = %dx%d with (2,0) = %v, want 3x2 with 5", r.Rows, r.Cols, r.At(2, 0))
	}
	r.Set(0, 1, 20)
	if m.At(0, 1) != 20 {
		t.Error("Reshape copied its data")
	}
}

func TestString(t *testing.T) {
	tests := []struct {
		m    *Matrix
		want string
	}{
		{NewFrom(2, 3, []float64{1, 2.5, -3, 0, 1e-7, 4}), "[1 2.5 -3]\n[0 1e-07 4]"},
		{NewFrom(1, 1, []float64{7}), "[7]"},
		{New(0, 3), ""},
	}
	for _, tt := range tests {
		if got := tt.m.String(); got != tt.want {
			t.Errorf("String() = %q, want %q", got, tt.want)
		}
	}
}

func TestMatrixPanics(t *testing.T) {
	tests := []struct {
		name  string
		call  func()
		names []string
	}{
		{"New negative", func() { New(-1, 3) }, []string{"New", "-1x3"}},
		{"NewFrom short", func() { NewFrom(2, 3, make([]float64, 5)) }, []string{"NewFrom", "5", "2x3"}},
		{"Reshape", func() { New(2, 3).Reshape(4, 2) }, []string{"Reshape", "2x3", "4x2"}},
		{"CopyFrom", func() { New(2, 3).CopyFrom(New(3, 2)) }, []string{"CopyFrom", "2x3", "3x2"}},
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
