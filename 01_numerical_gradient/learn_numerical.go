// Learning by numerical gradient: the book's ch04/train_neuralnet.py as
// chapter 4.5.2 prints it, with grad = network.numerical_gradient(x_batch,
// t_batch), and an honest estimate of how long its 10,000 iterations take.

package main

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"time"

	"dlfs/common/cli"
	"dlfs/common/mat"
	"dlfs/common/progress"
	"dlfs/common/trainer"
	"dlfs/dataset"
)

// bookIters is the book's iters_num: the length of its training run.
const bookIters = 10000

// learnNumerically trains network for iters iterations of stochastic
// gradient descent: each draws batchSize random images of train, computes
// the gradient of the loss numerically and steps against it, lr times its
// size. It prints each iteration's time and the loss on its mini-batch
// before and after the step (the book records the one after): the step
// lowers it, while from one mini-batch to the next the loss jumps about by
// as much as the first steps lower it. Then it prints the time the book's
// 10,000 iterations would take at the mean pace. It stops with an error if
// the loss becomes NaN or infinite, and at the end of the current iteration
// when ctx is cancelled (an interrupt), saying where.
func learnNumerically(ctx context.Context, network *TwoLayerNet, train *dataset.Set, iters, batchSize int, lr float64, rng *rand.Rand, out, progressOut io.Writer) error {
	// What to expect: two losses per parameter, each as long as this one.
	params := 0
	for _, p := range network.Params {
		params += len(p.Data)
	}
	first := train.Range(0, batchSize)
	perLoss := secondsPerLoss(network, train.X(first), train.LabelsOf(first))
	fmt.Fprintf(out, "numerical gradient of %d parameters: %d loss evaluations on %d images per iteration\n",
		params, 2*params, batchSize)
	fmt.Fprintf(out, "one loss evaluation takes %.3g ms: expect about %.3g s per iteration\n",
		1000*perLoss, perLoss*float64(2*params))

	batchMask := make([]int, batchSize)
	xBatch := mat.New(batchSize, train.Rows*train.Cols)
	totalSeconds := 0.0
	var losses []float64
	for i := 0; i < iters; i++ {
		if err := context.Cause(ctx); err != nil {
			return trainer.Stopped(i, iters, losses, err)
		}
		tBatch := randomBatch(rng, train, batchMask, xBatch)

		start := time.Now()
		lossBefore := network.Loss(xBatch, tBatch)
		// The book's network.numerical_gradient(x_batch, t_batch), its
		// loss_W drawing the progress and returning at once on Ctrl-C.
		bar, evals := progress.New(progressOut, fmt.Sprintf("iteration %d", i+1), 2*params), 0
		grad := network.numericalGradient(cli.Watch(ctx, func() { evals++; bar.Step(evals) }, func() float64 { return network.Loss(xBatch, tBatch) }))
		bar.Done()
		if err := context.Cause(ctx); err != nil {
			return fmt.Errorf("stopped during iteration %d of %d, after %d of its %d loss evaluations, before its update: %w", i+1, iters, evals, 2*params, err)
		}
		for _, key := range paramNames {
			network.Params[key].AddScaled(-lr, grad[key])
		}
		loss := network.Loss(xBatch, tBatch)
		seconds := time.Since(start).Seconds()
		if err := trainer.CheckLoss(i+1, loss); err != nil { // numbered from 1, as printed
			return err
		}
		losses = append(losses, loss)
		totalSeconds += seconds
		fmt.Fprintf(out, "iteration %d: mini-batch loss %.6f -> %.6f, %.2f s\n", i+1, lossBefore, loss, seconds)
	}

	perIter := totalSeconds / float64(iters)
	fmt.Fprintf(out, "%.3g s per iteration: the book's %d iterations would take %s\n",
		perIter, bookIters, about(perIter*bookIters))
	return nil
}

// randomBatch draws the mini-batch of an iteration, as the book's
// batch_mask = np.random.choice(train_size, batch_size): len(batchMask)
// random images of train (with replacement), whose indices it writes into
// batchMask and whose pixels into xBatch. It returns their labels.
func randomBatch(rng *rand.Rand, train *dataset.Set, batchMask []int, xBatch *mat.Matrix) []int {
	for k := range batchMask {
		batchMask[k] = rng.IntN(train.Len())
	}
	train.XInto(xBatch, batchMask)
	return train.LabelsOf(batchMask)
}

// secondsPerLoss times network.Loss on one batch: the mean of at least ten
// evaluations and at least 0.2 s.
func secondsPerLoss(network *TwoLayerNet, x *mat.Matrix, labels []int) float64 {
	evals, start := 0, time.Now()
	for evals < 10 || time.Since(start) < 200*time.Millisecond {
		network.Loss(x, labels)
		evals++
	}
	return time.Since(start).Seconds() / float64(evals)
}

// about says roughly how long seconds is, in the largest unit that fits.
func about(seconds float64) string {
	switch {
	case seconds >= 2*86400:
		return fmt.Sprintf("about %.1f days", seconds/86400)
	case seconds >= 2*3600:
		return fmt.Sprintf("about %.1f hours", seconds/3600)
	case seconds >= 2*60:
		return fmt.Sprintf("about %.0f minutes", seconds/60)
	}
	return fmt.Sprintf("about %.0f seconds", seconds)
}

// memoryNeed estimates the bytes a 784-hidden-10 TwoLayerNet learning on
// mini-batches of batch images takes at its peak: the parameters, held for
// the whole run, and twice what one step allocates (a gradient as large as
// the parameters, the mini-batch, about six batch x hidden activations and
// their gradients, and the 1000-image chunks of the accuracy), since the
// garbage collector lets the heap grow to about twice what is live, plus the
// 55 MB of MNIST's pixels.
func memoryNeed(hidden, batch int) uint64 {
	h, b := float64(hidden), float64(batch)
	params := 784*h + h + 10*h + 10
	step := params + 784*b + 6*b*h + 3*1000*h
	bytes := 8*(params+2*step) + 70000*784
	if bytes >= 1<<64 {
		return 1<<64 - 1
	}
	return uint64(bytes)
}
