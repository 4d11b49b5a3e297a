// An interrupted training keeps what it learned: at the end of each epoch
// the parameters are copied aside, and a run stopped by Ctrl-C (or SIGTERM)
// saves those of its last finished epoch under a name that says so, such as
// simple_convnet.interrupted-epoch3.npz, and the state -resume goes on from
// (resume.go), before it exits with status 130.
// Machinery, not the book.

package main

import (
	"fmt"
	"io"
	"math/rand/v2"
	"path/filepath"
	"strings"

	"dlfs/common/mat"
	"dlfs/common/network"
	"dlfs/common/npy"
	"dlfs/common/trainer"
)

// epochSnapshot holds a copy of net's parameters as they were at the end of
// the last finished epoch.
type epochSnapshot struct {
	net    *network.Net
	src    *rand.PCG     // the run's random generator, for resume.go
	epoch  int           // the last finished epoch; 0 while none has
	values []*mat.Matrix // in the order of net.Params()
	state  trainingState // what -resume needs to go on from that epoch
}

// keep returns a hook for the Trainer tr (progress.Train's next): after
// the accuracies of epoch k >= 1 are measured and printed as "epoch k", it
// copies the parameters.
func (s *epochSnapshot) keep(tr *trainer.Trainer) func(iter int, loss float64) error {
	return func(iter int, loss float64) error {
		if iter == 0 || !tr.Measured(iter) {
			return nil
		}
		s.epoch = len(tr.TestAcc) - 1
		if s.src != nil {
			state, err := stateOf(tr, s.src, iter)
			if err != nil {
				return err
			}
			s.state = state
		}
		for i, p := range s.net.Params() {
			if i == len(s.values) {
				s.values = append(s.values, p.Value.Clone())
			} else {
				s.values[i].CopyFrom(p.Value)
			}
		}
		return nil
	}
}

// save puts the kept parameters back into the network and writes them to
// path with ".interrupted-epochN" before its extension, saying so on stdout.
func (s *epochSnapshot) save(path string, stdout io.Writer) error {
	for i, p := range s.net.Params() {
		p.Value.CopyFrom(s.values[i])
	}
	ext := filepath.Ext(path)
	path = fmt.Sprintf("%s.interrupted-epoch%d%s", strings.TrimSuffix(path, ext), s.epoch, ext)
	if err := s.net.SaveParams(path); err != nil {
		return err
	}
	if s.state != nil {
		if err := npy.WriteNPZ(statePath(path), s.state); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "wrote the training's state to %s: go on with -resume %s\n", statePath(path), path)
	}
	_, err := fmt.Fprintf(stdout, "wrote the parameters of epoch %d to %s\n", s.epoch, path)
	return err
}
