// Helpers shared by the optimizers: fetch a parameter with its gradient, and
// the per-key state that the book creates with np.zeros_like(val).

package optimizer

import (
	"fmt"

	"dlfs/common/mat"
)

// pair returns the data of param and of its gradient grads[key], after
// checking that the gradient exists and has the parameter's shape.
func pair(opt, key string, param *mat.Matrix, grads map[string]*mat.Matrix) (w, g []float64) {
	grad, ok := grads[key]
	if !ok {
		panic(fmt.Sprintf("optimizer.%s: no gradient for parameter %q", opt, key))
	}
	if grad.Rows != param.Rows || grad.Cols != param.Cols {
		panic(fmt.Sprintf("optimizer.%s: parameter %q is %dx%d but its gradient is %dx%d",
			opt, key, param.Rows, param.Cols, grad.Rows, grad.Cols))
	}
	return param.Data, grad.Data
}

// slot returns the state that *state keeps for key, creating the map and a
// zero matrix of param's shape the first time the key is seen.
func slot(opt string, state *map[string]*mat.Matrix, key string, param *mat.Matrix) []float64 {
	if *state == nil {
		*state = make(map[string]*mat.Matrix)
	}
	s, ok := (*state)[key]
	if !ok {
		s = mat.New(param.Rows, param.Cols)
		(*state)[key] = s
	}
	if s.Rows != param.Rows || s.Cols != param.Cols {
		panic(fmt.Sprintf("optimizer.%s: parameter %q is %dx%d but was %dx%d in an earlier Update",
			opt, key, param.Rows, param.Cols, s.Rows, s.Cols))
	}
	return s.Data
}
