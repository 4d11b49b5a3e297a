// The command line of the chapter 7-8 program: its flags, their defaults
// (the book's settings of ch07/train_convnet.py and ch08/train_deepnet.py)
// and the checks of their values. The help, the usage errors and the exit
// codes are dlfs/common/cli's.

package main

import (
	"io"
	"os"
	"strings"

	"dlfs/common/cli"
	"dlfs/common/optimizer"
)

// config is what the flags ask for.
type config struct {
	net  string // "simple" or "deep"
	data string // MNIST folder; "" means $MNIST_DIR, then the cache
	seed uint64 // seeds the initial weights, the mini-batches and the dropout masks

	// training, the book's Trainer arguments
	epochs    int     // epochs
	batch     int     // mini_batch_size
	optimizer string  // optimizer
	lr        float64 // optimizer_param['lr']
	trainSize int     // use the first trainSize training images

	weights string // evaluate these weights instead of training
	serve   string // serve the network as a page at this address instead

	// outputs
	save       string // the trained parameters, a .npz file; "" for the default
	out        string // the pictures
	cpuprofile string // a CPU profile
}

// Bounds on flags that would otherwise ask for absurd amounts of time or
// memory: a batch of B images holds about 15 activations of B rows of up to
// 17,280 values, 2 GB at B = 1000.
const (
	maxEpochs = 1000
	maxBatch  = 1000
)

// help is what -h prints before the flags.
const help = `04_cnn: chapters 7 and 8 of Deep Learning from Scratch, convolutional networks.

SimpleConvNet (conv 30 5x5 - relu - pool - affine 100 - relu - affine 10)
learns MNIST as the book's ch07/train_convnet.py does: 20 epochs of Adam
(lr 0.001) on random mini-batches of 100, printing the train and test
accuracy on 1000 images once per epoch, and last "test accuracy: 0.XXXX" on
the whole test set (at least 0.987). -net deep trains the book's DeepConvNet
(six 3x3 convolutions, dropout) instead; -weights evaluates given weights.

Examples:
  go run ./04_cnn                                   # train SimpleConvNet, about 99%
  go run ./04_cnn -epochs 1 -train-size 5000 -out out/04_cnn
  go run ./04_cnn -weights ../shared/book-weights/ch07_simple_convnet            # 0.9890
  go run ./04_cnn -net deep -weights ../shared/book-weights/ch08_deep_convnet -out out/04_cnn   # 0.9935
  go run ./04_cnn -serve localhost:8080 -weights ../shared/book-weights/ch07_simple_convnet     # draw a digit

`

// parseFlags reads the command line into a config and checks it. On -h it
// prints the help to stderr and returns flag.ErrHelp.
func parseFlags(args []string, stderr io.Writer) (config, error) {
	var c config
	fs := cli.NewFlagSet("04_cnn")
	fs.StringVar(&c.net, "net", "simple", "the `network`: simple (the book's SimpleConvNet, ch07) or deep (DeepConvNet, ch08)")
	fs.StringVar(&c.data, "data", "", cli.DataFlagUsage())
	fs.Uint64Var(&c.seed, "seed", 1, "random `seed` for the initial weights, the mini-batches and the dropout masks (with -weights, for the random filters of filters_before.png)")
	fs.IntVar(&c.epochs, "epochs", 20, "`number` of epochs to train (at most 1000), the book's max_epochs")
	fs.IntVar(&c.batch, "batch", 100, "mini-batch `size` (at most 1000), the book's mini_batch_size")
	fs.StringVar(&c.optimizer, "optimizer", "Adam", "the optimizer `name`: "+strings.Join(optimizer.Names, ", "))
	fs.Float64Var(&c.lr, "lr", 0.001, "learning `rate` of the optimizer")
	fs.IntVar(&c.trainSize, "train-size", 60000, "train on the first `N` training images only, for a quick run")
	fs.StringVar(&c.weights, "weights", "", "evaluate the weights in this `path` (a .npz file or a folder of .npy files, such as ../shared/book-weights/ch07_simple_convnet) instead of training")
	fs.StringVar(&c.save, "save", "", "write the trained parameters to `file.npz` (default simple_convnet.npz or deep_convnet.npz in the -out folder, else in out/04_cnn)")
	fs.StringVar(&c.out, "out", "", "write the pictures (filters_before.png, filters_after.png, misclassified.png and, after training, accuracy.svg and loss.svg) to this `folder`, created when the first is written")
	fs.StringVar(&c.cpuprofile, "cpuprofile", "", "write a CPU profile to `file` (read it with go tool pprof -top)")
	fs.StringVar(&c.serve, "serve", "", "instead of the run, serve the network as a page at this `address` (such as localhost:8080): draw a digit, see every layer answer, train it live; untrained unless -weights")
	if err := cli.Parse(fs, args, stderr, help); err != nil {
		return c, err
	}

	if c.net != "simple" && c.net != "deep" {
		return c, cli.Usagef("-net %q: want simple or deep", c.net)
	}
	if c.serve != "" {
		if err := cli.OnlyWith(fs, "-serve", "net", "data", "seed", "weights", "train-size", "serve"); err != nil {
			return c, err
		}
		if c.weights != "" {
			if _, err := os.Stat(c.weights); err != nil {
				return c, cli.Usagef("-weights %s: no such file or folder; want a .npz file or a folder of .npy files", c.weights)
			}
		}
		return c, cli.IntIn("train-size", c.trainSize, 1, 0, "number of training images")
	}
	if c.weights != "" {
		allowed := []string{"net", "data", "weights", "out", "cpuprofile"}
		if c.out != "" {
			allowed = append(allowed, "seed") // for the random filters of filters_before.png
		}
		if err := cli.OnlyWith(fs, "evaluating -weights", allowed...); err != nil {
			return c, err
		}
		if _, err := os.Stat(c.weights); err != nil {
			return c, cli.Usagef("-weights %s: no such file or folder; want a .npz file or a folder of .npy files", c.weights)
		}
		return c, nil
	}
	for _, err := range []error{
		cli.IntIn("epochs", c.epochs, 1, maxEpochs, "number of epochs"),
		cli.IntIn("batch", c.batch, 1, maxBatch, "mini-batch size"),
		cli.Positive("lr", c.lr, "learning rate", "0.001"),
		cli.IntIn("train-size", c.trainSize, 1, 0, "number of training images"),
	} {
		if err != nil {
			return c, err
		}
	}
	if _, err := optimizer.New(c.optimizer, c.lr); err != nil {
		return c, cli.Usagef("-optimizer %q: want one of %s", c.optimizer, strings.Join(optimizer.Names, ", "))
	}
	return c, nil
}
