// A Bar drawn through the hook of trainer.Trainer, which knows nothing of
// bars: the trainer calls the hook, the hook draws.

package progress

import (
	"fmt"
	"io"

	"dlfs/common/trainer"
)

// Train returns a hook for t.OnStep that draws b and, when log is not nil,
// prints each measurement of the accuracies there as "epoch N: train acc
// 0.XXXX, test acc 0.XXXX"; then it calls next, if not nil. Call b.Done when
// t.Run returns.
func Train(b *Bar, t *trainer.Trainer, log io.Writer, next func(iter int, loss float64) error) func(iter int, loss float64) error {
	return func(iter int, loss float64) error {
		b.Update(iter+1, loss)
		if t.Measured(iter) && log != nil {
			n := len(t.TrainAcc) - 1
			b.Println(log, fmt.Sprintf("epoch %d: train acc %.4f, test acc %.4f", n, t.TrainAcc[n], t.TestAcc[n]))
		}
		if next != nil {
			return next(iter, loss)
		}
		return nil
	}
}
