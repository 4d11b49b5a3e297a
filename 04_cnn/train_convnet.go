// Training, the book's ch07/train_convnet.py and ch08/train_deepnet.py: the
// book's Trainer (dlfs/common/trainer) with Adam, mini-batches of 100 and the
// accuracy on 1000 training and 1000 test images once per epoch, with a
// progress line; then the book's network.save_params.

package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"

	"dlfs/common/cli"
	"dlfs/common/network"
	"dlfs/common/optimizer"
	"dlfs/common/progress"
	"dlfs/common/trainer"
	"dlfs/dataset"
)

// train trains net on trainSet for c.epochs epochs, drawing the
// mini-batches with rng, and returns the Trainer, which holds the loss and
// accuracy curves. The per-epoch accuracies go to stdout, the progress line
// to stderr. It stops with an error that names -lr when the loss becomes
// NaN, blows up or stays at chance, and with one that says where when ctx is
// cancelled. snap, if not nil, keeps the parameters of each finished epoch.
func train(ctx context.Context, net *network.Net, trainSet, testSet *dataset.Set, c config, rng *rand.Rand, snap *epochSnapshot, stdout, stderr io.Writer) (*trainer.Trainer, error) {
	opt, err := optimizer.New(c.optimizer, c.lr)
	if err != nil {
		return nil, err
	}
	tr := &trainer.Trainer{
		Net: net, Train: trainSet, Test: testSet,
		Optimizer: opt, BatchSize: c.batch, Rand: rng, Epochs: c.epochs,
		EvalSamples: 1000, // the book's evaluate_sample_num_per_epoch
		Guard:       trainer.NewGuard(10),
	}
	if c.resume != "" { // -resume: the parameters, the optimizer and the generator as they were
		if snap == nil || snap.src == nil {
			return nil, fmt.Errorf("-resume %s: no random generator to restore", c.resume)
		}
		if err := net.LoadParams(c.resume); err != nil {
			return nil, cli.Usagef("-resume: %v", err)
		}
		state, err := readState(c.resume, net.Want(), tr.TotalIters())
		if err != nil {
			return nil, cli.Usagef("%v", err)
		}
		if err := state.resume(tr, snap.src); err != nil {
			return nil, cli.Usagef("-resume %s: %v", c.resume, err)
		}
	}
	bar := progress.New(stderr, "train", tr.TotalIters())
	var next func(iter int, loss float64) error
	if snap != nil {
		next = snap.keep(tr)
	}
	tr.OnStep = progress.Train(bar, tr, stdout, next)
	err = tr.Run(ctx)
	bar.Done()
	return tr, err
}

// trainAndSave is the end of the book's ch07/train_convnet.py: train, then
// save the parameters (saveParams). A run that diverges says to try a
// smaller -lr; one interrupted after its first epoch saves the parameters
// of its last finished epoch (epochSnapshot) before it stops.
func trainAndSave(ctx context.Context, net *network.Net, trainSet, testSet *dataset.Set, c config, rng *rand.Rand, src *rand.PCG, outs *cli.Run, stdout, stderr io.Writer) (*trainer.Trainer, error) {
	snap := &epochSnapshot{net: net, src: src}
	tr, err := train(ctx, net, trainSet, testSet, c, rng, snap, stdout, stderr)
	if errors.Is(err, cli.ErrInterrupted) && snap.epoch > 0 {
		path, saveErr := savePath(c, outs)
		if saveErr == nil {
			saveErr = snap.save(path, stdout)
		}
		if saveErr != nil {
			return nil, fmt.Errorf("%w (and saving the parameters of epoch %d: %v)", err, snap.epoch, saveErr)
		}
	}
	if err != nil {
		return nil, cli.Diverged(err, "-lr")
	}
	return tr, saveParams(net, c, outs, stdout)
}

// newNet builds the network -net names, with its initial weights drawn by
// rng.
func newNet(c config, rng *rand.Rand) *network.Net {
	if c.net == "deep" {
		return NewDeepConvNet(BookDeepConfig, rng)
	}
	return NewSimpleConvNet(BookSimpleConfig, rng)
}

// loadMNIST loads the test set and, unless the run only evaluates -weights,
// the first c.trainSize images of the training set, as the book's
// load_mnist(flatten=False) gives them, pixels in [0, 1]: the first
// convolution reads each row of 784 values as 1x28x28. Cancelling ctx stops
// a download.
func loadMNIST(ctx context.Context, c config, stderr io.Writer) (trainSet, testSet *dataset.Set, err error) {
	opts := dataset.Options{Dir: c.data, Normalize: true, Flatten: true, Progress: stderr, Context: ctx}
	if c.weights != "" {
		testSet, err = dataset.LoadTest(opts)
		return nil, testSet, err
	}
	if trainSet, testSet, err = dataset.Load(opts); err != nil {
		return nil, nil, err
	}
	if c.trainSize > trainSet.Len() {
		return nil, nil, cli.Usagef("-train-size %d: the training set has only %d images", c.trainSize, trainSet.Len())
	}
	if trainSet = trainSet.Head(c.trainSize); c.batch > trainSet.Len() {
		return nil, nil, cli.Usagef("-batch %d: larger than the %d training images", c.batch, trainSet.Len())
	}
	return trainSet, testSet, nil
}

// saveParams writes the trained parameters to savePath's file.
func saveParams(net *network.Net, c config, outs *cli.Run, stdout io.Writer) error {
	path, err := savePath(c, outs)
	if err != nil {
		return err
	}
	if err := net.SaveParams(path); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote the parameters to %s\n", path)
	return nil
}

// savePath is the file of -save (a .npz, or a .pkl the book's load_params
// reads), or by default simple_convnet.npz or deep_convnet.npz in the
// folder outputs gave it.
func savePath(c config, outs *cli.Run) (string, error) {
	if c.save != "" {
		return c.save, nil
	}
	for _, flag := range []string{"-out", "-save"} {
		if d := outs.Dir(flag); d != nil {
			return d.File(c.net + "_convnet.npz")
		}
	}
	return "", fmt.Errorf("04_cnn: no file to save the parameters in")
}
