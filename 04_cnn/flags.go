// The command line of chapters 7 and 8: the settings of ch07/train_convnet.py
// and ch08/train_deepnet.py by default, and their checks.

package main

import (
	_ "embed"
	"io"
	"os"
	"path/filepath"
	"strings"

	"dlfs/common/cli"
	"dlfs/common/optimizer"
	"dlfs/dataset"
)

// config is what the flags ask for.
type config struct {
	cmd                                             *cli.Command
	net, data, optimizer, weights, serve, save, out string
	seed                                            uint64
	epochs, batch, trainSize                        int
	lr                                              float64
}

//go:embed help.txt
var help string // what -h prints before the flags

// parseFlags reads the command line into a config and checks it.
func parseFlags(args []string, stderr io.Writer) (config, error) {
	c := config{cmd: cli.New("04_cnn", help)}
	fs := c.cmd
	fs.GCPercent = 25 // a few large arrays without pointers: the peak stays near what is live
	fs.StringVar(&c.net, "net", "simple", "the `network`: simple (the book's SimpleConvNet, ch07) or deep (DeepConvNet, ch08)")
	fs.Data(&c.data, dataset.CacheDir)
	fs.Seed(&c.seed, 1, "the initial weights, the mini-batches and the dropout masks (with -weights, for the random filters of filters_before.png)")
	fs.IntVar(&c.epochs, "epochs", 20, "`number` of epochs to train (at most 1000), the book's max_epochs")
	fs.IntVar(&c.batch, "batch", 100, "mini-batch `size` (at most 1000), the book's mini_batch_size")
	fs.StringVar(&c.optimizer, "optimizer", "Adam", "the optimizer `name`: "+strings.Join(optimizer.Names, ", "))
	fs.Float64Var(&c.lr, "lr", 0.001, "learning `rate` of the optimizer")
	fs.IntVar(&c.trainSize, "train-size", 60000, "train on the first `N` training images only, for a quick run")
	fs.StringVar(&c.weights, "weights", "", "evaluate the weights in this `path` (a .npz file or a folder of .npy files, such as ../shared/book-weights/ch07_simple_convnet) instead of training")
	fs.Save(&c.save, "the trained parameters to `file.npz` (default simple_convnet.npz or deep_convnet.npz in the -out folder, else in out/04_cnn)")
	fs.Out(&c.out, "", "the pictures (filters_before.png, filters_after.png, misclassified.png and, after training, accuracy.svg and loss.svg)")
	fs.StringVar(&c.serve, "serve", "", "instead of the run, serve the network as a page at this `address` (such as localhost:8080): draw a digit, see every layer answer, train it live; untrained unless -weights")
	if err := fs.Parse(args, stderr); err != nil {
		return c, err
	}
	mode := fs.Modes(
		cli.When(c.serve != "", "-serve", "net", "data", "seed", "weights", "train-size", "serve"),
		cli.When(c.weights != "" && c.out != "", "evaluating -weights", "net", "data", "weights", "out", "seed"), // -seed: the filters before
		cli.When(c.weights != "", "evaluating -weights", "net", "data", "weights", "out"))
	_, noWeights := os.Stat(c.weights)
	_, noOptimizer := optimizer.New(c.optimizer, 0)
	return c, cli.First(mode,
		cli.Check(c.weights == "" || noWeights == nil, "-weights %s: no such file or folder; want a .npz file or a folder of .npy files", c.weights),
		cli.Check(noOptimizer == nil, "-optimizer %q: want one of %s", c.optimizer, strings.Join(optimizer.Names, ", ")),
		cli.OneOf("net", c.net, "simple", "deep"),
		cli.IntIn("epochs", c.epochs, 1, 1000, "number of epochs"),
		cli.IntIn("batch", c.batch, 1, 1000, "mini-batch size"),
		cli.Positive("lr", c.lr, "learning rate", "0.001"),
		cli.IntIn("train-size", c.trainSize, 1, 0, "number of training images"))
}

// outputs are the files a run of c writes: the pictures in -out, and -save,
// by default simple_convnet.npz or deep_convnet.npz in -out, else in out/04_cnn.
func outputs(c config) []cli.Output {
	files := []string{"filters_before.png", "filters_after.png", "misclassified.png", "accuracy.svg", "loss.svg", c.net + "_convnet.npz"}
	switch {
	case c.weights != "":
		return []cli.Output{cli.Folder("-out", c.out, files[:3]...)}
	case c.save != "":
		return []cli.Output{cli.File("-save", c.save, ".npz"), cli.Folder("-out", c.out, files[:5]...)}
	case c.out == "":
		return []cli.Output{cli.Folder("-save", filepath.Join("out", "04_cnn"), files[5])}
	}
	return []cli.Output{cli.Folder("-out", c.out, files...)}
}
