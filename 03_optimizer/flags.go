// The command line of the chapter 6 program: the experiment to run, every
// flag with its default (the book's settings), the help text, and the checks
// that turn a bad value into a usage error naming the flag.

package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
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
	trainSize int     // batchnorm, weightdecay, dropout, hyperparam: first N training images
	trials    int     // hyperparam: random trials
	top       int     // hyperparam: best trials drawn
	lambda    float64 // weightdecay: the weight decay lambda
	dropout   float64 // dropout: the dropout ratio
	baseline  bool    // weightdecay, dropout: also train without regularization
}

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
	mnistSize = 60_000
	// minTrainSize lets hyperparam keep 80% of the images for training and
	// still fill a mini-batch of 100.
	minTrainSize = 125
)

// parseFlags reads the command line into a config and checks it. The
// experiment is the first argument that is not a flag, or -exp; flags may
// come before and after it. On -h it prints the help to stderr and returns
// flag.ErrHelp.
func parseFlags(args []string, stderr io.Writer) (config, error) {
	var c config
	fs := flag.NewFlagSet("03_optimizer", flag.ContinueOnError)
	fs.StringVar(&c.exp, "exp", "optimizers", "the `experiment` to run (see above), or all; the same as naming it as an argument")
	fs.StringVar(&c.data, "data", "", cli.DataFlagUsage())
	fs.StringVar(&c.out, "out", "out/03_optimizer", "`folder` for the charts, created if needed")
	fs.Uint64Var(&c.seed, "seed", 1, "random `seed` for initial weights, mini-batches, dropout masks and the search")
	fs.StringVar(&c.cpuprofile, "cpuprofile", "", "write a CPU profile to `file` (read it with go tool pprof -top)")
	fs.IntVar(&c.iters, "iters", 2000, "optimizers, init: `N` training iterations, the book's max_iterations")
	fs.IntVar(&c.epochs, "epochs", 0, "batchnorm, weightdecay, dropout, hyperparam: `N` epochs (default 0: the book's 20, 201, 301 and 50)")
	fs.IntVar(&c.trainSize, "train-size", 0, fmt.Sprintf("batchnorm, weightdecay, dropout, hyperparam: train on the first `N` images, %d to %d (default 0: the book's 1000, 300, 300 and 500)", minTrainSize, mnistSize))
	fs.IntVar(&c.trials, "trials", 100, "hyperparam: `number` of random trials, the book's optimization_trial")
	fs.IntVar(&c.top, "top", 20, "hyperparam: draw the curves of the `N` best trials, the book's graph_draw_num")
	fs.Float64Var(&c.lambda, "lambda", 0.1, "weightdecay: the weight decay `lambda`, the book's weight_decay_lambda")
	fs.Float64Var(&c.dropout, "dropout", 0.2, "dropout: the dropout `ratio`, the book's dropout_ratio")
	fs.BoolVar(&c.baseline, "baseline", false, "weightdecay, dropout: also train the same network without regularization, for comparison")

	// The flag package would print the whole help after any mistake; main
	// prints the mistake alone, and the help is for -h.
	fs.SetOutput(io.Discard)
	parse := func(args []string) error {
		err := fs.Parse(args)
		if errors.Is(err, flag.ErrHelp) {
			fs.SetOutput(stderr)
			usage(fs)
			return err
		}
		if err != nil {
			return cli.UsageError{Err: err}
		}
		return nil
	}
	if err := parse(args); err != nil {
		return c, err
	}
	if fs.NArg() > 0 {
		name := fs.Arg(0)
		if err := parse(fs.Args()[1:]); err != nil {
			return c, err
		}
		if fs.NArg() > 0 {
			return c, cli.Usagef("unexpected argument %q after experiment %q: give one experiment (or all)", fs.Arg(0), name)
		}
		explicit := false
		fs.Visit(func(f *flag.Flag) { explicit = explicit || f.Name == "exp" })
		if explicit && c.exp != name {
			return c, cli.Usagef("-exp %s and argument %s: name one experiment", c.exp, name)
		}
		c.exp = name
	}
	return c, c.validate()
}

