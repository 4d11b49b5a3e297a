// Command 03_optimizer is chapter 6 of Deep Learning from Scratch, "Learning
// techniques": each of the book's ch06 experiments is one choice on the
// command line, draws the book's chart as SVG and prints its key figures.
//
//	go run ./03_optimizer                # optimizers, the default
//	go run ./03_optimizer init           # or -exp init
//	go run ./03_optimizer -h             # every experiment and flag
//
// main.go reads the command line and runs the chosen experiments, each from
// its own file named after the book's script: optimizer_compare.go
// (optimizer_compare_naive.py and optimizer_compare_mnist.py),
// weight_init_compare.go and activation_histogram.go, batch_norm.go,
// overfit.go (overfit_weight_decay.py and overfit_dropout.py) and
// hyperparameter_optimization.go. side_by_side.go is the loop that trains
// several networks on the same mini-batches, as the book's comparisons do.
package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"dlfs/common/cli"
	"dlfs/dataset"
)

// An experiment is one of the book's ch06 scripts.
type experiment struct {
	name    string
	summary string // one line for -h
	run     func(e *env) error
}

// experiments lists the choices in the order of the book's chapter 6.
var experiments = []experiment{
	{"optimizers", "6.1: six optimizers on f(x,y) = x²/20 + y² and on MNIST 784-[100x4]-10, loss at iteration 1900", runOptimizers},
	{"init", "6.2: weight init std 0.01 vs Xavier vs He on MNIST; activation histograms of 5 layers", runInit},
	{"batchnorm", "6.3: with and without batch norm at 16 weight scales, 1000 images, 20 epochs", runBatchNorm},
	{"weightdecay", "6.4: overfitting 300 images with 784-[100x6]-10, weight decay 0.1, 201 epochs", runWeightDecay},
	{"dropout", "6.4: overfitting 300 images with 784-[100x6]-10, dropout 0.2, 301 epochs", runDropout},
	{"hyperparam", "6.5: random search of lr and weight decay, 100 trials of 50 epochs, validation split", runHyperparam},
}

func main() {
	err := run(os.Args[1:], os.Stdout, os.Stderr)
	os.Exit(cli.ExitCode("03_optimizer", err, os.Stderr))
}

// run is the whole program, with its output going to stdout and stderr, so
// that tests can run it end to end.
func run(args []string, stdout, stderr io.Writer) error {
	cfg, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	if cfg.cpuprofile != "" {
		stop, err := cli.StartCPUProfile(cfg.cpuprofile)
		if err != nil {
			return err
		}
		defer stop()
	}
	e := &env{config: cfg, stdout: stdout, stderr: stderr}
	for _, x := range experiments {
		if cfg.exp != x.name && cfg.exp != "all" {
			continue
		}
		fmt.Fprintf(stdout, "== %s: %s\n", x.name, x.summary)
		start := time.Now()
		if err := x.run(e); err != nil {
			return fmt.Errorf("%s: %w", x.name, err)
		}
		fmt.Fprintf(stdout, "(%s took %.1f s)\n\n", x.name, time.Since(start).Seconds())
	}
	return nil
}

// env is what an experiment runs with: the settings, where to write, and
// MNIST, loaded the first time an experiment asks for it.
type env struct {
	config
	stdout, stderr io.Writer

	train, test *dataset.Set
}

// mnist returns the training and test sets, loading them on first use, as
// the book's load_mnist(normalize=True).
func (e *env) mnist() (train, test *dataset.Set, err error) {
	if e.train == nil {
		e.train, e.test, err = dataset.Load(dataset.Options{Dir: e.data, Normalize: true, Flatten: true, Progress: e.stderr})
		if err != nil {
			return nil, nil, err
		}
	}
	return e.train, e.test, nil
}

// writer is a chart or a grid of charts.
type writer interface{ WriteFile(path string) error }

// writeChart writes a chart into the -out folder and says so.
func writeChart(e *env, name string, chart writer) error {
	path := filepath.Join(e.out, name)
	if err := chart.WriteFile(path); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "wrote %s\n", path)
	return nil
}
