// The command line of the chapter 5 program: every flag, its default (the
// book's hyper-parameters of ch05/train_neuralnet.py), the help text, and the
// checks that turn a bad value into a usage error naming the flag.

package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strings"

	"dlfs/dataset"
)

// config is what the flags ask for. To add a mode: a field and its flag in
// parseFlags, its checks in validate, and a case in run's switch.
type config struct {
	data string // MNIST folder; "" means $MNIST_DIR, then the cache
	seed uint64 // seeds the initial weights and the mini-batches

	// training, the book's train_neuralnet.py
	iters     int      // iters_num
	batch     int      // batch_size
	lr        float64  // learning_rate
	hidden    sizeList // hidden_size; the noise study takes several layers
	trainSize int      // use the first trainSize training images

	// other modes
	check   bool       // the book's gradient_check.py instead of training
	compare bool       // time one numerical and one backprop gradient
	noise   noiseFlags // the noise study (noise_flags.go)

	// outputs
	save       string // write W1 b1 W2 b2 to this .npz file
	out        string // write charts to this folder
	cpuprofile string // write a CPU profile to this file

	// explicit holds the names of the flags given on the command line, so
	// that a mode can apply its own defaults to the others.
	explicit map[string]bool
}

// Limits on flag values that would otherwise ask for absurd amounts of memory
// (one float64 per iteration for the loss curve, hidden x 784 weights).
const (
	maxIters  = 10_000_000
	maxHidden = 10_000
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
	flags := flag.NewFlagSet("02_backpropagation", flag.ContinueOnError)
	flags.StringVar(&c.data, "data", "", "`folder` holding the MNIST files, downloaded there if missing (default $MNIST_DIR if set, else "+cacheDir()+")")
	flags.Uint64Var(&c.seed, "seed", 1, "random `seed` for the initial weights and the mini-batches (and the noise study's noise)")
	flags.IntVar(&c.iters, "iters", 10000, "`number` of training iterations, the book's iters_num")
	flags.IntVar(&c.batch, "batch", 100, "mini-batch `size`, the book's batch_size")
	flags.Float64Var(&c.lr, "lr", 0.1, "learning `rate` of SGD, the book's learning_rate")
	c.hidden = sizeList{50}
	flags.Var(&c.hidden, "hidden", "`number` of hidden units, the book's hidden_size; the noise study takes a list, such as 256,128")
	flags.IntVar(&c.trainSize, "train-size", 60000, "train on the first `N` training images only")
	flags.BoolVar(&c.check, "check", false, "instead of training, run the book's gradient check: backprop against the numerical gradient on 3 images")
	flags.BoolVar(&c.compare, "compare", false, "instead of training, time one numerical and one backprop gradient on 100 images and print the ratio; it takes about half a minute")
	flags.StringVar(&c.save, "save", "", "write the trained W1 b1 W2 b2 to `file.npz` (NumPy's np.load reads it)")
	flags.StringVar(&c.out, "out", "", "write loss.svg, accuracy.svg, confusion.svg, confusion.csv and w1.png (and for the noise study digits.png, noise.csv and noise.svg) to this `folder` (created if needed)")
	flags.StringVar(&c.cpuprofile, "cpuprofile", "", "write a CPU profile to `file` (read it with go tool pprof -top)")
	c.noise.register(flags)

	// The flag package would print the whole help after any mistake; main
	// prints the mistake alone, and the help is for -h.
	flags.SetOutput(io.Discard)
	if err := flags.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			flags.SetOutput(stderr)
			usage(flags)
			return c, err
		}
		return c, usageError{err}
	}
	if flags.NArg() > 0 {
		return c, usagef("unexpected argument %q: every setting is a flag", flags.Arg(0))
	}
	c.explicit = map[string]bool{}
	flags.Visit(func(f *flag.Flag) { c.explicit[f.Name] = true })
	return c, c.validate()
}

