// Command 00_neural_network is chapter 3 of Deep Learning from Scratch,
// "Neural Networks": a three-layer network (784-50-100-10, sigmoid hidden
// layers, softmax output) with pretrained weights classifies the 10,000
// MNIST test images, as the book's ch03/neuralnet_mnist.py (-batch 1) and
// neuralnet_mnist_batch.py (100 at a time) do. The book's weights give
// 0.9352, as in the book.
//
// Without -weights it uses sample_weight.npz, built into the program: the
// same network trained by this repository's code (train.go), which -train
// writes again. predict.go is the book's predict and accuracy loop,
// weights.go reads the weights, flags.go the command line; the functions
// the network is made of (step, sigmoid, ReLU, softmax) are in
// dlfs/common/nn, shown by example_test.go.
package main

import (
	"context"
	"fmt"
	"io"

	"dlfs/common/cli"
)

func main() { cli.Main("00_neural_network", run) }

// run is the whole program; tests call it with their own arguments.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) (err error) {
	c, err := parseFlags(args, stderr)
	if err != nil {
		return err
	} else if c.serve != "" {
		return servePage(ctx, c.serve, c.weights, c.data, stdout, stderr)
	}
	outs, err := c.cmd.Start(cli.File("-train", c.train, ".npz"))
	if err != nil {
		return err
	}
	defer func() { err = outs.Close(err) }()

	if c.train != "" {
		if err := trainWeights(ctx, c, stdout, stderr); err != nil {
			return err
		}
		c.weights = c.train // evaluate the file just written, as a later run would
	}
	network, err := loadNetwork(c.weights)
	if err != nil {
		return cli.Usagef("-weights: %v", err)
	}
	test, err := loadTestSet(c.data, stderr)
	if err != nil {
		return err
	}
	if c.batch > test.Len() {
		return cli.Usagef("-batch %d: want at most %d, the number of test images", c.batch, test.Len())
	}

	correct := accuracy(network, test, c.batch)
	fmt.Fprintf(stdout, "weights: %s\n", describe(c.weights))
	fmt.Fprintf(stdout, "%d of %d test images classified correctly, %d at a time\n", correct, test.Len(), c.batch)
	fmt.Fprintf(stdout, "test accuracy: %.4f\n", float64(correct)/float64(test.Len()))
	return nil
}

// describe names the weights for the report.
func describe(path string) string {
	if path == "" {
		return "sample_weight.npz (this repository's, built into the program)"
	}
	return path
}
