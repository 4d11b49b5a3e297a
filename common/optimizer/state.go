// Helpers shared by the optimizers: fetch a parameter with its gradient, and
// the per-key state that the book creates with np.zeros_like(val).

package optimizer

import (
	"fmt"

	"dlfs/common/mat"
	"dlfs/common/nn"
)

// pair returns the data of p's value and of its gradient, after checking
// that the gradient exists and has the value's shape.
func pair(opt string, p nn.Param) (w, g []float64) {
	if p.Grad == nil {
		panic(fmt.Sprintf("optimizer.%s: no gradient for parameter %q", opt, p.Name))
	}
	if p.Grad.Rows != p.Value.Rows || p.Grad.Cols != p.Value.Cols {
		panic(fmt.Sprintf("optimizer.%s: parameter %q is %dx%d but its gradient is %dx%d",
			opt, p.Name, p.Value.Rows, p.Value.Cols, p.Grad.Rows, p.Grad.Cols))
	}
	return p.Value.Data, p.Grad.Data
}

// slot returns the state that *state keeps for the parameter p, by name,
// creating the map and a zero matrix of p's shape the first time the name is
// seen.
func slot(opt string, state *map[string]*mat.Matrix, p nn.Param) []float64 {
	key, param := p.Name, p.Value
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
