// Command 00_neural_network is chapter 3 of Deep Learning from Scratch,
// "Neural Networks": a three-layer network (784-50-100-10, sigmoid hidden
// layers, softmax output) with pretrained weights classifies the 10,000
// MNIST test images, as the book's ch03/neuralnet_mnist.py (-batch 1) and
// neuralnet_mnist_batch.py (100 at a time) do. The book's weights
// (ch03/sample_weight.pkl) give 0.9352, as in the book.
//
// Without -weights it uses sample_weight.npz, built into the program: the
// same network trained by this repository's code (train.go), which -train
// writes again. predict.go is the book's predict and accuracy loop,
// weights.go its init_network, data.go its get_data, figures.go the
// chapter's figures (-out), flags.go the command line; the functions the
// network is made of (step, sigmoid, ReLU, softmax) are in dlfs/common/nn,
// shown by example_test.go, and chapter 2's perceptron is perceptron.go.
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
	outs, err := c.cmd.Start(cli.File("-train", c.train, ".npz"), cli.Folder("-out", c.out, figureFiles...))
	if err != nil {
		return err
	}
	defer func() { err = outs.Close(err) }()

	// init_network(): checked before the data load.
	network, err := loadNetwork(c.weights)
	if err != nil {
		return cli.Usagef("-weights: %v", err)
	}
	// get_data(): the test set, and the training set for -out and -train.
	train, test, err := loadData(ctx, c.data, c.out != "" || c.train != "", stderr)
	if err != nil {
		return err
	}
	if c.batch > test.Len() {
		return cli.Usagef("-batch %d: want at most %d, the number of test images", c.batch, test.Len())
	}
	if c.out != "" {
		if _, err := writeFigures(outs.Dir("-out"), train, stdout); err != nil {
			return err
		}
	}
	if c.train != "" {
		if network, err = trainWeights(ctx, c, train, test, stdout, stderr); err != nil {
			return err
		}
	}

	correct := accuracy(network, test, c.batch)
	fmt.Fprintf(stdout, "weights: %s\n", describe(c))
	fmt.Fprintf(stdout, "%d of %d test images classified correctly, %d at a time\n", correct, test.Len(), c.batch)
	fmt.Fprintf(stdout, "test accuracy: %.4f\n", float64(correct)/float64(test.Len()))
	return nil
}
