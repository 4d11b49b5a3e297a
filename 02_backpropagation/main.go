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
// the book's script gets 0.969 to 0.971).
//
// -check prints the mean difference between the two gradients on 3 images:
// W1 3.9e-10, b1 2.5e-09, W2 5.6e-09, b2 1.4e-07 (the book's NumPy: 3.2e-10,
// 2.0e-09, 3.8e-09, 1.4e-07). -compare times one gradient by each method:
// backprop is tens of thousands of times faster, not the "120x" a student
// port of the book claimed.
//
// Too large a learning rate wrecks the network. With -lr 100 its loss never
// becomes NaN, since the loss is capped at -ln(1e-7) = 16.1, and the run
// stops as soon as the average loss exceeds three times that of a uniform
// guess; with -lr 10 every ReLU dies and the loss sits at ln 10, and the run
// stops after 1000 such iterations (trainer.Guard). Both messages name -lr.
//
// main.go loads MNIST and hands over to one mode: train_neuralnet.go,
// gradient_check.go, compare.go, or serve.go (-serve, the network as a page
// in the browser); flags.go reads the command line. The noise
// study of the mnist-from-scratch project, built on the same layers, is the
// program in the folder noise.
package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"path/filepath"

	"dlfs/common/cli"
	"dlfs/dataset"
)

func main() {
	// The live heap is mostly MNIST's 55 MB of pixels, which never change;
	// the rest is the matrices each training step makes and drops. Go
	// collects when the heap has doubled; collecting when it has grown by
	// half keeps the peak lower at no measurable cost in speed (the pixels
	// hold no pointers, so the collector has nothing to scan in them). A
	// GOGC setting in the environment wins.
	cli.GCPercent(50)
	cli.Main("02_backpropagation", run)
}

// run is the whole program, with its output going to stdout and stderr, so
// that tests can run it end to end. An interrupt cancels ctx, and training
// stops at the end of its current step.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) (err error) {
	c, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	if c.serve != "" {
		return servePage(ctx, c, stdout, stderr)
	}
	if err := cli.CheckMemory(fmt.Sprintf("-hidden %d with -batch %d", c.hidden, c.batch), memoryNeeded(c)); err != nil {
		return err
	}
	// Every output is checked before any work.
	var out *cli.Dir
	if c.out != "" {
		if out, err = cli.OutputDir("-out", c.out); err != nil {
			return err
		}
		defer func() { err = out.Close(err) }()
		// -save may name a file in the -out folder (-out d -save d/w.npz):
		// create the folder now, so that -save can be checked in it; Close
		// removes it again if the run fails.
		if c.save != "" && filepath.Clean(filepath.Dir(c.save)) == filepath.Clean(c.out) {
			if _, err := out.File(filepath.Base(c.save)); err != nil {
				return err
			}
		}
	}
	if c.save != "" {
		if err := cli.OutputFile("-save", c.save, ".npz"); err != nil {
			return err
		}
	}
	finish, err := cli.CPUProfile(c.cpuprofile)
	if err != nil {
		return err
	}
	defer func() { err = finish(err) }()

	// load_mnist(normalize=True): pixels in [0,1], one image per row.
	trainSet, testSet, err := dataset.Load(dataset.Options{Dir: c.data, Normalize: true, Flatten: true, Progress: stderr})
	if err != nil {
		return err
	}
	if c.trainSize > trainSet.Len() {
		return cli.Usagef("-train-size %d: the training set has only %d images", c.trainSize, trainSet.Len())
	}
	trainSet = trainSet.Head(c.trainSize)

	// One generator draws the initial weights and then the mini-batches, as
	// the book's code uses NumPy's global np.random for both.
	rng := rand.New(rand.NewPCG(c.seed, c.seed))
	net := NewTwoLayerNet(784, c.hidden, 10, 0.01, rng)

	switch {
	case c.check:
		return gradientCheck(net, trainSet, stdout)
	case c.compare:
		return compareGradients(net, trainSet, stdout)
	default:
		return trainAndReport(ctx, net, trainSet, testSet, c, rng, out, stdout, stderr)
	}
}

// memoryNeeded estimates the bytes a run of c allocates beyond MNIST itself:
// the parameters with their gradients, and for the largest batch that goes
// through the network (a mini-batch, or evalChunk images when measuring the
// accuracy) its input, the hidden layer's output, mask and gradients, and the
// scores; and the loss curve.
func memoryNeeded(c config) uint64 {
	params := cli.Float64s(2, 784*c.hidden+c.hidden+c.hidden*10+10)
	rows := max(c.batch, evalChunk)
	total := params
	for _, more := range []uint64{cli.Float64s(rows, 784+4*c.hidden+4*10), cli.Float64s(c.iters)} {
		if total += more; total < more {
			return math.MaxUint64 // the sum overflowed: far too much anyway
		}
	}
	return total
}
