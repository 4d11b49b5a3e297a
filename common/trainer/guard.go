// The divergence guard every training loop calls after computing its loss.
// The book's code has none: with too large a learning rate it prints nan for
// the rest of the run.

package trainer

import (
	"fmt"
	"math"
)

// ErrDiverged is wrapped by the error CheckLoss returns for a NaN or infinite loss.
var ErrDiverged = fmt.Errorf("training diverged")

// CheckLoss returns nil when loss is a finite number. Otherwise it returns an
// error that names the iteration and the likely cause, so the caller can stop
// at once instead of training on NaN.
func CheckLoss(iter int, loss float64) error {
	if math.IsNaN(loss) || math.IsInf(loss, 0) {
		return fmt.Errorf("%w: loss is %v at iteration %d; the learning rate is probably too large, try a smaller -lr", ErrDiverged, loss, iter)
	}
	return nil
}
