// Training by backpropagation, the book's ch05/train_neuralnet.py: plain
// SGD on random mini-batches, with the train and test accuracy measured once
// per epoch. The loop is written out here, as in the book, because it is the
// lesson; trainer.Trainer is the same loop packaged for later chapters, and
// this one calls the same guard (trainer.Guard) and the same accuracy
// (trainer.Accuracy).

package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"time"

	"dlfs/common/cli"
	"dlfs/common/mat"
	"dlfs/common/progress"
	"dlfs/common/trainer"
	"dlfs/dataset"
)

// history is what a training run records, the book's lists.
type history struct {
	loss      []float64 // every iteration's mini-batch loss: train_loss_list
	epochIter []int     // the iterations after which the accuracies were measured
	trainAcc  []float64 // train_acc_list, on the whole training set
	testAcc   []float64 // test_acc_list, on the whole test set

	stepTime time.Duration // spent in the training steps, without the evaluations
}

// train trains net for c.iters iterations of SGD with mini-batches of c.batch
// images drawn by rng from trainSet and learning rate c.lr. Once per epoch it
// measures the accuracy on the whole training and test sets. A progress line
// goes to progressOut, and each epoch's accuracies to out as they are
// measured. It returns what it recorded so far and an error when the loss
// becomes NaN or infinite, climbs far above chance or stays there (see
// trainer.Guard), or when ctx is cancelled: then it stops at the end of the
// current step and says where.
func train(ctx context.Context, net *TwoLayerNet, trainSet, testSet *dataset.Set, c config, rng *rand.Rand, out, progressOut io.Writer) (*history, error) {
	trainSize := trainSet.Len()
	if c.batch > trainSize {
		return nil, cli.Usagef("-batch %d: larger than the %d training images", c.batch, trainSize)
	}
	// The book's iter_per_epoch = max(train_size / batch_size, 1) is a float
	// (600.0). Whole iterations are the same for 60,000 images in batches of
	// 100, and give any batch size an evaluation at least once an epoch.
	iterPerEpoch := max(trainSize/c.batch, 1)

	h := &history{loss: make([]float64, 0, c.iters)}
	batchMask := make([]int, c.batch)
	xBatch := mat.New(c.batch, trainSet.Rows*trainSet.Cols) // reused by every iteration
	guard := trainer.NewGuard(net.Params["b2"].Cols)
	bar := progress.New(progressOut, "train", c.iters)
	defer bar.Done() // also ends the progress line before an error is printed

	for i := range c.iters {
		if err := context.Cause(ctx); err != nil {
			return h, trainer.Stopped(i, c.iters, h.loss, err)
		}
		start := time.Now()

		// batch_mask = np.random.choice(train_size, batch_size)
		for k := range batchMask {
			batchMask[k] = rng.IntN(trainSize)
		}
		trainSet.XInto(xBatch, batchMask)
		tBatch := trainSet.LabelsOf(batchMask)

		// The gradient by backpropagation, and the loss of its forward pass.
		grad, loss := net.Gradient(xBatch, tBatch)

		// Stop at once on a NaN or infinite loss, one that blows up, or one
		// that stays at chance.
		if err := guard.Check(i, loss); err != nil {
			return h, err
		}

		// params[key] -= learning_rate * grad[key]
		for _, key := range ParamNames {
			net.Params[key].AddScaled(-c.lr, grad[key])
		}
		h.loss = append(h.loss, loss)
		h.stepTime += time.Since(start)

		if i%iterPerEpoch == 0 {
			trainAcc := trainer.Accuracy(net, trainSet, 0, trainer.EvalChunk)
			testAcc := trainer.Accuracy(net, testSet, 0, trainer.EvalChunk)
			h.epochIter = append(h.epochIter, i)
			h.trainAcc = append(h.trainAcc, trainAcc)
			h.testAcc = append(h.testAcc, testAcc)
			bar.Println(out, fmt.Sprintf("epoch %2d (iteration %5d): train acc %.4f, test acc %.4f", len(h.trainAcc), i, trainAcc, testAcc))
		}
		bar.Update(i+1, loss)
	}
	bar.Done()
	fmt.Fprintf(out, "%d iterations: %.1f s in training steps, %.3f ms per iteration\n",
		len(h.loss), h.stepTime.Seconds(), 1e3*h.stepTime.Seconds()/float64(len(h.loss)))
	return h, nil
}

// memoryNeeded estimates the bytes a run of c allocates beyond MNIST itself:
// the parameters with their gradients; for the largest batch that goes
// through the network (a mini-batch, or trainer.EvalChunk images when
// measuring the accuracy) its input, the hidden layer's output, mask and
// gradients, and the scores; and the loss curve.
func memoryNeeded(c config) uint64 {
	total := cli.Float64s(2, 784*c.hidden+c.hidden+c.hidden*10+10)
	for _, more := range []uint64{cli.Float64s(max(c.batch, trainer.EvalChunk), 784+4*c.hidden+4*10), cli.Float64s(c.iters)} {
		if total += more; total < more {
			return math.MaxUint64 // the sum overflowed: far too much anyway
		}
	}
	return total
}

// loadSets loads MNIST with pixels in [0, 1], one image per row, and keeps
// the first c.trainSize training images; cancelling ctx stops a download.
func loadSets(ctx context.Context, c config, stderr io.Writer) (trainSet, testSet *dataset.Set, err error) {
	trainSet, testSet, err = dataset.Load(dataset.Options{Dir: c.data, Normalize: true, Flatten: true, Progress: stderr, Context: ctx})
	if err == nil && c.trainSize > trainSet.Len() {
		err = cli.Usagef("-train-size %d: the training set has only %d images", c.trainSize, trainSet.Len())
	}
	if err != nil {
		return nil, nil, err
	}
	return trainSet.Head(c.trainSize), testSet, nil
}
