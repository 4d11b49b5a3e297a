// The divergence guard every training loop calls after computing its loss.
// The book's code has none: with too large a learning rate it prints nan, or
// trains a dead network to the end.

package trainer

import (
	"errors"
	"fmt"
	"math"
)

// ErrDiverged is what every *DivergedError matches with errors.Is.
var ErrDiverged = errors.New("training diverged")

// DivergedError says what the loss did by iteration Iter: it is NaN or
// infinite, it blew up, or it stayed at chance. The chapter, which knows its
// flags, says which setting to change.
type DivergedError struct {
	Iter int
	Loss float64 // the loss of iteration Iter
	What string  // "training diverged: the loss is NaN", ...
}

// Error says what happened and when.
func (e *DivergedError) Error() string { return fmt.Sprintf("%s (iteration %d)", e.What, e.Iter) }

// Is makes errors.Is(err, ErrDiverged) true.
func (e *DivergedError) Is(target error) bool { return target == ErrDiverged }

// CheckLoss returns a *DivergedError if loss is NaN or infinite.
func CheckLoss(iter int, loss float64) error {
	if math.IsNaN(loss) || math.IsInf(loss, 0) {
		return &DivergedError{iter, loss, fmt.Sprintf("training diverged: the loss is %v", loss)}
	}
	return nil
}

// Guard stops a loss that is NaN, that blows up (too large a learning rate:
// the book's log(y + 1e-7) caps it at 16.1, so it stays a number), or that
// sits at chance, ln(classes), once every ReLU has died. It judges an
// average over about ten iterations, so one bad mini-batch passes, against
// where the run started, before any update (a wide network may start far
// above chance).
type Guard struct {
	StallIters int // iterations the average may stay at chance; 0: no limit

	chance, start, avg float64 // ln(classes), max(chance, loss at iteration 0), the average
	stall              int     // iterations in a row at chance
}

// NewGuard returns a guard for classes outputs, with StallIters 1000.
func NewGuard(classes int) *Guard {
	return &Guard{chance: math.Log(float64(classes)), StallIters: 1000}
}

// Check records the loss of iteration iter; a nil Guard is CheckLoss.
func (g *Guard) Check(iter int, loss float64) error {
	if err := CheckLoss(iter, loss); g == nil || err != nil {
		return err
	}
	if g.start == 0 { // the first loss; before any update if iter is 0
		g.avg, g.start = loss, g.chance
		if iter == 0 {
			g.start = max(g.chance, loss)
		}
	}
	g.avg = 0.9*g.avg + 0.1*loss
	if g.stall++; g.avg <= 0.95*g.chance {
		g.stall = 0
	}
	switch {
	case g.avg > 3*g.start:
		return &DivergedError{iter, loss, fmt.Sprintf("training diverged: the loss averages %.1f, more than 3 times the %.2f it started from", g.avg, g.start)}
	case g.StallIters > 0 && g.stall >= g.StallIters:
		return &DivergedError{iter, loss, fmt.Sprintf("training stalled: the loss has stayed near %.2f, that of a uniform guess, for %d steps in a row; the network has stopped learning", g.chance, g.stall)}
	}
	return nil
}
