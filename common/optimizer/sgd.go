// SGD, stochastic gradient descent: the book's section 6.1.2 and class SGD in
// common/optimizer.py.

package optimizer

import "dlfs/common/nn"

// SGD is plain gradient descent, W <- W - lr * dL/dW.
// The book's default learning rate is 0.01.
type SGD struct {
	LR float64 // learning rate
}

// NewSGD returns SGD with learning rate lr.
func NewSGD(lr float64) *SGD { return &SGD{LR: lr} }

// Update sets params[key] -= LR * grads[key] for every key.
func (o *SGD) Update(params []nn.Param) {
	lr := o.LR
	for _, p := range params {
		w, g := pair("SGD", p)
		for i := range w {
			w[i] -= lr * g[i]
		}
	}
}
