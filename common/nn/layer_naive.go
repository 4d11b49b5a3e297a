// The multiplication and addition nodes of the book's chapter 5.4
// (ch05/layer_naive.py): backpropagation on single numbers, before matrices.

package nn

// MulLayer is the multiplication node out = x * y. Its backward pass swaps
// the inputs: dx = dout * y, dy = dout * x.
type MulLayer struct {
	X, Y float64 // the inputs of the last Forward
}

// Forward returns x * y and remembers x and y.
func (l *MulLayer) Forward(x, y float64) float64 {
	l.X, l.Y = x, y
	return x * y
}

// Backward returns dout * y and dout * x.
func (l *MulLayer) Backward(dout float64) (dx, dy float64) {
	return dout * l.Y, dout * l.X
}

// AddLayer is the addition node out = x + y. Its backward pass passes dout
// unchanged to both inputs.
type AddLayer struct{}

// Forward returns x + y.
func (AddLayer) Forward(x, y float64) float64 { return x + y }

// Backward returns dout for both inputs.
func (AddLayer) Backward(dout float64) (dx, dy float64) { return dout, dout }
