// The Matrix type: shape, element access, rows and copies.
// In the book this is simply a NumPy ndarray of two dimensions.

package mat

import (
	"fmt"
	"strings"
)

// Matrix is a dense row-major float64 matrix with Rows rows and Cols columns.
// Element (i, j) is Data[i*Cols+j].
type Matrix struct {
	Rows, Cols int
	Data       []float64
}

// New returns a zero Rows x Cols matrix.
func New(rows, cols int) *Matrix {
	if rows < 0 || cols < 0 {
		panic(fmt.Sprintf("mat.New: negative shape %dx%d", rows, cols))
	}
	return &Matrix{Rows: rows, Cols: cols, Data: make([]float64, rows*cols)}
}

// NewFrom wraps data, which must hold rows*cols values in row-major order, as
// a matrix. The matrix shares data; it does not copy it.
func NewFrom(rows, cols int, data []float64) *Matrix {
	if rows < 0 || cols < 0 || len(data) != rows*cols {
		panic(fmt.Sprintf("mat.NewFrom: %d values do not fill a %dx%d matrix", len(data), rows, cols))
	}
	return &Matrix{Rows: rows, Cols: cols, Data: data}
}

// Shape returns the number of rows and columns, like NumPy's a.shape.
func (m *Matrix) Shape() (rows, cols int) { return m.Rows, m.Cols }

// At returns element (i, j).
func (m *Matrix) At(i, j int) float64 { return m.Data[i*m.Cols+j] }

// Set sets element (i, j) to v.
func (m *Matrix) Set(i, j int, v float64) { m.Data[i*m.Cols+j] = v }

// Row returns row i as a slice that shares the matrix's storage.
func (m *Matrix) Row(i int) []float64 { return m.Data[i*m.Cols : (i+1)*m.Cols] }

// Clone returns a deep copy of m.
func (m *Matrix) Clone() *Matrix {
	c := New(m.Rows, m.Cols)
	copy(c.Data, m.Data)
	return c
}

// CopyFrom copies the values of src, which must have m's shape, into m.
func (m *Matrix) CopyFrom(src *Matrix) *Matrix {
	mustSameShape("CopyFrom", m, src)
	copy(m.Data, src.Data)
	return m
}

// Zero sets every element of m to 0 and returns m.
func (m *Matrix) Zero() *Matrix {
	clear(m.Data)
	return m
}

// Reshape returns a matrix that shares m's data with a new shape holding the
// same number of elements, like NumPy's a.reshape(rows, cols).
func (m *Matrix) Reshape(rows, cols int) *Matrix {
	if rows*cols != len(m.Data) {
		panic(fmt.Sprintf("mat.Reshape: cannot reshape %dx%d into %dx%d", m.Rows, m.Cols, rows, cols))
	}
	return &Matrix{Rows: rows, Cols: cols, Data: m.Data}
}

// String formats m one row per line, for printing small matrices in examples.
func (m *Matrix) String() string {
	var b strings.Builder
	for i := 0; i < m.Rows; i++ {
		b.WriteString("[")
		for j, v := range m.Row(i) {
			if j > 0 {
				b.WriteString(" ")
			}
			fmt.Fprintf(&b, "%g", v)
		}
		b.WriteString("]")
		if i < m.Rows-1 {
			b.WriteString("\n")
		}
	}
	return b.String()
}

func mustSameShape(op string, a, b *Matrix) {
	if a.Rows != b.Rows || a.Cols != b.Cols {
		panic(fmt.Sprintf("mat.%s: shapes %dx%d and %dx%d differ", op, a.Rows, a.Cols, b.Rows, b.Cols))
	}
}
