// Adam: the book's section 6.1.6 and class Adam in common/optimizer.py
// (Kingma and Ba, https://arxiv.org/abs/1412.6980).

package optimizer

import (
	"math"

	"dlfs/common/mat"
	"dlfs/common/nn"
)

// Adam combines Momentum (a moving average m of the gradients) with RMSprop
// (a moving average v of their squares), and corrects both for starting at
// zero. At step t, in the book's form:
//
//	lr_t = lr * sqrt(1 - beta2^t) / (1 - beta1^t)
//	m <- m + (1 - beta1) * (dL/dW - m)
//	v <- v + (1 - beta2) * (dL/dW^2 - v)
//	W <- W - lr_t * m / (sqrt(v) + 1e-7)
//
// The m and v lines are m <- beta1*m + (1-beta1)*dL/dW (and the same for v)
// rewritten; lr_t folds the bias correction of m and v into the learning
// rate. The book's defaults are lr 0.001, beta1 0.9 and beta2 0.999.
type Adam struct {
	LR    float64 // learning rate
	Beta1 float64 // decay of the gradient average m
	Beta2 float64 // decay of the squared-gradient average v

	iter int                    // Update calls so far: the t of lr_t, shared by all keys
	m, v map[string]*mat.Matrix // moment estimates per parameter
}

// NewAdam returns Adam with learning rate lr and decay rates beta1 and beta2.
func NewAdam(lr, beta1, beta2 float64) *Adam { return &Adam{LR: lr, Beta1: beta1, Beta2: beta2} }

// Update counts one step, then updates m, v and every parameter.
func (o *Adam) Update(params []nn.Param) {
	o.iter++
	b1, b2 := o.Beta1, o.Beta2
	t := float64(o.iter)
	lrt := o.LR * math.Sqrt(1-math.Pow(b2, t)) / (1 - math.Pow(b1, t))
	for _, p := range params {
		w, g := pair("Adam", p)
		m := slot("Adam", &o.m, p)
		v := slot("Adam", &o.v, p)
		for i := range w {
			m[i] += (1 - b1) * (g[i] - m[i])
			v[i] += (1 - b2) * (g[i]*g[i] - v[i])
			w[i] -= lrt * m[i] / (math.Sqrt(v[i]) + eps)
		}
	}
}
