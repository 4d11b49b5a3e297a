// Tests of predict and accuracy against a slow, obviously-right forward
// pass, and of the batch size making no difference.

package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"testing"

	"dlfs/common/mat"
	"dlfs/common/nn"
	"dlfs/dataset"
	"dlfs/dataset/datasettest"
)

// randomNetwork returns a network of the given layer sizes with weights and
// biases drawn from N(0, 1).
func randomNetwork(rng *rand.Rand, in, h1, h2, out int) *Network {
	return &Network{
		W1: nn.RandN(rng, in, h1, 1), b1: nn.RandN(rng, 1, h1, 1),
		W2: nn.RandN(rng, h1, h2, 1), b2: nn.RandN(rng, 1, h2, 1),
		W3: nn.RandN(rng, h2, out, 1), b3: nn.RandN(rng, 1, out, 1),
	}
}

// forwardOne is the oracle: one image x through the network with explicit
// loops, sigmoid and softmax written out.
func forwardOne(network *Network, x []float64) []float64 {
	layer := func(in []float64, W, b *mat.Matrix, sigmoid bool) []float64 {
		out := make([]float64, W.Cols)
		for j := range out {
			sum := b.At(0, j)
			for i, v := range in {
				sum += v * W.At(i, j)
			}
			if sigmoid {
				sum = 1 / (1 + math.Exp(-sum))
			}
			out[j] = sum
		}
		return out
	}
	a3 := layer(layer(layer(x, network.W1, network.b1, true), network.W2, network.b2, true), network.W3, network.b3, false)
	total := 0.0
	for _, v := range a3 {
		total += math.Exp(v)
	}
	y := make([]float64, len(a3))
	for k, v := range a3 {
		y[k] = math.Exp(v) / total
	}
	return y
}

func TestPredictMatchesOracle(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, c := range []struct{ batch, in, h1, h2, out int }{
		{1, 4, 3, 2, 2},
		{5, 784, 50, 100, 10},
		{17, 9, 8, 7, 6},
	} {
		network := randomNetwork(rng, c.in, c.h1, c.h2, c.out)
		x := mat.New(c.batch, c.in)
		for i := range x.Data {
			x.Data[i] = rng.Float64()
		}
		y := predict(network, x)
		if y.Rows != c.batch || y.Cols != c.out {
			t.Fatalf("%+v: predict returned %dx%d, want %dx%d", c, y.Rows, y.Cols, c.batch, c.out)
		}
		for i := 0; i < c.batch; i++ {
			want := forwardOne(network, x.Row(i))
			sum := 0.0
			for k, v := range y.Row(i) {
				sum += v
				if math.Abs(v-want[k]) > 1e-12 {
					t.Fatalf("%+v: image %d, class %d: predict %v, oracle %v", c, i, k, v, want[k])
				}
			}
			if math.Abs(sum-1) > 1e-12 {
				t.Errorf("%+v: image %d: probabilities sum to %v", c, i, sum)
			}
		}
	}
}

// A synthetic set of random images whose labels are the network's own
// answers for some and wrong for others, so the count is known exactly.
func TestAccuracyCountsAndBatchSizes(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	network := randomNetwork(rng, 784, 50, 100, 10)
	const n = 250
	set := &dataset.Set{N: n, Rows: 28, Cols: 28, Pixels: make([]uint8, n*784), Labels: make([]uint8, n), Normalize: true}
	for i := range set.Pixels {
		set.Pixels[i] = uint8(rng.IntN(256))
	}
	wantCorrect := 0
	for i := 0; i < n; i++ {
		p := mat.ArgmaxRows(predict(network, set.X([]int{i})))[0]
		if i%3 == 0 {
			set.Labels[i] = uint8((p + 1) % 10) // wrong on purpose
		} else {
			set.Labels[i] = uint8(p)
			wantCorrect++
		}
	}
	for _, batch := range []int{1, 7, 100, 249, 250} {
		if got := accuracy(network, set, batch); got != wantCorrect {
			t.Errorf("accuracy with batch %d: %d correct, want %d", batch, got, wantCorrect)
		}
	}
}

// The book's weights on the real test set: the same 9352 whatever the batch.
func TestBookWeightsAnyBatch(t *testing.T) {
	network, err := loadNetwork(datasettest.BookWeights(t, "ch03_sample_weight"))
	if err != nil {
		t.Fatal(err)
	}
	_, test, err := loadData(context.Background(), datasettest.MNISTDir(t), false, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	for _, batch := range []int{1, 3, 100, 10000} {
		if got := accuracy(network, test, batch); got != 9352 {
			t.Errorf("batch %d: %d correct, want the book's 9352", batch, got)
		}
	}
}

// BenchmarkAccuracy times the program's work: predicting the 10,000 test
// images with the book's weights, a batch at a time.
//
//	MNIST_DIR=... go test -bench Accuracy -cpuprofile cpu.out ./00_neural_network
func BenchmarkAccuracy(b *testing.B) {
	network, err := loadNetwork(datasettest.BookWeights(b, "ch03_sample_weight"))
	if err != nil {
		b.Fatal(err)
	}
	_, test, err := loadData(context.Background(), datasettest.MNISTDir(b), false, io.Discard)
	if err != nil {
		b.Fatal(err)
	}
	for _, batch := range []int{1, 100, 10000} {
		b.Run(fmt.Sprintf("batch=%d", batch), func(b *testing.B) {
			for b.Loop() {
				if accuracy(network, test, batch) != 9352 {
					b.Fatal("not the book's 9352")
				}
			}
		})
	}
}
