// The divergence guard every training loop calls after computing its loss.
// The book's code has none: with too large a learning rate it prints nan, or
// goes on training a dead network, for the rest of the run.

package trainer

import (
	"errors"
	"fmt"
	"math"
)

// ErrDiverged is wrapped by the errors CheckLoss and Guard return.
var ErrDiverged = errors.New("training diverged")

// CheckLoss returns nil when loss is a finite number. Otherwise it returns an
// error that names the iteration and the likely cause, so the caller can stop
// at once instead of training on NaN.
func CheckLoss(iter int, loss float64) error {
	if math.IsNaN(loss) || math.IsInf(loss, 0) {
		return fmt.Errorf("%w: loss is %v at iteration %d; the learning rate is probably too large, try a smaller -lr", ErrDiverged, loss, iter)
	}
	return nil
}

// Guard stops a training loop whose loss is NaN or infinite (CheckLoss), or
// whose loss has blown up without becoming NaN.
//
// The second case is the usual one. Too large a learning rate (try -lr 100
// in chapter 02) wrecks a network within a few iterations, yet its loss
// never becomes NaN: SoftmaxWithLoss subtracts the row maximum and computes
// log(y + 1e-7), so the loss of each image is at most -ln(1e-7) = 16.1, and
// the dead network goes on reporting losses of 12 to 16 until the last
// iteration. A network that guesses uniformly scores ln(classes) (2.30 for
// ten digits), which is where training with small initial weights starts;
// an average loss of three times that means the network is confidently
// wrong on most images. The average is exponential over about the last ten
// iterations, so a single bad mini-batch (the noisy losses of batch size 1)
// does not trigger it.
//
// Use it only where training starts near chance: a network started with
// large weights (chapter 03's weight-scale experiments) may begin far above
// the limit and still learn; those loops call CheckLoss alone.
type Guard struct {
	limit float64 // 3 ln(classes)
	avg   float64 // running average of the loss
	seen  bool    // whether avg holds a loss yet
}

// NewGuard returns a guard for a network with the given number of output classes.
func NewGuard(classes int) *Guard {
	return &Guard{limit: 3 * math.Log(float64(classes))}
}

// Check records the loss of iteration iter. It returns an error wrapping
// ErrDiverged, naming the iteration and the learning rate as the likely
// cause, when the loss is NaN or infinite or the running average exceeds
// the limit.
func (g *Guard) Check(iter int, loss float64) error {
	if err := CheckLoss(iter, loss); err != nil {
		return err
	}
	if !g.seen {
		g.avg, g.seen = loss, true
	}
	g.avg = 0.9*g.avg + 0.1*loss
	if g.avg > g.limit {
		return fmt.Errorf("%w: the loss averages %.1f at iteration %d, more than 3 times the %.2f of a uniform guess; the learning rate is probably too large, try a smaller -lr",
			ErrDiverged, g.avg, iter, g.limit/3)
	}
	return nil
}
