// Nesterov's accelerated gradient, a variant of Momentum (the book's section
// 6.1.4) that the book implements as class Nesterov in common/optimizer.py,
// in the form of
// Bengio, Boulanger-Lewandowski and Pascanu, "Advances in optimizing recurrent
// networks", https://arxiv.org/abs/1212.0901, equation 7.
//
// Nesterov momentum takes the gradient at the look-ahead point W + momentum*v
// instead of at W. Equation 7 rewrites it so that the stored parameters are
// the look-ahead point itself, and the gradient the network computes at them
// is the one needed:
//
//	W <- W + momentum^2 * v - (1 + momentum) * lr * dL/dW   (old v)
//	v <- momentum * v - lr * dL/dW
//
// The order matters: W must move with the velocity of the previous step.
// Older copies of the book's file, and the many ports made from them, update
// v first and then use the new v in the W line, which gives
// W + momentum^3*v - (1+momentum+momentum^2)*lr*dL/dW: not Nesterov's step
// (with momentum 0.9 its gradient term is 2.71*lr*dL/dW instead of 1.9*lr*dL/dW). The book's repository corrected the order in 2021; its
// common/optimizer.py now reads
//
//	params[key] += self.momentum * self.momentum * self.v[key]
//	params[key] -= (1 + self.momentum) * self.lr * grads[key]
//	self.v[key] *= self.momentum
//	self.v[key] -= self.lr * grads[key]
//
// which is what Update does. The same mistake was reported against Chainer's
// NesterovAG (https://github.com/chainer/chainer/issues/4274).
// TestNesterovIsLookAheadMomentum checks this form against the look-ahead
// definition step by step.

package optimizer

import (
	"dlfs/common/mat"
	"dlfs/common/nn"
)

// Nesterov is momentum SGD that takes its gradient where the velocity is
// about to carry the weights (see the file comment for the update).
// The book's defaults are lr 0.01 and momentum 0.9.
type Nesterov struct {
	LR       float64 // learning rate
	Momentum float64 // how much of the velocity survives each step

	v map[string]*mat.Matrix // velocity per parameter, zero at first
}

// NewNesterov returns Nesterov with learning rate lr and momentum coefficient momentum.
func NewNesterov(lr, momentum float64) *Nesterov { return &Nesterov{LR: lr, Momentum: momentum} }

// Update moves every parameter with the previous velocity and the gradient,
// then updates the velocity.
func (o *Nesterov) Update(params []nn.Param) {
	lr, mu := o.LR, o.Momentum
	for _, p := range params {
		w, g := pair("Nesterov", p)
		v := slot("Nesterov", &o.v, p)
		for i := range w {
			w[i] += mu * mu * v[i]
			w[i] -= (1 + mu) * lr * g[i]
			v[i] *= mu
			v[i] -= lr * g[i]
		}
	}
}