// validate checks the values that flag's parsing lets through, and creates
// the -out folder if needed. The batch size and -train-size are checked
// against the training set once it is loaded.
func (c config) validate() error {
	switch {
	case c.iters <= 0 || c.iters > maxIters:
		return usagef("-iters %d: want a number of training iterations from 1 to %d", c.iters, maxIters)
	case c.batch <= 0:
		return usagef("-batch %d: want a mini-batch size of at least 1", c.batch)
	case !(c.lr > 0) || math.IsInf(c.lr, 0):
		return usagef("-lr %v: want a learning rate greater than 0, such as 0.1", c.lr)
	case len(c.hidden) > 1 && !c.noise.on(c.explicit):
		return usagef("-hidden %s: TwoLayerNet has one hidden layer; a list is for the noise study (-noise, -noise-sweep)", c.hidden.String())
	case c.trainSize <= 0:
		return usagef("-train-size %d: want a number of training images of at least 1", c.trainSize)
	case c.check && c.compare:
		return usagef("-check and -compare: choose one")
	}
	if err := c.noise.validate(c.explicit); err != nil {
		return err
	}
	if c.check || c.compare {
		mode := "-compare"
		if c.check {
			mode = "-check"
		}
		for _, name := range []string{"save", "out"} {
			if c.explicit[name] {
				return usagef("-%s: only a training run writes it, not %s", name, mode)
			}
		}
	}
	// -out first: it creates its folder, which -save may name (-out d -save d/w.npz).
	if c.out != "" {
		if err := os.MkdirAll(c.out, 0o755); err != nil {
			return usagef("-out %s: cannot create the folder: %v", c.out, err)
		}
		if err := checkWritableDir(c.out); err != nil {
			return usagef("-out %s: %v", c.out, err)
		}
	}
	if c.save != "" {
		if !strings.HasSuffix(c.save, ".npz") {
			return usagef("-save %s: want a file name ending in .npz", c.save)
		}
		if fi, err := os.Stat(c.save); err == nil && fi.IsDir() {
			return usagef("-save %s: is a folder; want a file name ending in .npz", c.save)
		}
		if err := checkWritableDir(filepath.Dir(c.save)); err != nil {
			return usagef("-save %s: %v", c.save, err)
		}
	}
	return nil
}

// checkWritableDir reports whether a file can be created in dir, by creating
// and removing one, so that a bad -save or -out path fails before training
// rather than after it.
func checkWritableDir(dir string) error {
	fi, err := os.Stat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("folder %s does not exist", dir)
	}
	if err != nil {
		return err
	}
	if !fi.IsDir() {
		return fmt.Errorf("%s is not a folder", dir)
	}
	f, err := os.CreateTemp(dir, ".write-test-*")
	if err != nil {
		return fmt.Errorf("cannot write in folder %s: %v", dir, err)
	}
	f.Close()
	os.Remove(f.Name())
	return nil
}

// cacheDir names the per-user MNIST cache for the help of -data.
func cacheDir() string {
	dir, err := dataset.CacheDir()
	if err != nil {
		return "the per-user cache folder"
	}
	return dir
}

// usage prints the help: what the program does, examples, and every flag
// with its default.
func usage(flags *flag.FlagSet) {
	w := flags.Output()
	fmt.Fprint(w, `02_backpropagation: chapter 5 of Deep Learning from Scratch, backpropagation.

The two-layer network of chapter 4 (784-50-10, here with ReLU) computes the
gradient of its loss by one backward pass through its layers (Affine, Relu,
Affine, SoftmaxWithLoss) instead of two forward passes per weight. -check
compares the two gradients, as the book's gradient_check.py does; -compare
times them; the default run trains the network as ch05/train_neuralnet.py
does: 10,000 iterations of SGD on random mini-batches of 100, printing the
train and test accuracy once per epoch, and last "test accuracy: 0.XXXX".

Examples:
  go run ./02_backpropagation                       # train (about 97% on the test set)
  go run ./02_backpropagation -check                # backprop against numerical gradient
  go run ./02_backpropagation -compare              # how much faster is backprop?
  go run ./02_backpropagation -save w.npz -out charts
  go run ./02_backpropagation -lr 0.5 -hidden 100 -iters 20000

The noise study (mnist-from-scratch): -noise P trains 784-100-10 with
weights N(0, 0.1²) for 4000 iterations on images with P% of their pixels
drawn at random and replaced by uniform noise, unless -hidden or -iters say
otherwise; -noise-sweep MAX trains one network at each level 0, 5, ..., MAX
and tests each at every level 0, 1, ..., MAX.
  go run ./02_backpropagation -noise 10 -out noise10 -save noise10.npz
  go run ./02_backpropagation -weights noise10.npz -noise 20
  go run ./02_backpropagation -noise-sweep 25 -out noise

Flags:
`)
	flags.VisitAll(func(f *flag.Flag) {
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
