// Command 01_numerical_gradient is chapter 4 of Deep Learning from Scratch,
// "Neural Network Training": a TwoLayerNet(784, 50, 10) with a sigmoid
// hidden layer learns MNIST by stochastic gradient descent on mini-batches
// of 100 with learning rate 0.1, its gradient computed numerically, as in
// the book's ch04/train_neuralnet.py with numerical_gradient.
//
//	go run ./01_numerical_gradient              # 3 iterations by numerical gradient
//	go run ./01_numerical_gradient -backprop    # the book's 10,000 iterations, analytic gradient
//
// The numerical gradient computes the loss twice for each of the 39,760
// parameters, so each iteration takes many seconds. The program prints the
// loss and time of each iteration, then how long the book's 10,000
// iterations would take at that pace: about 27 s per iteration on 2 cores,
// so about 3 days. With -backprop the same network learns by the analytic
// gradient (the book's gradient method) in about 18 s, printing the train
// and test accuracy once per epoch as the book does; the last line is
// "test accuracy: 0.XXXX" (0.9445 with the default seed; the book's script
// reaches about 0.946).
//
// Every loop stops at once if the loss becomes NaN or infinite
// (trainer.CheckLoss). The backprop loop also stops when the loss blows up
// without becoming NaN (trainer.Guard), which is what a huge learning rate
// does to this network: try -backprop -lr 100. The sigmoid saturates, the
// weights stay finite, and the book's 1e-7 inside the log caps the loss at
// -log(1e-7) = 16.1, so without the guard the dead network would train on
// to the last iteration at chance.
//
// -hidden is at most 10,000 units, and a -hidden and -batch whose memory
// (estimated before anything is allocated) exceeds 3/4 of the machine's is
// refused, saying both. An interrupt (Ctrl-C, SIGINT, or SIGTERM) stops
// either loop at the end of its current iteration, says where and at what
// loss, and exits 130 (143); a second one ends the program at once.
//
// The chapter's first half, numerical differentiation and gradient descent
// on f(x0, x1) = x0² + x1², is in example_test.go as runnable examples
// (go test -v -run Example ./01_numerical_gradient).
//
// Files: two_layer_net.go is the network, learn_numerical.go and
// learn_backprop.go the two training loops, gradient_descent.go the book's
// gradient_method.py.
package main

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"

	"dlfs/common/cli"
	"dlfs/dataset"
)

func main() { cli.Main("01_numerical_gradient", run) }

// maxHidden bounds -hidden: a teaching run needs far fewer units, and one
// numerical iteration of 10,000 already takes hours.
const maxHidden = 10000

// help is the -h text before the flags: what the program does, examples.
const help = `Usage: go run ./01_numerical_gradient [flags]

Chapter 4 of Deep Learning from Scratch: a two-layer network (784-50-10,
sigmoid hidden layer, softmax output) learns MNIST by gradient descent on
random mini-batches, its gradient computed numerically: the loss is computed
twice for every one of its 39,760 parameters. The program prints the loss and
the time of each iteration, then how long the book's 10,000 iterations would
take. With -backprop the same network learns by the analytic gradient, the
book's 10,000 iterations in seconds, and the last line is
"test accuracy: 0.XXXX". Ctrl-C stops at the end of the current iteration.

Examples:

  go run ./01_numerical_gradient -iters 2
  go run ./01_numerical_gradient -backprop

`

// run is the whole program: main calls it with the command line, tests with
// their own arguments and writers. It returns a cli.UsageError for a mistake in
// the flags, found before any work.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) (err error) {
	fs := cli.NewFlagSet("01_numerical_gradient")
	dataDir := fs.String("data", "", cli.DataFlagUsage())
	backprop := fs.Bool("backprop", false, "learn by the analytic gradient (the book's gradient method) instead of the numerical one")
	iters := fs.Int("iters", 3, "`N` training iterations; with -backprop and no -iters, the book's 10000")
	batch := fs.Int("batch", 100, "`N` images per mini-batch")
	lr := fs.Float64("lr", 0.1, "learning `rate`")
	hidden := fs.Int("hidden", 50, fmt.Sprintf("`N` units in the hidden layer, 1 to %d; fewer make the numerical gradient faster", maxHidden))
	seed := fs.Uint64("seed", 1, "`N`: seed of the initial weights and of the mini-batches")
	cpuprofile := fs.String("cpuprofile", "", "write a CPU profile of the run to `file` (read it with go tool pprof -top)")
	if err := cli.Parse(fs, args, stderr, help); err != nil {
		return err
	}
	if *backprop && !cli.IsSet(fs, "iters") {
		*iters = 10000
	}
	for _, err := range []error{
		cli.IntIn("iters", *iters, 1, 0, "number of iterations"),
		cli.IntIn("batch", *batch, 1, 0, "number of images per mini-batch"),
		cli.Positive("lr", *lr, "learning rate", "the book's 0.1"),
		cli.IntIn("hidden", *hidden, 1, 0, "number of hidden units"),
		cli.CheckMemory(fmt.Sprintf("-hidden %d with -batch %d", *hidden, *batch), memoryNeed(*hidden, *batch)),
		cli.IntIn("hidden", *hidden, 1, maxHidden, "number of hidden units"),
	} {
		if err != nil {
			return err
		}
	}
	finish, err := cli.CPUProfile(*cpuprofile)
	if err != nil {
		return err
	}
	defer func() { err = finish(err) }()

	train, test, err := dataset.Load(dataset.Options{Dir: *dataDir, Normalize: true, Flatten: true, Progress: stderr})
	if err != nil {
		return err
	}
	if *batch > train.Len() {
		return cli.Usagef("-batch %d: want at most %d, the number of training images", *batch, train.Len())
	}

	network := NewTwoLayerNet(784, *hidden, 10, 0.01, rand.New(rand.NewPCG(*seed, 1)))
	rng := rand.New(rand.NewPCG(*seed, 2)) // draws the mini-batches
	if *backprop {
		return learnByBackprop(ctx, network, train, test, *iters, *batch, *lr, rng, stdout, stderr)
	}
	return learnNumerically(ctx, network, train, *iters, *batch, *lr, rng, stdout)
}

// memoryNeed estimates the bytes a 784-hidden-10 TwoLayerNet learning on
// mini-batches of batch images takes at its peak: the parameters, held for
// the whole run, and twice what one step allocates (a gradient as large as
// the parameters, the mini-batch, about six batch x hidden activations and
// their gradients, and the 1000-image chunks of the accuracy), since the
// garbage collector lets the heap grow to about twice what is live, plus the
// 55 MB of MNIST's pixels.
func memoryNeed(hidden, batch int) uint64 {
	h, b := float64(hidden), float64(batch)
	params := 784*h + h + 10*h + 10
	step := params + 784*b + 6*b*h + 3*1000*h
	bytes := 8*(params+2*step) + 70000*784
	if bytes >= 1<<64 {
		return 1<<64 - 1
	}
	return uint64(bytes)
}
