// The training loop of the book's ch06/overfit_weight_decay.py, which its
// Trainer (common/trainer.py) repeats for overfit_dropout.py and
// hyperparameter_optimization.py: random mini-batches, an SGD step each,
// and at the start of every epoch the accuracy on the whole training and
// test (or validation) sets.

package main

import (
	"math"
	"math/rand/v2"

	"dlfs/common/network"
	"dlfs/common/optimizer"
	"dlfs/common/progress"
	"dlfs/common/trainer"
)

// evalChunk is how many images an accuracy measurement predicts at once.
// On one core 100 and 1000 run alike, but only products of 1000 rows gain
// from a second core: 2000 test images through 784-[100x6]-10 take 21 ms in
// chunks of 100 either way, and 16 ms in chunks of 1000 on two idle cores.
// The activations of 1000 images are 0.8 MB per layer.
const evalChunk = 1000

// trainEpochs trains net with opt on mini-batches of batchSize samples of
// train, drawn with replacement by rng (the book's np.random.choice), and
// measures its accuracy on train and test at the start of each of epochs
// epochs, after that iteration's update, as the book does (so trainAcc[0]
// is that of a network one step old). It stops right after the last
// measurement, as the book's script does, and reports each iteration to bar
// if bar is not nil. It returns an error wrapping trainer.ErrDiverged as
// soon as a loss is NaN or infinite.
//
// trainer.Trainer runs the same loop; this one differs in three ways that
// matter here. It ends with the last epoch's measurement (the Trainer
// trains on to epochs*perEpoch iterations and measures the test set once
// more). It measures in chunks of evalChunk images, which a second core
// speeds up where the Trainer's chunks of 100 are not. And an epoch starts
// at the first whole iteration at or after each multiple of perEpoch, where
// the book's i % iter_per_epoch == 0 on a fractional iter_per_epoch (a
// training set that is not a multiple of the batch size) is true only now
// and then.
func trainEpochs(net *network.MultiLayerNet, opt optimizer.Optimizer, train, test trainer.Data, epochs, batchSize int, rng *rand.Rand, bar *progress.Bar) (trainAcc, testAcc []float64, err error) {
	perEpoch := max(float64(train.Len())/float64(batchSize), 1) // the book's iter_per_epoch
	batch := make([]int, batchSize)
	for iter := 0; len(trainAcc) < epochs; iter++ {
		for k := range batch {
			batch[k] = rng.IntN(train.Len())
		}
		grads, loss := net.Gradient(train.X(batch), train.LabelsOf(batch))
		if err := trainer.CheckLoss(iter, loss); err != nil {
			return nil, nil, err
		}
		opt.Update(net.Params(), grads)
		if epochStarts(iter, perEpoch) {
			trainAcc = append(trainAcc, trainer.Accuracy(net, train, evalChunk))
			testAcc = append(testAcc, trainer.Accuracy(net, test, evalChunk))
		}
		if bar != nil {
			bar.Update(iter+1, loss)
		}
	}
	if bar != nil {
		bar.Done()
	}
	return trainAcc, testAcc, nil
}

// epochIters returns how many iterations trainEpochs runs: up to the start
// of the last epoch, the iteration at or after (epochs-1)*perEpoch.
func epochIters(epochs, trainSize, batchSize int) int {
	perEpoch := max(float64(trainSize)/float64(batchSize), 1)
	return int(math.Ceil(float64(epochs-1)*perEpoch)) + 1
}

// epochStarts reports whether iteration iter (counted from 0) starts an
// epoch of perEpoch iterations: whether a multiple of perEpoch lies in
// (iter-1, iter]. For a whole perEpoch that is the book's
// iter % iter_per_epoch == 0.
func epochStarts(iter int, perEpoch float64) bool {
	return iter == 0 || math.Floor(float64(iter)/perEpoch) != math.Floor(float64(iter-1)/perEpoch)
}