// experimentNames returns the names of the experiments, and "all".
func experimentNames() []string {
	var names []string
	for _, x := range experiments {
		names = append(names, x.name)
	}
	return append(names, "all")
}

// validate checks the values that flag's parsing lets through, and creates
// the -out folder.
func (c config) validate() error {
	known := false
	for _, name := range experimentNames() {
		known = known || c.exp == name
	}
	switch {
	case !known:
		return cli.Usagef("unknown experiment %q: want one of %s", c.exp, strings.Join(experimentNames(), ", "))
	case c.iters < 1 || c.iters > maxIters:
		return cli.Usagef("-iters %d: want a number of training iterations from 1 to %d", c.iters, maxIters)
	case c.epochs < 0 || c.epochs > maxEpochs:
		return cli.Usagef("-epochs %d: want a number of epochs from 1 to %d, or 0 for the book's", c.epochs, maxEpochs)
	case c.trainSize != 0 && (c.trainSize < minTrainSize || c.trainSize > mnistSize):
		return cli.Usagef("-train-size %d: want %d to %d training images, or 0 for the book's", c.trainSize, minTrainSize, mnistSize)
	case c.trials < 1 || c.trials > maxTrials:
		return cli.Usagef("-trials %d: want a number of trials from 1 to %d", c.trials, maxTrials)
	case c.top < 1 || c.top > maxTop:
		return cli.Usagef("-top %d: want to draw 1 to %d trials", c.top, maxTop)
	case !(c.lambda >= 0) || math.IsInf(c.lambda, 0):
		return cli.Usagef("-lambda %v: want a weight decay of 0 or more, such as 0.1", c.lambda)
	case !(c.dropout > 0 && c.dropout < 1):
		return cli.Usagef("-dropout %v: want a ratio between 0 and 1, such as 0.2", c.dropout)
	case c.out == "":
		return cli.Usagef("-out: want a folder for the charts")
	}
	if err := os.MkdirAll(c.out, 0o755); err != nil {
		return cli.Usagef("-out %s: cannot create the folder: %v", c.out, err)
	}
	f, err := os.CreateTemp(c.out, ".write-test-*")
	if err != nil {
		return cli.Usagef("-out %s: cannot write in the folder: %v", c.out, err)
	}
	f.Close()
	os.Remove(f.Name())
	return nil
}

// usage prints the help: what the program does, the experiments, examples,
// and every flag with its default.
func usage(fs *flag.FlagSet) {
	w := fs.Output()
	fmt.Fprint(w, `03_optimizer: chapter 6 of Deep Learning from Scratch, learning techniques.

Each experiment is one of the book's ch06 scripts. It prints its key figures
and writes its charts (SVG) to -out.

Usage: 03_optimizer [flags] [experiment] [flags]

Experiments:
`)
	for _, x := range experiments {
		fmt.Fprintf(w, "  %-12s %s\n", x.name, x.summary)
	}
	fmt.Fprintf(w, "  %-12s %s\n", "all", "every experiment above, in turn")
	fmt.Fprint(w, `
Examples:
  go run ./03_optimizer                          # optimizers (the default)
  go run ./03_optimizer init -seed 7
  go run ./03_optimizer -exp hyperparam -trials 20 -out /tmp/charts
  go run ./03_optimizer weightdecay -baseline          # and without weight decay, for the gap
  go run ./03_optimizer dropout -dropout 0.5 -epochs 100

Flags:
`)
	fs.VisitAll(func(f *flag.Flag) {
		name, help := flag.UnquoteUsage(f)
		fmt.Fprintf(w, "  -%s", f.Name)
		if name != "" {
			fmt.Fprintf(w, " %s", name)
		}
		fmt.Fprintf(w, "\n    \t%s", help)
		if !strings.Contains(help, "(default") {
			def := f.DefValue
			if def == "" {
				def = "none"
			}
			fmt.Fprintf(w, " (default %s)", def)
		}
		fmt.Fprintln(w)
	})
}
