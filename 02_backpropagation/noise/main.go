// Command noise is the noise study of the mnist-from-scratch project on the
// layers of chapter 5: a 784-100-10 ReLU network trained by SGD on MNIST with
// P% of each image's pixels replaced by uniform noise (-p P), evaluated
// (-weights) or swept over levels (-sweep MAX). noise.go draws the noise,
// study.go trains, report.go reports, flags.go reads the command line.
package main

import (
	"context"
	"io"

	"dlfs/common/cli"
	"dlfs/dataset"
)

func main() { cli.Main("noise", run) }

// run is the whole program; tests call it with their own arguments.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) (err error) {
	c, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	outs, err := c.cmd.Start(outputs(c)...)
	if err != nil {
		return err
	}
	defer func() { err = outs.Close(err) }()

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

	out := outs.Dir("-out")
	switch c.mode {
	case "weights":
		return evaluateNoise(c.weights, c.level, c.study.seed, out, test, stdout)
	case "sweep":
		err = runNoiseSweep(ctx, c.study, c.sweep, out, c.out != "", train, test, stdout, stderr)
	default:
		err = runNoise(ctx, c.study, c.level, c.save, out, train, test, stdout, stderr)
	}
	return cli.Diverged(err, "-lr")
}
