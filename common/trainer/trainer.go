// Package trainer runs the training loop of Deep Learning from Scratch, the
// book's common/trainer.py (chapters 6 to 8): random mini-batches, one
// optimizer step each, and the accuracy on the training and test sets at
// the start of every epoch. Every experiment of chapters 6 to 8 and the
// noise study trains through it; chapters 4 and 5 write their loops out, as
// the book's lessons, and call the same Guard.
package trainer

import (
	"context"
	"fmt"
	"io"
	"math"
	"math/rand/v2"

	"dlfs/common/mat"
	"dlfs/common/nn"
	"dlfs/common/optimizer"
	"dlfs/common/progress"
)

// Predictor is a network that scores a batch, one row of class scores per
// sample; train is the book's train_flg.
type Predictor interface {
	Predict(x *mat.Matrix, train bool) *mat.Matrix
}

// Model is what a Trainer trains, as *network.Net is: a Predictor that
// computes the gradient of its loss into its parameters' Grad matrices and
// returns the loss.
type Model interface {
	Predictor
	Gradient(x *mat.Matrix, labels []int) (loss float64)
	Params() []nn.Param
}

// Data is a labelled data set that hands out float64 batches, as
// *dataset.Set does.
type Data interface {
	Len() int
	X(idx []int) *mat.Matrix
	LabelsOf(idx []int) []int
}

// Trainer holds the settings of the book's Trainer and, after Run, the
// curves it recorded. The zero values of the optional fields mean the
// book's behaviour.
type Trainer struct {
	Net         Model
	Train, Test Data
	Optimizer   optimizer.Optimizer // the book's optimizer and optimizer_param
	BatchSize   int                 // the book's mini_batch_size
	Rand        *rand.Rand          // draws the mini-batches; seed it for a repeatable run

	// How long: Epochs epochs, or Iters iterations if Iters > 0.
	Epochs int
	Iters  int

	EvalSamples int  // evaluate_sample_num_per_epoch: 0 means the whole sets
	EvalChunk   int  // images scored at once when measuring accuracy: 100 if 0
	NoEval      bool // measure nothing during training (the optimizer comparisons)

	// Guard stops a run whose loss blows up or stays at chance (see Guard);
	// nil checks only for NaN and Inf (CheckLoss), for networks that start
	// far from chance or are meant to stay there.
	Guard *Guard

	Bar *progress.Bar // shows the progress and the latest loss, if not nil
	Log io.Writer     // receives one line per epoch, if not nil

	// OnStep, if set, is called after every update with the iteration
	// (from 0) and its loss; an error it returns stops the run.
	OnStep func(iter int, loss float64) error
	// OnEval, if set, is called after each accuracy measurement.
	OnEval func(epoch int, trainAcc, testAcc float64)

	TrainLoss []float64 // the loss of every iteration's mini-batch
	TrainAcc  []float64 // accuracy on (a sample of) the training set, per measurement
	TestAcc   []float64 // accuracy on (a sample of) the test set, per measurement
}

// IterPerEpoch returns the book's iter_per_epoch, max(train_size /
// mini_batch_size, 1), a real number as in Python 3.
func (t *Trainer) IterPerEpoch() float64 {
	return max(float64(t.Train.Len())/float64(t.BatchSize), 1)
}

// TotalIters returns how many iterations Run does: Iters, or
// ceil(Epochs * IterPerEpoch).
func (t *Trainer) TotalIters() int {
	if t.Iters > 0 {
		return t.Iters
	}
	return int(math.Ceil(float64(t.Epochs) * t.IterPerEpoch()))
}

// EpochStarts reports whether iteration iter (counted from 0) starts an
// epoch: whether a multiple of IterPerEpoch lies in (iter-1, iter]. For a
// whole IterPerEpoch that is the book's i % iter_per_epoch == 0; for a
// fractional one (a training set that is not a multiple of the batch size)
// the book's test is true only now and then, and this one once per epoch.
func (t *Trainer) EpochStarts(iter int) bool {
	per := t.IterPerEpoch()
	return iter == 0 || math.Floor(float64(iter)/per) != math.Floor(float64(iter-1)/per)
}

