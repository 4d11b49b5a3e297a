// The book's chapter 6 experiments, one per script, and what each runs
// with: the settings, the files it writes, the output folders and MNIST,
// loaded on first use.

package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"dlfs/common/cli"
	"dlfs/common/optimizer"
	"dlfs/dataset"
)

// An experiment is one of the book's ch06 scripts.
type experiment struct {
	name    string
	summary string   // one line for -h
	flags   []string // the flags it reads, besides -exp, -data and -seed
	// The book's number of training images and the fewest the experiment
	// can train on (one mini-batch, after hyperparam's validation split).
	trainSize, minTrain int
	epochs              int      // the book's epochs (0: counted in iterations)
	charts              []string // the files it writes into -out
	saves               []string // the files it writes into -save
	run                 func(e *env) error
}

// experiments lists the choices in the order of the book's chapter 6.
var experiments = []experiment{
	{name: "optimizers", summary: "6.1: six optimizers on f(x,y) = x²/20 + y² and on MNIST 784-[100x4]-10: loss at iteration 1900, accuracy",
		flags: []string{"iters", "train-size", "save"}, trainSize: mnistTrainSize, minTrain: 128, run: runOptimizers,
		charts: []string{"optimizer_paths.svg", "optimizer_mnist.svg", "optimizer_accuracy.svg"}, saves: optimizerWeightFiles()},
	{name: "init", summary: "6.2: weight init std 0.01 vs Xavier vs He on MNIST; activation histograms of 5 layers",
		flags: []string{"iters", "train-size"}, trainSize: mnistTrainSize, minTrain: 128, run: runInit,
		charts: []string{"activation_histogram_sigmoid.svg", "activation_histogram_relu.svg", "activation_histogram_tanh.svg", "weight_init_mnist.svg"}},
	{name: "batchnorm", summary: "6.3: with and without batch norm at 16 weight scales, 1000 images, epochs 0 to 19",
		flags: []string{"epochs", "train-size"}, trainSize: 1000, minTrain: 100, epochs: 19, run: runBatchNorm,
		charts: []string{"batch_norm.svg"}},
	{name: "check", summary: "6.3: batch norm's gradient check, backprop against the numerical gradient on the first image",
		trainSize: 1, minTrain: 1, run: runCheck},
	{name: "weightdecay", summary: "6.4: overfitting 300 images with 784-[100x6]-10, weight decay 0.1, epochs 0 to 200",
		flags: []string{"epochs", "train-size", "lambda", "baseline"}, trainSize: 300, minTrain: 100, epochs: 200, run: runWeightDecay,
		charts: []string{"overfit_weight_decay.svg"}},
	{name: "dropout", summary: "6.4: overfitting 300 images with 784-[100x6]-10, dropout 0.2, epochs 0 to 300",
		flags: []string{"epochs", "train-size", "dropout", "baseline"}, trainSize: 300, minTrain: 100, epochs: 300, run: runDropout,
		charts: []string{"overfit_dropout.svg"}},
	{name: "hyperparam", summary: "6.5: random search of lr and weight decay, 100 trials of epochs 0 to 49, validation split",
		flags: []string{"epochs", "train-size", "trials", "top"}, trainSize: 500, minTrain: 125, epochs: 49, run: runHyperparam,
		charts: []string{"hyperparameter_optimization.svg", "hyperparameter_search.svg"}},
}

// optimizerWeightFiles are the files the optimizers experiment writes into
// -save: optimizer_SGD.npz, optimizer_Momentum.npz, ...
func optimizerWeightFiles() []string {
	var files []string
	for _, name := range optimizer.Names {
		files = append(files, "optimizer_"+name+".npz")
	}
	return files
}

// mnistTrainSize is the number of MNIST training images, all of which the
// book's optimizer and init comparisons train on.
const mnistTrainSize = 60_000

// reads returns the flags x reads: -exp, -data, -seed, its own, and -out
// or -save if it writes there.
func (x experiment) reads() []string {
	flags := append([]string{"exp", "data", "seed"}, x.flags...)
	if len(x.charts) > 0 {
		flags = append(flags, "out")
	}
	return flags
}

// choose returns the experiments the -exp name (or all) chooses.
func choose(name string) []experiment {
	var chosen []experiment
	for _, x := range experiments {
		if name == x.name || name == "all" {
			chosen = append(chosen, x)
		}
	}
	return chosen
}

