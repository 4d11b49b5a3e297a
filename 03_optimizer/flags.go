// The command line of the chapter 6 program: the experiment, and the knobs
// of the experiments with the book's settings as defaults.

package main

import (
	_ "embed"
	"fmt"
	"io"
	"slices"
	"strings"

	"dlfs/common/cli"
	"dlfs/dataset"
)

// config is what the command line asks for; 0 means the book's value for
// epochs and trainSize, which differ from one experiment to the next.
type config struct {
	cmd                                   *cli.Command
	exp, data, out                        string
	seed                                  uint64
	iters, epochs, trainSize, trials, top int
	lambda, dropout                       float64
	baseline                              bool
}

// helpText is what -h prints before the flags, with the experiments listed.
//
//go:embed help.txt
var helpText string

// parseFlags reads the command line into a config and checks it. The
// experiment is the first argument that is not a flag, or -exp; flags may
// come before and after it.
func parseFlags(args []string, stderr io.Writer) (config, error) {
	var list strings.Builder
	for _, x := range experiments {
		fmt.Fprintf(&list, "  %-12s %s\n", x.name, x.summary)
	}
	c := config{cmd: cli.New("03_optimizer", strings.Replace(helpText, "EXPERIMENTS", list.String(), 1))}
	fs := c.cmd
	fs.StringVar(&c.exp, "exp", "optimizers", "the `experiment` to run (see above), or all; the same as naming it as an argument")
	fs.Data(&c.data, dataset.CacheDir)
	fs.Out(&c.out, "out/03_optimizer", "the charts")
	fs.Seed(&c.seed, 1, "initial weights, mini-batches, dropout masks and the search")
	fs.IntVar(&c.iters, "iters", 2000, "optimizers, init: `N` training iterations, the book's max_iterations")
	fs.IntVar(&c.epochs, "epochs", 0, "batchnorm, weightdecay, dropout, hyperparam: `N` epochs, measured at the start of each and after the last (default 0: the book's 19, 200, 300 and 49, which give its 20, 201, 301 and 50 points)")
	fs.IntVar(&c.trainSize, "train-size", 0, "train on the first `N` images (default 0: the book's 60000, 60000, 1000, 300, 300 and 500 for the experiments in the order above)")
	fs.IntVar(&c.trials, "trials", 100, "hyperparam: `number` of random trials, the book's optimization_trial")
	fs.IntVar(&c.top, "top", 20, "hyperparam: draw the curves of the `N` best trials, the book's graph_draw_num")
	fs.Float64Var(&c.lambda, "lambda", 0.1, "weightdecay: the weight decay `lambda`, the book's weight_decay_lambda")
	fs.Float64Var(&c.dropout, "dropout", 0.2, "dropout: the dropout `ratio`, the book's dropout_ratio")
	fs.BoolVar(&c.baseline, "baseline", false, "weightdecay, dropout: also train the same network without regularization, for comparison")
	if err := cli.ParseWithArgs(fs.FlagSet, args, stderr, fs.Help); err != nil {
		return c, err
	}
	if fs.NArg() > 0 {
		name := fs.Arg(0)
		if err := cli.Parse(fs.FlagSet, fs.Args()[1:], stderr, fs.Help); err != nil {
			return c, err
		}
		if fs.IsSet("exp") && c.exp != name {
			return c, cli.Usagef("-exp %s and argument %s: name one experiment", c.exp, name)
		}
		c.exp = name
	}
	return c, c.validate()
}

// validate checks the experiment, that it reads every flag given, and the
// values that flag's parsing lets through.
func (c config) validate() error {
	names, minTrain := []string{}, 0
	for _, x := range experiments {
		names = append(names, x.name)
		if c.exp == x.name || c.exp == "all" {
			minTrain = max(minTrain, x.minTrain)
		}
	}
	if names = append(names, "all"); !slices.Contains(names, c.exp) {
		return cli.Usagef("unknown experiment %q: want one of %s", c.exp, strings.Join(names, ", "))
	}
	for _, x := range experiments {
		if err := c.cmd.OnlyWith(x.name, append([]string{"exp", "data", "out", "seed", "train-size"}, x.flags...)...); c.exp == x.name && err != nil {
			return err
		}
	}
	if c.out == "" {
		return cli.Usagef("-out: want a folder for the charts")
	}
	if c.trainSize != 0 && c.trainSize < minTrain {
		return cli.Usagef("-train-size %d: want at least %d training images for %s, or 0 for the book's number", c.trainSize, minTrain, c.exp)
	}
	return cli.First(
		cli.IntIn("iters", c.iters, 1, 1_000_000, "number of training iterations"),
		cli.NonNegative("lambda", c.lambda, "weight decay", "0.1"),
		cli.Fraction("dropout", c.dropout, "dropout ratio", "0.2"),
		cli.IntIn("trials", c.trials, 1, 10_000, "number of trials"),
		cli.IntIn("top", c.top, 1, 100, "number of trials to draw"),
		cli.IntIn("epochs", c.epochs, 0, 100_000, "number of epochs (0: the book's)"))
}
