// Tests of the Trainer on a small separable problem: epochs, repeatability,
// the guard, interrupts, hooks, and chunked accuracy.

package trainer

import (
	"context"
	"errors"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"dlfs/common/mat"
	"dlfs/common/network"
	"dlfs/common/optimizer"
)

// blobs is a Data of n points in 4 dimensions around 3 well separated centres.
type blobs struct {
	x      *mat.Matrix
	labels []int
}

func newBlobs(n int, seed uint64) *blobs {
	rng := rand.New(rand.NewPCG(seed, 1))
	b := &blobs{x: mat.New(n, 4), labels: make([]int, n)}
	for i := range n {
		c := i % 3
		b.labels[i] = c
		for j := range 4 {
			centre := 0.0
			if j == c {
				centre = 3
			}
			b.x.Set(i, j, centre+rng.NormFloat64()*0.5)
		}
	}
	return b
}

func (b *blobs) Len() int                { return b.x.Rows }
func (b *blobs) X(idx []int) *mat.Matrix { return mat.TakeRows(b.x, idx) }
func (b *blobs) LabelsOf(idx []int) []int {
	l := make([]int, len(idx))
	for k, i := range idx {
		l[k] = b.labels[i]
	}
	return l
}

func newTrainer(t *testing.T, lr float64, seed uint64) *Trainer {
	t.Helper()
	net, err := network.NewMultiLayerNet(network.Config{InputSize: 4, HiddenSizes: []int{8}, OutputSize: 3, WeightInitStd: "he", Seed: seed})
	if err != nil {
		t.Fatal(err)
	}
	return &Trainer{
		Net: net, Train: newBlobs(300, 1), Test: newBlobs(90, 2),
		Epochs: 5, BatchSize: 20, Optimizer: optimizer.NewSGD(lr),
		Rand: rand.New(rand.NewPCG(seed, 2)),
	}
}

func TestTrainerLearnsAndCountsEpochs(t *testing.T) {
	tr := newTrainer(t, 0.1, 1)
	var evals []int
	tr.OnStep = func(iter int, _ float64) error {
		if tr.Measured(iter) {
			evals = append(evals, len(tr.TrainAcc)-1)
		}
		return nil
	}
	if err := tr.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	// 300 samples in batches of 20: 15 iterations an epoch, 75 in all, and a
	// measurement at iterations 0, 15, 30, 45, 60 and after the last.
	if got := len(tr.TrainLoss); got != 75 {
		t.Errorf("%d losses recorded, want 75", got)
	}
	if len(tr.TrainAcc) != 6 || len(tr.TestAcc) != 6 || !slices.Equal(evals, []int{0, 1, 2, 3, 4, 5}) {
		t.Errorf("%d train and %d test accuracies, OnEval saw %v; want 6 each, epochs 0 to 5", len(tr.TrainAcc), len(tr.TestAcc), evals)
	}
	if acc := Accuracy(tr.Net, tr.Test, 0, 0); acc < 0.95 {
		t.Errorf("test accuracy %.3f on separable blobs, want >= 0.95", acc)
	}
	first, last := tr.TrainLoss[0], tr.TrainLoss[len(tr.TrainLoss)-1]
	if !(last < first/2) {
		t.Errorf("loss went from %.3f to %.3f, want it at least halved", first, last)
	}
}

// An epoch of 310 / 20 = 15.5 iterations starts at the first whole
// iteration at or after each multiple: 0, 16, 31, 47, 62; and the last
// iteration is measured too.
func TestTrainerFractionalEpochs(t *testing.T) {
	tr := newTrainer(t, 0.1, 1)
	tr.Train = newBlobs(310, 1)
	var starts []int
	for iter := range tr.TotalIters() {
		if tr.Measured(iter) {
			starts = append(starts, iter)
		}
	}
	if tr.TotalIters() != 78 || !slices.Equal(starts, []int{0, 16, 31, 47, 62, 77}) {
		t.Errorf("%d iterations measured at %v, want 78 and [0 16 31 47 62 77]", tr.TotalIters(), starts)
	}
}

