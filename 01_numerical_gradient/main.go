// Command 01_numerical_gradient is chapter 4 of Deep Learning from Scratch,
// "Neural Network Training": a TwoLayerNet(784, 50, 10) with a sigmoid
// hidden layer learns MNIST by SGD on mini-batches of 100 with learning rate
// 0.1, its gradient computed numerically, as in ch04/train_neuralnet.py with
// numerical_gradient: it prints each iteration's loss and time, and how long
// the book's 10,000 iterations would take. -backprop uses the analytic
// gradient and ends with "test accuracy: 0.XXXX".
//
// The chapter's first half (numerical differentiation, gradient descent on
// x0² + x1²) is in example_test.go, gradient_descent.go and figures.go (-out);
// two_layer_net.go is the network, learn_numerical.go and learn_backprop.go
// the two training loops, flags.go the command line.
package main

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"

	"dlfs/common/cli"
	"dlfs/dataset"
)

func main() { cli.Main("01_numerical_gradient", run) }

// run is the whole program; tests call it with their own arguments.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) (err error) {
	c, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	outs, err := c.cmd.Start(cli.Folder("-out", c.out, outFiles(c.backprop)...))
	if err != nil {
		return err
	}
	defer func() { err = outs.Close(err) }()
	if _, err := writeFigures(outs.Dir("-out"), stdout); err != nil { // the chapter's first half
		return err
	}

	train, test, err := dataset.Load(dataset.Options{Dir: c.data, Normalize: true, Flatten: true, Progress: stderr, Context: ctx})
	if err != nil {
		return err
	}
	if c.batch > train.Len() {
		return cli.Usagef("-batch %d: want at most %d, the number of training images", c.batch, train.Len())
	}

	network := NewTwoLayerNet(784, c.hidden, 10, 0.01, rand.New(rand.NewPCG(c.seed, 1)))
	rng := rand.New(rand.NewPCG(c.seed, 2)) // draws the mini-batches
	if !c.backprop {
		return cli.Diverged(learnNumerically(ctx, network, train, c.iters, c.batch, c.lr, rng, stdout, stderr), "-lr")
	}
	trainAcc, testAcc, err := learnByBackprop(ctx, network, train, test, c.iters, c.batch, c.lr, rng, stdout, stderr)
	if err != nil {
		return cli.Diverged(err, "-lr")
	}
	if err := writeAccuracyChart(outs.Dir("-out"), c.hidden, trainAcc, testAcc, stdout); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "test accuracy: %.4f\n", setAccuracy(network, test))
	return nil
}
