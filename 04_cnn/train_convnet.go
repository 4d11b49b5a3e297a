// Training, the book's ch07/train_convnet.py and ch08/train_deepnet.py: the
// book's Trainer (dlfs/common/trainer) with Adam, mini-batches of 100 and the
// accuracy on 1000 training and 1000 test images once per epoch, plus a
// progress line; and evaluating a trained network on the whole test set.

package main

import (
	"fmt"
	"io"
	"math/rand/v2"
	"strings"

	"dlfs/common/mat"
	"dlfs/common/optimizer"
	"dlfs/common/progress"
	"dlfs/common/trainer"
	"dlfs/dataset"
)

// train trains net on trainSet for c.epochs epochs and returns the Trainer,
// which holds the loss and accuracy curves, and the accuracy on the whole
// test set. The per-epoch accuracies go to stdout, the progress line to
// stderr. It stops with an error that names the iteration if the loss
// becomes NaN or infinite.
func train(net convNet, trainSet, testSet *dataset.Set, c config, rng *rand.Rand, stdout, stderr io.Writer) (*trainer.Trainer, float64, error) {
	opt, err := optimizer.New(c.optimizer, c.lr)
	if err != nil {
		return nil, 0, err
	}
	tr := &trainer.Trainer{
		Network: net, Train: trainSet, Test: testSet,
		Epochs: c.epochs, BatchSize: c.batch, Optimizer: opt,
		EvalSamples: 1000, // the book's evaluate_sample_num_per_epoch
		Rand:        rng,
	}
	bar := progress.New(stderr, "train", int(float64(c.epochs)*tr.IterPerEpoch()))
	tr.Log = barLog{bar, stdout}
	tr.Progress = func(iter, total int, loss float64) {
		bar.Update(iter, loss)
		if iter == total { // Run goes on to the whole test set
			bar.Done()
			fmt.Fprintf(stderr, "measuring the accuracy on the %d test images\n", testSet.Len())
		}
	}
	testAcc, err := tr.Run()
	bar.Done() // if Run stopped early
	return tr, testAcc, err
}

// barLog is the Trainer's Log: it prints each epoch's line to out through
// the progress bar, so that on a terminal the line appears above the
// progress line instead of in the middle of it.
type barLog struct {
	bar *progress.Bar
	out io.Writer
}

func (l barLog) Write(p []byte) (int, error) {
	l.bar.Println(l.out, strings.TrimSuffix(string(p), "\n"))
	return len(p), nil
}

// predictAll returns the predicted class of every image of set, working
// through it predictChunk images at a time, with a progress line on stderr.
func predictAll(net trainer.Predictor, set *dataset.Set, stderr io.Writer) []int {
	predicted := make([]int, 0, set.Len())
	x := mat.New(predictChunk, set.Rows*set.Cols)
	bar := progress.New(stderr, "test", set.Len())
	for idx := range set.Chunks(predictChunk) {
		if len(idx) != x.Rows {
			x = mat.New(len(idx), x.Cols)
		}
		set.XInto(x, idx)
		predicted = append(predicted, mat.ArgmaxRows(net.Predict(x, false))...)
		bar.Step(len(predicted))
	}
	bar.Done()
	return predicted
}

// accuracy returns the fraction of set whose label is the predicted class.
func accuracy(predicted []int, set *dataset.Set) float64 {
	correct := 0
	for i, p := range predicted {
		if p == set.Label(i) {
			correct++
		}
	}
	return float64(correct) / float64(len(predicted))
}
