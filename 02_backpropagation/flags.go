// The command line of the chapter 5 program: its flags, with the book's
// hyper-parameters of ch05/train_neuralnet.py as defaults, the help text, and
// the checks that turn a bad value into a usage error naming the flag.

package main

import (
	"io"

	"dlfs/common/cli"
)

// config is what the flags ask for.
type config struct {
	data string // MNIST folder; "" means $MNIST_DIR, then the cache
	seed uint64 // seeds the initial weights and the mini-batches

	// training, the book's train_neuralnet.py
	iters     int     // iters_num
	batch     int     // batch_size
	lr        float64 // learning_rate
	hidden    int     // hidden_size
	trainSize int     // use the first trainSize training images

	check   bool // the book's gradient_check.py instead of training
	compare bool // time one numerical and one backprop gradient instead

	serve   string // serve the network as a page at this address instead
	weights string // with serve: start from these weights

	save       string // write W1 b1 W2 b2 to this .npz file
	out        string // write the charts to this folder
	cpuprofile string // write a CPU profile to this file
}

// Bounds on flag values that no teaching run needs to exceed: the loss curve
// keeps one float64 per iteration, and W1 has 784 x hidden weights.
const (
	maxIters  = 10_000_000
	maxHidden = 10_000
)

// parseFlags reads the command line into a config and checks every value
// that does not need the data set. On -h it prints the help to stderr and
// returns flag.ErrHelp.
func parseFlags(args []string, stderr io.Writer) (config, error) {
	var c config
	fs := cli.NewFlagSet("02_backpropagation")
	fs.StringVar(&c.data, "data", "", cli.DataFlagUsage())
	fs.Uint64Var(&c.seed, "seed", 1, "random `seed` for the initial weights and the mini-batches")
	fs.IntVar(&c.iters, "iters", 10000, "`number` of training iterations, the book's iters_num (at most 10,000,000)")
	fs.IntVar(&c.batch, "batch", 100, "mini-batch `size`, the book's batch_size")
	fs.Float64Var(&c.lr, "lr", 0.1, "learning `rate` of SGD, the book's learning_rate")
	fs.IntVar(&c.hidden, "hidden", 50, "`number` of hidden units, the book's hidden_size (at most 10,000)")
	fs.IntVar(&c.trainSize, "train-size", 60000, "train on the first `N` training images only")
	fs.BoolVar(&c.check, "check", false, "instead of training, run the book's gradient check: backprop against the numerical gradient on 3 images")
	fs.BoolVar(&c.compare, "compare", false, "instead of training, time one numerical and one backprop gradient on 100 images and print the ratio; it takes about half a minute")
	fs.StringVar(&c.save, "save", "", "write the trained W1 b1 W2 b2 to `file.npz` (NumPy's np.load reads it)")
	fs.StringVar(&c.out, "out", "", "write loss.svg and accuracy.svg to this `folder` (created if needed)")
	fs.StringVar(&c.cpuprofile, "cpuprofile", "", "write a CPU profile to `file` (read it with go tool pprof -top)")
	fs.StringVar(&c.serve, "serve", "", "instead of the run, serve the network as a page at this `address` (such as localhost:8080): draw a digit, see the hidden units answer, train it live")
	fs.StringVar(&c.weights, "weights", "", "with -serve: start from the weights in this `file.npz` (as -save wrote them) instead of untrained ones")
	if err := cli.Parse(fs, args, stderr, help); err != nil {
		return c, err
	}
	if c.serve != "" {
		if err := cli.OnlyWith(fs, "-serve", "data", "seed", "hidden", "train-size", "serve", "weights"); err != nil {
			return c, err
		}
	} else if c.weights != "" {
		return c, cli.Usagef("-weights %s: only -serve reads weights; training starts from random ones", c.weights)
	}

	// -check and -compare build the network and take a few images: the
	// training flags and the outputs of a training run mean nothing to them.
	mode := ""
	switch {
	case c.check:
		mode = "check"
	case c.compare:
		mode = "compare"
	}
	if mode != "" {
		if err := cli.OnlyWith(fs, "-"+mode, "data", "seed", "hidden", "train-size", mode, "cpuprofile"); err != nil {
			return c, err
		}
	}
	for _, err := range []error{
		cli.IntIn("iters", c.iters, 1, maxIters, "number of training iterations"),
		cli.IntIn("batch", c.batch, 1, 0, "mini-batch size"),
		cli.Positive("lr", c.lr, "learning rate", "0.1"),
		cli.IntIn("hidden", c.hidden, 1, maxHidden, "number of hidden units"),
		cli.IntIn("train-size", c.trainSize, 1, 0, "number of training images"),
	} {
		if err != nil {
			return c, err
		}
	}
	return c, nil
}

// help is what -h prints before the flags.
const help = `02_backpropagation: chapter 5 of Deep Learning from Scratch, backpropagation.

The two-layer network of chapter 4 (784-50-10, here with ReLU) computes the
gradient of its loss by one backward pass through its layers (Affine, Relu,
Affine, SoftmaxWithLoss) instead of two forward passes per weight. -check
compares the two gradients, as the book's gradient_check.py does; -compare
times them; the default run trains the network as ch05/train_neuralnet.py
does: 10,000 iterations of SGD on random mini-batches of 100, printing the
train and test accuracy once per epoch, and last "test accuracy: 0.XXXX".
A learning rate that wrecks the network stops the run with a message.

Examples:
  go run ./02_backpropagation                       # train (about 97% on the test set)
  go run ./02_backpropagation -check                # backprop against numerical gradient
  go run ./02_backpropagation -compare              # how much faster is backprop?
  go run ./02_backpropagation -save w.npz -out charts
  go run ./02_backpropagation -lr 0.5 -hidden 100 -iters 20000
  go run ./02_backpropagation -serve localhost:8080 # draw a digit, train it live

The noise study of the mnist-from-scratch project, built on these layers, is
a program of its own: go run ./02_backpropagation/noise -h

`
