// Command 02_backpropagation is chapter 5 of Deep Learning from Scratch:
// the two-layer network learns by backpropagation.
//
//	go run ./02_backpropagation            # train as ch05/train_neuralnet.py does
//	go run ./02_backpropagation -check     # ch05/gradient_check.py
//	go run ./02_backpropagation -compare   # one numerical against one backprop gradient
//	go run ./02_backpropagation -out charts -save w.npz
//
// By default it trains TwoLayerNet(784, 50, 10) with ReLU for 10,000
// iterations of SGD (mini-batches of 100, learning rate 0.1), prints the
// train and test accuracy of each epoch, and ends with "test accuracy:
// 0.XXXX": 0.9710 with the default seed (seeds 2 to 5 give 0.9684 to 0.9700;
// the book's script gets 0.969 to 0.971). On this repository's 2-core test
// machine, shared with other jobs, the run takes 12 to 14 s, 0.8 to 0.9 ms
// per training step, with a peak of 113 MB; the book's NumPy code takes
// 22.8 s, 1.08 ms per step and 843 MB.
//
// -check prints the mean difference between the two gradients on 3 images:
// W1 3.9e-10, b1 2.5e-09, W2 5.6e-09, b2 1.4e-07 (the book's NumPy: 3.2e-10,
// 2.0e-09, 3.8e-09, 1.4e-07). -compare measures one numerical gradient at 22
// to 28 s and one backprop gradient at 0.7 ms: backprop is 30,000 to 40,000
// times faster (NumPy: 16.7 s, 0.62 ms, about 27,000), not the "120x" a
// student port of the book claimed.
//
// Too large a learning rate (-lr 100) wrecks the network within a few
// iterations but never makes its loss NaN, since the loss is capped at
// -ln(1e-7) = 16.1; the run stops as soon as the average loss exceeds three
// times that of a uniform guess (trainer.Guard), or at once on a NaN.
//
// -noise, -noise-sweep and -weights run the chapter's experiment, the noise
// study of the mnist-from-scratch project (noise.go, noise_study.go): a
// 784-100-10 network trained and tested on images with a percentage of
// their pixels replaced by uniform noise, with its charts.
//
// main.go reads the flags (flags.go), loads MNIST and hands over to one
// mode: train_neuralnet.go, gradient_check.go, compare.go or the noise
// study (noise_modes.go).
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"runtime/debug"
	"runtime/pprof"

	"dlfs/dataset"
)

func main() {
	// The live heap is mostly MNIST's 55 MB of pixels, which never change;
	// the rest is the matrices each training step makes and drops (half a
	// megabyte per step). Go collects when the heap has doubled, so the
	// process peaked near 145 MB. Collecting when it has grown by half keeps
	// it near 115 MB at no measurable cost in speed (the pixels hold no
	// pointers, so the collector has nothing to scan in them). Lower settings
	// collect so often that they slow training down. A GOGC setting in the
	// environment wins.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(50)
	}
	err := run(os.Args[1:], os.Stdout, os.Stderr)
	os.Exit(exitCode(err, os.Stderr))
}

// run is the whole program, with its output going to stdout and stderr, so
// that tests can run it end to end.
func run(args []string, stdout, stderr io.Writer) error {
	cfg, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	if cfg.cpuprofile != "" {
		stop, err := startCPUProfile(cfg.cpuprofile)
		if err != nil {
			return err
		}
		defer stop()
	}

	// load_mnist(normalize=True): pixels in [0,1], one image per row.
	trainSet, testSet, err := dataset.Load(dataset.Options{Dir: cfg.data, Normalize: true, Flatten: true, Progress: stderr})
	if err != nil {
		return err
	}
	if cfg.trainSize > trainSet.Len() {
		return usagef("-train-size %d: the training set has only %d images", cfg.trainSize, trainSet.Len())
	}
	trainSet = trainSet.Head(cfg.trainSize)
	if cfg.noise.on(cfg.explicit) {
		return runNoiseStudy(cfg, trainSet, testSet, stdout, stderr)
	}

	// One generator draws the initial weights and then the mini-batches, as
	// the book's code uses NumPy's global np.random for both.
	rng := rand.New(rand.NewPCG(cfg.seed, cfg.seed))
	net := NewTwoLayerNet(784, cfg.hidden[0], 10, 0.01, rng)

	switch {
	case cfg.check:
		return gradientCheck(net, trainSet, stdout)
	case cfg.compare:
		return compareGradients(net, trainSet, stdout)
	default:
		return trainAndReport(net, trainSet, testSet, cfg, rng, stdout, stderr)
	}
}

// exitCode prints err, if it has not been printed yet, and returns the exit
// status for it: 0 for success and for -h, 2 for a bad command line (as the
// flag package does), 1 for anything else.
func exitCode(err error, stderr io.Writer) int {
	var usage usageError
	switch {
	case err == nil || errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, &usage):
		fmt.Fprintf(stderr, "02_backpropagation: %v\nRun with -h to see every flag.\n", err)
		return 2
	}
	fmt.Fprintf(stderr, "02_backpropagation: %v\n", err)
	return 1
}

// startCPUProfile starts writing a CPU profile to path and returns the
// function that finishes it.
func startCPUProfile(path string) (stop func(), err error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, usagef("-cpuprofile %s: %v", path, err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("-cpuprofile %s: %v", path, err)
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}, nil
}
