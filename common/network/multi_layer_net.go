// The fully connected networks of Deep Learning from Scratch, chapter 6:
// MultiLayerNet (common/multi_layer_net.py) and its extended form with
// dropout and batch normalization (MultiLayerNetExtend,
// common/multi_layer_net_extend.py), one builder configured by Config.

package network

import (
	"fmt"
	"math/rand/v2"

	"dlfs/common/nn"
)

// NewMultiLayerNet builds the book's MultiLayerNet(Extend): for each hidden
// layer Affine, [BatchNormalization], Relu or Sigmoid, [Dropout]; then a
// last Affine, and SoftmaxWithLoss for training. Initial weights are drawn
// from N(0, std²) (std from WeightInitStd), in the order W1, W2, ..., and
// biases, betas start at 0 and gammas at 1. Its parameters are W1, b1, ...,
// and gamma1, beta1, ... for the batch normalization of each hidden layer.
// It returns an error that names the offending Config field.
func NewMultiLayerNet(c Config) (*Net, error) {
	c, err := c.check()
	if err != nil {
		return nil, err
	}
	rng := rand.New(rand.NewPCG(c.Seed, c.Seed))
	b := NewBuilder(c.InputSize)
	sizes := append(append([]int{c.InputSize}, c.HiddenSizes...), c.OutputSize)
	for idx := 1; idx < len(sizes); idx++ {
		std, err := nn.InitStd(c.WeightInitStd, sizes[idx-1])
		if err != nil {
			return nil, fmt.Errorf("network: Config.WeightInitStd: %w", err)
		}
		b.Affine(sizes[idx], std, rng)
		if idx == len(sizes)-1 {
			break // the output layer has no activation
		}
		if c.UseBatchnorm {
			b.BatchNorm()
		}
		if c.Activation == "sigmoid" {
			b.Sigmoid()
		} else {
			b.Relu()
		}
		if c.UseDropout {
			b.Dropout(c.DropoutRatio, rng)
		}
	}
	net := b.Net()
	net.WeightDecayLambda = c.WeightDecayLambda
	return net, nil
}
