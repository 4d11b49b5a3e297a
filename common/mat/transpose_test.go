// Tests of T against its definition, t(j, i) = m(i, j), on shapes around
// the 4-row and 32-column blocks of transposeInto.

package mat

import (
	"math/rand/v2"
	"testing"
)

func TestTranspose(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, s := range [][2]int{{0, 0}, {0, 5}, {5, 0}, {1, 1}, {1, 9}, {9, 1}, {3, 33}, {4, 32}, {7, 65}, {100, 784}, {57, 3}} {
		m := randMatrix(rng, s[0], s[1], 0)
		tr := T(m)
		if tr.Rows != m.Cols || tr.Cols != m.Rows {
			t.Fatalf("T of %dx%d is %dx%d", m.Rows, m.Cols, tr.Rows, tr.Cols)
		}
		for i := 0; i < m.Rows; i++ {
			for j := 0; j < m.Cols; j++ {
				if tr.At(j, i) != m.At(i, j) {
					t.Fatalf("T of %dx%d: (%d,%d) = %v, want m(%d,%d) = %v", m.Rows, m.Cols, j, i, tr.At(j, i), i, j, m.At(i, j))
				}
			}
		}
	}
}
