// Command 03_optimizer is chapter 6 of Deep Learning from Scratch, "Learning
// techniques": each of the book's ch06 experiments (go run ./03_optimizer init)
// prints its key figures and draws the book's charts as SVG (check, the
// gradient check, only prints). experiments.go lists them, each in a file
// named after the book's script; flags.go reads the command line.
package main

import (
	"context"
	"io"

	"dlfs/common/cli"
)

func main() { cli.Main("03_optimizer", run) }

// run is the whole program; tests call it with their own arguments. It
// checks the outputs and the size of the training set of every chosen
// experiment before any of them starts.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) (err error) {
	cfg, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	chosen := choose(cfg.exp)
	outs, err := cfg.cmd.Start(cfg.outputs(chosen)...)
	if err != nil {
		return err
	}
	defer func() { err = outs.Close(err) }()

	e := &env{config: cfg, ctx: ctx, out: outs.Dir("-out"), saveDir: outs.Dir(cfg.saveFlag()), stdout: stdout, stderr: stderr}
	return e.runChosen(chosen)
}