func TestTrainerIsRepeatable(t *testing.T) {
	a, b := newTrainer(t, 0.1, 5), newTrainer(t, 0.1, 5)
	if err := a.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := b.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(a.TrainLoss, b.TrainLoss) {
		t.Error("two runs with the same seeds recorded different losses")
	}
}

func TestTrainerStopsOnDivergence(t *testing.T) {
	tr := newTrainer(t, 1e6, 1)
	tr.Guard = NewGuard(3)
	err := tr.Run(context.Background())
	if _, ok := errors.AsType[*DivergedError](err); !ok || !errors.Is(err, ErrDiverged) {
		t.Fatalf("lr 1e6: got %v, want a *DivergedError", err)
	}
	if n := len(tr.TrainLoss); n >= 75 {
		t.Errorf("training went on for all %d iterations after diverging", n)
	}
}

// A cancelled context stops the run at the end of a step, with an error
// that says where and wraps the cause.
func TestTrainerStopsWhenCancelled(t *testing.T) {
	tr := newTrainer(t, 0.1, 1)
	ctx, cancel := context.WithCancel(context.Background())
	tr.OnStep = func(iter int, _ float64) error {
		if iter == 9 {
			cancel()
		}
		return nil
	}
	err := tr.Run(ctx)
	if !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "after 10 of 75 iterations") || !strings.Contains(err.Error(), "loss") {
		t.Fatalf("got %v, want context.Canceled after 10 of 75 iterations with the loss", err)
	}
	if len(tr.TrainLoss) != 10 {
		t.Errorf("%d losses recorded, want 10", len(tr.TrainLoss))
	}
}

func TestTrainerOnStepErrorStops(t *testing.T) {
	tr := newTrainer(t, 0.1, 1)
	stop := errors.New("enough")
	tr.OnStep = func(iter int, _ float64) error {
		if iter == 3 {
			return stop
		}
		return nil
	}
	if err := tr.Run(context.Background()); !errors.Is(err, stop) || len(tr.TrainLoss) != 4 {
		t.Errorf("got %v after %d steps, want the hook's error after 4", err, len(tr.TrainLoss))
	}
}

func TestTrainerIters(t *testing.T) {
	tr := newTrainer(t, 0.1, 1)
	tr.Iters, tr.NoEval = 7, true
	if err := tr.Run(context.Background()); err != nil || len(tr.TrainLoss) != 7 || len(tr.TrainAcc) != 0 {
		t.Errorf("Iters 7, NoEval: error %v, %d losses, %d measurements; want nil, 7, 0", err, len(tr.TrainLoss), len(tr.TrainAcc))
	}
}

func TestTrainerRejectsBadSettings(t *testing.T) {
	for _, tc := range []struct{ epochs, batch int }{{0, 20}, {5, 0}, {5, 301}} {
		tr := newTrainer(t, 0.1, 1)
		tr.Epochs, tr.BatchSize = tc.epochs, tc.batch
		if err := tr.Run(context.Background()); err == nil {
			t.Errorf("epochs %d, batch %d: no error", tc.epochs, tc.batch)
		}
	}
}

// Accuracy in chunks must not depend on the chunk size.
func TestAccuracyChunks(t *testing.T) {
	tr := newTrainer(t, 0.1, 1)
	tr.Epochs = 1
	if err := tr.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	want := Accuracy(tr.Net, tr.Test, 0, tr.Test.Len())
	for _, chunk := range []int{1, 7, 89, 90, 1000} {
		if got := Accuracy(tr.Net, tr.Test, 0, chunk); got != want {
			t.Errorf("chunk %d: accuracy %v, want %v", chunk, got, want)
		}
	}
	if got, want := Accuracy(tr.Net, tr.Test, 30, 7), Accuracy(tr.Net, tr.Test, 30, 30); got != want {
		t.Errorf("first 30 samples: chunks of 7 give %v, one chunk %v", got, want)
	}
}
