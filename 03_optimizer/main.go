// Command 03_optimizer is chapter 6 of Deep Learning from Scratch, "Learning
// techniques": each of the book's ch06 experiments (go run ./03_optimizer init)
// draws the book's chart as SVG and prints its key figures. experiments.go
// lists them, each in a file named after the book's script; flags.go reads
// the command line.
package main

import (
	"context"
	"fmt"
	"io"
	"time"

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
	outs, err := cfg.cmd.Start(cli.Folder("-out", cfg.out))
	if err != nil {
		return err
	}
	defer func() { err = outs.Close(err) }()

	e := &env{config: cfg, ctx: ctx, out: outs.Dir("-out"), stdout: stdout, stderr: stderr}
	var chosen []experiment
	for _, x := range experiments {
		if cfg.exp == x.name || cfg.exp == "all" {
			chosen = append(chosen, x)
			if _, _, err := e.mnist(x); err != nil {
				return fmt.Errorf("%s: %w", x.name, err)
			}
		}
	}
	for _, x := range chosen {
		fmt.Fprintf(stdout, "== %s: %s\n", x.name, x.summary)
		start := time.Now()
		e.x = x
		if err := x.run(e); err != nil {
			return fmt.Errorf("%s: %w", x.name, cli.Diverged(err, "-lr"))
		}
		fmt.Fprintf(stdout, "(%s took %.1f s)\n\n", x.name, time.Since(start).Seconds())
	}
	return nil
}
