// An optimizer restored from its saved state takes the same steps, to the
// bit, as the one that kept running: the oracle is the uninterrupted run.

package optimizer

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"dlfs/common/mat"
	"dlfs/common/nn"
)

func TestStateResumesExactly(t *testing.T) {
	for _, name := range Names {
		t.Run(name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(1, 2))
			params := []nn.Param{
				{Name: "W1", Value: mat.New(3, 4), Grad: mat.New(3, 4)},
				{Name: "b1", Value: mat.New(1, 4), Grad: mat.New(1, 4)},
			}
			step := func(o Optimizer, ps []nn.Param, seed uint64) {
				g := rand.New(rand.NewPCG(seed, 3))
				for _, p := range ps {
					for i := range p.Grad.Data {
						p.Grad.Data[i] = g.NormFloat64()
					}
				}
				o.Update(ps)
			}
			for _, p := range params {
				for i := range p.Value.Data {
					p.Value.Data[i] = rng.NormFloat64()
				}
			}
			a, _ := New(name, 0)
			for k := range 3 {
				step(a, params, uint64(k))
			}
			saved := a.(Stateful).State()
			before := map[string][]float64{}
			for k, m := range saved {
				before[k] = slices.Clone(m.Data)
			}
			copies := make([]nn.Param, len(params))
			for i, p := range params {
				copies[i] = nn.Param{Name: p.Name, Value: p.Value.Clone(), Grad: mat.New(p.Grad.Rows, p.Grad.Cols)}
			}
			b, _ := New(name, 0)
			if err := b.(Stateful).SetState(saved); err != nil {
				t.Fatal(err)
			}
			for k := 3; k < 6; k++ {
				step(a, params, uint64(k))
				step(b, copies, uint64(k))
			}
			for i := range params {
				if !slices.Equal(params[i].Value.Data, copies[i].Value.Data) {
					t.Errorf("%s after a restore differs from the run that went on", params[i].Name)
				}
			}
			if name != "SGD" && len(saved) == 0 {
				t.Errorf("no state saved")
			}
			for k, m := range saved { // a copy: the steps after it left it alone
				if !slices.Equal(m.Data, before[k]) {
					t.Errorf("the saved %s changed with the optimizer's later steps", k)
				}
			}
			foreign := map[string]*mat.Matrix{"zz.W1": mat.New(1, 1)}
			if name == "Adam" {
				foreign["iter"] = mat.NewFrom(1, 1, []float64{1})
			}
			if err := b.(Stateful).SetState(foreign); err == nil || !strings.Contains(err.Error(), "zz.W1") {
				t.Errorf("a state of another optimizer: got %v, want an error naming zz.W1", err)
			}
		})
	}
}
