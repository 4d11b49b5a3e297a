// Package trainer is the book's common/trainer.py (chapters 6 to 8): random
// mini-batches, one optimizer step each, the accuracy on the training and
// test sets at the start of every epoch, and one hook for what a caller
// records or shows.
package trainer

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"

	"dlfs/common/mat"
	"dlfs/common/nn"
	"dlfs/common/optimizer"
)

// Predictor scores a batch, a row per sample; train is the book's train_flg.
type Predictor interface {
	Predict(x *mat.Matrix, train bool) *mat.Matrix
}

// Model is what a Trainer trains, as *network.Net is: Gradient fills its
// parameters' Grad and returns the loss.
type Model interface {
	Predictor
	Gradient(x *mat.Matrix, labels []int) (loss float64)
	Params() []nn.Param
}

// Data is a labelled data set, as *dataset.Set is.
type Data interface {
	Len() int
	X(idx []int) *mat.Matrix
	LabelsOf(idx []int) []int
}

// EvalChunk is how many images a fully connected network scores at once
// when measuring an accuracy: a matrix of 1000 rows, not of the whole set.
const EvalChunk = 1000

// Trainer holds the book's Trainer settings and, after Run, its curves.
type Trainer struct {
	Net         Model
	Train, Test Data
	Optimizer   optimizer.Optimizer
	BatchSize   int        // mini_batch_size
	Rand        *rand.Rand // draws the mini-batches
	Epochs      int        // epochs
	Iters       int        // iterations instead, if > 0
	EvalSamples int        // evaluate_sample_num_per_epoch: 0 means the whole sets
	EvalChunk   int        // images scored at once by Accuracy: 100 if 0
	NoEval      bool       // measure no accuracy during training
	Guard       *Guard     // nil: only a NaN or infinite loss stops the run
	Start       int        // iterations already done, by a run this one resumes

	// OnStep, the hook, is called after each update (and after the
	// accuracies, when Measured(iter)); an error it returns stops the run.
	OnStep func(iter int, loss float64) error

	TrainLoss, TrainAcc, TestAcc []float64 // train_loss_list, train_acc_list, test_acc_list
}

// TotalIters is Iters if set, else the book's max_iter, ceil(epochs * iter_per_epoch).
func (t *Trainer) TotalIters() int {
	if t.Iters > 0 {
		return t.Iters
	}
	return int(math.Ceil(float64(t.Epochs) * t.perEpoch()))
}

// perEpoch is the book's iter_per_epoch, max(train_size / mini_batch_size, 1).
func (t *Trainer) perEpoch() float64 { return max(float64(t.Train.Len())/float64(t.BatchSize), 1) }

// Measured reports whether Run measures the accuracies after iteration iter:
// the last, and each that starts an epoch (the book's current_iter %
// iter_per_epoch == 0, once an epoch when that is fractional).
func (t *Trainer) Measured(iter int) bool {
	epoch := math.Floor(float64(iter)/t.perEpoch()) != math.Floor(float64(iter-1)/t.perEpoch())
	return !t.NoEval && (iter == 0 || epoch || iter == t.TotalIters()-1)
}

// Run is the book's train(): train_step for every iteration. It stops at
// the end of a step when ctx is cancelled (Stopped's error) or when the
// guard trips (a *DivergedError).
func (t *Trainer) Run(ctx context.Context) error {
	n := t.Train.Len()
	if t.BatchSize <= 0 || t.BatchSize > n {
		return fmt.Errorf("trainer: batch size %d for a training set of %d samples; want 1 to %d", t.BatchSize, n, n)
	}
	total, batch := t.TotalIters(), make([]int, t.BatchSize)
	if total <= 0 {
		return fmt.Errorf("trainer: %d epochs and %d iterations; want one of them positive", t.Epochs, t.Iters)
	}
	for iter := t.Start; iter < total; iter++ {
		if err := context.Cause(ctx); err != nil {
			return Stopped(iter, total, t.TrainLoss, err)
		}
		for k := range batch { // batch_mask = np.random.choice(train_size, batch_size)
			batch[k] = t.Rand.IntN(n)
		}
		loss := t.Net.Gradient(t.Train.X(batch), t.Train.LabelsOf(batch))
		if err := t.Guard.Check(iter, loss); err != nil {
			return err
		}
		t.Optimizer.Update(t.Net.Params())
		t.TrainLoss = append(t.TrainLoss, loss)
		if t.Measured(iter) {
			t.TrainAcc = append(t.TrainAcc, Accuracy(t.Net, t.Train, t.EvalSamples, t.EvalChunk))
			t.TestAcc = append(t.TestAcc, Accuracy(t.Net, t.Test, t.EvalSamples, t.EvalChunk))
		}
		if t.OnStep != nil {
			if err := t.OnStep(iter, loss); err != nil {
				return err
			}
		}
	}
	return nil
}

// Stopped is the error of a training loop stopped before iteration iter of
// total: where, the last of losses, and the cause it wraps.
func Stopped(iter, total int, losses []float64, cause error) error {
	if len(losses) == 0 {
		return fmt.Errorf("stopped after 0 of %d iterations: %w", total, cause)
	}
	return fmt.Errorf("stopped after %d of %d iterations, loss %.4f: %w", iter, total, losses[len(losses)-1], cause)
}

// Accuracy is the book's accuracy(x, t) on the first n samples of data (all
// when n is 0), predicting chunk at a time (100 if 0).
func Accuracy(net Predictor, data Data, n, chunk int) float64 {
	if n <= 0 || n > data.Len() {
		n = data.Len()
	}
	if chunk <= 0 {
		chunk = 100
	}
	correct := 0
	for from := 0; from < n; from += chunk {
		idx := make([]int, min(chunk, n-from))
		for k := range idx {
			idx[k] = from + k
		}
		labels := data.LabelsOf(idx)
		for k, p := range mat.ArgmaxRows(net.Predict(data.X(idx), false)) {
			if p == labels[k] {
				correct++
			}
		}
	}
	return float64(correct) / float64(max(n, 1))
}
