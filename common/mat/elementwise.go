// Element-wise arithmetic and NumPy-style broadcasting of a bias row.
// These are the a + b, a * b, a * 0.5 and x + b of the book's Python code.

package mat

import "fmt"

// Add returns a + b, element by element.
func Add(a, b *Matrix) *Matrix { return a.Clone().AddScaled(1, b) }

// Sub returns a - b, element by element.
func Sub(a, b *Matrix) *Matrix { return a.Clone().AddScaled(-1, b) }

// Mul returns the element-wise (Hadamard) product a * b.
func Mul(a, b *Matrix) *Matrix {
	mustSameShape("Mul", a, b)
	c := New(a.Rows, a.Cols)
	for i, v := range a.Data {
		c.Data[i] = v * b.Data[i]
	}
	return c
}

// Map returns a new matrix holding f applied to each element of a.
func Map(a *Matrix, f func(float64) float64) *Matrix {
	c := New(a.Rows, a.Cols)
	for i, v := range a.Data {
		c.Data[i] = f(v)
	}
	return c
}

// Scale multiplies every element of m by s, in place, and returns m.
func (m *Matrix) Scale(s float64) *Matrix {
	for i := range m.Data {
		m.Data[i] *= s
	}
	return m
}

// AddScaled adds alpha*b to m, in place, and returns m (BLAS's axpy).
// With alpha = -lr it is one step of gradient descent: W -= lr * dW.
func (m *Matrix) AddScaled(alpha float64, b *Matrix) *Matrix {
	mustSameShape("AddScaled", m, b)
	for i, v := range b.Data {
		m.Data[i] += alpha * v
	}
	return m
}

// AddRowVector adds the 1xCols matrix v to every row of m, in place, and
// returns m. This is NumPy's broadcasting in x @ W + b.
func (m *Matrix) AddRowVector(v *Matrix) *Matrix {
	if v.Rows != 1 || v.Cols != m.Cols {
		panic(fmt.Sprintf("mat.AddRowVector: need a 1x%d row, got %dx%d", m.Cols, v.Rows, v.Cols))
	}
	bias := v.Data
	for i := 0; i < m.Rows; i++ {
		row := m.Row(i)[:len(bias)] // same length as bias: no bounds checks below
		for j, b := range bias {
			row[j] += b
		}
	}
	return m
}

// Apply replaces every element x of m by f(x), in place, and returns m.
func (m *Matrix) Apply(f func(float64) float64) *Matrix {
	for i, v := range m.Data {
		m.Data[i] = f(v)
	}
	return m
}
