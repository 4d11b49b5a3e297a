// Choosing an optimizer by name, like the optimizer_class_dict of the book's
// common/trainer.py, for command-line flags and the Trainer.

package optimizer

import (
	"fmt"
	"math"
	"strings"
)

// Names lists the optimizers New knows, in the order of the book's
// common/optimizer.py. New accepts them in any case.
var Names = []string{"SGD", "Momentum", "Nesterov", "AdaGrad", "RMSprop", "Adam"}

// New returns the optimizer called name (any case: "sgd", "Adam", ...) with
// learning rate lr and the book's defaults for its other hyper-parameters.
// An lr of zero or less means the book's default learning rate for that
// optimizer: 0.01 for all but Adam, whose default is 0.001.
func New(name string, lr float64) (Optimizer, error) {
	if math.IsNaN(lr) || math.IsInf(lr, 0) {
		return nil, fmt.Errorf("optimizer: learning rate %v for %q is not a finite number", lr, name)
	}
	def := func(book float64) float64 {
		if lr <= 0 {
			return book
		}
		return lr
	}
	switch strings.ToLower(name) {
	case "sgd":
		return NewSGD(def(0.01)), nil
	case "momentum":
		return NewMomentum(def(0.01), 0.9), nil
	case "nesterov":
		return NewNesterov(def(0.01), 0.9), nil
	case "adagrad":
		return NewAdaGrad(def(0.01)), nil
	case "rmsprop":
		return NewRMSprop(def(0.01), 0.99), nil
	case "adam":
		return NewAdam(def(0.001), 0.9, 0.999), nil
	}
	return nil, fmt.Errorf("optimizer: unknown optimizer %q; want one of %s", name, strings.Join(Names, ", "))
}
