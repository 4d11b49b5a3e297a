// Command 04_cnn is chapters 7 and 8 of Deep Learning from Scratch:
// convolutional networks. By default it trains the book's SimpleConvNet as
// ch07/train_convnet.py does (20 epochs of Adam on mini-batches of 100) and
// ends by printing "test accuracy: 0.XXXX"; -net deep trains the book's
// DeepConvNet (ch08/train_deepnet.py) instead, and -weights evaluates given
// weights, such as the book's own, without training. -out writes the
// pictures: the first-layer filters before and after (the book's
// visualize_filter.py), the accuracy and loss curves, and the misclassified
// test images (ch08/misclassified_mnist.py). Run it with -h for every flag.
//
// main.go checks the flags (flags.go) and every output path, builds the
// network and loads its weights or, after loading MNIST, trains it
// (train_convnet.go), then measures it on the test set and writes what was
// asked for. The networks
// are in simple_convnet.go and deep_convnet.go: short lists of layers built
// with dlfs/common/network, which holds everything else a network does.
package main

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"path/filepath"

	"dlfs/common/cli"
	"dlfs/common/network"
	"dlfs/common/trainer"
	"dlfs/dataset"
)

func main() {
	// The heap is a few dozen large float64 arrays without pointers, which a
	// garbage collection marks in well under a millisecond. Collecting when
	// the heap has grown by a quarter, rather than by Go's default 100%,
	// keeps the peak memory near what the program holds (about 120 MB while
	// training SimpleConvNet, half of it MNIST) instead of twice that, for a
	// few percent more time. GOGC in the environment still decides.
	cli.GCPercent(25)
	cli.Main("04_cnn", run)
}

// run is the whole program, with its output going to stdout and stderr, so
// that tests can run it end to end. An interrupt cancels ctx: training stops
// at the end of its step, and run returns an error saying where.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) (err error) {
	cfg, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	if cfg.serve != "" {
		return servePage(ctx, cfg, stdout, stderr)
	}

	// Every output is checked before any work. The folders are created only
	// when a file is written into them, and removed if the run fails before
	// anything is.
	var out, saveDir *cli.Dir // -out; the folder of the default -save
	defer func() { err = saveDir.Close(out.Close(err)) }()
	if cfg.out != "" {
		if out, err = cli.OutputDir("-out", cfg.out); err != nil {
			return err
		}
	}
	if cfg.weights == "" {
		switch {
		case cfg.save != "":
			err = cli.OutputFile("-save", cfg.save, ".npz")
		case out != nil:
			saveDir = out
		default:
			saveDir, err = cli.OutputDir("-save", filepath.Join("out", "04_cnn"))
		}
		if err != nil {
			return err
		}
	}
	finish, err := cli.CPUProfile(cfg.cpuprofile)
	if err != nil {
		return err
	}
	defer func() { err = finish(err) }()

	// One generator draws the initial weights, the mini-batches and the
	// dropout masks, as the book's code uses np.random for all three.
	rng := rand.New(rand.NewPCG(cfg.seed, cfg.seed))
	net := newNet(cfg, rng)
	fmt.Fprintf(stdout, "%s\n", net)
	initialFilters := net.Param("W1").Clone() // for the "before" picture of visualize_filter
	if cfg.weights != "" {
		if err := net.LoadParams(cfg.weights); err != nil {
			return fmt.Errorf("-weights: %w (for -net %s)", err, cfg.net)
		}
	}

	// The book's load_mnist(flatten=False), pixels in [0,1]. Flat or not, an
	// image is a row of 784 values, which the first convolution reads as
	// 1x28x28. Evaluating -weights needs only the test set.
	trainSet, testSet, err := loadMNIST(cfg, stderr)
	if err != nil {
		return err
	}

	var tr *trainer.Trainer // the training run and its curves, nil for -weights
	if cfg.weights == "" {
		if tr, err = train(ctx, net, trainSet, testSet, cfg, rng, stdout, stderr); err != nil {
			return err
		}
		if err := saveParams(net, cfg, saveDir, stdout); err != nil {
			return err
		}
	}

	testAcc, predicted := evaluate(net, testSet, stderr)
	if out != nil {
		files, err := writePictures(out, tr, net, initialFilters, testSet, predicted)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "wrote %s to %s\n", files, out.Path())
	}
	fmt.Fprintf(stdout, "test accuracy: %.4f\n", testAcc)
	return nil
}

// newNet builds the network -net names, with its initial weights drawn by
// rng.
func newNet(c config, rng *rand.Rand) *network.Net {
	if c.net == "deep" {
		return NewDeepConvNet(BookDeepConfig, rng)
	}
	return NewSimpleConvNet(BookSimpleConfig, rng)
}

// saveParams writes the trained parameters to -save, or by default to
// simple_convnet.npz or deep_convnet.npz in dir.
func saveParams(net *network.Net, c config, dir *cli.Dir, stdout io.Writer) error {
	path := c.save
	if dir != nil {
		var err error
		if path, err = dir.File(c.net + "_convnet.npz"); err != nil {
			return err
		}
	}
	if err := net.SaveParams(path); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote the parameters to %s\n", path)
	return nil
}

// loadMNIST loads the test set and, unless the run only evaluates -weights,
// the first cfg.trainSize images of the training set.
func loadMNIST(cfg config, stderr io.Writer) (trainSet, testSet *dataset.Set, err error) {
	opts := dataset.Options{Dir: cfg.data, Normalize: true, Flatten: true, Progress: stderr}
	if cfg.weights != "" {
		testSet, err = dataset.LoadTest(opts)
		return nil, testSet, err
	}
	trainSet, testSet, err = dataset.Load(opts)
	if err != nil {
		return nil, nil, err
	}
	if cfg.trainSize > trainSet.Len() {
		return nil, nil, cli.Usagef("-train-size %d: the training set has only %d images", cfg.trainSize, trainSet.Len())
	}
	trainSet = trainSet.Head(cfg.trainSize)
	if cfg.batch > trainSet.Len() {
		return nil, nil, cli.Usagef("-batch %d: larger than the %d training images", cfg.batch, trainSet.Len())
	}
	return trainSet, testSet, nil
}
