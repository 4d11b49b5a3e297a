// The constructor arguments of the book's MultiLayerNet and
// MultiLayerNetExtend (chapter 6, common/multi_layer_net.py and
// common/multi_layer_net_extend.py), gathered in one struct and checked.

package network

import (
	"fmt"
	"strings"
)

// Config describes a fully connected network. The book's argument names are
// given in each comment. The zero values of Activation and WeightInitStd
// mean the book's defaults.
type Config struct {
	InputSize   int   // input_size: 784 for MNIST
	HiddenSizes []int // hidden_size_list: units of each hidden layer, e.g. {100, 100, 100}
	OutputSize  int   // output_size: 10 for MNIST

	// Activation is the book's activation: "relu" (the default) or "sigmoid".
	Activation string
	// WeightInitStd is the book's weight_init_std: "relu" or "he" (the
	// default) for He's sqrt(2/n), "sigmoid" or "xavier" for Xavier's
	// sqrt(1/n), n being the layer's number of inputs, or a number such as
	// "0.01" for that standard deviation in every layer.
	WeightInitStd string
	// WeightDecayLambda is the book's weight_decay_lambda: the loss gains
	// 0.5 * lambda * sum(W^2) over every weight matrix. 0 means none.
	WeightDecayLambda float64

	// The options that the book keeps for MultiLayerNetExtend.

	UseDropout   bool    // use_dropout: a Dropout layer after each activation
	DropoutRatio float64 // dropout_ration (sic): in (0, 1), the book's default is 0.5
	UseBatchnorm bool    // use_batchnorm: a BatchNormalization layer before each activation

	// Seed seeds the random numbers of the initial weights and of the
	// dropout masks (the book uses NumPy's global generator).
	Seed uint64
}

// check returns c with its defaults filled in, or an error naming the first
// field that is wrong and what it should be.
func (c Config) check() (Config, error) {
	if c.InputSize < 1 {
		return c, fmt.Errorf("network: Config.InputSize is %d, want at least 1 (784 for MNIST)", c.InputSize)
	}
	for i, n := range c.HiddenSizes {
		if n < 1 {
			return c, fmt.Errorf("network: Config.HiddenSizes[%d] is %d, want at least 1 unit", i, n)
		}
	}
	if c.OutputSize < 1 {
		return c, fmt.Errorf("network: Config.OutputSize is %d, want at least 1 (10 for MNIST)", c.OutputSize)
	}
	c.Activation = strings.ToLower(c.Activation)
	switch c.Activation {
	case "":
		c.Activation = "relu"
	case "relu", "sigmoid":
	default:
		return c, fmt.Errorf("network: Config.Activation is %q, want relu or sigmoid", c.Activation)
	}
	if c.WeightInitStd == "" {
		c.WeightInitStd = "relu"
	}
	if !(c.WeightDecayLambda >= 0) {
		return c, fmt.Errorf("network: Config.WeightDecayLambda is %v, want 0 or more", c.WeightDecayLambda)
	}
	if c.UseDropout && !(c.DropoutRatio > 0 && c.DropoutRatio < 1) {
		return c, fmt.Errorf("network: Config.DropoutRatio is %v with UseDropout, want a ratio in (0, 1) such as the book's 0.5", c.DropoutRatio)
	}
	return c, nil
}
