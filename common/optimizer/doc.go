// Package optimizer holds the parameter-update rules of Deep Learning from
// Scratch, chapter 6.1 (the book's common/optimizer.py): SGD, Momentum,
// Nesterov, AdaGrad, RMSprop and Adam.
//
// Every optimizer has one method, Update(params), which changes each
// parameter's Value in place using its Grad, as the book's
// update(params, grads) does with its two dictionaries of NumPy arrays; here
// each nn.Param carries its value and gradient together, under the network's
// name for it ("W1", "b1", ...). Optimizers with state (Momentum's velocity
// v, AdaGrad's sum of squares h, Adam's moments m and v) create it on the
// first Update that sees a name, with that parameter's shape, like the book's
// np.zeros_like(val).
//
// The order of the parameters does not matter: each update reads and writes
// only that parameter, its gradient and its state. (Adam's step count is the
// one value shared by all of them; it advances once per Update.)
//
// After the first Update an optimizer allocates nothing: the inner loops run
// over the Data slices of the matrices and their state, so a training loop that
// calls Update every iteration makes no garbage.
//
// New chooses an optimizer by name, for command-line flags and the Trainer.
package optimizer

import "dlfs/common/nn"

// Optimizer updates a network's parameters from their gradients, in place.
// Each Param's Grad must have its Value's shape; a missing gradient or a
// shape mismatch is a programming error and panics.
type Optimizer interface {
	Update(params []nn.Param)
}

// eps is the book's 1e-7, added to the square root in the denominators of
// AdaGrad, RMSprop and Adam so that a zero gradient history never divides by 0.
const eps = 1e-7
