// Resuming an interrupted training (-resume): beside the parameters of the
// last finished epoch, an interrupted run writes NAME.state.npz with what
// the run needs to go on as if it had never stopped: the optimizer's state,
// the random generator's, the iteration and the curves so far. Machinery,
// not the book, whose train_deepnet.py runs its 3.4 hours in one go.

package main

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"dlfs/common/mat"
	"dlfs/common/npy"
	"dlfs/common/optimizer"
	"dlfs/common/trainer"
)

// newRand returns the run's random generator, the book's np.random, and
// its source, whose state an interrupted run saves.
func newRand(seed uint64) (*rand.Rand, *rand.PCG) {
	src := rand.NewPCG(seed, seed)
	return rand.New(src), src
}

// statePath is the file of the state that goes with the parameters at path.
func statePath(path string) string {
	for _, ext := range []string{".npz", ".pkl"} {
		path = strings.TrimSuffix(path, ext)
	}
	return path + ".state.npz"
}

// trainingState is what a run needs to resume: the optimizer's state
// ("opt.KEY"), the generator's ("rng", its bytes), the iterations done
// ("iter") and the curves ("loss", "train_acc", "test_acc").
type trainingState map[string]*npy.Array

// stateOf takes the state of tr, whose iteration iter has just ended, and
// of the generator src.
func stateOf(tr *trainer.Trainer, src *rand.PCG, iter int) (trainingState, error) {
	opt, ok := tr.Optimizer.(optimizer.Stateful)
	if !ok {
		return nil, fmt.Errorf("the optimizer %T cannot save its state", tr.Optimizer)
	}
	rng, err := src.MarshalBinary()
	if err != nil {
		return nil, err
	}
	s := trainingState{"iter": {Shape: []int{1}, Data: []float64{float64(iter + 1)}}}
	for key, m := range opt.State() {
		s["opt."+key] = npy.FromMatrix(m)
	}
	s["rng"] = &npy.Array{Shape: []int{len(rng)}, Data: make([]float64, len(rng))}
	for i, b := range rng {
		s["rng"].Data[i] = float64(b)
	}
	for name, curve := range map[string][]float64{"loss": tr.TrainLoss, "train_acc": tr.TrainAcc, "test_acc": tr.TestAcc} {
		s[name] = &npy.Array{Shape: []int{len(curve)}, Data: append([]float64(nil), curve...)}
	}
	return s, nil
}

// readState reads the state saved beside the parameters at path, checking
// every array's header before its data: the optimizer's arrays must have
// the shapes of the network's parameters (want), and no curve may be
// longer than the run (iters iterations).
func readState(path string, want npy.Want, iters int) (trainingState, error) {
	file := statePath(path)
	shapes, err := npy.Shapes(file)
	if err != nil {
		return nil, fmt.Errorf("-resume %s: %w", path, err)
	}
	check := npy.Want{}
	for name, shape := range shapes {
		key, param, _ := strings.Cut(strings.TrimPrefix(name, "opt."), ".")
		switch {
		case name == "opt.iter" || name == "iter":
			check[name] = []int{1}
			if name == "opt.iter" {
				check[name] = []int{1, 1}
			}
		case strings.HasPrefix(name, "opt.") && key != "" && want[param] != nil:
			check[name] = shape // checked against the parameter below
			if n, m := size(shape), size(want[param]); n != m {
				return nil, fmt.Errorf("-resume %s: %s holds %d values, the parameter %s %d: the state of another network", file, name, n, param, m)
			}
		case name == "rng":
			if len(shape) != 1 || shape[0] > 64 {
				return nil, fmt.Errorf("-resume %s: rng has shape %v; want the few bytes of a generator's state", file, shape)
			}
			check[name] = shape
		case name == "loss" || name == "train_acc" || name == "test_acc":
			if len(shape) != 1 || shape[0] > iters+1 {
				return nil, fmt.Errorf("-resume %s: %s has shape %v, longer than a run of %d iterations", file, name, shape, iters)
			}
			check[name] = shape
		default:
			return nil, fmt.Errorf("-resume %s: the array %s is not part of a training's state", file, name)
		}
	}
	s, err := npy.LoadWant(file, check)
	if err != nil {
		return nil, fmt.Errorf("-resume %s: %w", path, err)
	}
	if s["iter"] == nil || s["rng"] == nil || s["loss"] == nil {
		return nil, fmt.Errorf("-resume %s: the state lacks iter, rng or loss", file)
	}
	return s, nil
}

// size is the number of values of an array of the given shape.
func size(shape []int) int {
	n := 1
	for _, d := range shape {
		n *= d
	}
	return n
}

// resume puts the state s into tr and src: the optimizer's state, the
// generator's, the iterations done and the curves, so that tr.Run goes on
// from the iteration after the saved one.
func (s trainingState) resume(tr *trainer.Trainer, src *rand.PCG) error {
	opt, ok := tr.Optimizer.(optimizer.Stateful)
	if !ok {
		return fmt.Errorf("the optimizer %T cannot take a saved state", tr.Optimizer)
	}
	state := map[string]*npy.Array{}
	for name, a := range s {
		if key, ok := strings.CutPrefix(name, "opt."); ok {
			state[key] = a
		}
	}
	if err := opt.SetState(matrices(state)); err != nil {
		return fmt.Errorf("%w (was the run trained with another -optimizer?)", err)
	}
	rng := make([]byte, len(s["rng"].Data))
	for i, v := range s["rng"].Data {
		rng[i] = byte(v)
	}
	if err := src.UnmarshalBinary(rng); err != nil {
		return fmt.Errorf("the saved random generator: %w", err)
	}
	tr.Start = int(s["iter"].Data[0])
	tr.TrainLoss = s["loss"].Data
	if s["train_acc"] != nil && s["test_acc"] != nil {
		tr.TrainAcc, tr.TestAcc = s["train_acc"].Data, s["test_acc"].Data
	}
	return nil
}

// matrices returns each array as a matrix (npy.Array.Matrix).
func matrices(arrays map[string]*npy.Array) map[string]*mat.Matrix {
	ms := map[string]*mat.Matrix{}
	for name, a := range arrays {
		ms[name] = a.Matrix()
	}
	return ms
}
