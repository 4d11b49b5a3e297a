// Command 04_cnn is chapters 7 and 8 of Deep Learning from Scratch:
// convolutional networks. By default it trains the book's SimpleConvNet as
// ch07/train_convnet.py does (20 epochs of Adam on mini-batches of 100) and
// ends by printing "test accuracy: 0.XXXX"; -net deep trains the book's
// DeepConvNet (ch08/train_deepnet.py) instead, and -weights evaluates given
// weights, such as the book's own, without training. -out writes the
// pictures: the first-layer filters before and after (the book's
// visualize_filter.py), the accuracy and loss curves, and the misclassified
// test images (ch08/misclassified_mnist.py). Run it with -h for every flag.
//
// main.go reads the flags, loads MNIST and builds the network, then trains
// it (train_convnet.go) or loads its weights (params.go), and writes what was
// asked for. The networks are in simple_convnet.go and deep_convnet.go, on
// the layers of dlfs/common/nn.
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

	"dlfs/common/mat"
	"dlfs/common/trainer"
	"dlfs/dataset"
)

func main() {
	// The heap is a few dozen large float64 arrays without pointers, which a
	// garbage collection marks in well under a millisecond. Collecting when
	// the heap has grown by a quarter, rather than by Go's default 100%,
	// keeps the peak memory near what the program holds (about 120 MB while
	// training SimpleConvNet, half of it MNIST) instead of twice that, for a
	// few percent more time. GOGC in the environment still decides.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(25)
	}
	err := run(os.Args[1:], os.Stdout, os.Stderr)
	os.Exit(exitCode(err, os.Stderr))
}

// convNet is what this program does with either network.
type convNet interface {
	trainer.Network
	fmt.Stringer // the layers, one per line
	SaveParams(path string) error
	LoadParams(path string) error
	filters() (w *mat.Matrix, shape []int)
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

	// The book's load_mnist(flatten=False), pixels in [0,1]. Flat or not, an
	// image is a row of 784 values, which the first convolution reads as
	// 1x28x28. Evaluating -weights needs only the test set.
	trainSet, testSet, err := loadMNIST(cfg, stderr)
	if err != nil {
		return err
	}

	// One generator draws the initial weights, the mini-batches and the
	// dropout masks, as the book's code uses np.random for all three.
	rng := rand.New(rand.NewPCG(cfg.seed, cfg.seed))
	var net convNet = NewSimpleConvNet(BookSimpleConfig, rng)
	if cfg.net == "deep" {
		net = NewDeepConvNet(BookDeepConfig, rng)
	}
	fmt.Fprintf(stdout, "%s\n", net)
	w, _ := net.filters()
	initialFilters := w.Clone() // for the "before" picture of visualize_filter

	var testAcc float64
	var predicted []int // the predicted class of every test image, when needed
	if cfg.weights != "" {
		if err := net.LoadParams(cfg.weights); err != nil {
			return fmt.Errorf("-weights: %w (for -net %s)", err, cfg.net)
		}
		predicted = predictAll(net, testSet, stderr)
		testAcc = accuracy(predicted, testSet)
	} else {
		tr, acc, err := train(net, trainSet, testSet, cfg, rng, stdout, stderr)
		if err != nil {
			return err
		}
		testAcc = acc
		if err := net.SaveParams(cfg.save); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "wrote the parameters to %s\n", cfg.save)
		if cfg.out != "" {
			if err := writeCurves(cfg.out, tr); err != nil {
				return err
			}
			fmt.Fprintf(stdout, "wrote accuracy.svg, loss.svg to %s\n", cfg.out)
			predicted = predictAll(net, testSet, stderr)
		}
	}

	if cfg.out != "" {
		files, err := writePictures(cfg.out, net, initialFilters, testSet, predicted)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "wrote %s to %s\n", files, cfg.out)
	}
	fmt.Fprintf(stdout, "test accuracy: %.4f\n", testAcc)
	return nil
}

// loadMNIST loads the test set and, unless the run only evaluates -weights,
// the first cfg.trainSize images of the training set.
func loadMNIST(cfg config, stderr io.Writer) (trainSet, testSet *dataset.Set, err error) {
	opts := dataset.Options{Dir: cfg.data, Normalize: true, Flatten: true, Progress: stderr}
	if cfg.weights != "" {
		testSet, err = dataset.LoadTest(opts)
		return nil, testSet, err
	}
	trainSet, testSet, err = dataset.Load(opts)
	if err != nil {
		return nil, nil, err
	}
	if cfg.trainSize > trainSet.Len() {
		return nil, nil, usagef("-train-size %d: the training set has only %d images", cfg.trainSize, trainSet.Len())
	}
	trainSet = trainSet.Head(cfg.trainSize)
	if cfg.batch > trainSet.Len() {
		return nil, nil, usagef("-batch %d: larger than the %d training images", cfg.batch, trainSet.Len())
	}
	return trainSet, testSet, nil
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
		fmt.Fprintf(stderr, "04_cnn: %v\nRun with -h to see every flag.\n", err)
		return 2
	}
	fmt.Fprintf(stderr, "04_cnn: %v\n", err)
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
