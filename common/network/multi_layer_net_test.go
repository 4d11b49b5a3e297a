// Tests of MultiLayerNet's construction, prediction, loss and accuracy, and
// a small end-to-end training run.

package network

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"dlfs/common/mat"
	"dlfs/common/nn"
	"dlfs/common/trainer"
)

func TestNewRejectsBadConfig(t *testing.T) {
	good := Config{InputSize: 6, HiddenSizes: []int{5}, OutputSize: 3}
	tests := []struct {
		field  string
		modify func(c *Config)
	}{
		{"InputSize", func(c *Config) { c.InputSize = 0 }},
		{"HiddenSizes[1]", func(c *Config) { c.HiddenSizes = []int{5, -1} }},
		{"OutputSize", func(c *Config) { c.OutputSize = 0 }},
		{"Activation", func(c *Config) { c.Activation = "tanh" }},
		{"WeightInitStd", func(c *Config) { c.WeightInitStd = "glorot" }},
		{"WeightInitStd", func(c *Config) { c.WeightInitStd = "-1" }},
		{"WeightDecayLambda", func(c *Config) { c.WeightDecayLambda = -0.1 }},
		{"WeightDecayLambda", func(c *Config) { c.WeightDecayLambda = math.NaN() }},
		{"DropoutRatio", func(c *Config) { c.UseDropout = true }},
		{"DropoutRatio", func(c *Config) { c.UseDropout, c.DropoutRatio = true, 1 }},
	}
	for _, tc := range tests {
		c := good
		tc.modify(&c)
		net, err := NewMultiLayerNet(c)
		if err == nil || !strings.Contains(err.Error(), "Config."+tc.field) {
			t.Errorf("New with bad %s: net %v, error %v; want an error naming Config.%s", tc.field, net != nil, err, tc.field)
		}
	}
	if _, err := NewMultiLayerNet(good); err != nil {
		t.Errorf("New(%+v): %v", good, err)
	}
}

func TestParamNamesAndShapes(t *testing.T) {
	net, err := NewMultiLayerNet(Config{InputSize: 6, HiddenSizes: []int{5, 4}, OutputSize: 3, UseBatchnorm: true})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][2]int{
		"W1": {6, 5}, "b1": {1, 5}, "gamma1": {1, 5}, "beta1": {1, 5},
		"W2": {5, 4}, "b2": {1, 4}, "gamma2": {1, 4}, "beta2": {1, 4},
		"W3": {4, 3}, "b3": {1, 3},
	}
	params := params(net)
	if len(params) != len(want) {
		t.Errorf("Params has %d entries, want %d", len(params), len(want))
	}
	for name, shape := range want {
		p, ok := params[name]
		if !ok {
			t.Errorf("Params has no %s", name)
			continue
		}
		if p.Rows != shape[0] || p.Cols != shape[1] {
			t.Errorf("%s is %dx%d, want %dx%d", name, p.Rows, p.Cols, shape[0], shape[1])
		}
	}
	if !slices.Equal(params["gamma2"].Data, []float64{1, 1, 1, 1}) || !slices.Equal(params["b1"].Data, make([]float64, 5)) {
		t.Errorf("gamma2 = %v and b1 = %v, want ones and zeros", params["gamma2"].Data, params["b1"].Data)
	}
}

// Each weight matrix gets the standard deviation its own number of inputs
// calls for: He's sqrt(2/784) for W1, sqrt(2/100) for W2.
func TestWeightInitStd(t *testing.T) {
	for _, tc := range []struct {
		spec       string
		std1, std2 float64
	}{
		{"he", math.Sqrt(2.0 / 784), math.Sqrt(2.0 / 100)},
		{"xavier", math.Sqrt(1.0 / 784), math.Sqrt(1.0 / 100)},
		{"0.01", 0.01, 0.01},
	} {
		net, err := NewMultiLayerNet(Config{InputSize: 784, HiddenSizes: []int{100}, OutputSize: 10, WeightInitStd: tc.spec, Seed: 5})
		if err != nil {
			t.Fatal(err)
		}
		for name, want := range map[string]float64{"W1": tc.std1, "W2": tc.std2} {
			w := params(net)[name].Data
			got := math.Sqrt(mat.Sum(mat.Mul(params(net)[name], params(net)[name])) / float64(len(w)))
			// The relative standard error of a sample std over n draws is
			// 1/sqrt(2n): 0.25% for W1's 78400, 2.2% for W2's 1000. Allow 4 of it.
			if tol := 4 / math.Sqrt(2*float64(len(w))); math.Abs(got/want-1) > tol {
				t.Errorf("%s with WeightInitStd %q has std %.4g, want %.4g", name, tc.spec, got, want)
			}
		}
	}
}

func TestSeedMakesNetworksReproducible(t *testing.T) {
	c := Config{InputSize: 6, HiddenSizes: []int{5}, OutputSize: 3, UseDropout: true, DropoutRatio: 0.5, Seed: 9}
	a, _ := NewMultiLayerNet(c)
	b, _ := NewMultiLayerNet(c)
	c.Seed = 10
	other, _ := NewMultiLayerNet(c)
	if !slices.Equal(params(a)["W1"].Data, params(b)["W1"].Data) {
		t.Errorf("two networks with the same seed have different W1")
	}
	if slices.Equal(params(a)["W1"].Data, params(other)["W1"].Data) {
		t.Errorf("networks with seeds 9 and 10 have the same W1")
	}
	x, _ := tinyBatch(1)
	if !slices.Equal(a.Predict(x, true).Data, b.Predict(x, true).Data) {
		t.Errorf("two networks with the same seed drew different dropout masks")
	}
}