// outputs declares the files the chosen experiments write: their charts in
// the -out folder (none, if they draw none) and the weights in -save, which
// may be the -out folder itself; saveFlag names the flag of that folder.
func (c config) outputs(chosen []experiment) []cli.Output {
	var charts, saves []string
	for _, x := range chosen {
		charts, saves = append(charts, x.charts...), append(saves, x.saves...)
	}
	out := c.out
	if len(charts) == 0 {
		out = ""
	}
	if c.saveFlag() == "-out" {
		return []cli.Output{cli.Folder("-out", c.out, append(charts, saves...)...)}
	}
	return []cli.Output{cli.Folder("-out", out, charts...), cli.Folder("-save", c.save, saves...)}
}

// saveFlag is "-out" when -save names the -out folder (the two share it),
// else "-save".
func (c config) saveFlag() string {
	if c.save == "" || c.out == "" {
		return "-save"
	}
	a, errA := os.Stat(c.save)
	b, errB := os.Stat(c.out)
	if errA == nil && errB == nil && os.SameFile(a, b) {
		return "-out"
	}
	absSave, errA := filepath.Abs(c.save)
	absOut, errB := filepath.Abs(c.out)
	if errA == nil && errB == nil && absSave == absOut {
		return "-out"
	}
	return "-save"
}

// env is what an experiment runs with: the settings, the experiment itself,
// where to write, and MNIST, loaded the first time an experiment asks for it.
type env struct {
	config
	x              experiment // the experiment running
	ctx            context.Context
	out, saveDir   *cli.Dir // the -out and -save folders (saveDir nil without -save)
	stdout, stderr io.Writer

	train, test *dataset.Set
}

// runChosen checks that MNIST holds enough training images for every
// chosen experiment before any starts, then runs them in turn, each under a
// heading and followed by its time.
func (e *env) runChosen(chosen []experiment) error {
	for _, x := range chosen {
		if _, _, err := e.mnist(x); err != nil {
			return fmt.Errorf("%s: %w", x.name, err)
		}
	}
	for _, x := range chosen {
		fmt.Fprintf(e.stdout, "== %s: %s\n", x.name, x.summary)
		start := time.Now()
		e.x = x
		// A diverged loss is reported as it is, with no advice on a flag:
		// the learning rates are the book's, and no flag sets them.
		if err := x.run(e); err != nil {
			return fmt.Errorf("%s: %w", x.name, err)
		}
		fmt.Fprintf(e.stdout, "(%s took %.1f s)\n\n", x.name, time.Since(start).Seconds())
	}
	return nil
}

// mnist returns the first -train-size training images (the book's number
// for experiment x if not set) and the test set, loading MNIST on first use
// as the book's load_mnist(normalize=True). A set too small for the
// experiment is a usage error that names -train-size and the loaded size.
func (e *env) mnist(x experiment) (train, test *dataset.Set, err error) {
	if e.train == nil {
		e.train, e.test, err = dataset.Load(dataset.Options{Dir: e.data, Normalize: true, Flatten: true, Progress: e.stderr, Context: e.ctx})
		if err != nil {
			return nil, nil, err
		}
	}
	n := orBook(e.trainSize, x.trainSize)
	if n > e.train.Len() {
		folder := "the MNIST folder"
		if e.data != "" {
			folder = "the -data folder"
		}
		book := ""
		if e.trainSize == 0 {
			book = " (the book's, by default)"
		}
		return nil, nil, cli.Usagef("-train-size %d%s needs at least %d training images; %s has %d", n, book, n, folder, e.train.Len())
	}
	return e.train.Head(n), e.test, nil
}

// epochCount returns -epochs, or the book's epochs of the running experiment.
func (e *env) epochCount() int { return orBook(e.epochs, e.x.epochs) }

// writeChart writes a chart into the -out folder and says so.
func writeChart(e *env, name string, chart cli.FileWriter) error {
	path, err := e.out.Write(name, chart)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "wrote %s\n", path)
	return nil
}

// orBook returns v, or book when v is 0 (the flag was left at its default).
func orBook(v, book int) int {
	if v == 0 {
		return book
	}
	return v
}

// experimentList lists the experiments for -h, one per line.
func experimentList() string {
	var list strings.Builder
	for _, x := range experiments {
		fmt.Fprintf(&list, "  %-12s %s\n", x.name, x.summary)
	}
	return list.String()
}
