// Tests of the activation histograms of weight_init_activation_histogram.py:
// what each initial weight scale does to five layers' outputs.

package main

import (
	"bytes"
	"math"
	"strings"
	"testing"

	"dlfs/common/mat"
)

// stats returns, for the named activation and init, the std of each
// layer's outputs and the share of the last layer's in the end bins.
func stats(t *testing.T, outs [][][]*mat.Matrix, act, initial string, bins int) (std []float64, ends float64) {
	t.Helper()
	for a, ac := range histActivations {
		for i, in := range histInits {
			if ac.name == act && in.name == initial {
				o := outs[a][i]
				for _, z := range o {
					std = append(std, stdDev(z))
				}
				return std, endShare(o[len(o)-1], bins, ac.lo, ac.hi)
			}
		}
	}
	t.Fatalf("no activation %s with init %s", act, initial)
	return nil, 0
}

func TestActivationHistograms(t *testing.T) {
	cfg := histConfig{samples: 300, nodes: 100, layers: 5, bins: 30, seed: 1}
	var out bytes.Buffer
	outs := activationStats(&out, cfg)

	// Sigmoid with std 1: the outputs pile up at 0 and 1, where the
	// gradient vanishes. With Xavier's std they stay away from the ends.
	if _, ends := stats(t, outs, "sigmoid", "std=1", cfg.bins); ends < 0.4 {
		t.Errorf("sigmoid, std=1: %.1f%% of layer 5's outputs in the end bins, want over 40%%", 100*ends)
	}
	if _, ends := stats(t, outs, "sigmoid", "Xavier", cfg.bins); ends > 0.01 {
		t.Errorf("sigmoid, Xavier: %.1f%% of layer 5's outputs in the end bins, want under 1%%", 100*ends)
	}
	// Sigmoid with std 0.01: every unit says about the same, sigmoid(0) = 0.5.
	if std, _ := stats(t, outs, "sigmoid", "std=0.01", cfg.bins); std[4] > 0.02 {
		t.Errorf("sigmoid, std=0.01: layer 5's outputs have std %.4f, want them squeezed below 0.02", std[4])
	}
	// ReLU halves the variance at each layer; He's std doubles it back, so
	// the spread survives five layers. With std 0.01 it shrinks about
	// 14-fold per layer (0.01*sqrt(100/2) = 1/14).
	if std, _ := stats(t, outs, "relu", "He", cfg.bins); std[4] < 0.5*std[0] || std[4] > 2*std[0] {
		t.Errorf("relu, He: std per layer %v, want layer 5 within a factor 2 of layer 1", std)
	}
	if std, _ := stats(t, outs, "relu", "std=0.01", cfg.bins); std[4] > 1e-4*std[0] {
		t.Errorf("relu, std=0.01: std per layer %v, want it to vanish", std)
	}
	for _, want := range []string{"sigmoid  std=1", "relu     He", "tanh     Xavier", "layer 5"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("printed statistics do not contain %q:\n%s", want, out.String())
		}
	}

	for a, act := range histActivations {
		g, err := histogramGrid(act.name, act.lo, act.hi, cfg.bins, outs[a])
		if err != nil {
			t.Fatal(err)
		}
		parts := render(t, g)
		want := len(histInits) * cfg.layers
		if parts["chart"] != want || parts["bars"] != want {
			t.Errorf("%s: %d panels with %d histograms, want %d", act.name, parts["chart"], parts["bars"], want)
		}
	}
}

func TestStdDevAndEndShare(t *testing.T) {
	m := mat.NewFrom(1, 4, []float64{0, 0.01, 0.5, 1})
	// Mean 0.3775; NumPy's np.std divides by n.
	want := math.Sqrt((0.3775*0.3775 + 0.3675*0.3675 + 0.1225*0.1225 + 0.6225*0.6225) / 4)
	if got := stdDev(m); math.Abs(got-want) > 1e-15 {
		t.Errorf("stdDev = %v, want %v", got, want)
	}
	// 10 bins over [0, 1]: 0 and 0.01 fall in the first, 1 in the last.
	if got := endShare(m, 10, 0, 1); got != 0.75 {
		t.Errorf("endShare = %v, want 0.75", got)
	}
}
