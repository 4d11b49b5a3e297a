// The end of a run: the accuracy of the network on the whole test set, as
// the book's trainer.py reports it last ("test acc"), the pictures of -out,
// and the line "test accuracy: 0.XXXX" that the run ends on.

package main

import (
	"fmt"
	"io"

	"dlfs/common/cli"
	"dlfs/common/mat"
	"dlfs/common/network"
	"dlfs/common/progress"
	"dlfs/common/trainer"
	"dlfs/dataset"
)

// report measures net on testSet, writes the pictures into out (when it is
// not nil), and prints the test accuracy last. tr is the training run, nil
// when the run evaluated -weights.
func report(out *cli.Dir, pics *pictures, tr *trainer.Trainer, net *network.Net, testSet *dataset.Set, stdout, stderr io.Writer) error {
	acc, predicted := evaluate(net, testSet, stderr)
	if err := pics.write(out, tr, net, testSet, predicted, stdout); err != nil {
		return err
	}
	_, err := fmt.Fprintf(stdout, "test accuracy: %.4f\n", acc)
	return err
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
