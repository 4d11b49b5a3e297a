// Command noise is the noise study of the mnist-from-scratch project on the
// layers of chapter 5: a 784-100-10 ReLU network trained by SGD on MNIST with
// P% of each image's pixels replaced by uniform noise (-p P), evaluated
// (-weights), swept over levels (-sweep MAX), over learning rates
// (-sweep-lr) or hidden sizes (-sweep-hidden). noise.go draws the noise,
// study.go trains, sweep.go sweeps, report.go reports, flags.go reads the
// command line.
package main

import (
	"context"
	"io"

	"dlfs/common/cli"
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

	train, test, err := loadSets(ctx, c, stderr)
	if err != nil {
		return err
	}
	out := outs.Dir("-out")
	switch c.mode {
	case "weights":
		return evaluateNoise(c.weights, c.level, c.study.seed, out, test, stdout)
	case "sweep":
		err = runNoiseSweep(ctx, c.study, c.sweep, out, c.out != "", c.log, train, test, stdout, stderr)
	case "sweep-lr", "sweep-hidden":
		err = runSweep(ctx, c.mode, c.study, c.level, out, c.log, train, test, stdout, stderr)
	default:
		err = runNoise(ctx, c.study, c.level, c.save, c.log, out, train, test, stdout, stderr)
	}
	return cli.Diverged(err, "-lr")
}
