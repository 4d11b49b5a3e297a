// The -train mode: how this repository's sample_weight.npz was made. The
// book ships ch03/sample_weight.pkl without the code that trained it; here
// the network of chapter 3 is trained with the tools of chapter 6
// (MultiLayerNet with sigmoid and Xavier's initial weights, Adam) and the
// Trainer of chapter 7 (common/trainer.py).

package main

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"

	"dlfs/common/network"
	"dlfs/common/optimizer"
	"dlfs/common/progress"
	"dlfs/common/trainer"
	"dlfs/dataset"
)

// train trains a 784-50-100-10 sigmoid network for epochs epochs on
// trainSet and writes its weights to path as a .npz file that
// loadNetwork (and NumPy's np.load) reads: W1 b1 W2 b2 W3 b3, each bias a
// vector as in the book's sample_weight.pkl. npy.WriteNPZ writes a temporary
// file and renames it, so a failed run leaves no half file behind. The
// progress of the iterations goes to stderr as they run, the accuracies
// measured at the start of each epoch to stdout at the end. It returns the
// network's accuracy on testSet. When ctx is cancelled (an interrupt), it
// stops at the end of the current step with an error saying where, and
// writes nothing.
func train(ctx context.Context, path string, trainSet, testSet *dataset.Set, epochs int, seed uint64, stdout, stderr io.Writer) (testAcc float64, err error) {
	net := newNet(seed)
	t := &trainer.Trainer{
		Net: net, Train: trainSet, Test: testSet,
		Epochs: epochs, BatchSize: 100, Optimizer: optimizer.NewAdam(0.001, 0.9, 0.999),
		Rand:  rand.New(rand.NewPCG(seed, 2)),
		Guard: trainer.NewGuard(10),
	}
	bar := progress.New(stderr, "train", t.TotalIters())
	t.OnStep = progress.Train(bar, t, stdout, nil)
	err = t.Run(ctx)
	if bar.Done(); err != nil {
		return 0, err
	}
	if err := net.SaveParams(path); err != nil {
		return 0, err
	}
	fmt.Fprintf(stdout, "wrote %s\n", path)
	return t.TestAcc[len(t.TestAcc)-1], nil
}

// newNet is chapter 3's network as a MultiLayerNet of chapter 6: 784-50-100-10,
// sigmoid hidden layers, Xavier's initial weights drawn from seed.
func newNet(seed uint64) *network.Net {
	net, err := network.NewMultiLayerNet(network.Config{
		InputSize: 784, HiddenSizes: []int{50, 100}, OutputSize: 10,
		Activation: "sigmoid", WeightInitStd: "xavier", Seed: seed,
	})
	if err != nil {
		panic(err) // the configuration is fixed and valid
	}
	return net
}

// trainWeights is the -train mode: it trains new weights on trainSet into
// the file c.train and returns them as read back from that file, as a
// later run would read them.
func trainWeights(ctx context.Context, c config, trainSet, testSet *dataset.Set, stdout, stderr io.Writer) (*Network, error) {
	if _, err := train(ctx, c.train, trainSet, testSet, c.epochs, c.seed, stdout, stderr); err != nil {
		return nil, err
	}
	network, err := loadNetwork(c.train)
	if err != nil {
		return nil, fmt.Errorf("-train %s: reading back the weights just written: %w", c.train, err)
	}
	return network, nil
}
