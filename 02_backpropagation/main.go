// Command 02_backpropagation is chapter 5 of Deep Learning from Scratch: the
// two-layer network learns by backpropagation (ch05/train_neuralnet.py), is
// checked against the numerical gradient (-check, gradient_check.py) and
// races it (-compare). flags.go reads the command line.
package main

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"

	"dlfs/common/cli"
	"dlfs/common/trainer"
)

func main() { cli.Main("02_backpropagation", run) }

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

	// load_mnist(normalize=True): pixels in [0,1], one image per row.
	trainSet, testSet, err := loadSets(ctx, c, stderr)
	if err != nil {
		return err
	}

	// One generator draws the initial weights and then the mini-batches, as
	// the book's code uses NumPy's global np.random for both.
	rng := rand.New(rand.NewPCG(c.seed, c.seed))
	net := NewTwoLayerNet(784, c.hidden, 10, 0.01, rng)
	switch {
	case c.check:
		return gradientCheck(ctx, net, trainSet, stdout, stderr)
	case c.compare:
		return compareGradients(ctx, net, trainSet, stdout, stderr)
	}

	h, err := train(ctx, net, trainSet, testSet, c, rng, stdout, stderr)
	if err != nil {
		return cli.Diverged(err, "-lr")
	}
	if err := writeOutputs(c, net, h, outs.Dir("-out"), stdout); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "test accuracy: %.4f\n", trainer.Accuracy(net, testSet, 0, trainer.EvalChunk))
	return nil
}
