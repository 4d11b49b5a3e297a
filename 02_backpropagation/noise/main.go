// Command noise is the noise-robustness study of the mnist-from-scratch
// project, on the layers of chapter 5 of Deep Learning from Scratch: a
// 784-100-10 ReLU network (network.NewMultiLayerNet, weights N(0, 0.1²))
// trained by trainer.Trainer for 4000 iterations of SGD (learning rate 0.1,
// batches of 100) on MNIST with a percentage of each image's pixels replaced
// by uniform noise, and the pictures of what it learned.
//
//	go run ./02_backpropagation/noise -p 10 -out noise10 -save noise10.npz
//	go run ./02_backpropagation/noise -weights noise10.npz -p 20
//	go run ./02_backpropagation/noise -sweep 25 -out noise
//
// -p P trains one network at P% noise and tests it at the same level; with
// -out it writes its accuracy and loss curves, confusion matrix, first-layer
// weights as images and the template each digit is matched against.
// -weights evaluates a network saved by -save at the -p level. -sweep MAX
// trains one network at each level 0, 5, ..., MAX and tests each at every
// level 0, 1, ..., MAX: noise.csv and noise.svg.
//
// Files: noise.go draws the noise, study.go trains, modes.go runs each mode,
// charts.go and confusion.go draw, weights.go loads saved networks, flags.go
// reads the command line.
package main

import (
	"context"
	"fmt"
	"io"
	"math"

	"dlfs/common/cli"
	"dlfs/dataset"
)

func main() {
	// As in chapter 5: MNIST's pixels are most of the live heap and never
	// change, so collecting when the heap has grown by half, not doubled,
	// keeps the peak lower at no cost in speed. A GOGC setting wins.
	cli.GCPercent(50)
	cli.Main("noise", run)
}

// run is the whole program, with its output going to stdout and stderr, so
// that tests can run it end to end. An interrupt cancels ctx, and training
// stops at the end of its current step.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) (err error) {
	c, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	if c.mode != "weights" {
		flag := fmt.Sprintf("-hidden %s with -batch %d", sizeList(c.study.hidden).String(), c.study.batch)
		if err := cli.CheckMemory(flag, memoryNeeded(c)); err != nil {
			return err
		}
	}
	// Every output is checked before any work. A sweep writes its table to
	// the current folder when -out is not given.
	if c.save != "" {
		if err := cli.OutputFile("-save", c.save, ".npz"); err != nil {
			return err
		}
	}
	outPath := c.out
	if c.mode == "sweep" && outPath == "" {
		outPath = "."
	}
	var out *cli.Dir
	if outPath != "" {
		if out, err = cli.OutputDir("-out", outPath); err != nil {
			return err
		}
		defer func() { err = out.Close(err) }()
	}
	finish, err := cli.CPUProfile(c.cpuprofile)
	if err != nil {
		return err
	}
	defer func() { err = finish(err) }()

	train, test, err := dataset.Load(dataset.Options{Dir: c.data, Normalize: true, Flatten: true, Progress: stderr})
	if err != nil {
		return err
	}
	if c.trainSize > train.Len() {
		return cli.Usagef("-train-size %d: the training set has only %d images", c.trainSize, train.Len())
	}
	train = train.Head(c.trainSize)
	if c.mode != "weights" && c.study.batch > train.Len() {
		return cli.Usagef("-batch %d: larger than the %d training images", c.study.batch, train.Len())
	}

	switch c.mode {
	case "weights":
		return evaluateNoise(c.weights, c.level, c.study.seed, out, test, stdout)
	case "sweep":
		return runNoiseSweep(ctx, c.study, c.sweep, out, c.out != "", train, test, stdout, stderr)
	default:
		return runNoise(ctx, c.study, c.level, c.save, out, train, test, stdout, stderr)
	}
}

// memoryNeeded estimates the bytes a training run of c allocates beyond
// MNIST itself: for each network it keeps (one per level of a sweep) the
// parameters with their gradients, and for the largest batch that goes
// through a network (a mini-batch, or evalChunk images when measuring the
// accuracy) its input, each hidden layer's output, mask and gradients, and
// the scores; and the loss curves.
func memoryNeeded(c config) uint64 {
	nets := 1
	if c.mode == "sweep" {
		nets = c.sweep/5 + 1
	}
	weights, units := 0, 0
	in := 784
	for _, h := range append(append([]int{}, c.study.hidden...), 10) {
		weights += in*h + h
		units += h
		in = h
	}
	total := uint64(0)
	for _, more := range []uint64{
		cli.Float64s(nets, 2, weights),
		cli.Float64s(max(c.study.batch, evalChunk), 784+4*units),
		cli.Float64s(nets, c.study.iters),
	} {
		if total += more; total < more {
			return math.MaxUint64 // the sum overflowed: far too much anyway
		}
	}
	return total
}
