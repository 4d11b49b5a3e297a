// The command line of the chapter 3 program: which weights, how many images
// per predict call, the chapter's figures, and the -train mode that made
// sample_weight.npz.

package main

import (
	_ "embed"
	"io"

	"dlfs/common/cli"
	"dlfs/dataset"
)

// config is what the flags ask for.
type config struct {
	cmd                              *cli.Command
	data, weights, train, serve, out string
	batch, epochs                    int
	seed                             uint64
}

//go:embed help.txt
var help string // what -h prints before the flags

// parseFlags reads the command line into a config and checks it.
func parseFlags(args []string, stderr io.Writer) (config, error) {
	c := config{cmd: cli.New("00_neural_network", help)}
	fs := c.cmd
	fs.Data(&c.data, dataset.CacheDir)
	fs.StringVar(&c.weights, "weights", "", "`path` of the weights W1 b1 W2 b2 W3 b3: the book's sample_weight.pkl, a .npz file or a folder of .npy files (default: sample_weight.npz, built into the program)")
	fs.IntVar(&c.batch, "batch", 100, "`N` images per predict call; 1 is the book's neuralnet_mnist.py (any size gives the same accuracy)")
	fs.StringVar(&c.train, "train", "", "train new weights and write them to this `file.npz`, instead of using -weights")
	fs.IntVar(&c.epochs, "epochs", 20, "`N` epochs of training, 1 to 1000, with -train")
	fs.Out(&c.out, "", "the chapter's figures (step_function.svg, sigmoid.svg, relu.svg, sig_step_compare.svg, mnist_show.png)")
	fs.Seed(&c.seed, 1, "the initial weights and mini-batches of -train (predicting involves no randomness)")
	fs.StringVar(&c.serve, "serve", "", "instead of the run, serve the network as a page at this `address` (such as localhost:8080): draw a digit, see both hidden layers answer; with the -weights given, else the built-in ones")
	if err := fs.Parse(args, stderr); err != nil {
		return c, err
	}
	mode := fs.Modes(
		cli.When(c.serve != "", "-serve", "data", "weights", "serve"),
		cli.When(c.train == "", "evaluating -weights (no -train)", "data", "weights", "batch", "out"),
		cli.When(true, "-train", "data", "train", "epochs", "seed", "batch", "out"))
	return c, cli.First(mode,
		cli.IntIn("batch", c.batch, 1, 0, "number of images per batch"),
		cli.IntIn("epochs", c.epochs, 1, 1000, "number of epochs"))
}
