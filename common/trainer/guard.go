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

// Guard stops a training loop whose loss is NaN or infinite (CheckLoss),
// whose loss has blown up without becoming NaN, or whose loss has stayed at
// chance for a long stretch.
//
// Blowing up is the usual failure. Too large a learning rate (try -lr 100
// in chapter 02) wrecks a network within a few iterations, yet its loss
// never becomes NaN: SoftmaxWithLoss subtracts the row maximum and computes
// log(y + 1e-7), so the loss of each image is at most -ln(1e-7) = 16.1, and
// the dead network goes on reporting losses of 12 to 16 until the last
// iteration. A network that guesses uniformly scores ln(classes) (2.30 for
// ten digits), which is where training with small initial weights starts;
// an average loss of three times that means the network is confidently
// wrong on most images.
//
// Staying at chance is the quieter failure: a learning rate large enough
// to kill every ReLU in the first steps (chapter 02 with -lr 10) leaves a
// network whose output no longer depends on its input; the biases learn the
// class frequencies and the loss sits at ln(classes) for the rest of the
// run. The guard stops when the average has stayed above 0.95 ln(classes)
// for StallIters iterations in a row.
//
// The average is exponential over about the last ten iterations, so a
// single bad mini-batch (the noisy losses of batch size 1) does not trigger
// it. Use a Guard only where training starts near chance and should leave
// it: a network started with large weights (chapter 03's weight-scale
// experiments) may begin far above the limit and still learn, and one
// started with tiny weights may be meant to stay at chance; those loops
// call CheckLoss alone.
type Guard struct {
	// StallIters is how many iterations in a row the average loss may stay
	// at chance; 0 turns the check off. NewGuard sets 1000.
	StallIters int

	chance float64 // ln(classes)
	avg    float64 // running average of the loss
	seen   bool    // whether avg holds a loss yet
	stall  int     // iterations in a row with avg at chance
}

// NewGuard returns a guard for a network with the given number of output
// classes.
func NewGuard(classes int) *Guard {
	return &Guard{chance: math.Log(float64(classes)), StallIters: 1000}
}

// Check records the loss of iteration iter. It returns an error wrapping
// ErrDiverged, naming the iteration and the learning rate as the likely
// cause, when the loss is NaN or infinite, when the running average exceeds
// 3 ln(classes), or when it has stayed above 0.95 ln(classes) for
// StallIters iterations.
func (g *Guard) Check(iter int, loss float64) error {
	if err := CheckLoss(iter, loss); err != nil {
		return err
	}
	if !g.seen {
		g.avg, g.seen = loss, true
	}
	g.avg = 0.9*g.avg + 0.1*loss
	if g.avg > 3*g.chance {
		return fmt.Errorf("%w: the loss averages %.1f at iteration %d, more than 3 times the %.2f of a uniform guess; the learning rate is probably too large, try a smaller -lr",
			ErrDiverged, g.avg, iter, g.chance)
	}
	if g.avg > 0.95*g.chance {
		g.stall++
	} else {
		g.stall = 0
	}
	if g.StallIters > 0 && g.stall >= g.StallIters {
		return fmt.Errorf("%w: the loss has stayed near %.2f, that of a uniform guess, for the %d iterations up to iteration %d; the network has stopped learning, probably because too large a learning rate killed its units: try a smaller -lr",
			ErrDiverged, g.chance, g.stall, iter)
	}
	return nil
}
