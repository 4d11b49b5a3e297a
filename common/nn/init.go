// Initial weights: Gaussian random matrices and the standard deviations of
// the book's chapter 6.2 (Xavier and He), chosen by name as in
// common/multi_layer_net.py's __init_weight.

package nn

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"

	"dlfs/common/mat"
)

// RandN returns a rows x cols matrix of independent normal values with mean 0
// and standard deviation std, the book's std * np.random.randn(rows, cols).
func RandN(rng *rand.Rand, rows, cols int, std float64) *mat.Matrix {
	m := mat.New(rows, cols)
	for i := range m.Data {
		m.Data[i] = std * rng.NormFloat64()
	}
	return m
}

// InitStd returns the standard deviation of the initial weights of a layer
// with nIn inputs, the book's weight_init_std:
//
//	"relu" or "he"        He:     sqrt(2 / nIn), for ReLU layers
//	"sigmoid" or "xavier" Xavier: sqrt(1 / nIn), for sigmoid or tanh layers
//	a number such as "0.01"       that number, for every layer
//
// Names are case-insensitive. Anything else, a negative or non-finite
// number, or nIn < 1 is an error.
func InitStd(spec string, nIn int) (float64, error) {
	if nIn < 1 {
		return 0, fmt.Errorf("weight init std %q: layer has %d inputs, want at least 1", spec, nIn)
	}
	switch strings.ToLower(strings.TrimSpace(spec)) {
	case "relu", "he":
		return math.Sqrt(2 / float64(nIn)), nil
	case "sigmoid", "xavier":
		return math.Sqrt(1 / float64(nIn)), nil
	}
	std, err := strconv.ParseFloat(strings.TrimSpace(spec), 64)
	if err != nil || std < 0 || math.IsInf(std, 0) || math.IsNaN(std) {
		return 0, fmt.Errorf("weight init std %q: want relu, he, sigmoid, xavier or a non-negative number such as 0.01", spec)
	}
	return std, nil
}
