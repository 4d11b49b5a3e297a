// The command line of the noise study: its settings, the study's by
// default, and their checks.

package main

import (
	_ "embed"
	"io"

	"dlfs/common/cli"
	"dlfs/dataset"
)

// config is what the flags ask for.
type config struct {
	cmd                                 *cli.Command
	study                               noiseConfig // the network and its training (study.go)
	level                               float64     // -p: the noise level of a training run, or of -weights
	sweep, trainSize                    int
	sweepLR, sweepHidden                bool
	data, weights, save, out, log, mode string // mode: "train", "weights", "sweep", "sweep-lr" or "sweep-hidden"
}

//go:embed help.txt
var help string // what -h prints before the flags

// parseFlags reads the command line into a config and checks it.
func parseFlags(args []string, stderr io.Writer) (config, error) {
	c := config{cmd: cli.New("noise", help), study: defaultNoiseConfig(), mode: "train"}
	fs, s := c.cmd, &c.study
	fs.GCPercent = 50 // MNIST's pixels, which never change, are most of the heap
	hidden := &cli.IntList{Values: s.hidden, Max: maxUnits, MaxLen: maxHiddenLayers}
	fs.Data(&c.data, dataset.CacheDir)
	fs.Seed(&s.seed, s.seed, "the initial weights, the mini-batches and the noise")
	fs.Float64Var(&c.level, "p", 0, "noise level: `P` percent of each image's pixels replaced by uniform noise")
	fs.IntVar(&c.sweep, "sweep", 0, "train a network at each noise level 0, 5, ..., `MAX` and test each at 0, 1, ..., MAX (default off)")
	fs.BoolVar(&c.sweepLR, "sweep-lr", false, "train a network at each learning rate 0.05 to 1.0 (change_lr.py)")
	fs.BoolVar(&c.sweepHidden, "sweep-hidden", false, "train a network at each hidden size 10 to 1000 (change_neuron_num.py)")
	fs.StringVar(&c.weights, "weights", "", "evaluate the network in `file.npz` (from -save) at noise -p, instead of training")
	fs.Var(hidden, "hidden", "hidden layer `sizes`, such as 100 or 256,128 (1 to 16 layers of 1 to 10,000 units)")
	fs.IntVar(&s.iters, "iters", s.iters, "`number` of SGD iterations per network (at most 10,000,000)")
	fs.IntVar(&s.batch, "batch", s.batch, "mini-batch `size`")
	fs.Float64Var(&s.lr, "lr", s.lr, "learning `rate` of SGD")
	fs.IntVar(&c.trainSize, "train-size", 60000, "train on the first `N` training images only")
	fs.BoolVar(&s.debug, "debug", false, "print every iteration's loss and mini-batch accuracy")
	fs.StringVar(&c.log, "log", "", "write every iteration's loss to `file.csv`")
	fs.Save(&c.save, "the trained network to `file.npz` (NumPy's np.load reads it; -weights evaluates it)")
	fs.Out(&c.out, "", "the pictures and tables (without -out a sweep writes them to the current folder)")
	if err := fs.Parse(args, stderr); err != nil {
		return c, err
	}
	s.hidden = hidden.Values
	for mode, on := range map[string]bool{"weights": fs.IsSet("weights"), "sweep": fs.IsSet("sweep"), "sweep-lr": c.sweepLR, "sweep-hidden": c.sweepHidden} {
		if on { // at most one: Modes refuses a second
			c.mode = mode
		}
	}
	training := []string{"data", "seed", "iters", "batch", "train-size", "out", "log"}
	mode := fs.Modes(
		cli.When(c.mode == "weights", "-weights", "data", "seed", "weights", "p", "out"),
		cli.When(c.mode == "sweep", "-sweep", append(training, "sweep", "hidden", "lr", "debug")...),
		cli.When(c.sweepLR, "-sweep-lr", append(training, "sweep-lr", "p", "hidden")...),
		cli.When(c.sweepHidden, "-sweep-hidden", append(training, "sweep-hidden", "p", "lr")...))
	return c, cli.First(mode,
		cli.Check(c.level >= 0 && c.level <= 100, "-p %v: want a percentage from 0 to 100", c.level),
		cli.IntIn("sweep", c.sweep, 0, 100, "percentage"),
		cli.IntIn("iters", s.iters, 1, 10_000_000, "number of iterations"),
		cli.IntIn("batch", s.batch, 1, 0, "mini-batch size"),
		cli.Positive("lr", s.lr, "learning rate", "0.1"),
		cli.IntIn("train-size", c.trainSize, 1, 0, "number of training images"))
}
