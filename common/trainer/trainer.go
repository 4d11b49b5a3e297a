// Package trainer runs the training loops of Deep Learning from Scratch:
// the book's common/trainer.py (chapters 7 and 8), which draws random
// mini-batches, updates the parameters with an optimizer and measures the
// accuracy once per epoch, and the divergence guard every loop calls.
package trainer

import (
	"fmt"
	"io"
	"math"
	"math/rand/v2"

	"dlfs/common/mat"
	"dlfs/common/optimizer"
)

// Predictor is a network that scores a batch, one row of class scores per
// sample; train selects the training behaviour of Dropout and BatchNorm.
type Predictor interface {
	Predict(x *mat.Matrix, train bool) *mat.Matrix
}

// Network is what a Trainer trains: a Predictor that also computes the
// gradient of its loss (returning the loss too) and exposes its parameters
// to the optimizer.
type Network interface {
	Predictor
	Gradient(x *mat.Matrix, labels []int) (grads map[string]*mat.Matrix, loss float64)
	Params() map[string]*mat.Matrix
}

// Data is a labelled data set that hands out float64 batches, as
// *dataset.Set does.
type Data interface {
	Len() int
	X(idx []int) *mat.Matrix
	LabelsOf(idx []int) []int
}

// Trainer holds the settings of the book's Trainer and, after Run, the
// curves it recorded.
type Trainer struct {
	Network     Network
	Train, Test Data
	Epochs      int                                 // the book's epochs
	BatchSize   int                                 // the book's mini_batch_size
	Optimizer   optimizer.Optimizer                 // the book's optimizer and optimizer_param
	EvalSamples int                                 // evaluate_sample_num_per_epoch: 0 means the whole sets
	Rand        *rand.Rand                          // draws the mini-batches; seed it for a repeatable run
	Log         io.Writer                           // receives one line per epoch; nil for silence
	Progress    func(iter, total int, loss float64) // called after every iteration, if set

	TrainLoss []float64 // the loss of every iteration's mini-batch
	TrainAcc  []float64 // accuracy on (a sample of) the training set, once per epoch
	TestAcc   []float64 // accuracy on (a sample of) the test set, once per epoch
}

// IterPerEpoch returns how many iterations make an epoch, the book's
// max(train_size / mini_batch_size, 1), a real number as in Python 3.
func (t *Trainer) IterPerEpoch() float64 {
	return max(float64(t.Train.Len())/float64(t.BatchSize), 1)
}

// Run trains for Epochs epochs and returns the accuracy on the whole test
// set. As in the book, the accuracies are measured at the start of each
// epoch (at iteration 0, 600, 1200, ... for 60,000 images in batches of
// 100), so TrainAcc[0] is the untrained network's. It stops with an error,
// wrapping ErrDiverged, as soon as a loss is NaN or infinite.
func (t *Trainer) Run() (testAcc float64, err error) {
	if t.Epochs <= 0 || t.BatchSize <= 0 || t.BatchSize > t.Train.Len() {
		return 0, fmt.Errorf("trainer: need epochs > 0 and a batch size in 1..%d, got epochs %d, batch size %d", t.Train.Len(), t.Epochs, t.BatchSize)
	}
	perEpoch := t.IterPerEpoch()
	maxIter := int(float64(t.Epochs) * perEpoch)
	batch := make([]int, t.BatchSize)
	for iter := 0; iter < maxIter; iter++ {
		// batch_mask = np.random.choice(train_size, batch_size)
		for k := range batch {
			batch[k] = t.Rand.IntN(t.Train.Len())
		}
		grads, loss := t.Network.Gradient(t.Train.X(batch), t.Train.LabelsOf(batch))
		if err := CheckLoss(iter, loss); err != nil {
			return 0, err
		}
		t.Optimizer.Update(t.Network.Params(), grads)
		t.TrainLoss = append(t.TrainLoss, loss)

		if math.Mod(float64(iter), perEpoch) == 0 {
			t.evaluate(len(t.TrainAcc) + 1)
		}
		if t.Progress != nil {
			t.Progress(iter+1, maxIter, loss)
		}
	}
	return Accuracy(t.Network, t.Test, 100), nil
}

// evaluate records and logs the accuracies of one epoch.
func (t *Trainer) evaluate(epoch int) {
	train, test := t.Train, t.Test
	trainAcc := accuracyOn(t.Network, train, t.EvalSamples)
	testAcc := accuracyOn(t.Network, test, t.EvalSamples)
	t.TrainAcc = append(t.TrainAcc, trainAcc)
	t.TestAcc = append(t.TestAcc, testAcc)
	if t.Log != nil {
		fmt.Fprintf(t.Log, "epoch %d: train acc %.4f, test acc %.4f\n", epoch, trainAcc, testAcc)
	}
}

// accuracyOn measures the accuracy on the first n samples of data (all of
// them when n is 0 or too large), the book's x_train[:t].
func accuracyOn(net Predictor, data Data, n int) float64 {
	if n <= 0 || n > data.Len() {
		n = data.Len()
	}
	return accuracyRange(net, data, n, 100)
}

// Accuracy returns the fraction of data that net classifies correctly,
// predicting in test mode in chunks of at most chunk samples so that memory
// stays small for any set.
func Accuracy(net Predictor, data Data, chunk int) float64 {
	return accuracyRange(net, data, data.Len(), chunk)
}

func accuracyRange(net Predictor, data Data, n, chunk int) float64 {
	if n == 0 {
		return 0
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
	return float64(correct) / float64(n)
}
