// Tests of the batchnorm experiment: logspace, and batch normalization
// rescuing a network whose initial weights are too small or too large.

package main

import (
	"context"
	"math"
	"testing"
)

func TestLogspace(t *testing.T) {
	v := logspace(0, -4, 16)
	if len(v) != 16 || v[0] != 1 || math.Abs(v[15]-1e-4) > 1e-19 {
		t.Fatalf("logspace(0, -4, 16) = %v, want 16 values from 1 to 1e-4", v)
	}
	// Evenly spaced on a log scale: each is the one before times 10^(-4/15).
	ratio := math.Pow(10, -4.0/15)
	for i := 1; i < len(v); i++ {
		if r := v[i] / v[i-1]; math.Abs(r-ratio) > 1e-14 {
			t.Errorf("v[%d]/v[%d] = %v, want %v", i, i-1, r, ratio)
		}
	}
	if v := logspace(-2, 5, 1); len(v) != 1 || v[0] != 0.01 {
		t.Errorf("logspace(-2, 5, 1) = %v, want [0.01] as NumPy gives", v)
	}
}

func TestBatchNormHelps(t *testing.T) {
	train, _ := mnist(t)
	train = train.Head(300)
	cfg := bookBatchNorm(6, 1)

	// A small scale: without batch norm the signal dies in five layers and
	// the network stays near chance; with it the network learns.
	r, err := batchNormPair(context.Background(), train, cfg, 0.01, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.acc[withBN]) != cfg.epochs+1 || len(r.acc[noBN]) != cfg.epochs+1 {
		t.Fatalf("%d and %d accuracies, want one per epoch and one at the end (%d)", len(r.acc[withBN]), len(r.acc[noBN]), cfg.epochs+1)
	}
	bn, plain := r.acc[withBN][cfg.epochs], r.acc[noBN][cfg.epochs]
	if !(bn > 0.5 && plain < 0.2) {
		t.Errorf("scale 0.01: training accuracy %.3f with batch norm, %.3f without; want over 0.5 and under 0.2", bn, plain)
	}

	// Scale 1: without batch norm the activations explode and the loss
	// becomes NaN within a few iterations; the run records that and goes on
	// with the other network.
	r, err = batchNormPair(context.Background(), train, cfg, 1, 0)
	if err != nil {
		t.Fatal(err)
	}
	if r.diverged[noBN] < 0 || r.diverged[withBN] >= 0 {
		t.Fatalf("scale 1: diverged at %v (with BN, without), want only the network without batch norm to diverge", r.diverged)
	}
	last := r.acc[noBN][cfg.epochs]
	if len(r.acc[noBN]) != cfg.epochs+1 || !math.IsNaN(last) || math.IsNaN(r.acc[withBN][cfg.epochs]) {
		t.Errorf("scale 1: %d accuracies, the last %v with and %v without batch norm; want %d, a number and NaN", len(r.acc[noBN]), r.acc[withBN][cfg.epochs], last, cfg.epochs+1)
	}
	parts := render(t, batchNormChart([]bnRun{r, r, r, r, r}))
	if parts["chart"] != 5 || parts["title"] != 6 {
		t.Errorf("chart has %d panels and %d titles, want 5 and 6", parts["chart"], parts["title"])
	}
}
