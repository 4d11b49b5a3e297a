// Saving and restoring an optimizer's state (the book's self.v and self.h,
// and Adam's self.m, self.v and self.iter), so that a training interrupted after an
// epoch resumes exactly where it stopped. The book's code has no such
// thing: its optimizers live only as long as the script.

package optimizer

import (
	"fmt"
	"strings"

	"dlfs/common/mat"
)

// Stateful is an optimizer whose state can be saved and put back. Every
// optimizer of this package is one.
type Stateful interface {
	// State returns a copy of the state, one matrix per name: "v.W1" is the
	// velocity of parameter W1, Adam's step count is the 1x1 "iter".
	State() map[string]*mat.Matrix
	// SetState replaces the state with a copy of s, as State returned it.
	SetState(s map[string]*mat.Matrix) error
}

// State returns an empty state: SGD keeps none.
func (o *SGD) State() map[string]*mat.Matrix { return exportState(nil) }

// SetState accepts only an empty state.
func (o *SGD) SetState(s map[string]*mat.Matrix) error { return importState("SGD", s, nil) }

// State returns the velocities, "v.NAME".
func (o *Momentum) State() map[string]*mat.Matrix {
	return exportState(map[string]map[string]*mat.Matrix{"v": o.v})
}

// SetState puts back the velocities.
func (o *Momentum) SetState(s map[string]*mat.Matrix) error {
	return importState("Momentum", s, map[string]*map[string]*mat.Matrix{"v": &o.v})
}

// State returns the velocities, "v.NAME".
func (o *Nesterov) State() map[string]*mat.Matrix {
	return exportState(map[string]map[string]*mat.Matrix{"v": o.v})
}

// SetState puts back the velocities.
func (o *Nesterov) SetState(s map[string]*mat.Matrix) error {
	return importState("Nesterov", s, map[string]*map[string]*mat.Matrix{"v": &o.v})
}

// State returns the sums of squared gradients, "h.NAME".
func (o *AdaGrad) State() map[string]*mat.Matrix {
	return exportState(map[string]map[string]*mat.Matrix{"h": o.h})
}

// SetState puts back the sums of squared gradients.
func (o *AdaGrad) SetState(s map[string]*mat.Matrix) error {
	return importState("AdaGrad", s, map[string]*map[string]*mat.Matrix{"h": &o.h})
}

// State returns the averages of squared gradients, "h.NAME".
func (o *RMSprop) State() map[string]*mat.Matrix {
	return exportState(map[string]map[string]*mat.Matrix{"h": o.h})
}

// SetState puts back the averages of squared gradients.
func (o *RMSprop) SetState(s map[string]*mat.Matrix) error {
	return importState("RMSprop", s, map[string]*map[string]*mat.Matrix{"h": &o.h})
}

// State returns the moments, "m.NAME" and "v.NAME", and the step count as
// the 1x1 "iter".
func (o *Adam) State() map[string]*mat.Matrix {
	s := exportState(map[string]map[string]*mat.Matrix{"m": o.m, "v": o.v})
	s["iter"] = mat.NewFrom(1, 1, []float64{float64(o.iter)})
	return s
}

// SetState puts back the moments and the step count.
func (o *Adam) SetState(s map[string]*mat.Matrix) error {
	rest := map[string]*mat.Matrix{}
	for k, m := range s {
		rest[k] = m
	}
	it, ok := rest["iter"]
	if !ok || len(it.Data) != 1 || it.Data[0] < 0 || it.Data[0] != float64(int(it.Data[0])) {
		return fmt.Errorf("optimizer.Adam: the state has no whole step count \"iter\"")
	}
	delete(rest, "iter")
	if err := importState("Adam", rest, map[string]*map[string]*mat.Matrix{"m": &o.m, "v": &o.v}); err != nil {
		return err
	}
	o.iter = int(it.Data[0])
	return nil
}

// exportState copies each slot of each kind ("v", ...) as "kind.NAME".
func exportState(kinds map[string]map[string]*mat.Matrix) map[string]*mat.Matrix {
	s := map[string]*mat.Matrix{}
	for kind, slots := range kinds {
		for name, m := range slots {
			s[kind+"."+name] = m.Clone()
		}
	}
	return s
}

// importState replaces the slots of each kind with copies of the matrices
// of s named "kind.NAME"; a name of another kind is an error naming it.
func importState(opt string, s map[string]*mat.Matrix, kinds map[string]*map[string]*mat.Matrix) error {
	fresh := map[string]map[string]*mat.Matrix{}
	for key, m := range s {
		kind, name, ok := strings.Cut(key, ".")
		if _, known := kinds[kind]; !ok || !known || name == "" {
			return fmt.Errorf("optimizer.%s: the state holds %q, which is not state of %s", opt, key, opt)
		}
		if fresh[kind] == nil {
			fresh[kind] = map[string]*mat.Matrix{}
		}
		fresh[kind][name] = m.Clone()
	}
	for kind, slots := range kinds {
		*slots = fresh[kind]
	}
	return nil
}
