// Command 00_neural_network is chapter 3 of Deep Learning from Scratch,
// "Neural Networks": a three-layer network (784-50-100-10, sigmoid hidden
// layers, softmax output) with pretrained weights classifies the 10,000 MNIST
// test images, as the book's ch03/neuralnet_mnist.py (one image at a time)
// and ch03/neuralnet_mnist_batch.py (100 at a time) do.
//
//	go run ./00_neural_network                 # this repository's own weights
//	go run ./00_neural_network -weights ../shared/book-weights/ch03_sample_weight
//	go run ./00_neural_network -batch 1        # one image per predict call
//
// The last line printed is "test accuracy: 0.XXXX"; the book's weights give
// 0.9352, as in the book. The functions the network is made of (step,
// sigmoid, ReLU, softmax) are in dlfs/common/nn; example_test.go shows them.
//
// Without -weights the program uses sample_weight.npz, which is built into
// it: the same network, trained by this repository's code (MultiLayerNet
// with sigmoid and Xavier's initial weights, Adam with lr 0.001, 20 epochs
// of mini-batches of 100, seed 1; see train.go). It scores 0.9720. This
// command, run from the repository's root, writes it again in about 35 s on
// 2 cores, byte for byte on amd64 as long as common/mat sums in the same
// order:
//
//	go run ./00_neural_network -train 00_neural_network/sample_weight.npz
//
// An interrupt (Ctrl-C, SIGINT, or SIGTERM) during -train stops at the end of
// the current step, says where, writes nothing, and exits 130 (143).
//
// Files: predict.go is the book's predict and accuracy loop, weights.go reads
// the weights, testset.go reads MNIST, train.go is the -train mode.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"dlfs/common/cli"
	"dlfs/dataset"
)

func main() { cli.Main("00_neural_network", run) }

// help is the -h text before the flags: what the program does, an example.
const help = `Usage: go run ./00_neural_network [flags]

Chapter 3 of Deep Learning from Scratch: a three-layer network (784-50-100-10,
sigmoid hidden layers, softmax output) with pretrained weights classifies the
10,000 MNIST test images, -batch images per call of predict, and prints its
accuracy; the last line is "test accuracy: 0.XXXX". Without -weights it uses
this repository's own weights, built into the program; -train makes new ones.

Example, the book's weights (test accuracy 0.9352, as in the book):

  go run ./00_neural_network -weights ../shared/book-weights/ch03_sample_weight

and the network as a page in the browser, to draw a digit and watch it answer:

  go run ./00_neural_network -serve localhost:8080

`

// run is the whole program: main calls it with the command line, tests with
// their own arguments and writers. It returns a cli.UsageError for a mistake in
// the flags, found before any work.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) (err error) {
	fs := cli.NewFlagSet("00_neural_network")
	dataDir := fs.String("data", "", cli.DataFlagUsage())
	weights := fs.String("weights", "", "`path` of the weights W1 b1 W2 b2 W3 b3: a .npz file or a folder of .npy files (default: sample_weight.npz, built into the program)")
	batch := fs.Int("batch", 100, "`N` images per predict call; 1 is the book's neuralnet_mnist.py (any size gives the same accuracy)")
	trainPath := fs.String("train", "", "train new weights and write them to this `file.npz`, instead of using -weights")
	epochs := fs.Int("epochs", 20, "`N` epochs of training, 1 to 1000, with -train")
	seed := fs.Uint64("seed", 1, "`N`: seed of the initial weights and mini-batches of -train (predicting involves no randomness)")
	cpuprofile := fs.String("cpuprofile", "", "write a CPU profile of the run to `file` (read it with go tool pprof -top)")
	serveAddr := fs.String("serve", "", "instead of the run, serve the network as a page at this `address` (such as localhost:8080): draw a digit, see both hidden layers answer; with the -weights given, else the built-in ones")
	if err := cli.Parse(fs, args, stderr, help); err != nil {
		return err
	}
	if *serveAddr != "" {
		if err := cli.OnlyWith(fs, "-serve", "data", "weights", "serve"); err != nil {
			return err
		}
		return servePage(ctx, *serveAddr, *weights, *dataDir, stdout, stderr)
	}
	if err := checkFlags(fs, *trainPath, *batch, *epochs); err != nil {
		return err
	}
	finish, err := cli.CPUProfile(*cpuprofile)
	if err != nil {
		return err
	}
	defer func() { err = finish(err) }()

	if *trainPath != "" {
		trainSet, testSet, err := dataset.Load(dataset.Options{Dir: *dataDir, Normalize: true, Flatten: true, Progress: stderr})
		if err != nil {
			return err
		}
		if _, err := train(ctx, *trainPath, trainSet, testSet, *epochs, *seed, stdout, stderr); err != nil {
			return err
		}
		*weights = *trainPath // evaluate the file just written, as a later run would
	}
	network, err := loadNetwork(*weights)
	if err != nil {
		return cli.Usagef("-weights: %v", err)
	}
	test, err := loadTestSet(*dataDir, stderr)
	if err != nil {
		return err
	}
	if *batch > test.Len() {
		return cli.Usagef("-batch %d: want at most %d, the number of test images", *batch, test.Len())
	}

	correct := accuracy(network, test, *batch)
	fmt.Fprintf(stdout, "weights: %s\n", describe(*weights))
	fmt.Fprintf(stdout, "%d of %d test images classified correctly, %d at a time\n", correct, test.Len(), *batch)
	fmt.Fprintf(stdout, "test accuracy: %.4f\n", float64(correct)/float64(test.Len()))
	return nil
}

// checkFlags refuses the flags the chosen mode ignores and bad values, and
// checks the -train file, before any work.
func checkFlags(fs *flag.FlagSet, trainPath string, batch, epochs int) error {
	if trainPath == "" {
		if err := cli.OnlyWith(fs, "evaluating -weights (no -train)", "data", "weights", "batch", "cpuprofile"); err != nil {
			return err
		}
	} else if err := cli.OnlyWith(fs, "-train", "data", "train", "epochs", "seed", "batch", "cpuprofile"); err != nil {
		return err
	}
	if err := cli.IntIn("batch", batch, 1, 0, "number of images per batch"); err != nil {
		return err
	}
	if err := cli.IntIn("epochs", epochs, 1, 1000, "number of epochs"); err != nil {
		return err
	}
	if trainPath != "" {
		return cli.OutputFile("-train", trainPath, ".npz")
	}
	return nil
}

// describe names the weights for the report.
func describe(path string) string {
	if path == "" {
		return "sample_weight.npz (this repository's, built into the program)"
	}
	return path
}
