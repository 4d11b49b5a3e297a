// The command line of the noise study: its flags, with the study's settings
// as defaults, the help text, the list of hidden-layer sizes that -hidden
// takes ("100" or "256,128"), and the checks that turn a bad value into a
// usage error naming the flag.

package main

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"dlfs/common/cli"
)

// config is what the flags ask for.
type config struct {
	data string // MNIST folder; "" means $MNIST_DIR, then the cache

	study noiseConfig // the network and its training (study.go)

	level   float64 // -p: the noise level of a training run, or of -weights
	sweep   int     // -sweep MAX: one network per level 0, 5, ..., MAX
	weights string  // -weights: evaluate this saved network instead of training

	trainSize  int    // use the first trainSize training images
	save       string // write the trained network to this .npz file
	out        string // write the pictures to this folder
	cpuprofile string // write a CPU profile to this file

	mode string // "train", "sweep" or "weights"
}

// Bounds on flag values that no run of the study needs to exceed.
const (
	maxIters        = 10_000_000
	maxHidden       = 10_000
	maxHiddenLayers = 16
)

// parseFlags reads the command line into a config and checks every value
// that does not need the data set. On -h it prints the help to stderr and
// returns flag.ErrHelp.
func parseFlags(args []string, stderr io.Writer) (config, error) {
	c := config{study: defaultNoiseConfig()}
	hidden := sizeList(c.study.hidden)
	fs := cli.NewFlagSet("noise")
	fs.StringVar(&c.data, "data", "", cli.DataFlagUsage())
	fs.Uint64Var(&c.study.seed, "seed", c.study.seed, "random `seed` for the initial weights, the mini-batches and the noise")
	fs.Float64Var(&c.level, "p", 0, "noise level: `P` percent of each image's pixels drawn for uniform noise, in training and test (or in test alone, with -weights)")
	fs.IntVar(&c.sweep, "sweep", 0, "train one network at each noise level 0, 5, ..., `MAX` percent, test each at 0, 1, ..., MAX, and write noise.csv and noise.svg to -out, else the current folder (default off)")
	fs.StringVar(&c.weights, "weights", "", "evaluate the network saved in `file.npz` by -save at the -p level, instead of training")
	fs.Var(&hidden, "hidden", "hidden layer `sizes`, such as 100 or 256,128 (1 to 16 layers of 1 to 10,000 units)")
	fs.IntVar(&c.study.iters, "iters", c.study.iters, "`number` of SGD iterations per network (at most 10,000,000)")
	fs.IntVar(&c.study.batch, "batch", c.study.batch, "mini-batch `size`")
	fs.Float64Var(&c.study.lr, "lr", c.study.lr, "learning `rate` of SGD")
	fs.IntVar(&c.trainSize, "train-size", 60000, "train on the first `N` training images only")
	fs.BoolVar(&c.study.debug, "debug", false, "print every iteration's loss and mini-batch accuracy")
	fs.StringVar(&c.save, "save", "", "write the trained network to `file.npz` (NumPy's np.load reads it; -weights evaluates it)")
	fs.StringVar(&c.out, "out", "", "write the pictures to this `folder` (created if needed): "+noiseRunFiles+"; with -sweep also noise.csv and noise.svg, and each network's pictures in noise00, noise05, ...")
	fs.StringVar(&c.cpuprofile, "cpuprofile", "", "write a CPU profile to `file` (read it with go tool pprof -top)")
	if err := cli.Parse(fs, args, stderr, help); err != nil {
		return c, err
	}
	c.study.hidden = hidden

	var err error
	switch {
	case cli.IsSet(fs, "weights"):
		c.mode = "weights"
		err = cli.OnlyWith(fs, "-weights", "data", "seed", "weights", "p", "out", "cpuprofile")
	case cli.IsSet(fs, "sweep"):
		c.mode = "sweep"
		err = cli.OnlyWith(fs, "-sweep", "data", "seed", "sweep", "hidden", "iters", "batch", "lr", "train-size", "debug", "out", "cpuprofile")
	default:
		c.mode = "train"
	}
	if err != nil {
		return c, err
	}
	if !(c.level >= 0 && c.level <= 100) {
		return c, cli.Usagef("-p %v: want a percentage from 0 to 100", c.level)
	}
	for _, err := range []error{
		cli.IntIn("sweep", c.sweep, 0, 100, "percentage"),
		cli.IntIn("iters", c.study.iters, 1, maxIters, "number of iterations"),
		cli.IntIn("batch", c.study.batch, 1, 0, "mini-batch size"),
		cli.Positive("lr", c.study.lr, "learning rate", "0.1"),
		cli.IntIn("train-size", c.trainSize, 1, 0, "number of training images"),
	} {
		if err != nil {
			return c, err
		}
	}
	return c, nil
}

// help is what -h prints before the flags.
const help = `noise: the noise study of the mnist-from-scratch project, on the layers of
chapter 5 of Deep Learning from Scratch.

A 784-100-10 ReLU network with weights drawn from N(0, 0.1²) is trained for
4000 iterations of SGD (learning rate 0.1, batches of 100) on MNIST with
pixel noise: at level P%, each image has int(P/100 * 784) pixel positions
drawn at random (repeats allowed) and replaced by uniform [0, 1) values,
the same for every run with the same -seed. The accuracies on 10,000 noisy
training images and the noisy test set are measured every 100 iterations;
the run ends with "test accuracy at P% noise: 0.XXXX".

Examples:
  go run ./02_backpropagation/noise -p 10 -out noise10 -save noise10.npz   # curves, confusion matrix, W1 tiles, digit templates
  go run ./02_backpropagation/noise -weights noise10.npz -p 20              # evaluate saved weights at another noise level
  go run ./02_backpropagation/noise -sweep 25 -out noise                    # every level: noise.csv, noise.svg, noise00/ ... noise25/

`

// sizeList is a flag holding a comma-separated list of layer sizes.
type sizeList []int

// String returns the list as it is written on the command line.
func (l sizeList) String() string {
	parts := make([]string, len(l))
	for i, n := range l {
		parts[i] = strconv.Itoa(n)
	}
	return strings.Join(parts, ",")
}

// Set parses a list such as "100" or "256,128" into l.
func (l *sizeList) Set(s string) error {
	sizes, err := parseSizes(s)
	if err != nil {
		return err
	}
	*l = sizes
	return nil
}

// parseSizes parses a comma-separated list of 1 to maxHiddenLayers sizes,
// each from 1 to maxHidden.
func parseSizes(s string) ([]int, error) {
	parts := strings.Split(s, ",")
	if len(parts) > maxHiddenLayers {
		return nil, fmt.Errorf("%d layers, want at most %d", len(parts), maxHiddenLayers)
	}
	sizes := make([]int, len(parts))
	for i, p := range parts {
		n, err := strconv.Atoi(strings.TrimSpace(p))
		if err != nil || n < 1 || n > maxHidden {
			return nil, fmt.Errorf("%q is not a layer size: want whole numbers from 1 to %d separated by commas, such as 100 or 256,128", p, maxHidden)
		}
		sizes[i] = n
	}
	return sizes, nil
}
