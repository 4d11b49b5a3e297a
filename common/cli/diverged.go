// The advice a chapter adds when its training diverges: the book's
// packages say what the loss did, the program knows which flag to change.

package cli

import (
	"errors"
	"fmt"

	"dlfs/common/trainer"
)

// Diverged adds to a *trainer.DivergedError in err the advice on the
// learning rate's flag (such as "-lr"): a loss that blows up or stays at
// chance after updates means too large steps. At iteration 0, before any
// update, the learning rate is not to blame, and the advice says so. Any
// other err is returned as it is.
func Diverged(err error, flag string) error {
	d, ok := errors.AsType[*trainer.DivergedError](err)
	switch {
	case !ok:
		return err
	case d.Iter == 0:
		return fmt.Errorf("%w: before any update, so not the learning rate (%s); the initial weights or the data give this loss", err, flag)
	}
	return fmt.Errorf("%w; the learning rate is probably too large: try a smaller %s", err, flag)
}
