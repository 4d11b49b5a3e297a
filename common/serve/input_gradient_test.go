// The input gradient against its oracle: central differences of the loss,
// computed here from the network's Predict and a log-sum-exp of its own,
// in every pixel.

package serve

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"dlfs/common/mat"
	"dlfs/common/network"
)

// plainLoss returns -log(softmax(scores)[target]) for the scores
// net.Predict gives img, by the usual log-sum-exp.
func plainLoss(net *network.Net, img []float64, target int) float64 {
	scores := net.Predict(mat.NewFrom(1, len(img), img), false).Data
	top := slices.Max(scores)
	var sum float64
	for _, s := range scores {
		sum += math.Exp(s - top)
	}
	return top + math.Log(sum) - scores[target]
}

// numericalInputGrad returns (L(x+h) - L(x-h)) / 2h in every pixel, with L
// plainLoss and h = 1e-5.
func numericalInputGrad(net *network.Net, img []float64, target int) []float64 {
	const h = 1e-5
	x := slices.Clone(img)
	grad := make([]float64, len(x))
	for i, v := range x {
		x[i] = v + h
		up := plainLoss(net, x, target)
		x[i] = v - h
		down := plainLoss(net, x, target)
		x[i] = v
		grad[i] = (up - down) / (2 * h)
	}
	return grad
}

// checkInputGrad fails t unless got matches the numerical gradient want in
// every pixel, to 1e-6 of the largest.
func checkInputGrad(t *testing.T, got, want []float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%d values, want %d", len(got), len(want))
	}
	scale := 0.0
	for _, v := range want {
		scale = max(scale, math.Abs(v))
	}
	if scale == 0 {
		t.Fatal("the numerical gradient is 0 everywhere: a test of nothing")
	}
	for i := range got {
		if math.Abs(got[i]-want[i]) > 1e-6*scale {
			t.Fatalf("dL/dx[%d] is %v, the numerical gradient %v (largest %v)", i, got[i], want[i], scale)
		}
	}
}

func TestInputGradientIsNumerical(t *testing.T) {
	nets := map[string]func() *network.Net{
		"Affine ReLU Affine": mlp(2, 0.1),
		"sigmoid": func() *network.Net {
			rng := rand.New(rand.NewPCG(4, 4))
			return network.NewBuilder(784).Affine(30, 0.3, rng).Sigmoid().Affine(10, 0.3, rng).Net()
		},
		"Conv ReLU Pool Affine": func() *network.Net {
			rng := rand.New(rand.NewPCG(5, 5))
			return network.NewBuilder(1, 28, 28).Conv(3, 5, 1, 0, 0.3, rng).Relu().Pool(2, 2).Affine(10, 0.1, rng).Net()
		},
	}
	img := imageOf(randomSet(1, 6), 0)
	for name, newNet := range nets {
		t.Run(name, func(t *testing.T) {
			net := newNet()
			scores := net.Predict(mat.NewFrom(1, Pixels, img), false)
			target := (argmax(scores.Data) + 1) % 10
			visited := 0
			dx := inputGradient(net, scores, []int{target}, func(layer int, dout *mat.Matrix) {
				if layer != len(net.Layers)-1-visited {
					t.Errorf("visit %d is layer %d, want the layers in reverse", visited, layer)
				}
				visited++
			})
			if visited != len(net.Layers) {
				t.Errorf("%d layers visited, want %d", visited, len(net.Layers))
			}
			checkInputGrad(t, slices.Clone(dx.Data), numericalInputGrad(net, img, target))
			// Training skips the first layer's dx again.
			net.Gradient(mat.NewFrom(1, Pixels, img), []int{target})
			if got := net.Layers[0].Backward(mat.New(1, shapeSize(net.Shapes[0]))); got != nil {
				t.Error("after inputGradient, the first layer still computes dL/dx in training")
			}
		})
	}
}
