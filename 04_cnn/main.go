// Command 04_cnn is chapters 7 and 8 of Deep Learning from Scratch, the book's
// ch07/train_convnet.py and ch08/train_deepnet.py; flags.go reads the flags.
package main

import (
	"context"
	"io"

	"dlfs/common/cli"
	"dlfs/common/trainer"
)

func main() { cli.Main("04_cnn", run) }

// run is the whole program; tests call it with their own arguments.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) (err error) {
	c, err := parseFlags(args, stderr)
	if err != nil {
		return err
	} else if c.serve != "" {
		return servePage(ctx, c, stdout, stderr)
	}
	outs, err := c.Start(outputs(c)...)
	if err != nil {
		return err
	}
	defer func() { err = outs.Close(err) }()
	if c.check {
		return gradientCheck(stdout, c.seed)
	}

	rng, src := newRand(c.seed) // the book's np.random
	net, pics, err := build(c, rng, stdout)
	if err != nil {
		return err
	}
	trainSet, testSet, err := loadMNIST(ctx, c, stderr)
	var tr *trainer.Trainer // the training run and its curves; nil for -weights
	switch {
	case err != nil:
		return err
	case c.half:
		halfFloatNetwork(stdout, net, testSet)
		return nil
	case c.weights == "":
		if tr, err = trainAndSave(ctx, net, trainSet, testSet, c, rng, src, outs, stdout, stderr); err != nil {
			return err
		}
	}
	return report(outs.Dir("-out"), pics, tr, net, testSet, stdout, stderr)
}
