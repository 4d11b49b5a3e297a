// The init experiment, the book's section 6.2: the same ReLU network
// trained from initial weights of std 0.01, Xavier's and He's
// (ch06/weight_init_compare.py), then the activation histograms of
// ch06/weight_init_activation_histogram.py (activation_histogram.go).

package main

import (
	"fmt"
	"io"

	"dlfs/common/network"
	"dlfs/common/optimizer"
	"dlfs/common/plot"
	"dlfs/common/progress"
	"dlfs/common/trainer"
)

// weightInits are the book's weight_init_types: a name and the
// network.Config.WeightInitStd that gives it.
var weightInits = []struct {
	name, std string
	marker    plot.Marker
}{
	{"std=0.01", "0.01", plot.Circle},
	{"Xavier", "xavier", plot.Square},
	{"He", "he", plot.Diamond},
}

// compareInits trains one ReLU network per initial weight scale with SGD
// (lr 0.01), on the same mini-batches, and returns the contenders and their
// losses per iteration. The three networks draw the same normal numbers,
// scaled by each one's std.
func compareInits(train trainer.Data, cfg mnistCompare, w io.Writer, bar *progress.Bar) ([]contender, [][]float64, error) {
	var cs []contender
	for _, initial := range weightInits {
		net, err := network.New(network.Config{
			InputSize: 784, HiddenSizes: cfg.hidden, OutputSize: 10,
			Activation: "relu", WeightInitStd: initial.std,
			Seed: subSeed(cfg.seed, "init/weights"),
		})
		if err != nil {
			return nil, nil, err
		}
		cs = append(cs, contender{initial.name, net, optimizer.NewSGD(0.01), initial.marker})
	}
	losses, err := trainSideBySide(cs, train, cfg.iters, cfg.batch, newRand(cfg.seed, "init/batches"), w, bar)
	return cs, losses, err
}

// bookInitLoss is what the book's NumPy script printed at iteration 1900 on
// this machine.
var bookInitLoss = map[string]string{"std=0.01": "2.30", "Xavier": "0.28", "He": "0.20"}

// runInit is the init experiment.
func runInit(e *env) error {
	if err := runHistograms(e); err != nil {
		return err
	}
	train, _, err := e.mnist()
	if err != nil {
		return err
	}
	cfg := bookCompare(e.iters, e.seed)
	fmt.Fprintf(e.stdout, "\nMNIST, 784-[100x4]-10 ReLU, SGD lr 0.01, batch %d, %d iterations; loss of each mini-batch:\n", cfg.batch, cfg.iters)
	bar := progress.New(e.stderr, "init", cfg.iters)
	cs, losses, err := compareInits(train, cfg, e.stdout, bar)
	if err != nil {
		return err
	}
	printLossSummary(e.stdout, cs, losses, bookInitLoss)
	return writeChart(e, "weight_init_mnist.svg", lossChart("MNIST 784-[100x4]-10, SGD: smoothed training loss per initial weight std", cs, losses, 2.5))
}
