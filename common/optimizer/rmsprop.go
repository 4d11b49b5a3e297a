// RMSprop: AdaGrad with a forgetting sum of squares. The book names it in
// section 6.1.5 and implements it as class RMSprop in common/optimizer.py.

package optimizer

import (
	"math"

	"dlfs/common/mat"
	"dlfs/common/nn"
)

// RMSprop is AdaGrad whose h is an exponential moving average of the squared
// gradients, so old gradients fade and the step does not shrink to zero:
//
//	h <- decay * h + (1 - decay) * dL/dW * dL/dW
//	W <- W - lr * dL/dW / (sqrt(h) + 1e-7)
//
// The book's defaults are lr 0.01 and decay 0.99.
type RMSprop struct {
	LR        float64 // learning rate
	DecayRate float64 // how much of h survives each step

	h map[string]*mat.Matrix // moving average of squared gradients per parameter
}

// NewRMSprop returns RMSprop with learning rate lr and decay rate decayRate.
func NewRMSprop(lr, decayRate float64) *RMSprop { return &RMSprop{LR: lr, DecayRate: decayRate} }

// Update decays h, adds the new squared gradients and takes a step scaled by 1/sqrt(h).
func (o *RMSprop) Update(params []nn.Param) {
	lr, rho := o.LR, o.DecayRate
	for _, p := range params {
		w, g := pair("RMSprop", p)
		h := slot("RMSprop", &o.h, p)
		for i := range w {
			h[i] *= rho
			h[i] += (1 - rho) * g[i] * g[i]
			w[i] -= lr * g[i] / (math.Sqrt(h[i]) + eps)
		}
	}
}
