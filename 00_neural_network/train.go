// The -train mode: how this repository's sample_weight.npz was made. The
// book ships ch03/sample_weight.pkl without the code that trained it; here
// the network of chapter 3 is trained with the tools of chapter 6
// (MultiLayerNet with sigmoid and Xavier's initial weights, Adam) and the
// Trainer of chapter 7 (common/trainer.py).

package main

import (
	"fmt"
	"io"
	"math/rand/v2"
	"strings"

	"dlfs/common/network"
	"dlfs/common/npy"
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
// network's accuracy on testSet.
func train(path string, trainSet, testSet *dataset.Set, epochs int, seed uint64, stdout, stderr io.Writer) (testAcc float64, err error) {
	net, err := network.New(network.Config{
		InputSize: 784, HiddenSizes: []int{50, 100}, OutputSize: 10,
		Activation: "sigmoid", WeightInitStd: "xavier", Seed: seed,
	})
	if err != nil {
		return 0, err
	}
	t := &trainer.Trainer{
		Network: net, Train: trainSet, Test: testSet,
		Epochs: epochs, BatchSize: 100, Optimizer: optimizer.NewAdam(0.001, 0.9, 0.999),
		Rand: rand.New(rand.NewPCG(seed, 2)),
	}
	bar := progress.New(stderr, "train", int(float64(epochs)*t.IterPerEpoch()))
	noted := 0 // epochs whose accuracy the progress line shows
	t.Progress = func(iter, _ int, loss float64) {
		if n := len(t.TestAcc); n > noted {
			bar.Note(fmt.Sprintf("(epoch %d: test acc %.4f)", n, t.TestAcc[n-1]))
			noted = n
		}
		bar.Update(iter, loss)
	}
	testAcc, err = t.Run()
	bar.Done()
	if err != nil {
		return 0, err
	}
	// The accuracies the Trainer measured at the start of each epoch.
	for i := range t.TestAcc {
		fmt.Fprintf(stdout, "epoch %d: train acc %.4f, test acc %.4f\n", i+1, t.TrainAcc[i], t.TestAcc[i])
	}
	if err := saveWeights(path, net); err != nil {
		return 0, err
	}
	fmt.Fprintf(stdout, "wrote %s\n", path)
	return testAcc, nil
}

// saveWeights writes the parameters of net to the .npz file at path.
func saveWeights(path string, net *network.MultiLayerNet) error {
	arrays := map[string]*npy.Array{}
	for name, m := range net.Params() {
		if strings.HasPrefix(name, "b") { // a bias: shape (N,), as in the book's pickle
			arrays[name] = npy.FromMatrix(m, m.Cols)
		} else {
			arrays[name] = npy.FromMatrix(m)
		}
	}
	return npy.WriteNPZ(path, arrays)
}
