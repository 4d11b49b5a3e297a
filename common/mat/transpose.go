// The transpose, NumPy's m.T, written so that both its reads and its writes
// move through memory in order.

package mat

// T returns the transpose of m as a new matrix, NumPy's m.T.
func T(m *Matrix) *Matrix {
	t := New(m.Cols, m.Rows)
	transposeInto(t, m)
	return t
}

// transposeTile is the number of columns of m that one sweep down its rows
// transposes: the 32 rows of t being written then stay in cache.
const transposeTile = 32

// transposeInto stores mᵀ in t, which must be m.Cols x m.Rows.
//
// The plain loop (t(j, i) = m(i, j) for each i, j) writes a whole column of t
// for every row of m, one cache line per element. Here four rows of m are
// read together, so each row of t gets four neighbouring values per write,
// and the columns are taken transposeTile at a time.
func transposeInto(t, m *Matrix) {
	rows, cols := m.Rows, m.Cols
	for j0 := 0; j0 < cols; j0 += transposeTile {
		j1 := min(j0+transposeTile, cols)
		i := 0
		for ; i+4 <= rows; i += 4 {
			m0 := m.Data[i*cols+j0 : i*cols+j1]
			m1 := m.Data[(i+1)*cols+j0 : (i+1)*cols+j1]
			m2 := m.Data[(i+2)*cols+j0 : (i+2)*cols+j1]
			m3 := m.Data[(i+3)*cols+j0 : (i+3)*cols+j1]
			m1, m2, m3 = m1[:len(m0)], m2[:len(m0)], m3[:len(m0)]
			for j, v := range m0 {
				// The four values that go to row j0+j of t, columns i..i+3.
				ti := t.Data[(j0+j)*rows+i : (j0+j)*rows+i+4]
				ti[0], ti[1], ti[2], ti[3] = v, m1[j], m2[j], m3[j]
			}
		}
		for ; i < rows; i++ {
			for j, v := range m.Data[i*cols+j0 : i*cols+j1] {
				t.Data[(j0+j)*rows+i] = v
			}
		}
	}
}
