// Training, the book's ch07/train_convnet.py and ch08/train_deepnet.py: the
// book's Trainer (dlfs/common/trainer) with Adam, mini-batches of 100 and the
// accuracy on 1000 training and 1000 test images once per epoch, with a
// progress line; and the accuracy of the network on the whole test set.

package main

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"

	"dlfs/common/mat"
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
// cancelled.
func train(ctx context.Context, net *network.Net, trainSet, testSet *dataset.Set, c config, rng *rand.Rand, stdout, stderr io.Writer) (*trainer.Trainer, error) {
	opt, err := optimizer.New(c.optimizer, c.lr)
	if err != nil {
		return nil, err
	}
	tr := &trainer.Trainer{
		Net: net, Train: trainSet, Test: testSet,
		Optimizer: opt, BatchSize: c.batch, Rand: rng, Epochs: c.epochs,
		EvalSamples: 1000, // the book's evaluate_sample_num_per_epoch
		Guard:       trainer.NewGuard(10),
		Log:         stdout,
	}
	tr.Bar = progress.New(stderr, "train", tr.TotalIters())
	if err := tr.Run(ctx); err != nil {
		return nil, err
	}
	return tr, nil
}

// evaluate returns the accuracy of net on the whole of set, and the class it
// predicts for each image, for the picture of the misclassified ones. The
// accuracy is trainer.Accuracy's, in one pass over set.
func evaluate(net *network.Net, set *dataset.Set, stderr io.Writer) (acc float64, predicted []int) {
	fmt.Fprintf(stderr, "measuring the accuracy on the %d test images\n", set.Len())
	r := &recorder{net: net, bar: progress.New(stderr, "test", set.Len())}
	acc = trainer.Accuracy(r, set, 0, 0)
	r.bar.Done()
	return acc, r.predicted
}

// recorder is a Predictor that passes each batch to net and keeps the
// predicted class of every row, in order, with a progress line.
type recorder struct {
	net       trainer.Predictor
	bar       *progress.Bar
	predicted []int
}

// Predict returns net's scores for x, after recording their argmax.
func (r *recorder) Predict(x *mat.Matrix, train bool) *mat.Matrix {
	scores := r.net.Predict(x, train)
	r.predicted = append(r.predicted, mat.ArgmaxRows(scores)...)
	r.bar.Step(len(r.predicted))
	return scores
}
