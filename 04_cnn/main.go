// Command 04_cnn is chapters 7 and 8 of Deep Learning from Scratch: it trains
// SimpleConvNet as ch07/train_convnet.py does (-net deep: DeepConvNet,
// ch08/train_deepnet.py) or evaluates -weights, then draws the filters, the
// curves and the misclassified digits (-out). flags.go reads the command line.
package main

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"

	"dlfs/common/cli"
	"dlfs/common/trainer"
)

func main() { cli.Main("04_cnn", run) }

// run is the whole program; tests call it with their own arguments.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) (err error) {
	c, err := parseFlags(args, stderr)
	if err != nil {
		return err
	} else if c.serve != "" {
		return servePage(ctx, c, stdout, stderr)
	}
	outs, err := c.cmd.Start(outputs(c)...)
	if err != nil {
		return err
	}
	defer func() { err = outs.Close(err) }()

	// One generator draws the initial weights, the mini-batches and the
	// dropout masks, as the book's code uses np.random for all three.
	rng := rand.New(rand.NewPCG(c.seed, c.seed))
	net := newNet(c, rng)
	fmt.Fprintf(stdout, "%s\n", net)
	initialFilters := net.Param("W1").Clone() // the "before" of visualize_filter.py
	if c.weights != "" {
		if err := net.LoadParams(c.weights); err != nil {
			return fmt.Errorf("-weights: %w (for -net %s)", err, c.net)
		}
	}

	// The book's load_mnist(flatten=False), pixels in [0,1]: the first
	// convolution reads each row of 784 values as 1x28x28.
	trainSet, testSet, err := loadMNIST(c, stderr)
	if err != nil {
		return err
	}
	var tr *trainer.Trainer // the training run and its curves; nil for -weights
	if c.weights == "" {
		if tr, err = train(ctx, net, trainSet, testSet, c, rng, stdout, stderr); err != nil {
			return cli.Diverged(err, "-lr")
		}
		if err := saveParams(net, c, outs, stdout); err != nil {
			return err
		}
	}
	testAcc, predicted := evaluate(net, testSet, stderr)
	if out := outs.Dir("-out"); out != nil {
		files, err := writePictures(out, tr, net, initialFilters, testSet, predicted)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "wrote %s to %s\n", files, out.Path())
	}
	fmt.Fprintf(stdout, "test accuracy: %.4f\n", testAcc)
	return nil
}
