// Package network holds the fully connected networks of Deep Learning from
// Scratch, chapter 6: MultiLayerNet (common/multi_layer_net.py) and its
// extended form with dropout and batch normalization (MultiLayerNetExtend,
// common/multi_layer_net_extend.py). Both are one type here, configured by
// Config; the layers they stack are those of package nn.
package network

import (
	"fmt"
	"math/rand/v2"
	"strconv"

	"dlfs/common/mat"
	"dlfs/common/nn"
)

// MultiLayerNet is a stack of fully connected layers for classification:
// for each hidden layer Affine, [BatchNormalization], Relu or Sigmoid,
// [Dropout]; then a last Affine, and SoftmaxWithLoss for training.
//
// Its parameters are named as in the book: "W1", "b1", ... for the Affine
// layers, counting from the input, and "gamma1", "beta1", ... for the batch
// normalization of each hidden layer.
type MultiLayerNet struct {
	config Config
	params map[string]*mat.Matrix

	layers     []nn.Layer // in forward order, the book's self.layers
	affines    []*nn.Affine
	batchNorms []*nn.BatchNormalization
	dropouts   []*nn.Dropout
	lastLayer  *nn.SoftmaxWithLoss
}

// New builds a network as the book's constructors do, with initial weights
// drawn from N(0, std^2) (std from WeightInitStd) and biases, betas at 0 and
// gammas at 1. It returns an error that names the offending Config field.
func New(c Config) (*MultiLayerNet, error) {
	c, err := c.check()
	if err != nil {
		return nil, err
	}
	rng := rand.New(rand.NewPCG(c.Seed, c.Seed))
	net := &MultiLayerNet{config: c, params: map[string]*mat.Matrix{}, lastLayer: &nn.SoftmaxWithLoss{}}

	sizes := append(append([]int{c.InputSize}, c.HiddenSizes...), c.OutputSize)
	for idx := 1; idx < len(sizes); idx++ {
		nIn, nOut := sizes[idx-1], sizes[idx]
		std, err := nn.InitStd(c.WeightInitStd, nIn)
		if err != nil {
			return nil, fmt.Errorf("network: Config.WeightInitStd: %w", err)
		}
		k := strconv.Itoa(idx)
		W, b := nn.RandN(rng, nIn, nOut, std), mat.New(1, nOut)
		net.params["W"+k], net.params["b"+k] = W, b
		affine := nn.NewAffine(W, b)
		net.affines = append(net.affines, affine)
		net.layers = append(net.layers, affine)
		if idx == len(sizes)-1 {
			break // the output layer has no activation
		}

		if c.UseBatchnorm {
			gamma := mat.New(1, nOut).Apply(func(float64) float64 { return 1 })
			beta := mat.New(1, nOut)
			net.params["gamma"+k], net.params["beta"+k] = gamma, beta
			bn := nn.NewBatchNormalization(gamma, beta)
			net.batchNorms = append(net.batchNorms, bn)
			net.layers = append(net.layers, bn)
		}
		if c.Activation == "sigmoid" {
			net.layers = append(net.layers, &nn.Sigmoid{})
		} else {
			net.layers = append(net.layers, &nn.Relu{})
		}
		if c.UseDropout {
			d := nn.NewDropout(c.DropoutRatio, rng)
			net.dropouts = append(net.dropouts, d)
			net.layers = append(net.layers, d)
		}
	}
	// Nothing needs the gradient with respect to the input data.
	net.affines[0].SkipInputGrad = true
	return net, nil
}

// Params returns the network's live parameters by name ("W1", "b1", ...,
// "gamma1", "beta1", ...). The layers use these very matrices, so an
// optimizer that updates them in place trains the network. Replacing a map
// entry does not change the network.
func (n *MultiLayerNet) Params() map[string]*mat.Matrix { return n.params }

// Predict returns the scores (the last Affine's output, before softmax) for a
// batch x with one sample per row. train selects the training behaviour of
// Dropout and BatchNormalization, the book's train_flg.
func (n *MultiLayerNet) Predict(x *mat.Matrix, train bool) *mat.Matrix {
	for _, layer := range n.layers {
		if s, ok := layer.(nn.TrainSwitch); ok {
			s.SetTrain(train)
		}
		x = layer.Forward(x)
	}
	return x
}

// Loss returns the mean cross-entropy loss of the batch x against labels
// (the correct class of each row), plus the weight decay
// 0.5 * lambda * sum(W^2) over every weight matrix.
func (n *MultiLayerNet) Loss(x *mat.Matrix, labels []int, train bool) float64 {
	return n.lastLayer.Forward(n.Predict(x, train), labels) + n.weightDecay()
}

// weightDecay returns 0.5 * lambda * sum(W^2) over every weight matrix, the
// book's weight_decay term (0 without weight decay).
func (n *MultiLayerNet) weightDecay() float64 {
	lambda := n.config.WeightDecayLambda
	if lambda == 0 {
		return 0
	}
	decay := 0.0
	for _, a := range n.affines {
		sumSq := 0.0
		for _, w := range a.W.Data {
			sumSq += w * w
		}
		decay += 0.5 * lambda * sumSq
	}
	return decay
}

// Accuracy returns the fraction of the rows of x whose highest score is the
// correct label, predicting in test mode.
func (n *MultiLayerNet) Accuracy(x *mat.Matrix, labels []int) float64 {
	if len(labels) != x.Rows {
		panic(fmt.Sprintf("network.Accuracy: %d labels for a %dx%d batch", len(labels), x.Rows, x.Cols))
	}
	correct := 0
	for i, predicted := range mat.ArgmaxRows(n.Predict(x, false)) {
		if predicted == labels[i] {
			correct++
		}
	}
	return float64(correct) / float64(x.Rows)
}
