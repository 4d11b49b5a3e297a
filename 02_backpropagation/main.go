// Command 02_backpropagation is chapter 5 of Deep Learning from Scratch:
// the two-layer network learns by backpropagation. By default it trains
// TwoLayerNet(784, 50, 10) with ReLU as the book's ch05/train_neuralnet.py
// does and ends by printing "test accuracy: 0.XXXX"; -check runs the book's
// gradient_check.py and -compare times a numerical gradient against a
// backprop one. Run it with -h for every flag.
//
// main.go reads the flags, loads MNIST and hands over to one mode:
// gradient_check.go, compare.go or train_neuralnet.go.
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

	// One generator draws the initial weights and then the mini-batches, as
	// the book's code uses NumPy's global np.random for both.
	rng := rand.New(rand.NewPCG(cfg.seed, cfg.seed))
	net := NewTwoLayerNet(784, cfg.hidden, 10, 0.01, rng)

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