// Dropout makes training-mode predictions random; test mode is deterministic.
func TestPredictTrainAndTestModes(t *testing.T) {
	net, _ := NewMultiLayerNet(Config{InputSize: 6, HiddenSizes: []int{20}, OutputSize: 3, UseDropout: true, DropoutRatio: 0.5, UseBatchnorm: true})
	x, _ := tinyBatch(2)
	// The scores belong to the last layer: keep a copy of the first.
	if !slices.Equal(net.Predict(x, false).Clone().Data, net.Predict(x, false).Data) {
		t.Errorf("two test-mode predictions differ")
	}
	if slices.Equal(net.Predict(x, true).Clone().Data, net.Predict(x, true).Data) {
		t.Errorf("two training-mode predictions with dropout are the same")
	}
}

// An optimizer updates Params in place; the network must see it.
func TestParamsAreLive(t *testing.T) {
	net, _ := NewMultiLayerNet(Config{InputSize: 6, HiddenSizes: []int{5}, OutputSize: 3})
	x, _ := tinyBatch(3)
	before := net.Predict(x, false).Clone()
	params(net)["b2"].AddScaled(1, mat.NewFrom(1, 3, []float64{1, 2, 3}))
	after := net.Predict(x, false)
	for i := 0; i < x.Rows; i++ {
		for j := 0; j < 3; j++ {
			if d := after.At(i, j) - before.At(i, j); math.Abs(d-float64(j+1)) > 1e-12 {
				t.Fatalf("raising b2 by (1, 2, 3) moved score [%d,%d] by %v", i, j, d)
			}
		}
	}
}

func TestLossIncludesWeightDecay(t *testing.T) {
	c := Config{InputSize: 6, HiddenSizes: []int{5, 4}, OutputSize: 3, Seed: 4}
	plain, _ := NewMultiLayerNet(c)
	c.WeightDecayLambda = 0.2
	decayed, _ := NewMultiLayerNet(c)
	x, labels := tinyBatch(5)
	sumSq := 0.0
	for _, name := range []string{"W1", "W2", "W3"} {
		w := params(plain)[name]
		sumSq += mat.Sum(mat.Mul(w, w))
	}
	if got, want := decayed.Loss(x, labels, false)-plain.Loss(x, labels, false), 0.5*0.2*sumSq; math.Abs(got-want) > 1e-12 {
		t.Errorf("weight decay adds %v to the loss, want 0.5 * lambda * sum(W^2) = %v", got, want)
	}
	if got, want := plain.Loss(x, labels, false), nn.CrossEntropyError(nn.Softmax(plain.Predict(x, false)), labels); got != want {
		t.Errorf("Loss without decay = %v, want the cross-entropy of the predictions %v", got, want)
	}
}

// Learning, end to end: plain gradient descent on three well separated
// clusters must reach a perfect score, for each kind of network.
func TestTrainingSeparatesClusters(t *testing.T) {
	for _, c := range []Config{
		{Activation: "relu"},
		{Activation: "sigmoid", WeightInitStd: "xavier"},
		{UseBatchnorm: true, UseDropout: true, DropoutRatio: 0.2, WeightDecayLambda: 1e-3},
	} {
		c.InputSize, c.HiddenSizes, c.OutputSize = 4, []int{10}, 3
		net, err := NewMultiLayerNet(c)
		if err != nil {
			t.Fatal(err)
		}
		x, labels := clusters(rand.New(rand.NewPCG(1, 2)), 90)
		first := net.Loss(x, labels, false)
		for range 300 {
			grads, _ := gradient(net, x, labels)
			for name, p := range params(net) {
				p.AddScaled(-0.1, grads[name])
			}
		}
		last := net.Loss(x, labels, false)
		if acc := trainer.Accuracy(net, set{x, labels}, 0, 0); acc != 1 || !(last < first/4) {
			t.Errorf("%+v: accuracy %v, loss %.3f -> %.3f; want 1 and a loss falling to under a quarter", c, acc, first, last)
		}
	}
}

// clusters returns n points in 4 dimensions around three centres, labelled
// by their centre.
func clusters(rng *rand.Rand, n int) (*mat.Matrix, []int) {
	centres := [][]float64{{2, 0, 0, 0}, {0, 2, 0, 0}, {0, 0, 2, 2}}
	x, labels := mat.New(n, 4), make([]int, n)
	for i := range labels {
		labels[i] = i % 3
		for j, c := range centres[labels[i]] {
			x.Set(i, j, c+0.3*rng.NormFloat64())
		}
	}
	return x, labels
}

// set is a batch as a trainer.Data.
type set struct {
	x      *mat.Matrix
	labels []int
}

func (s set) Len() int                { return s.x.Rows }
func (s set) X(idx []int) *mat.Matrix { return mat.TakeRows(s.x, idx) }
func (s set) LabelsOf(idx []int) []int {
	l := make([]int, len(idx))
	for k, i := range idx {
		l[k] = s.labels[i]
	}
	return l
}
