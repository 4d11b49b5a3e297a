// Learning by the analytic gradient: the book's ch04/train_neuralnet.py as
// published, with grad = network.gradient(x_batch, t_batch), 10,000
// iterations and the train and test accuracy once per epoch.

package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"time"

	"dlfs/common/mat"
	"dlfs/common/progress"
	"dlfs/common/trainer"
	"dlfs/dataset"
)

// learnByBackprop trains network as learnNumerically does, but with the
// analytic gradient. Once per epoch (train.Len() / batchSize iterations,
// starting with the untrained network) it measures the accuracy on the whole
// training and test sets, as the book does, and returns them all, the
// book's train_acc_list and test_acc_list. A progress line on progressOut
// shows the latest; out gets them all at the end, then the time taken. It
// stops with an error if the loss becomes NaN or infinite, or blows up
// (trainer.Guard), and at the end of the current iteration when ctx is
// cancelled (an interrupt), after printing the accuracy lines so far, with
// an error that says where.
func learnByBackprop(ctx context.Context, network *TwoLayerNet, train, test *dataset.Set, iters, batchSize int, lr float64, rng *rand.Rand, out, progressOut io.Writer) (trainAccList, testAccList []float64, err error) {
	iterPerEpoch := max(float64(train.Len())/float64(batchSize), 1)
	batchMask := make([]int, batchSize)
	xBatch := mat.New(batchSize, train.Rows*train.Cols)
	trainTime := time.Duration(0) // the training steps alone, without the evaluations
	var epochs []string           // the accuracy lines, printed at the end
	bar := progress.New(progressOut, "train", iters)
	guard := trainer.NewGuard(10)
	var losses []float64
	for i := 0; i < iters; i++ {
		if err := context.Cause(ctx); err != nil {
			bar.Done()
			for _, line := range epochs {
				fmt.Fprintln(out, line)
			}
			return nil, nil, trainer.Stopped(i, iters, losses, err)
		}
		tBatch := randomBatch(rng, train, batchMask, xBatch)

		start := time.Now()
		grad := network.Gradient(xBatch, tBatch)
		for _, key := range paramNames {
			network.Params[key].AddScaled(-lr, grad[key])
		}
		loss := network.Loss(xBatch, tBatch)
		trainTime += time.Since(start)
		if err := guard.Check(i+1, loss); err != nil { // the loss after i+1 updates
			bar.Done() // ends the progress line before the error is printed
			return nil, nil, err
		}
		losses = append(losses, loss)

		if math.Mod(float64(i), iterPerEpoch) == 0 { // i counts from 0, as in the book
			trainAcc, testAcc := setAccuracy(network, train), setAccuracy(network, test)
			trainAccList, testAccList = append(trainAccList, trainAcc), append(testAccList, testAcc)
			epochs = append(epochs, fmt.Sprintf("iteration %5d: loss %.4f, train acc %.4f, test acc %.4f", i, loss, trainAcc, testAcc))
			bar.Note(fmt.Sprintf("(train acc %.4f, test acc %.4f)", trainAcc, testAcc))
		}
		bar.Update(i+1, loss)
	}
	bar.Done()

	for _, line := range epochs {
		fmt.Fprintln(out, line)
	}
	fmt.Fprintf(out, "%d iterations in %.1f s of training steps (%.2f ms per iteration)\n",
		iters, trainTime.Seconds(), 1000*trainTime.Seconds()/float64(iters))
	return trainAccList, testAccList, nil
}

// setAccuracy is the book's network.accuracy(x_train, t_train) on the whole
// of set, predicting trainer.EvalChunk images at a time so that the set never
// sits in memory as float64.
func setAccuracy(network *TwoLayerNet, set *dataset.Set) float64 {
	return trainer.Accuracy(predictor{network}, set, 0, trainer.EvalChunk)
}

// predictor is a TwoLayerNet as a trainer.Predictor: the book's predict(x)
// of chapter 4 has no train_flg.
type predictor struct{ *TwoLayerNet }

// Predict returns the network's output for x.
func (p predictor) Predict(x *mat.Matrix, _ bool) *mat.Matrix { return p.TwoLayerNet.Predict(x) }
