// The command line of the chapter 6 program: the experiment, and the knobs
// of the experiments with the book's settings as defaults.

package main

import (
	"cmp"
	_ "embed"
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
	exp, data, out, save                  string
	seed                                  uint64
	iters, epochs, trainSize, trials, top int
	lambda, dropout                       float64
	baseline                              bool
}

//go:embed help.txt
var helpText string // what -h prints before the flags, EXPERIMENTS replaced by their list

// parseFlags reads the command line into a config and checks it. The
// experiment is the first argument that is not a flag, or -exp; flags may
// come before and after it.
func parseFlags(args []string, stderr io.Writer) (config, error) {
	c := config{cmd: cli.New("03_optimizer", strings.Replace(helpText, "EXPERIMENTS", experimentList(), 1))}
	fs := c.cmd
	fs.StringVar(&c.exp, "exp", "optimizers", "the `experiment` to run (see above), or all; the same as naming it as an argument")
	fs.Data(&c.data, dataset.CacheDir)
	fs.Out(&c.out, "out/03_optimizer", "the charts")
	fs.Save(&c.save, "each optimizer's weights to this `folder` as optimizer_NAME.npz (optimizers)")
	fs.Seed(&c.seed, 1, "initial weights, mini-batches, dropout masks and the search")
	fs.IntVar(&c.iters, "iters", 2000, "optimizers, init: `N` training iterations, the book's max_iterations")
	fs.IntVar(&c.epochs, "epochs", 0, "batchnorm, weightdecay, dropout, hyperparam: `N` epochs (default 0: the book's, see above)")
	fs.IntVar(&c.trainSize, "train-size", 0, "train on the first `N` images (default 0: the book's, see above)")
	fs.IntVar(&c.trials, "trials", 100, "hyperparam: `number` of random trials, the book's optimization_trial")
	fs.IntVar(&c.top, "top", 20, "hyperparam: draw the curves of the `N` best trials, the book's graph_draw_num")
	fs.Float64Var(&c.lambda, "lambda", 0.1, "weightdecay: the weight decay `lambda`, the book's weight_decay_lambda")
	fs.Float64Var(&c.dropout, "dropout", 0.2, "dropout: the dropout `ratio`, the book's dropout_ratio")
	fs.BoolVar(&c.baseline, "baseline", false, "weightdecay, dropout: also train without regularization, for comparison")
	name, err := fs.ParseArg(args, stderr)
	if err != nil {
		return c, err
	} else if name != "" && fs.IsSet("exp") && c.exp != name {
		return c, cli.Usagef("-exp %s and argument %s: name one experiment", c.exp, name)
	}
	c.exp = cmp.Or(name, c.exp)
	return c, c.validate()
}

// validate checks the experiment, that it reads every flag given, and the
// values that flag's parsing lets through.
func (c config) validate() error {
	var names []string
	var modes []cli.Mode
	minTrain := 0
	for _, x := range experiments {
		names = append(names, x.name)
		modes = append(modes, cli.When(c.exp == x.name, x.name, x.reads()...))
		if c.exp == x.name || c.exp == "all" {
			minTrain = max(minTrain, x.minTrain)
		}
	}
	names = append(names, "all")
	return cli.First(
		cli.Check(slices.Contains(names, c.exp), "unknown experiment %q: want one of %s", c.exp, strings.Join(names, ", ")),
		c.cmd.Modes(modes...),
		cli.Check(c.out != "", "-out: want a folder for the charts"),
		cli.Check(c.trainSize == 0 || c.trainSize >= minTrain, "-train-size %d: want at least %d training images for %s, or 0 for the book's number", c.trainSize, minTrain, c.exp),
		cli.IntIn("iters", c.iters, 1, 1_000_000, "number of training iterations"),
		cli.NonNegative("lambda", c.lambda, "weight decay", "0.1"),
		cli.Fraction("dropout", c.dropout, "dropout ratio", "0.2"),
		cli.IntIn("trials", c.trials, 1, 10_000, "number of trials"),
		cli.IntIn("top", c.top, 1, 100, "number of trials to draw"),
		cli.IntIn("epochs", c.epochs, 0, 100_000, "number of epochs (0: the book's)"))
}
