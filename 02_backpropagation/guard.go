// Stopping a run whose loss blows up. trainer.CheckLoss catches a NaN or
// infinite loss; this guard catches the divergence that this network shows
// instead.

package main

import (
	"fmt"
	"math"

	"dlfs/common/trainer"
)

// lossGuard watches a running average of the training loss and reports
// divergence when it climbs far above chance.
//
// Too large a learning rate (try -lr 100) wrecks this network within a few
// iterations, yet its loss never becomes NaN: SoftmaxWithLoss subtracts the
// row maximum and computes log(y + 1e-7), so the loss of each image is at
// most -ln(1e-7) = 16.1, and the dead network goes on reporting losses of 12
// to 16 until the last iteration. A network that guesses uniformly scores
// ln(10) = 2.30, which is where training starts; an average loss of three
// times that means the network is confidently wrong on most images. The
// average is exponential over about the last ten iterations, so a single
// bad mini-batch (the noisy losses of -batch 1) does not trigger it.
type lossGuard struct {
	limit float64 // 3 ln(classes)
	avg   float64 // running average of the loss
	seen  bool    // whether avg holds a loss yet
}

// newLossGuard returns a guard for a network with the given number of
// output classes.
func newLossGuard(classes int) *lossGuard {
	return &lossGuard{limit: 3 * math.Log(float64(classes))}
}

// check records the loss of iteration iter and returns an error wrapping
// trainer.ErrDiverged, naming the iteration and the learning rate as the
// likely cause, once the running average exceeds the limit.
func (g *lossGuard) check(iter int, loss float64) error {
	if !g.seen {
		g.avg, g.seen = loss, true
	}
	g.avg = 0.9*g.avg + 0.1*loss
	if g.avg > g.limit {
		return fmt.Errorf("%w: the loss averages %.1f at iteration %d, more than 3 times the %.2f of a uniform guess; the learning rate is probably too large, try a smaller -lr",
			trainer.ErrDiverged, g.avg, iter, g.limit/3)
	}
	return nil
}
