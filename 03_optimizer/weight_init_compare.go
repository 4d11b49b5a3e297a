// The init experiment, the book's section 6.2: the same ReLU network
// trained from initial weights of std 0.01, Xavier's and He's
// (ch06/weight_init_compare.py), then the activation histograms of
// ch06/weight_init_activation_histogram.py (activation_histogram.go).

package main

import (
	"context"
	"io"

	"dlfs/common/network"
	"dlfs/common/optimizer"
	"dlfs/common/plot"
	"dlfs/common/trainer"
)

// weightInits are the book's weight_init_types: a name, the
// network.Config.WeightInitStd that gives it, and whether the network
// learns (std 0.01 keeps the loss at chance).
var weightInits = []struct {
	name, std string
	learns    bool
	marker    plot.Marker
}{
	{"std=0.01", "0.01", false, plot.Circle},
	{"Xavier", "xavier", true, plot.Square},
	{"He", "he", true, plot.Diamond},
}

// compareInits trains one ReLU network per initial weight scale with SGD
// (lr 0.01), on the same mini-batches, and returns the contenders and their
// losses per iteration. The three networks draw the same normal numbers,
// scaled by each one's std. The network of std 0.01 stays at chance by
// design, so it is checked for NaN alone, without a Guard.
func compareInits(ctx context.Context, train trainer.Data, cfg mnistCompare, stderr io.Writer) ([]contender, [][]float64, error) {
	var cs []contender
	for _, initial := range weightInits {
		net, err := network.NewMultiLayerNet(network.Config{
			InputSize: 784, HiddenSizes: cfg.hidden, OutputSize: 10,
			Activation: "relu", WeightInitStd: initial.std,
			Seed: subSeed(cfg.seed, "init/weights"),
		})
		if err != nil {
			return nil, nil, err
		}
		var guard *trainer.Guard
		if initial.learns {
			guard = trainer.NewGuard(10)
		}
		cs = append(cs, contender{initial.name, net, optimizer.NewSGD(0.01), guard, initial.marker})
	}
	losses, err := trainSideBySide(ctx, cs, train, cfg.iters, cfg.batch, cfg.seed, "init/batches", stderr, "init")
	return cs, losses, err
}

// bookInitLoss is what the book's NumPy script printed at iteration 1900 on
// this machine.
var bookInitLoss = map[string]string{"std=0.01": "2.30", "Xavier": "0.28", "He": "0.20"}

// runInit is the init experiment.
func runInit(e *env) error {
	train, _, err := e.mnist(e.x)
	if err != nil {
		return err
	}
	if err := runHistograms(e); err != nil {
		return err
	}
	return compareOnMNIST(e, train, "SGD lr 0.01", compareInits, bookInitLoss,
		"weight_init_mnist.svg", "MNIST 784-[100x4]-10, SGD: smoothed training loss per initial weight std", 2.5)
}
