// Command 00_neural_network is chapter 3 of Deep Learning from Scratch,
// "Neural Networks": a three-layer network (784-50-100-10, sigmoid hidden
// layers, softmax output) with pretrained weights classifies the 10,000 MNIST
// test images, as the book's ch03/neuralnet_mnist.py (one image at a time)
// and ch03/neuralnet_mnist_batch.py (100 at a time) do.
//
//	go run ./00_neural_network                 # this repository's own weights
//	go run ./00_neural_network -weights ../shared/book-weights/ch03_sample_weight
//	go run ./00_neural_network -batch 1        # one image per predict call
//
// The last line printed is "test accuracy: 0.XXXX"; the book's weights give
// 0.9352, as in the book. The functions the network is made of (step,
// sigmoid, ReLU, softmax) are in dlfs/common/nn; example_test.go shows them.
//
// Without -weights the program uses sample_weight.npz, which is built into
// it: the same network, trained by this repository's code (MultiLayerNet
// with sigmoid and Xavier's initial weights, Adam with lr 0.001, 20 epochs
// of mini-batches of 100, seed 1; see train.go). It scores 0.9720. This
// command, run from the repository's root, writes it again in about 35 s on
// 2 cores, byte for byte on amd64 as long as common/mat sums in the same
// order:
//
//	go run ./00_neural_network -train 00_neural_network/sample_weight.npz
//
// Files: predict.go is the book's predict and accuracy loop, weights.go reads
// the weights, testset.go reads MNIST, train.go is the -train mode.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"dlfs/dataset"
)

func main() {
	err := run(os.Args[1:], os.Stdout, os.Stderr)
	if err == nil {
		return
	}
	fmt.Fprintf(os.Stderr, "00_neural_network: %v\n", err)
	if _, ok := errors.AsType[usageError](err); ok {
		fmt.Fprintln(os.Stderr, "run with -h to see every flag")
		os.Exit(2)
	}
	os.Exit(1)
}

// run is the whole program: main calls it with the command line, tests with
// their own arguments and writers. It returns a usageError for a mistake in
// the flags.
func run(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("00_neural_network", flag.ContinueOnError)
	fs.SetOutput(io.Discard) // errors are returned, and -h prints usage below
	dataDir := fs.String("data", "", "`folder` holding the MNIST files (default: $MNIST_DIR, else "+cacheDir()+", downloading them if missing)")
	weights := fs.String("weights", "", "`path` of the weights W1 b1 W2 b2 W3 b3: a .npz file or a folder of .npy files (default: sample_weight.npz, built into the program)")
	batch := fs.Int("batch", 100, "`N` images per predict call; 1 is the book's neuralnet_mnist.py (any size gives the same accuracy)")
	trainPath := fs.String("train", "", "train new weights and write them to this .npz `file`, instead of using -weights")
	epochs := fs.Int("epochs", 20, "`N` epochs of training, with -train")
	seed := fs.Uint64("seed", 1, "`N`: seed of the initial weights and mini-batches of -train (predicting involves no randomness)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			usage(stdout, fs)
			return nil
		}
		return usageError{err}
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q: every setting is a flag", fs.Arg(0))
	}
	if *batch < 1 {
		return usagef("-batch %d: want at least 1 image per batch", *batch)
	}
	if *epochs < 1 {
		return usagef("-epochs %d: want at least 1 epoch", *epochs)
	}

	if *trainPath != "" {
		if *weights != "" {
			return usagef("-weights and -train: give one; -train makes new weights")
		}
		trainSet, testSet, err := dataset.Load(dataset.Options{Dir: *dataDir, Normalize: true, Flatten: true})
		if err != nil {
			return err
		}
		if _, err := train(*trainPath, trainSet, testSet, *epochs, *seed, stdout, stderr); err != nil {
			return err
		}
		*weights = *trainPath // evaluate the file just written, as a later run would
	}

	network, err := loadNetwork(*weights)
	if err != nil {
		return usagef("-weights: %v", err)
	}
	test, err := loadTestSet(*dataDir)
	if err != nil {
		return err
	}
	if *batch > test.Len() {
		return usagef("-batch %d: want at most %d, the number of test images", *batch, test.Len())
	}

	correct := accuracy(network, test, *batch)
	fmt.Fprintf(stdout, "weights: %s\n", describe(*weights))
	fmt.Fprintf(stdout, "%d of %d test images classified correctly, %d at a time\n", correct, test.Len(), *batch)
	fmt.Fprintf(stdout, "test accuracy: %.4f\n", float64(correct)/float64(test.Len()))
	return nil
}

// usage prints the -h text: what the program does, an example, every flag.
func usage(w io.Writer, fs *flag.FlagSet) {
	fmt.Fprint(w, `Usage: go run ./00_neural_network [flags]

Chapter 3 of Deep Learning from Scratch: a three-layer network (784-50-100-10,
sigmoid hidden layers, softmax output) with pretrained weights classifies the
10,000 MNIST test images, -batch images per call of predict, and prints its
accuracy; the last line is "test accuracy: 0.XXXX". Without -weights it uses
this repository's own weights, built into the program; -train makes new ones.

Example, the book's weights (test accuracy 0.9352, as in the book):

  go run ./00_neural_network -weights ../shared/book-weights/ch03_sample_weight

Flags:
`)
	fs.SetOutput(w)
	fs.PrintDefaults()
	fs.SetOutput(io.Discard)
}

// cacheDir names the per-user MNIST cache for the -data flag's help.
func cacheDir() string {
	dir, err := dataset.CacheDir()
	if err != nil {
		return "the per-user cache"
	}
	return dir
}

// describe names the weights for the report.
func describe(path string) string {
	if path == "" {
		return "sample_weight.npz (this repository's, built into the program)"
	}
	return path
}

// usageError is a mistake in the command line. main prints it with a hint
// to run -h and exits with status 2, as the flag package does.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error {
	return usageError{fmt.Errorf(format, args...)}
}
