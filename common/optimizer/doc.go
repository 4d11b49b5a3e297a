// Package optimizer holds the parameter-update rules of Deep Learning from
// Scratch, chapter 6.1 (the book's common/optimizer.py): SGD, Momentum,
// Nesterov, AdaGrad, RMSprop and Adam.
//
// Every optimizer has one method, Update(params, grads), which changes each
// params[key] in place using grads[key], exactly as the book's
// update(params, grads) does with its dictionaries of NumPy arrays. The keys
// are the network's parameter names ("W1", "b1", ...). Optimizers with state
// (Momentum's velocity v, AdaGrad's sum of squares h, Adam's moments m and v)
// create it on the first Update that sees a key, with that parameter's shape,
// like the book's np.zeros_like(val).
//
// Go visits a map in random order, but the order does not matter: each key's
// update reads and writes only that key's parameter, gradient and state. (Adam's
// step count is the one value shared by all keys; it advances once per Update.)
//
// After the first Update an optimizer allocates nothing: the inner loops run
// over the Data slices of the matrices and their state, so a training loop that
// calls Update every iteration makes no garbage.
//
// New chooses an optimizer by name, for command-line flags and the Trainer.
package optimizer

import "dlfs/common/mat"

// Optimizer updates a network's parameters from their gradients, in place.
// params and grads hold the same keys with matrices of the same shape; a
// missing gradient or a shape mismatch is a programming error and panics.
type Optimizer interface {
	Update(params, grads map[string]*mat.Matrix)
}

// eps is the book's 1e-7, added to the square root in the denominators of
// AdaGrad, RMSprop and Adam so that a zero gradient history never divides by 0.
const eps = 1e-7
