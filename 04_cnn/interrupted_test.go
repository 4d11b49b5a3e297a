// A training run interrupted after an epoch saves the parameters of that
// epoch under a name that says so, and exits with status 130.

package main

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"dlfs/common/cli"
	"dlfs/common/network"
	"dlfs/common/optimizer"
	"dlfs/common/trainer"
	"dlfs/dataset"
	"dlfs/dataset/datasettest"
)

// cancelOn is a writer that cancels a run, as a Ctrl-C does, once it has
// been given a line starting with prefix.
type cancelOn struct {
	prefix string
	cancel func()
	text   strings.Builder
}

func (w *cancelOn) Write(p []byte) (int, error) {
	w.text.Write(p)
	if strings.Contains("\n"+w.text.String(), "\n"+w.prefix) {
		w.cancel()
	}
	return len(p), nil
}

// 200 images in batches of 100: epoch 1 is measured after iteration 2. The
// run is interrupted as it prints "epoch 1", so it stops before iteration
// 3 of 6, saves w.interrupted-epoch1.pkl, and writes no w.pkl.
func TestInterruptSavesLastEpoch(t *testing.T) {
	mnist := datasettest.MNISTDir(t)
	dir := t.TempDir()
	save := filepath.Join(dir, "w.pkl")
	ctx, cancel := context.WithCancelCause(context.Background())
	stdout := &cancelOn{prefix: "epoch 1:", cancel: func() { cancel(&cli.Interrupted{Signal: os.Interrupt}) }}
	err := run(ctx, []string{"-data", mnist, "-epochs", "3", "-train-size", "200", "-save", save}, stdout, io.Discard)
	if code := cli.ExitCode("04_cnn", err, io.Discard); code != 130 || !strings.Contains(err.Error(), "stopped after 3 of 6 iterations") {
		t.Fatalf("got %v (exit status %d), want an interrupt after iteration 3 of 6 and 130", err, code)
	}
	saved := filepath.Join(dir, "w.interrupted-epoch1.pkl")
	if !strings.Contains(stdout.text.String(), "wrote the parameters of epoch 1 to "+saved+"\n") {
		t.Errorf("the run does not say where it saved epoch 1:\n%s", stdout.text.String())
	}
	if _, err := os.Lstat(save); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("%s exists after an interrupted run (%v)", save, err)
	}
	if err := NewSimpleConvNet(BookSimpleConfig, rand.New(rand.NewPCG(9, 9))).LoadParams(saved); err != nil {
		t.Fatal(err)
	}
}

// Interrupted in the middle of epoch 2 (after iteration 3), the snapshot
// holds the parameters after iterations 0, 1 and 2, where epoch 1 was
// measured: those of the book's Trainer run by hand for 3 iterations, not
// the network's own after 4.
func TestEpochSnapshotKeepsLastEpoch(t *testing.T) {
	trainSet, testSet, err := dataset.Load(dataset.Options{Dir: datasettest.MNISTDir(t), Normalize: true, Flatten: true})
	if err != nil {
		t.Fatal(err)
	}
	trained := func(iters int, snap func(net *network.Net, tr *trainer.Trainer) func(int, float64) error) (*network.Net, error) {
		rng := rand.New(rand.NewPCG(1, 1))
		net := NewSimpleConvNet(BookSimpleConfig, rng)
		tr := &trainer.Trainer{Net: net, Train: trainSet.Head(200), Test: testSet.Head(200), Optimizer: optimizer.NewAdam(0.001, 0.9, 0.999),
			BatchSize: 100, Rand: rng, Iters: iters, EvalSamples: 100}
		if snap != nil {
			tr.OnStep = snap(net, tr)
		}
		return net, tr.Run(context.Background())
	}
	want, err := trained(3, nil)
	if err != nil {
		t.Fatal(err)
	}
	var snap *epochSnapshot
	stop := errors.New("stop")
	net, err := trained(6, func(net *network.Net, tr *trainer.Trainer) func(int, float64) error {
		snap = &epochSnapshot{net: net}
		keep := snap.keep(tr)
		return func(iter int, loss float64) error {
			if err := keep(iter, loss); err != nil || iter == 3 {
				return stop
			}
			return nil
		}
	})
	if err != stop || snap.epoch != 1 {
		t.Fatalf("run: %v, snapshot of epoch %d; want the stop after iteration 3 and epoch 1", err, snap.epoch)
	}
	if slices.Equal(net.Param("W1").Data, want.Param("W1").Data) {
		t.Fatal("the network after 4 iterations is the one after 3: the test cannot tell them apart")
	}
	path := filepath.Join(t.TempDir(), "w.npz")
	if err := snap.save(path, io.Discard); err != nil {
		t.Fatal(err)
	}
	got := NewSimpleConvNet(BookSimpleConfig, rand.New(rand.NewPCG(9, 9)))
	if err := got.LoadParams(filepath.Join(filepath.Dir(path), "w.interrupted-epoch1.npz")); err != nil {
		t.Fatal(err)
	}
	for _, p := range want.Params() {
		if !slices.Equal(p.Value.Data, got.Param(p.Name).Data) {
			t.Errorf("%s: the saved snapshot differs from the Trainer's after 3 iterations", p.Name)
		}
	}
}
