// AdaGrad: the book's section 6.1.5 and class AdaGrad in common/optimizer.py.

package optimizer

import (
	"math"

	"dlfs/common/mat"
	"dlfs/common/nn"
)

// AdaGrad gives each weight its own learning rate, which shrinks as that
// weight's squared gradients add up in h:
//
//	h <- h + dL/dW * dL/dW
//	W <- W - lr * dL/dW / (sqrt(h) + 1e-7)
//
// The book's default learning rate is 0.01.
type AdaGrad struct {
	LR float64 // learning rate

	h map[string]*mat.Matrix // sum of squared gradients per parameter
}

// NewAdaGrad returns AdaGrad with learning rate lr.
func NewAdaGrad(lr float64) *AdaGrad { return &AdaGrad{LR: lr} }

// Update adds the squared gradients to h and takes a step scaled by 1/sqrt(h).
func (o *AdaGrad) Update(params []nn.Param) {
	lr := o.LR
	for _, p := range params {
		w, g := pair("AdaGrad", p)
		h := slot("AdaGrad", &o.h, p)
		for i := range w {
			h[i] += g[i] * g[i]
			w[i] -= lr * g[i] / (math.Sqrt(h[i]) + eps)
		}
	}
}
