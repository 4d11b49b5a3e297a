// Tests of the weightdecay and dropout experiments on a small subset:
// regularization narrows the gap between training and test accuracy.

package main

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"
)

func TestRegularizationNarrowsGap(t *testing.T) {
	train, test := mnist(t)
	train, test = train.Head(200), test.Head(500)
	// Smaller and faster than the book's 784-[100x6]-10 at lr 0.01, and
	// overfitting as clearly: without regularization the training accuracy
	// passes 0.9 while the test accuracy stays near 0.65.
	base := overfitConfig{epochs: 39, batch: 100, lr: 0.05, hidden: []int{100, 100}, seed: 1}
	runs := map[string]overfitRun{}
	for name, change := range map[string]func(*overfitConfig){
		"none":         func(*overfitConfig) {},
		"weight decay": func(c *overfitConfig) { c.lambda = 0.3 },
		"dropout":      func(c *overfitConfig) { c.dropout = 0.5 },
	} {
		cfg := base
		change(&cfg)
		run, err := overfitTrain(context.Background(), name, train, test, cfg, io.Discard, name)
		if err != nil {
			t.Fatal(err)
		}
		if len(run.trainAcc) != cfg.epochs+1 || len(run.testAcc) != cfg.epochs+1 {
			t.Fatalf("%s: %d and %d accuracies, want one per epoch and one at the end (%d)", name, len(run.trainAcc), len(run.testAcc), cfg.epochs+1)
		}
		runs[name] = run
	}
	trainAcc := func(name string) float64 { return meanTail(runs[name].trainAcc, 10) }
	gap := func(name string) float64 { return trainAcc(name) - meanTail(runs[name].testAcc, 10) }

	if trainAcc("none") < 0.9 || gap("none") < 0.2 {
		t.Errorf("no regularization: train accuracy %.3f, gap %.3f; want it to overfit (over 0.9, gap over 0.2)", trainAcc("none"), gap("none"))
	}
	if !(gap("weight decay") < gap("none")-0.05) {
		t.Errorf("gap %.3f with weight decay, %.3f without; want it narrower by 0.05", gap("weight decay"), gap("none"))
	}
	if !(trainAcc("dropout") < trainAcc("none")-0.2) {
		t.Errorf("train accuracy %.3f with dropout, %.3f without; want dropout to hold it back by 0.2", trainAcc("dropout"), trainAcc("none"))
	}

	var out bytes.Buffer
	printOverfit(&out, []overfitRun{runs["weight decay"], runs["none"]})
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	// Two header lines, then epochs 0, 3, ..., 39: 14 rows.
	if len(lines) != 2+14 || !strings.HasPrefix(strings.TrimSpace(lines[len(lines)-1]), "39 ") {
		t.Errorf("printed table has %d lines, want 16 ending with epoch 39:\n%s", len(lines), out.String())
	}
	parts := render(t, overfitChart(200, []overfitRun{runs["weight decay"], runs["none"]}))
	if parts["chart"] != 2 || parts["series"] != 4 {
		t.Errorf("chart has %d panels and %d lines, want 2 and 4", parts["chart"], parts["series"])
	}
	if parts := render(t, overfitChart(200, []overfitRun{runs["dropout"]})); parts["chart"] != 1 || parts["title"] != 1 {
		t.Errorf("chart of one run has %d panels and %d titles, want 1 and 1", parts["chart"], parts["title"])
	}
}
