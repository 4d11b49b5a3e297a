// The noise-robustness study (mnist-from-scratch, built on the book's ch05
// layers): a 784-100-10 ReLU network trained by plain SGD on MNIST with
// pixel noise, its accuracy measured every 100 iterations on the noisy
// training and test images, and the sweep that trains one network per noise
// level and tests each on every level.

package main

import (
	"fmt"
	"io"
	"math/rand/v2"
	"strconv"
	"time"

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

// evalChunkSize is how many images are scored at once when measuring an
// accuracy.
const evalChunkSize = 1000

// noiseRun is one network trained at one noise level, and its curves.
type noiseRun struct {
	level float64
	net   *network.MultiLayerNet

	loss      []float64 // every iteration's mini-batch loss
	evalIter  []float64 // the iterations after which the accuracies were measured
	trainAcc  []float64 // on the first evalTrain noisy training images
	testAcc   []float64 // on the noisy test set
	predicted []int     // the final network's class for each noisy test image

	elapsed time.Duration // the time the training and its measurements took
}

// newNoiseNet returns the study's network: Affine, Relu, ..., Affine and
// SoftmaxWithLoss, weights drawn from N(0, initStd^2), biases 0.
func newNoiseNet(c noiseConfig) (*network.MultiLayerNet, error) {
	return network.New(network.Config{
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
// last. It prints each measurement to log, if not nil, and with c.debug
// every iteration's loss and mini-batch accuracy; a progress line goes to
// stderr. It stops with an error naming the iteration if the loss becomes
// NaN or infinite or climbs far above chance (trainer.Guard).
func trainNoisy(c noiseConfig, level float64, train, test *dataset.Set, log, stderr io.Writer) (*noiseRun, error) {
	if c.batch > train.Len() {
		return nil, usagef("-batch %d: larger than the %d training images", c.batch, train.Len())
	}
	net, err := newNoiseNet(c)
	if err != nil {
		return nil, err
	}
	noisyTrain := newNoisySet(train, level, c.seed, trainNoise)
	noisyTest := newNoisySet(test, level, c.seed, testNoise)
	// The same noisy images as the first evalTrain of noisyTrain: the
	// noise of an image depends on its index, not on how it is read.
	evalTrain := newNoisySet(train.Head(min(c.evalTrain, train.Len())), level, c.seed, trainNoise)

	run := &noiseRun{level: level, net: net, loss: make([]float64, 0, c.iters)}
	measure := func(iter int) {
		run.evalIter = append(run.evalIter, float64(iter))
		run.trainAcc = append(run.trainAcc, accuracyOf(predictNoisy(net, evalTrain), evalTrain))
		// The last measurement's predictions are the final network's.
		run.predicted = predictNoisy(net, noisyTest)
		run.testAcc = append(run.testAcc, accuracyOf(run.predicted, noisyTest))
	}

	rng := rand.New(rand.NewPCG(c.seed, splitMix64(batchStream)))
	opt := optimizer.NewSGD(c.lr)
	guard := trainer.NewGuard(10)
	batchMask := make([]int, c.batch)
	xBatch := mat.New(c.batch, 784) // reused by every iteration
	bar := progress.New(stderr, fmt.Sprintf("train at %g%% noise", level), c.iters)
	defer bar.Done() // also ends the progress line before an error is printed
	start := time.Now()

	for iter := 1; iter <= c.iters; iter++ {
		for k := range batchMask {
			batchMask[k] = rng.IntN(train.Len())
		}
		noisyTrain.XInto(xBatch, batchMask)
		labels := noisyTrain.LabelsOf(batchMask)

		grads, loss := net.Gradient(xBatch, labels)
		if err := guard.Check(iter, loss); err != nil {
			return nil, err
		}
		if c.debug && log != nil {
			bar.Println(log, fmt.Sprintf("iteration %d: loss %.4f, mini-batch accuracy %.2f", iter, loss, net.Accuracy(xBatch, labels)))
		}
		opt.Update(net.Params(), grads)
		run.loss = append(run.loss, loss)

		if iter%c.evalEvery == 0 || iter == c.iters {
			measure(iter)
			last := len(run.testAcc) - 1
			if log != nil {
				bar.Println(log, fmt.Sprintf("noise %g%%, iteration %5d: train acc %.4f, test acc %.4f", level, iter, run.trainAcc[last], run.testAcc[last]))
			}
			bar.Note(fmt.Sprintf("(test acc %.4f)", run.testAcc[last]))
		}
		bar.Update(iter, loss)
	}
	run.elapsed = time.Since(start)
	return run, nil
}

// predictNoisy returns the class net predicts for each image of set.
func predictNoisy(net *network.MultiLayerNet, set *noisySet) []int {
	return noisyPredictions([]*network.MultiLayerNet{net}, set)[0]
}

// noisyPredictions returns, for each network, the class it predicts for
// each image of set, in order. The images are read in chunks, and each
// chunk (with its noise) is read once for all the networks.
func noisyPredictions(nets []*network.MultiLayerNet, set *noisySet) [][]int {
	predicted := make([][]int, len(nets))
	for i := range predicted {
		predicted[i] = make([]int, 0, set.Len())
	}
	var x *mat.Matrix
	for idx := range set.set.Chunks(evalChunkSize) {
		if x == nil || x.Rows != len(idx) {
			x = mat.New(len(idx), 784)
		}
		set.XInto(x, idx)
		for i, net := range nets {
			predicted[i] = append(predicted[i], mat.ArgmaxRows(net.Predict(x, false))...)
		}
	}
	return predicted
}

// accuracyOf returns the fraction of set's images whose predicted class is
// their label.
func accuracyOf(predicted []int, set *noisySet) float64 {
	if len(predicted) == 0 {
		return 0
	}
	correct := 0
	for i, p := range predicted {
		if p == set.set.Label(i) {
			correct++
		}
	}
	return float64(correct) / float64(len(predicted))
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
func trainNoiseSweep(c noiseConfig, maxLevel int, train, test *dataset.Set, stdout, stderr io.Writer) (*noiseSweep, error) {
	s := &noiseSweep{}
	s.trainLevels, s.testLevels = sweepLevels(maxLevel)
	for _, level := range s.trainLevels {
		var log io.Writer // one line per network, not one per measurement
		if c.debug {
			log = stdout
		}
		run, err := trainNoisy(c, level, train, test, log, stderr)
		if err != nil {
			return nil, err
		}
		last := len(run.testAcc) - 1
		fmt.Fprintf(stdout, "trained at %g%% noise in %.1f s: train acc %.4f, test acc %.4f\n",
			level, run.elapsed.Seconds(), run.trainAcc[last], run.testAcc[last])
		s.runs = append(s.runs, run)
	}
	nets := make([]*network.MultiLayerNet, len(s.runs))
	for i, run := range s.runs {
		nets[i] = run.net
	}
	s.acc = make([][]float64, len(nets))
	for _, level := range s.testLevels {
		noisyTest := newNoisySet(test, level, c.seed, testNoise)
		for i, predicted := range noisyPredictions(nets, noisyTest) {
			s.acc[i] = append(s.acc[i], accuracyOf(predicted, noisyTest))
		}
	}
	return s, nil
}
