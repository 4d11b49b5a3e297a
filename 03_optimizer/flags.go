// The command line of the chapter 6 program: the experiment to run, every
// flag with its default (the book's settings), the help text, and the checks
// that turn a bad value, or a flag the experiment does not read, into a
// usage error naming the flag.

package main

import (
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"

	"dlfs/common/cli"
)

// config is what the command line asks for.
type config struct {
	exp        string // an experiment's name, or "all"
	data       string // MNIST folder; "" means $MNIST_DIR, then the cache
	out        string // folder for the charts
	seed       uint64 // seeds every random number of a run
	cpuprofile string // write a CPU profile to this file

	// Knobs of the experiments; 0 means the book's value for epochs and
	// trainSize, which differ from one experiment to the next.
	iters     int     // optimizers, init: training iterations
	epochs    int     // batchnorm, weightdecay, dropout, hyperparam
	trainSize int     // every experiment: first N training images
	trials    int     // hyperparam: random trials
	top       int     // hyperparam: best trials drawn
	lambda    float64 // weightdecay: the weight decay lambda
	dropout   float64 // dropout: the dropout ratio
	baseline  bool    // weightdecay, dropout: also train without regularization
}

// everyExperiment are the flags that every experiment reads.
var everyExperiment = []string{"exp", "data", "out", "seed", "cpuprofile", "train-size"}

// orBook returns v, or book when v is 0 (the flag was left at its default).
func orBook(v, book int) int {
	if v == 0 {
		return book
	}
	return v
}

// Limits on flag values that would otherwise ask for absurd amounts of time
// or memory (one float64 per iteration and per epoch is kept for the charts).
const (
	maxIters  = 1_000_000
	maxEpochs = 100_000
	maxTrials = 10_000
	maxTop    = 100
)

// parseFlags reads the command line into a config and checks it. The
// experiment is the first argument that is not a flag, or -exp; flags may
// come before and after it. On -h it prints the help to stderr and returns
// flag.ErrHelp.
func parseFlags(args []string, stderr io.Writer) (config, error) {
	var c config
	fs := cli.NewFlagSet("03_optimizer")
	fs.StringVar(&c.exp, "exp", "optimizers", "the `experiment` to run (see above), or all; the same as naming it as an argument")
	fs.StringVar(&c.data, "data", "", cli.DataFlagUsage())
	fs.StringVar(&c.out, "out", "out/03_optimizer", "`folder` for the charts, created when the first is written")
	fs.Uint64Var(&c.seed, "seed", 1, "random `seed` for initial weights, mini-batches, dropout masks and the search")
	fs.StringVar(&c.cpuprofile, "cpuprofile", "", "write a CPU profile to `file` (read it with go tool pprof -top)")
	fs.IntVar(&c.iters, "iters", 2000, "optimizers, init: `N` training iterations, the book's max_iterations")
	fs.IntVar(&c.epochs, "epochs", 0, "batchnorm, weightdecay, dropout, hyperparam: `N` epochs, measured at the start of each and after the last (default 0: the book's 19, 200, 300 and 49, which give its 20, 201, 301 and 50 points)")
	fs.IntVar(&c.trainSize, "train-size", 0, "train on the first `N` images (default 0: the book's 60000, 60000, 1000, 300, 300 and 500 for the experiments in the order above)")
	fs.IntVar(&c.trials, "trials", 100, "hyperparam: `number` of random trials, the book's optimization_trial")
	fs.IntVar(&c.top, "top", 20, "hyperparam: draw the curves of the `N` best trials, the book's graph_draw_num")
	fs.Float64Var(&c.lambda, "lambda", 0.1, "weightdecay: the weight decay `lambda`, the book's weight_decay_lambda")
	fs.Float64Var(&c.dropout, "dropout", 0.2, "dropout: the dropout `ratio`, the book's dropout_ratio")
	fs.BoolVar(&c.baseline, "baseline", false, "weightdecay, dropout: also train the same network without regularization, for comparison")

	if err := cli.ParseWithArgs(fs, args, stderr, help()); err != nil {
		return c, err
	}
	if fs.NArg() > 0 {
		name := fs.Arg(0)
		if err := cli.ParseWithArgs(fs, fs.Args()[1:], stderr, help()); err != nil {
			return c, err
		}
		if fs.NArg() > 0 {
			return c, cli.Usagef("unexpected argument %q after experiment %q: give one experiment (or all)", fs.Arg(0), name)
		}
		if cli.IsSet(fs, "exp") && c.exp != name {
			return c, cli.Usagef("-exp %s and argument %s: name one experiment", c.exp, name)
		}
		c.exp = name
	}
	return c, c.validate(fs)
}

// experimentNames returns the names of the experiments, and "all".
func experimentNames() []string {
	var names []string
	for _, x := range experiments {
		names = append(names, x.name)
	}
	return append(names, "all")
}

// validate checks the experiment, that it reads every flag given, and the
// values that flag's parsing lets through.
func (c config) validate(fs *flag.FlagSet) error {
	if !slices.Contains(experimentNames(), c.exp) {
		return cli.Usagef("unknown experiment %q: want one of %s", c.exp, strings.Join(experimentNames(), ", "))
	}
	minTrain := 0
	for _, x := range experiments {
		if c.exp == x.name {
			if err := cli.OnlyWith(fs, x.name, append(slices.Clone(everyExperiment), x.flags...)...); err != nil {
				return err
			}
		}
		if c.exp == x.name || c.exp == "all" {
			minTrain = max(minTrain, x.minTrain)
		}
	}
	checks := []error{
		cli.IntIn("iters", c.iters, 1, maxIters, "number of training iterations"),
		cli.NonNegative("lambda", c.lambda, "weight decay", "0.1"),
		cli.Fraction("dropout", c.dropout, "dropout ratio", "0.2"),
		cli.IntIn("trials", c.trials, 1, maxTrials, "number of trials"),
		cli.IntIn("top", c.top, 1, maxTop, "number of trials to draw"),
		cli.IntIn("epochs", c.epochs, 0, maxEpochs, "number of epochs (0: the book's)"),
	}
	if c.trainSize != 0 && c.trainSize < minTrain {
		checks = append(checks, cli.Usagef("-train-size %d: want at least %d training images for %s, or 0 for the book's number", c.trainSize, minTrain, c.exp))
	}
	for _, err := range checks {
		if err != nil {
			return err
		}
	}
	return nil
}

// help is the text -h prints before the flags: what the program does, the
// experiments and examples.
func help() string {
	var b strings.Builder
	b.WriteString(`03_optimizer: chapter 6 of Deep Learning from Scratch, learning techniques.

Each experiment is one of the book's ch06 scripts. It prints its key figures
and writes its charts (SVG) to -out. A flag the chosen experiment does not
read is refused.

Usage: 03_optimizer [flags] [experiment] [flags]

Experiments:
`)
	for _, x := range experiments {
		fmt.Fprintf(&b, "  %-12s %s\n", x.name, x.summary)
	}
	fmt.Fprintf(&b, "  %-12s %s\n", "all", "every experiment above, in turn")
	b.WriteString(`
Examples:
  go run ./03_optimizer                          # optimizers (the default)
  go run ./03_optimizer init -seed 7
  go run ./03_optimizer -exp hyperparam -trials 20 -out /tmp/charts
  go run ./03_optimizer weightdecay -baseline          # and without weight decay, for the gap
  go run ./03_optimizer dropout -dropout 0.5 -epochs 100

`)
	return b.String()
}
