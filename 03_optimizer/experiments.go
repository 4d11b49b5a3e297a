// The book's chapter 6 experiments, one per script, and what each runs
// with: the settings, the output folder and MNIST, loaded on first use.

package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"dlfs/common/cli"
	"dlfs/dataset"
)

// An experiment is one of the book's ch06 scripts.
type experiment struct {
	name    string
	summary string   // one line for -h
	flags   []string // the flags it reads, besides those of every experiment
	// The book's number of training images and the fewest the experiment
	// can train on (one mini-batch, after hyperparam's validation split).
	trainSize, minTrain int
	epochs              int // the book's epochs (0: counted in iterations)
	run                 func(e *env) error
}

// experiments lists the choices in the order of the book's chapter 6.
var experiments = []experiment{
	{"optimizers", "6.1: six optimizers on f(x,y) = x²/20 + y² and on MNIST 784-[100x4]-10, loss at iteration 1900",
		[]string{"iters"}, mnistTrainSize, 128, 0, runOptimizers},
	{"init", "6.2: weight init std 0.01 vs Xavier vs He on MNIST; activation histograms of 5 layers",
		[]string{"iters"}, mnistTrainSize, 128, 0, runInit},
	{"batchnorm", "6.3: with and without batch norm at 16 weight scales, 1000 images, epochs 0 to 19",
		[]string{"epochs"}, 1000, 100, 19, runBatchNorm},
	{"weightdecay", "6.4: overfitting 300 images with 784-[100x6]-10, weight decay 0.1, epochs 0 to 200",
		[]string{"epochs", "lambda", "baseline"}, 300, 100, 200, runWeightDecay},
	{"dropout", "6.4: overfitting 300 images with 784-[100x6]-10, dropout 0.2, epochs 0 to 300",
		[]string{"epochs", "dropout", "baseline"}, 300, 100, 300, runDropout},
	{"hyperparam", "6.5: random search of lr and weight decay, 100 trials of epochs 0 to 49, validation split",
		[]string{"epochs", "trials", "top"}, 500, 125, 49, runHyperparam},
}

// mnistTrainSize is the number of MNIST training images, all of which the
// book's optimizer and init comparisons train on.
const mnistTrainSize = 60_000

// env is what an experiment runs with: the settings, the experiment itself,
// where to write, and MNIST, loaded the first time an experiment asks for it.
type env struct {
	config
	x              experiment // the experiment running
	ctx            context.Context
	out            *cli.Dir
	stdout, stderr io.Writer

	train, test *dataset.Set
}

// mnist returns the first -train-size training images (the book's number
// for experiment x if not set) and the test set, loading MNIST on first use
// as the book's load_mnist(normalize=True). A set too small for the
// experiment is a usage error that names -train-size and the loaded size.
func (e *env) mnist(x experiment) (train, test *dataset.Set, err error) {
	if e.train == nil {
		e.train, e.test, err = dataset.Load(dataset.Options{Dir: e.data, Normalize: true, Flatten: true, Progress: e.stderr})
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
