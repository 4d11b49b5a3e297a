// The noise-robustness study (mnist-from-scratch, built on the book's ch05
// layers): a 784-100-10 ReLU network (network.NewMultiLayerNet) trained by
// plain SGD through trainer.Trainer on MNIST with pixel noise, its accuracy
// measured every 100 iterations on the noisy training and test images, and
// the sweep that trains one network per noise level and tests each on every
// level.

package main

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"strconv"
	"time"

	"dlfs/common/cli"
	"dlfs/common/mat"
	"dlfs/common/network"
	"dlfs/common/optimizer"
	"dlfs/common/progress"
	"dlfs/common/trainer"
	"dlfs/dataset"
)

// noiseConfig holds the settings of the study.
type noiseConfig struct {
	hidden  []int   // units of each hidden layer: {100} is the study's 784-100-10
	initStd float64 // standard deviation of the initial weights, 0.1 in the study
	iters   int     // iterations of SGD, 4000 in the study
	batch   int     // mini-batch size, 100
	lr      float64 // learning rate, 0.1
	seed    uint64  // seeds the weights, the mini-batches and the noise

	evalEvery int  // measure the accuracies every evalEvery iterations
	evalTrain int  // on the first evalTrain (noisy) training images, and the whole (noisy) test set
	debug     bool // print every iteration's loss and batch accuracy
}

// defaultNoiseConfig returns the study's settings: those of the original
// (784-100-10, weights N(0, 0.1^2), 4000 iterations of SGD at 0.1 on batches
// of 100), with the accuracies measured every 100 iterations on 10,000
// training images and the 10,000 test images.
func defaultNoiseConfig() noiseConfig {
	return noiseConfig{
		hidden: []int{100}, initStd: 0.1, iters: 4000, batch: 100, lr: 0.1, seed: 1,
		evalEvery: 100, evalTrain: 10000,
	}
}

// batchStream tells the generator of the mini-batches from the noise
// generators (noise.go) and from that of the initial weights.
const batchStream uint64 = 3

// loadSets loads MNIST with pixels in [0, 1], one image per row, and keeps
// the first -train-size training images; cancelling ctx stops a download.
// A mini-batch must fit in what is kept.
func loadSets(ctx context.Context, c config, stderr io.Writer) (train, test *dataset.Set, err error) {
	train, test, err = dataset.Load(dataset.Options{Dir: c.data, Normalize: true, Flatten: true, Progress: stderr, Context: ctx})
	switch {
	case err != nil:
		return nil, nil, err
	case c.trainSize > train.Len():
		return nil, nil, cli.Usagef("-train-size %d: the training set has only %d images", c.trainSize, train.Len())
	case c.mode != "weights" && c.study.batch > c.trainSize:
		return nil, nil, cli.Usagef("-batch %d: larger than the %d training images", c.study.batch, c.trainSize)
	}
	return train.Head(c.trainSize), test, nil
}

// noiseRun is one network trained at one noise level, and its curves.
type noiseRun struct {
	level float64
	net   *network.Net

	loss      []float64 // every iteration's mini-batch loss
	evalIter  []float64 // the iterations after which the accuracies were measured
	trainAcc  []float64 // on the first evalTrain noisy training images
	testAcc   []float64 // on the noisy test set
	predicted []int     // the final network's class for each noisy test image

	elapsed time.Duration // the time the training and its measurements took
}

// newNoiseNet returns the study's network: Affine, Relu, ..., Affine and
// SoftmaxWithLoss, weights drawn from N(0, initStd^2), biases 0.
func newNoiseNet(c noiseConfig) (*network.Net, error) {
	return network.NewMultiLayerNet(network.Config{
		InputSize:     784,
		HiddenSizes:   c.hidden,
		OutputSize:    10,
		Activation:    "relu",
		WeightInitStd: strconv.FormatFloat(c.initStd, 'g', -1, 64),
		Seed:          c.seed,
	})
}

