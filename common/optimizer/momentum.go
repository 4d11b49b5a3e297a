// Momentum SGD: the book's section 6.1.4 and class Momentum in
// common/optimizer.py.

package optimizer

import (
	"dlfs/common/mat"
	"dlfs/common/nn"
)

// Momentum is SGD with a velocity v that rolls like a ball down the loss:
//
//	v <- momentum * v - lr * dL/dW
//	W <- W + v
//
// The book's defaults are lr 0.01 and momentum 0.9.
type Momentum struct {
	LR       float64 // learning rate
	Momentum float64 // how much of the velocity survives each step

	v map[string]*mat.Matrix // velocity per parameter, zero at first
}

// NewMomentum returns Momentum with learning rate lr and momentum coefficient momentum.
func NewMomentum(lr, momentum float64) *Momentum { return &Momentum{LR: lr, Momentum: momentum} }

// Update moves every parameter by its velocity after updating the velocity
// with the gradient.
func (o *Momentum) Update(params []nn.Param) {
	lr, mu := o.LR, o.Momentum
	for _, p := range params {
		w, g := pair("Momentum", p)
		v := slot("Momentum", &o.v, p)
		for i := range w {
			v[i] = mu*v[i] - lr*g[i]
			w[i] += v[i]
		}
	}
}