// Run trains, and measures the accuracies as the book does: after the
// update of each iteration that starts an epoch (so TrainAcc[0] is that of a
// network one step old), and once more after the last update. It stops at
// the end of the current step when ctx is cancelled, with an error wrapping
// ctx's cause that says where; on a NaN or infinite loss, or when Guard
// trips, with an error wrapping ErrDiverged. A batch size larger than the
// training set is an error that names both.
func (t *Trainer) Run(ctx context.Context) error {
	if t.BatchSize <= 0 || t.BatchSize > t.Train.Len() {
		return fmt.Errorf("trainer: batch size %d for a training set of %d samples; want 1 to %d", t.BatchSize, t.Train.Len(), t.Train.Len())
	}
	if t.Iters <= 0 && t.Epochs <= 0 {
		return fmt.Errorf("trainer: %d epochs and %d iterations; want one of them positive", t.Epochs, t.Iters)
	}
	total := t.TotalIters()
	batch := make([]int, t.BatchSize)
	for iter := range total {
		if err := context.Cause(ctx); err != nil {
			return t.stopped(iter, total, err)
		}
		// batch_mask = np.random.choice(train_size, batch_size)
		for k := range batch {
			batch[k] = t.Rand.IntN(t.Train.Len())
		}
		loss := t.Net.Gradient(t.Train.X(batch), t.Train.LabelsOf(batch))
		if err := t.check(iter, loss); err != nil {
			return err
		}
		t.Optimizer.Update(t.Net.Params())
		t.TrainLoss = append(t.TrainLoss, loss)
		if t.Bar != nil {
			t.Bar.Update(iter+1, loss)
		}
		if t.OnStep != nil {
			if err := t.OnStep(iter, loss); err != nil {
				return err
			}
		}
		if !t.NoEval && (t.EpochStarts(iter) || iter == total-1) {
			t.evaluate()
		}
	}
	if t.Bar != nil {
		t.Bar.Done()
	}
	return nil
}

// check runs the guard, or CheckLoss without one.
func (t *Trainer) check(iter int, loss float64) error {
	if t.Guard != nil {
		return t.Guard.Check(iter, loss)
	}
	return CheckLoss(iter, loss)
}

// stopped is the error of a run cancelled before iteration iter.
func (t *Trainer) stopped(iter, total int, cause error) error {
	if t.Bar != nil {
		t.Bar.Done()
	}
	where := fmt.Sprintf("stopped after %d of %d iterations", iter, total)
	if !t.NoEval && t.Iters <= 0 {
		where += fmt.Sprintf(" (epoch %.1f of %d)", float64(iter)/t.IterPerEpoch(), t.Epochs)
	}
	if iter > 0 {
		where += fmt.Sprintf(", loss %.4f", t.TrainLoss[iter-1])
	}
	return fmt.Errorf("%s: %w", where, cause)
}

// evaluate records and logs one measurement of the accuracies.
func (t *Trainer) evaluate() {
	trainAcc := Accuracy(t.Net, t.Train, t.EvalSamples, t.EvalChunk)
	testAcc := Accuracy(t.Net, t.Test, t.EvalSamples, t.EvalChunk)
	t.TrainAcc = append(t.TrainAcc, trainAcc)
	t.TestAcc = append(t.TestAcc, testAcc)
	epoch := len(t.TrainAcc) - 1
	if t.Log != nil {
		line := fmt.Sprintf("epoch %d: train acc %.4f, test acc %.4f", epoch, trainAcc, testAcc)
		if t.Bar != nil {
			t.Bar.Println(t.Log, line)
		} else {
			fmt.Fprintln(t.Log, line)
		}
	}
	if t.OnEval != nil {
		t.OnEval(epoch, trainAcc, testAcc)
	}
}

// Accuracy returns the fraction of the first n samples of data (all of them
// when n is 0 or more than there are, the book's x_train[:t]) that net
// classifies correctly, predicting in test mode chunk samples at a time (100
// if chunk is 0) so that memory stays small for any set.
func Accuracy(net Predictor, data Data, n, chunk int) float64 {
	if n <= 0 || n > data.Len() {
		n = data.Len()
	}
	if chunk <= 0 {
		chunk = 100
	}
	if n == 0 {
		return 0
	}
	correct := 0
	idx := make([]int, 0, chunk)
	for from := 0; from < n; from += chunk {
		idx = idx[:0]
		for k := from; k < min(from+chunk, n); k++ {
			idx = append(idx, k)
		}
		labels := data.LabelsOf(idx)
		for k, p := range mat.ArgmaxRows(net.Predict(data.X(idx), false)) {
			if p == labels[k] {
				correct++
			}
		}
	}
	return float64(correct) / float64(n)
}
