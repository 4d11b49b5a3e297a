// The command line of chapter 5: ch05/train_neuralnet.py's settings, checked.

package main

import (
	_ "embed"
	"io"

	"dlfs/common/cli"
	"dlfs/dataset"
)

// config is what the flags ask for.
type config struct {
	cmd                             *cli.Command
	data, save, out, serve, weights string
	seed                            uint64
	iters, batch, hidden, trainSize int // the book's iters_num, batch_size, hidden_size
	lr                              float64
	check, compare                  bool
}

// parseFlags reads the command line into a config and checks it.
func parseFlags(args []string, stderr io.Writer) (config, error) {
	c := config{cmd: cli.New("02_backpropagation", help)}
	fs := c.cmd
	fs.GCPercent = 50 // MNIST's pixels, which never change, are most of the heap
	fs.Data(&c.data, dataset.CacheDir)
	fs.Seed(&c.seed, 1, "the initial weights and the mini-batches")
	fs.IntVar(&c.iters, "iters", 10000, "`number` of training iterations, the book's iters_num (at most 10,000,000)")
	fs.IntVar(&c.batch, "batch", 100, "mini-batch `size`, the book's batch_size")
	fs.Float64Var(&c.lr, "lr", 0.1, "learning `rate` of SGD, the book's learning_rate")
	fs.IntVar(&c.hidden, "hidden", 50, "`number` of hidden units, the book's hidden_size (at most 10,000)")
	fs.IntVar(&c.trainSize, "train-size", 60000, "train on the first `N` training images only")
	fs.BoolVar(&c.check, "check", false, "instead of training, compare backprop with the numerical gradient on 3 images (gradient_check.py)")
	fs.BoolVar(&c.compare, "compare", false, "instead of training, time one gradient of each kind on 100 images and print the ratio")
	fs.Save(&c.save, "the trained W1 b1 W2 b2 to `file.npz` (NumPy's np.load reads it)")
	fs.Out(&c.out, "", "loss.svg and accuracy.svg")
	fs.StringVar(&c.serve, "serve", "", "instead of training, serve the network as a page at this `address` (such as localhost:8080)")
	fs.StringVar(&c.weights, "weights", "", "with -serve: start from the weights in this `file.npz` (from -save)")
	if err := fs.Parse(args, stderr); err != nil {
		return c, err
	}
	mode := fs.Modes( // -check and -compare take a few images: no training, no outputs
		cli.When(c.serve != "", "-serve", "data", "seed", "hidden", "train-size", "serve", "weights"),
		cli.When(c.check, "-check", "data", "seed", "hidden", "train-size", "check"),
		cli.When(c.compare, "-compare", "data", "seed", "hidden", "train-size", "compare"))
	return c, cli.First(mode,
		cli.Check(c.weights == "" || c.serve != "", "-weights %s: only -serve reads weights; training starts from random ones", c.weights),
		cli.IntIn("iters", c.iters, 1, 10_000_000, "number of training iterations"),
		cli.IntIn("batch", c.batch, 1, 0, "mini-batch size"),
		cli.Positive("lr", c.lr, "learning rate", "0.1"),
		cli.IntIn("hidden", c.hidden, 1, 10_000, "number of hidden units"),
		cli.IntIn("train-size", c.trainSize, 1, 0, "number of training images"))
}

//go:embed help.txt
var help string // what -h prints before the flags
