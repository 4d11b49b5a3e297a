// Command 01_numerical_gradient is chapter 4 of Deep Learning from Scratch,
// "Neural Network Training": a TwoLayerNet(784, 50, 10) with a sigmoid
// hidden layer learns MNIST by stochastic gradient descent on mini-batches
// of 100 with learning rate 0.1, its gradient computed numerically, as in
// the book's ch04/train_neuralnet.py with numerical_gradient.
//
//	go run ./01_numerical_gradient              # 3 iterations by numerical gradient
//	go run ./01_numerical_gradient -backprop    # the book's 10,000 iterations, analytic gradient
//
// The numerical gradient computes the loss twice for each of the 39,760
// parameters, so each iteration takes many seconds. The program prints the
// loss and time of each iteration, then how long the book's 10,000
// iterations would take at that pace: about 27 s per iteration on 2 cores,
// so about 3 days. With -backprop the same network learns by the analytic
// gradient (the book's gradient method) in about 18 s, printing the train
// and test accuracy once per epoch as the book does; the last line is
// "test accuracy: 0.XXXX" (0.9445 with the default seed; the book's script
// reaches about 0.946).
//
// Every loop stops at once if the loss becomes NaN or infinite
// (trainer.CheckLoss). The backprop loop also stops when the loss blows up
// without becoming NaN (trainer.Guard), which is what a huge learning rate
// does to this network: try -backprop -lr 100. The sigmoid saturates, the
// weights stay finite, and the book's 1e-7 inside the log caps the loss at
// -log(1e-7) = 16.1, so without the guard the dead network would train on
// to the last iteration at chance.
//
// The chapter's first half, numerical differentiation and gradient descent
// on f(x0, x1) = x0² + x1², is in example_test.go as runnable examples
// (go test -v -run Example ./01_numerical_gradient).
//
// Files: two_layer_net.go is the network, learn_numerical.go and
// learn_backprop.go the two training loops, gradient_descent.go the book's
// gradient_method.py.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"

	"dlfs/dataset"
)

func main() {
	err := run(os.Args[1:], os.Stdout, os.Stderr)
	if err == nil {
		return
	}
	fmt.Fprintf(os.Stderr, "01_numerical_gradient: %v\n", err)
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
	fs := flag.NewFlagSet("01_numerical_gradient", flag.ContinueOnError)
	fs.SetOutput(io.Discard) // errors are returned, and -h prints usage below
	dataDir := fs.String("data", "", "`folder` holding the MNIST files (default: $MNIST_DIR, else "+cacheDir()+", downloading them if missing)")
	backprop := fs.Bool("backprop", false, "learn by the analytic gradient (the book's gradient method) instead of the numerical one")
	iters := fs.Int("iters", 3, "`N` training iterations; with -backprop and no -iters, the book's 10000")
	batch := fs.Int("batch", 100, "`N` images per mini-batch")
	lr := fs.Float64("lr", 0.1, "learning `rate`")
	hidden := fs.Int("hidden", 50, "`N` units in the hidden layer; fewer make the numerical gradient faster")
	seed := fs.Uint64("seed", 1, "`N`: seed of the initial weights and of the mini-batches")
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
	if *backprop && !isSet(fs, "iters") {
		*iters = 10000
	}
	if *iters < 1 {
		return usagef("-iters %d: want at least 1 iteration", *iters)
	}
	if *batch < 1 {
		return usagef("-batch %d: want at least 1 image per mini-batch", *batch)
	}
	if !(*lr > 0) || math.IsInf(*lr, 0) {
		return usagef("-lr %v: want a learning rate above 0, such as the book's 0.1", *lr)
	}
	if *hidden < 1 {
		return usagef("-hidden %d: want at least 1 unit", *hidden)
	}

	train, test, err := dataset.Load(dataset.Options{Dir: *dataDir, Normalize: true, Flatten: true})
	if err != nil {
		return err
	}
	if *batch > train.Len() {
		return usagef("-batch %d: want at most %d, the number of training images", *batch, train.Len())
	}

	network := NewTwoLayerNet(784, *hidden, 10, 0.01, rand.New(rand.NewPCG(*seed, 1)))
	rng := rand.New(rand.NewPCG(*seed, 2)) // draws the mini-batches
	if *backprop {
		return learnByBackprop(network, train, test, *iters, *batch, *lr, rng, stdout, stderr)
	}
	return learnNumerically(network, train, *iters, *batch, *lr, rng, stdout)
}

// usage prints the -h text: what the program does, an example, every flag.
func usage(w io.Writer, fs *flag.FlagSet) {
	fmt.Fprint(w, `Usage: go run ./01_numerical_gradient [flags]

Chapter 4 of Deep Learning from Scratch: a two-layer network (784-50-10,
sigmoid hidden layer, softmax output) learns MNIST by gradient descent on
random mini-batches, its gradient computed numerically: the loss is computed
twice for every one of its 39,760 parameters. The program prints the loss and
the time of each iteration, then how long the book's 10,000 iterations would
take. With -backprop the same network learns by the analytic gradient, the
book's 10,000 iterations in seconds, and the last line is
"test accuracy: 0.XXXX".

Examples:

  go run ./01_numerical_gradient -iters 2
  go run ./01_numerical_gradient -backprop

Flags:
`)
	fs.SetOutput(w)
	fs.PrintDefaults()
	fs.SetOutput(io.Discard)
}

// isSet reports whether the flag called name was given on the command line.
func isSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

// cacheDir names the per-user MNIST cache for the -data flag's help.
func cacheDir() string {
	dir, err := dataset.CacheDir()
	if err != nil {
		return "the per-user cache"
	}
	return dir
}

// usageError is a mistake in the command line. main prints it with a hint
// to run -h and exits with status 2, as the flag package does.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error {
	return usageError{fmt.Errorf(format, args...)}
}
