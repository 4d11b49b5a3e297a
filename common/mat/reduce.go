// Reductions and row selection: np.sum(axis=...), np.argmax(axis=1), x[idx].

package mat

import (
	"fmt"
	"math"
)

// Sum returns the sum of all elements of m.
func Sum(m *Matrix) float64 {
	s := 0.0
	for _, v := range m.Data {
		s += v
	}
	return s
}

// SumAxis0 returns the 1xCols matrix of column sums, NumPy's np.sum(m, axis=0).
// It is how a bias gradient is summed over the batch.
func SumAxis0(m *Matrix) *Matrix {
	s := New(1, m.Cols)
	sum := s.Data
	for i := 0; i < m.Rows; i++ {
		row := m.Row(i)[:len(sum)] // same length as sum: no bounds checks below
		for j, v := range row {
			sum[j] += v
		}
	}
	return s
}

// SumAxis1 returns the Rowsx1 matrix of row sums, NumPy's np.sum(m, axis=1).
func SumAxis1(m *Matrix) *Matrix {
	s := New(m.Rows, 1)
	for i := 0; i < m.Rows; i++ {
		for _, v := range m.Row(i) {
			s.Data[i] += v
		}
	}
	return s
}

// ArgmaxRows returns, for each row, the column of its largest element (the
// first one on ties, the first NaN if there is one), NumPy's
// np.argmax(m, axis=1). Like NumPy, it panics on a matrix with rows but no
// columns.
func ArgmaxRows(m *Matrix) []int {
	if m.Rows > 0 && m.Cols == 0 {
		panic(fmt.Sprintf("mat.ArgmaxRows: a %dx0 matrix has no columns to choose from", m.Rows))
	}
	idx := make([]int, m.Rows)
	for i := 0; i < m.Rows; i++ {
		row := m.Row(i)
		best := 0
		for j, v := range row {
			// The first NaN wins and stays, as in NumPy (NaN != NaN).
			if v > row[best] || (v != v && row[best] == row[best]) {
				best = j
			}
		}
		idx[i] = best
	}
	return idx
}

// TakeRows returns a new matrix made of the rows of m listed in idx, in that
// order, NumPy's m[idx]. It is how a random mini-batch is drawn.
func TakeRows(m *Matrix, idx []int) *Matrix {
	t := New(len(idx), m.Cols)
	for k, i := range idx {
		if i < 0 || i >= m.Rows {
			panic(fmt.Sprintf("mat.TakeRows: row %d out of range [0,%d)", i, m.Rows))
		}
		copy(t.Row(k), m.Row(i))
	}
	return t
}

// MaxAbsDiff returns the largest |a(i,j) - b(i,j)|, for comparing results in
// tests. A NaN anywhere in a or b (or Inf against Inf) counts as an infinite
// difference, so that a check such as MaxAbsDiff(got, want) > 1e-9 fails on
// it instead of passing because NaN > 1e-9 is false.
func MaxAbsDiff(a, b *Matrix) float64 {
	mustSameShape("MaxAbsDiff", a, b)
	bData := b.Data[:len(a.Data)]
	d := 0.0
	for i, v := range a.Data {
		e := math.Abs(v - bData[i])
		if e != e { // NaN
			return math.Inf(1)
		}
		d = max(d, e)
	}
	return d
}