// trainNoisy trains a new network for c.iters iterations on the training
// images with noise at level%, drawing mini-batches of c.batch at random,
// and measures the accuracies every c.evalEvery iterations and after the
// last (the Trainer's OnStep hook). It prints each measurement to log, if
// not nil, and with c.debug every iteration's loss and mini-batch accuracy;
// a progress line goes to stderr. It stops with the Trainer's error when the
// loss becomes NaN, climbs far above chance or stays there (trainer.Guard),
// or when ctx is cancelled.
func trainNoisy(ctx context.Context, c noiseConfig, level float64, train, test *dataset.Set, log, stderr io.Writer) (*noiseRun, error) {
	net, err := newNoiseNet(c)
	if err != nil {
		return nil, err
	}
	noisyTrain := newNoisySet(train, level, c.seed, trainNoise)
	noisyTest := newNoisySet(test, level, c.seed, testNoise)
	run := &noiseRun{level: level, net: net}
	bar := progress.New(stderr, fmt.Sprintf("train at %g%% noise", level), c.iters)
	defer bar.Done() // also ends the progress line before an error is printed

	tr := &trainer.Trainer{
		Net: net, Train: noisyTrain, Test: noisyTest,
		Optimizer: optimizer.NewSGD(c.lr),
		BatchSize: c.batch,
		Rand:      rand.New(rand.NewPCG(c.seed, splitMix64(batchStream))),
		Iters:     c.iters,
		NoEval:    true, // measured every evalEvery iterations by OnStep instead
		Guard:     trainer.NewGuard(10),
	}
	tr.OnStep = func(iter int, loss float64) error {
		bar.Update(iter+1, loss)
		done := iter + 1
		if c.debug && log != nil {
			bar.Println(log, fmt.Sprintf("iteration %d: loss %.4f, mini-batch accuracy %.2f", done, loss, batchAccuracy(net)))
		}
		if done%c.evalEvery != 0 && done != c.iters {
			return nil
		}
		// The first evalTrain images of noisyTrain carry the same noise
		// whichever way they are read: it depends on an image's index.
		trainAcc := trainer.Accuracy(net, noisyTrain, c.evalTrain, trainer.EvalChunk)
		testAcc := trainer.Accuracy(net, noisyTest, 0, trainer.EvalChunk)
		run.evalIter = append(run.evalIter, float64(done))
		run.trainAcc = append(run.trainAcc, trainAcc)
		run.testAcc = append(run.testAcc, testAcc)
		if log != nil {
			bar.Println(log, fmt.Sprintf("noise %g%%, iteration %5d: train acc %.4f, test acc %.4f", level, done, trainAcc, testAcc))
		}
		bar.Note(fmt.Sprintf("(test acc %.4f)", testAcc))
		return nil
	}
	start := time.Now()
	if err := tr.Run(ctx); err != nil {
		return nil, err
	}
	run.elapsed = time.Since(start)
	run.loss = tr.TrainLoss
	run.predicted = predictAll(net, noisyTest)
	return run, nil
}

// batchAccuracy returns the fraction of the last mini-batch that net, before
// its update, classified correctly: read off the softmax output its loss
// layer keeps from the forward pass of the step.
func batchAccuracy(net *network.Net) float64 {
	correct := 0
	for i, p := range mat.ArgmaxRows(net.Last.Y) {
		if p == net.Last.Labels[i] {
			correct++
		}
	}
	return float64(correct) / float64(len(net.Last.Labels))
}

// noiseSweep is the result of trainNoiseSweep.
type noiseSweep struct {
	trainLevels []float64   // 0, 5, 10, ...
	testLevels  []float64   // 0, 1, 2, ...
	acc         [][]float64 // acc[i][j]: the network trained at trainLevels[i], tested at testLevels[j]
	runs        []*noiseRun // the networks, in the order of trainLevels
}

// sweepLevels returns the training levels 0, 5, ..., up to maxLevel and the
// test levels 0, 1, ..., maxLevel.
func sweepLevels(maxLevel int) (trainLevels, testLevels []float64) {
	for p := 0; p <= maxLevel; p++ {
		if p%5 == 0 {
			trainLevels = append(trainLevels, float64(p))
		}
		testLevels = append(testLevels, float64(p))
	}
	return trainLevels, testLevels
}

// trainNoiseSweep trains one network at each training noise level 0, 5,
// ..., maxLevel (with the same seed, so that the networks differ by their
// noise alone) and measures each on the test images at every noise level
// 0, 1, ..., maxLevel. It prints one line per network to stdout.
func trainNoiseSweep(ctx context.Context, c noiseConfig, maxLevel int, train, test *dataset.Set, stdout, stderr io.Writer) (*noiseSweep, error) {
	s := &noiseSweep{}
	s.trainLevels, s.testLevels = sweepLevels(maxLevel)
	var log io.Writer // one line per network, not one per measurement
	if c.debug {
		log = stdout
	}
	for _, level := range s.trainLevels {
		run, err := trainNoisy(ctx, c, level, train, test, log, stderr)
		if err != nil {
			return nil, fmt.Errorf("training at %g%% noise: %w", level, err)
		}
		last := len(run.testAcc) - 1
		fmt.Fprintf(stdout, "trained at %g%% noise in %.1f s: train acc %.4f, test acc %.4f\n",
			level, run.elapsed.Seconds(), run.trainAcc[last], run.testAcc[last])
		s.runs = append(s.runs, run)
	}
	s.acc = make([][]float64, len(s.runs))
	for _, level := range s.testLevels {
		noisyTest := newNoisySet(test, level, c.seed, testNoise)
		for i, run := range s.runs {
			s.acc[i] = append(s.acc[i], trainer.Accuracy(run.net, noisyTest, 0, trainer.EvalChunk))
		}
	}
	return s, nil
}
