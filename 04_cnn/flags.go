// The command line of the chapter 7-8 program: every flag, its default (the
// book's settings of ch07/train_convnet.py and ch08/train_deepnet.py), the
// help text, and the checks that turn a bad value into a usage error naming
// the flag.

package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"

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

	// evaluation instead of training
	weights string // a .npz file or a folder of .npy files

	// outputs
	save       string // the trained parameters, a .npz file
	out        string // the pictures
	cpuprofile string // a CPU profile
}

// Limits on flag values that would otherwise ask for absurd amounts of time
// or memory: a batch of B images holds about 15 activations of B rows of up
// to 17,280 values, 2 GB at B = 1000.
const (
	maxEpochs = 1000
	maxBatch  = 1000
)

// A usageError is a bad command line. main exits with status 2 for it, as
// the flag package does.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// usagef returns a usageError with a formatted message.
func usagef(format string, args ...any) error {
	return usageError{fmt.Errorf(format, args...)}
}

// parseFlags reads the command line into a config and checks it. On -h it
// prints the help to stderr and returns flag.ErrHelp.
func parseFlags(args []string, stderr io.Writer) (config, error) {
	var c config
	fs := flag.NewFlagSet("04_cnn", flag.ContinueOnError)
	fs.StringVar(&c.net, "net", "simple", "the `network`: simple (the book's SimpleConvNet, ch07) or deep (DeepConvNet, ch08)")
	fs.StringVar(&c.data, "data", "", "`folder` holding the MNIST files, downloaded there if missing (default $MNIST_DIR if set, else the user cache folder)")
	fs.Uint64Var(&c.seed, "seed", 1, "random `seed` for the initial weights, the mini-batches and the dropout masks")
	fs.IntVar(&c.epochs, "epochs", 20, "`number` of epochs to train, the book's max_epochs")
	fs.IntVar(&c.batch, "batch", 100, "mini-batch `size`, the book's mini_batch_size")
	fs.StringVar(&c.optimizer, "optimizer", "Adam", "the optimizer `name`: "+strings.Join(optimizer.Names, ", "))
	fs.Float64Var(&c.lr, "lr", 0.001, "learning `rate` of the optimizer")
	fs.IntVar(&c.trainSize, "train-size", 60000, "train on the first `N` training images only, for a quick run")
	fs.StringVar(&c.weights, "weights", "", "evaluate the weights in this `path` (a .npz file or a folder of .npy files, such as ../shared/book-weights/ch07_simple_convnet) instead of training")
	fs.StringVar(&c.save, "save", "", "write the trained parameters to `file.npz` (default simple_convnet.npz or deep_convnet.npz in the -out folder, else in out/04_cnn)")
	fs.StringVar(&c.out, "out", "", "write the pictures (filters_before.png, filters_after.png, misclassified.png and, after training, accuracy.svg and loss.svg) to this `folder` (created if needed)")
	fs.StringVar(&c.cpuprofile, "cpuprofile", "", "write a CPU profile to `file` (read it with go tool pprof -top)")

	// The flag package would print the whole help after any mistake; main
	// prints the mistake alone, and the help is for -h.
	fs.SetOutput(io.Discard)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fs.SetOutput(stderr)
			usage(fs)
			return c, err
		}
		return c, usageError{err}
	}
	if fs.NArg() > 0 {
		return c, usagef("unexpected argument %q: every setting is a flag", fs.Arg(0))
	}
	explicit := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { explicit[f.Name] = true })
	return c, c.validate(explicit)
}

// validate checks the values that flag's parsing lets through, fills in the
// default -save path, and creates the folders the outputs go to, so that a
// bad path fails before a long training run rather than after it. explicit
// holds the flags given on the command line. The batch size and -train-size
// are checked against the training set once it is loaded.
func (c *config) validate(explicit map[string]bool) error {
	switch {
	case c.net != "simple" && c.net != "deep":
		return usagef("-net %q: want simple or deep", c.net)
	case c.epochs <= 0 || c.epochs > maxEpochs:
		return usagef("-epochs %d: want a number of epochs from 1 to %d", c.epochs, maxEpochs)
	case c.batch <= 0 || c.batch > maxBatch:
		return usagef("-batch %d: want a mini-batch size from 1 to %d", c.batch, maxBatch)
	case !(c.lr > 0) || math.IsInf(c.lr, 0):
		return usagef("-lr %v: want a learning rate greater than 0, such as 0.001", c.lr)
	case c.trainSize <= 0:
		return usagef("-train-size %d: want a number of training images of at least 1", c.trainSize)
	}
	if _, err := optimizer.New(c.optimizer, c.lr); err != nil {
		return usagef("-optimizer %q: want one of %s", c.optimizer, strings.Join(optimizer.Names, ", "))
	}

	if c.weights != "" {
		for _, name := range []string{"epochs", "batch", "optimizer", "lr", "train-size", "save"} {
			if explicit[name] {
				return usagef("-%s: only training uses it, and -weights evaluates without training", name)
			}
		}
		if _, err := os.Stat(c.weights); err != nil {
			return usagef("-weights %s: no such file or folder; want a .npz file or a folder of .npy files", c.weights)
		}
	}

	if c.out != "" {
		if err := makeWritableDir(c.out); err != nil {
			return usagef("-out %s: %v", c.out, err)
		}
	}
	if c.weights != "" {
		return nil
	}
	if c.save == "" {
		dir := c.out
		if dir == "" {
			dir = filepath.Join("out", "04_cnn")
		}
		c.save = filepath.Join(dir, c.net+"_convnet.npz")
	}
	if !strings.HasSuffix(c.save, ".npz") {
		return usagef("-save %s: want a file name ending in .npz", c.save)
	}
	if err := makeWritableDir(filepath.Dir(c.save)); err != nil {
		return usagef("-save %s: %v", c.save, err)
	}
	return nil
}

// makeWritableDir creates dir if needed and checks that a file can be
// created in it, by creating and removing one.
func makeWritableDir(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("cannot create the folder: %v", err)
	}
	f, err := os.CreateTemp(dir, ".write-test-*")
	if err != nil {
		return fmt.Errorf("cannot write in folder %s", dir)
	}
	f.Close()
	os.Remove(f.Name())
	return nil
}

// usage prints the help: what the program does, examples, and every flag
// with its default.
func usage(fs *flag.FlagSet) {
	w := fs.Output()
	fmt.Fprint(w, `04_cnn: chapters 7 and 8 of Deep Learning from Scratch, convolutional networks.

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

Flags:
`)
	fs.VisitAll(func(f *flag.Flag) {
		name, help := flag.UnquoteUsage(f)
		fmt.Fprintf(w, "  -%s", f.Name)
		if name != "" {
			fmt.Fprintf(w, " %s", name)
		}
		fmt.Fprintf(w, "\n    \t%s", help)
		if !strings.Contains(help, "(default") {
			def := f.DefValue
			if def == "" {
				def = "none"
			}
			fmt.Fprintf(w, " (default %s)", def)
		}
		fmt.Fprintln(w)
	})
}
