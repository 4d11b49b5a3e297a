// The command line of the chapter 4 program: the book's settings of
// ch04/train_neuralnet.py, the folder of the chapter's figures, and their
// checks.

package main

import (
	_ "embed"
	"fmt"
	"io"

	"dlfs/common/cli"
	"dlfs/dataset"
)

// config is what the flags ask for.
type config struct {
	cmd                  *cli.Command
	data, out            string
	backprop             bool
	iters, batch, hidden int
	lr                   float64
	seed                 uint64
}

//go:embed help.txt
var help string // what -h prints before the flags

// parseFlags reads the command line into a config and checks it, with the
// memory a -hidden and -batch would take before the bound on -hidden, so
// that a huge network is refused for what it needs.
func parseFlags(args []string, stderr io.Writer) (config, error) {
	c := config{cmd: cli.New("01_numerical_gradient", help)}
	fs := c.cmd
	fs.Data(&c.data, dataset.CacheDir)
	fs.BoolVar(&c.backprop, "backprop", false, "learn by the analytic gradient (the book's gradient method) instead of the numerical one")
	fs.IntVar(&c.iters, "iters", 3, "`N` training iterations; with -backprop and no -iters, the book's 10000")
	fs.IntVar(&c.batch, "batch", 100, "`N` images per mini-batch")
	fs.Float64Var(&c.lr, "lr", 0.1, "learning `rate`")
	fs.IntVar(&c.hidden, "hidden", 50, "`N` units in the hidden layer, 1 to 10000; fewer make the numerical gradient faster")
	fs.Out(&c.out, "", "the chapter's figures (gradient_1d.svg, gradient_2d.svg, gradient_method.svg; with -backprop, accuracy.svg)")
	fs.Uint64Var(&c.seed, "seed", 1, "`N`: seed of the initial weights and of the mini-batches")
	if err := fs.Parse(args, stderr); err != nil {
		return c, err
	}
	if c.backprop && !fs.IsSet("iters") {
		c.iters = 10000
	}
	return c, cli.First(
		cli.IntIn("iters", c.iters, 1, 0, "number of iterations"),
		cli.IntIn("batch", c.batch, 1, 0, "number of images per mini-batch"),
		cli.Positive("lr", c.lr, "learning rate", "the book's 0.1"),
		cli.IntIn("hidden", c.hidden, 1, 0, "number of hidden units"),
		cli.CheckMemory(fmt.Sprintf("-hidden %d with -batch %d", c.hidden, c.batch), memoryNeed(c.hidden, c.batch)),
		cli.IntIn("hidden", c.hidden, 1, 10000, "number of hidden units"))
}
