// Tests of the hyperparam experiment: the validation split, the log-uniform
// draws, and a small random search ranked by validation accuracy.

package main

import (
	"bytes"
	"context"
	"io"
	"slices"
	"strings"
	"testing"

	"dlfs/common/progress"
	"dlfs/dataset"
)

func TestSplitValidation(t *testing.T) {
	all, _ := mnist(t)
	all = all.Head(500)
	train, val := splitValidation(all, 0.2, 1)
	if train.Len() != 400 || val.Len() != 100 {
		t.Fatalf("split 500 images into %d and %d, want 400 and 100", train.Len(), val.Len())
	}
	// Every image lands in exactly one part: match each by its pixels.
	seen := map[string]int{}
	for i := range all.Len() {
		seen[string(all.Image(i))+string(rune('0'+all.Label(i)))]++
	}
	for _, part := range []*dataset.Set{train, val} {
		for i := range part.Len() {
			key := string(part.Image(i)) + string(rune('0'+part.Label(i)))
			if seen[key] == 0 {
				t.Fatalf("image %d of a part is not among the 500, or is there twice", i)
			}
			seen[key]--
		}
	}
	// Shuffled: the validation images are not simply the first 100.
	if string(val.Image(0)) == string(all.Image(0)) && string(val.Image(1)) == string(all.Image(1)) {
		t.Error("the validation set starts with the first images: not shuffled")
	}
	// The same seed gives the same split.
	_, again := splitValidation(all, 0.2, 1)
	if !slices.Equal(again.Pixels, val.Pixels) {
		t.Error("two splits with seed 1 differ")
	}
}

func TestLogUniform(t *testing.T) {
	rng := newRand(1, "test")
	low, high := 0, 0
	for range 1000 {
		v := logUniform(rng, [2]float64{-6, -2})
		if !(v >= 1e-6 && v < 1e-2) {
			t.Fatalf("logUniform(-6, -2) = %g, outside [1e-6, 1e-2)", v)
		}
		if v < 1e-4 {
			low++
		} else {
			high++
		}
	}
	// Uniform in the exponent: as many draws below 10^-4 as above.
	if low < 400 || high < 400 {
		t.Errorf("%d draws below 1e-4 and %d above, want about 500 each", low, high)
	}
}

func TestHyperSearch(t *testing.T) {
	all, _ := mnist(t)
	train, val := splitValidation(all.Head(250), 0.2, 1)
	cfg := bookHyper(6, 3, 1)
	var out bytes.Buffer
	trials, err := hyperSearch(context.Background(), train, val, cfg, &out, progress.New(io.Discard, "", cfg.trials))
	if err != nil {
		t.Fatal(err)
	}
	if len(trials) != cfg.trials {
		t.Fatalf("%d trials, want %d", len(trials), cfg.trials)
	}
	var numbers []int
	for i, tr := range trials {
		numbers = append(numbers, tr.n)
		if !(tr.lr >= 1e-6 && tr.lr < 1e-2) || !(tr.weightDecay >= 1e-8 && tr.weightDecay < 1e-4) {
			t.Errorf("trial %d: lr %g, weight decay %g; want them in [1e-6, 1e-2) and [1e-8, 1e-4)", tr.n, tr.lr, tr.weightDecay)
		}
		if len(tr.valAcc) != cfg.epochs+1 || len(tr.trainAcc) != cfg.epochs+1 {
			t.Errorf("trial %d: %d and %d accuracies, want %d", tr.n, len(tr.valAcc), len(tr.trainAcc), cfg.epochs+1)
		}
		if i > 0 && tr.final() > trials[i-1].final() {
			t.Errorf("trial ranked %d has val acc %v, above the one before it (%v)", i+1, tr.final(), trials[i-1].final())
		}
		if i > 0 && tr.final() == trials[i-1].final() && tr.n < trials[i-1].n {
			t.Errorf("trials %d and %d tie but are not in the order drawn", trials[i-1].n, tr.n)
		}
	}
	slices.Sort(numbers)
	if !slices.Equal(numbers, []int{1, 2, 3, 4, 5, 6}) {
		t.Errorf("trial numbers %v, want 1 to 6 once each", numbers)
	}
	if n := strings.Count(out.String(), "val acc:"); n != cfg.trials {
		t.Errorf("printed %d trial lines, want %d:\n%s", n, cfg.trials, out.String())
	}

	out.Reset()
	printBest(&out, trials, 4)
	if !strings.Contains(out.String(), "Best-1(val acc:") || !strings.Contains(out.String(), "Best-4(") || strings.Contains(out.String(), "Best-5(") {
		t.Errorf("printBest(4) printed:\n%s\nwant Best-1 to Best-4", out.String())
	}
	if parts := render(t, bestChart(trials, 4)); parts["chart"] != 4 || parts["series"] != 8 {
		t.Errorf("best chart has %d panels and %d lines, want 4 and 8", parts["chart"], parts["series"])
	}
	if parts := render(t, searchChart(trials)); parts["chart"] != 2 || parts["markers"] != 2 {
		t.Errorf("search chart has %d panels and %d scatters, want 2 and 2", parts["chart"], parts["markers"])
	}
}
