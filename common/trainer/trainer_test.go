package trainer

import (
	"errors"
	"math/rand/v2"
	"slices"
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
	net, err := network.New(network.Config{InputSize: 4, HiddenSizes: []int{8}, OutputSize: 3, WeightInitStd: "he", Seed: seed})
	if err != nil {
		t.Fatal(err)
	}
	return &Trainer{
		Network: net, Train: newBlobs(300, 1), Test: newBlobs(90, 2),
		Epochs: 5, BatchSize: 20, Optimizer: optimizer.NewSGD(lr),
		Rand: rand.New(rand.NewPCG(seed, 2)),
	}
}

func TestTrainerLearnsAndCountsEpochs(t *testing.T) {
	tr := newTrainer(t, 0.1, 1)
	acc, err := tr.Run()
	if err != nil {
		t.Fatal(err)
	}
	// 300 samples in batches of 20: 15 iterations an epoch, 75 in all, and an
	// evaluation at iterations 0, 15, 30, 45, 60.
	if got := len(tr.TrainLoss); got != 75 {
		t.Errorf("%d losses recorded, want 75", got)
	}
	if len(tr.TrainAcc) != 5 || len(tr.TestAcc) != 5 {
		t.Errorf("%d train and %d test accuracies, want 5 each", len(tr.TrainAcc), len(tr.TestAcc))
	}
	if acc < 0.95 {
		t.Errorf("test accuracy %.3f on separable blobs, want >= 0.95", acc)
	}
	first, last := tr.TrainLoss[0], tr.TrainLoss[len(tr.TrainLoss)-1]
	if !(last < first/2) {
		t.Errorf("loss went from %.3f to %.3f, want it at least halved", first, last)
	}
}

func TestTrainerIsRepeatable(t *testing.T) {
	a, b := newTrainer(t, 0.1, 5), newTrainer(t, 0.1, 5)
	if _, err := a.Run(); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Run(); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(a.TrainLoss, b.TrainLoss) {
		t.Error("two runs with the same seeds recorded different losses")
	}
}

func TestTrainerStopsOnDivergence(t *testing.T) {
	tr := newTrainer(t, 1e6, 1)
	_, err := tr.Run()
	if !errors.Is(err, ErrDiverged) {
		t.Fatalf("lr 1e6: got %v, want an error wrapping ErrDiverged", err)
	}
	if n := len(tr.TrainLoss); n >= 75 {
		t.Errorf("training went on for all %d iterations after diverging", n)
	}
}

func TestTrainerRejectsBadSettings(t *testing.T) {
	for _, tc := range []struct{ epochs, batch int }{{0, 20}, {5, 0}, {5, 301}} {
		tr := newTrainer(t, 0.1, 1)
		tr.Epochs, tr.BatchSize = tc.epochs, tc.batch
		if _, err := tr.Run(); err == nil {
			t.Errorf("epochs %d, batch %d: no error", tc.epochs, tc.batch)
		}
	}
}

// Accuracy in chunks must not depend on the chunk size.
func TestAccuracyChunks(t *testing.T) {
	tr := newTrainer(t, 0.1, 1)
	tr.Epochs = 1
	if _, err := tr.Run(); err != nil {
		t.Fatal(err)
	}
	want := Accuracy(tr.Network, tr.Test, tr.Test.Len())
	for _, chunk := range []int{1, 7, 89, 90, 1000} {
		if got := Accuracy(tr.Network, tr.Test, chunk); got != want {
			t.Errorf("chunk %d: accuracy %v, want %v", chunk, got, want)
		}
	}
}
