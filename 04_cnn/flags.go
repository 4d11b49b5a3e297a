// The command line of chapters 7 and 8: the settings of ch07/train_convnet.py
// and ch08/train_deepnet.py by default, and their checks.

package main

import (
	_ "embed"
	"io"
	"strings"

	"dlfs/common/cli"
	"dlfs/common/nn"
	"dlfs/common/optimizer"
	"dlfs/dataset"
)

// config is what the flags ask for, and the command line that reads them.
type config struct {
	*cli.Command
	net, data, optimizer, weights, serve, save, out, filterImage, resume string
	seed                                                                 uint64
	epochs, batch, trainSize                                             int
	lr                                                                   float64
	half, check                                                          bool
}

//go:embed help.txt
var help string // what -h prints before the flags
// parseFlags reads the command line into a config and checks it.
func parseFlags(args []string, stderr io.Writer) (config, error) {
	c := config{Command: cli.New("04_cnn", help)}
	c.GCPercent = 25 // a few large arrays without pointers: the peak stays near what is live
	c.StringVar(&c.net, "net", "simple", "the `network`: simple (the book's SimpleConvNet, ch07) or deep (DeepConvNet, ch08)")
	c.Data(&c.data, dataset.CacheDir)
	c.Seed(&c.seed, 1, "the initial weights, the mini-batches and the dropout masks (with -weights, for the random filters of filters_before.png)")
	c.IntVar(&c.epochs, "epochs", 20, "`number` of epochs to train (at most 1000), the book's max_epochs")
	c.IntVar(&c.batch, "batch", 100, "mini-batch `size` (at most 1000), the book's mini_batch_size")
	c.StringVar(&c.optimizer, "optimizer", "Adam", "the optimizer `name`: "+strings.Join(optimizer.Names, ", "))
	c.Float64Var(&c.lr, "lr", 0.001, "learning `rate` of the optimizer")
	c.IntVar(&c.trainSize, "train-size", 60000, "train on the first `N` training images only, for a quick run")
	c.StringVar(&c.weights, "weights", "", "evaluate the weights in this `path` (the book's .pkl, a .npz file or a folder of .npy files) instead of training")
	c.BoolVar(&c.half, "half", false, "with -weights, the accuracy in float64 and with weights and images rounded to float16 (ch08/half_float_network.py)")
	c.BoolVar(&c.check, "check", false, "the gradient check of ch07/gradient_check.py instead: backprop against numerical on a 1x10x10 image")
	c.Save(&c.save, "the trained parameters to `file.npz` or file.pkl (default simple_convnet.npz or deep_convnet.npz in the -out folder, else in out/04_cnn)")
	c.Out(&c.out, "", "the pictures (filters_before.png, filters_after.png, apply_filter.png, misclassified.png and, after training, accuracy.svg and loss.svg)")
	c.StringVar(&c.resume, "resume", "", "go on with the training interrupted at the parameters in this `file` (NAME.interrupted-epochN.npz), with the optimizer's state saved beside it")
	c.StringVar(&c.filterImage, "filter-image", "", "with -out, the PNG `file` apply_filter.png filters (default: the first test image)")
	c.BoolVar(&nn.Fast, "fast", false, "run Convolution and Pooling in their faster arrangements (common/nn/fast.go) instead of the book's im2col; same numbers up to rounding")
	c.StringVar(&c.serve, "serve", "", "instead of the run, serve the network as a page at this `address` (such as localhost:8080): draw a digit, see every layer answer, train it live; untrained unless -weights")
	if err := c.Parse(args, stderr); err != nil {
		return c, err
	}
	_, optimizerErr := optimizer.New(c.optimizer, 0)
	return c, cli.First(c.Modes(
		cli.When(c.serve != "", "-serve", "net", "data", "seed", "weights", "train-size", "serve", "fast"),
		cli.When(c.check, "-check", "check", "seed"),
		cli.When(c.half, "-half", "net", "data", "weights", "half", "fast"),
		cli.When(c.weights != "" && c.out != "", "evaluating -weights", "net", "data", "weights", "out", "seed", "filter-image", "fast"), // -seed: the filters before
		cli.When(c.weights != "", "evaluating -weights", "net", "data", "weights", "out", "fast")),
		cli.Check(optimizerErr == nil, "-optimizer %q: want one of %s", c.optimizer, strings.Join(optimizer.Names, ", ")),
		cli.Check(!c.half || c.weights != "", "-half: want -weights, such as -net deep -weights ~/deep-learning-from-scratch/ch08/deep_convnet_params.pkl"),
		cli.Check(c.save == "" || strings.HasSuffix(c.save, ".npz") || strings.HasSuffix(c.save, ".pkl"), "-save %s: want a file name ending in .npz or .pkl", c.save),
		cli.OneOf("net", c.net, "simple", "deep"),
		cli.IntIn("epochs", c.epochs, 1, 1000, "number of epochs"),
		cli.IntIn("batch", c.batch, 1, 1000, "mini-batch size"),
		cli.Positive("lr", c.lr, "learning rate", "0.001"),
		cli.IntIn("train-size", c.trainSize, 1, 0, "number of training images"))
}
