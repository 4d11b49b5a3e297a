// Reductions and row selection: np.sum(axis=...), np.argmax(axis=1), x[idx].

package mat

import "fmt"

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
	for i := 0; i < m.Rows; i++ {
		for j, v := range m.Row(i) {
			s.Data[j] += v
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
// first one on ties), NumPy's np.argmax(m, axis=1).
func ArgmaxRows(m *Matrix) []int {
	idx := make([]int, m.Rows)
	for i := 0; i < m.Rows; i++ {
		row := m.Row(i)
		best := 0
		for j, v := range row {
			if v > row[best] {
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

// MaxAbsDiff returns the largest |a(i,j) - b(i,j)|, for comparing results in tests.
func MaxAbsDiff(a, b *Matrix) float64 {
	mustSameShape("MaxAbsDiff", a, b)
	d := 0.0
	for i, v := range a.Data {
		if e := v - b.Data[i]; e > d {
			d = e
		} else if -e > d {
			d = -e
		}
	}
	return d
}
