// Tests of the optimizers and init experiments: the valley paths and their
// chart, and the side-by-side training on a small MNIST subset.

package main

import (
	"bytes"
	"context"
	"io"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"dlfs/common/cli"
	"dlfs/common/network"
	"dlfs/common/optimizer"
	"dlfs/common/trainer"
)

func TestOptimizerPaths(t *testing.T) {
	paths, err := optimizerPaths(pathSteps)
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) != len(optimizer.Names) {
		t.Fatalf("%d paths, want one per optimizer (%d)", len(paths), len(optimizer.Names))
	}
	f0 := valley(pathStart[0], pathStart[1])
	for i, p := range paths {
		if p.name != optimizer.Names[i] || p.lr != pathRates[p.name] {
			t.Errorf("path %d is %s with lr %g, want %s with lr %g", i, p.name, p.lr, optimizer.Names[i], pathRates[optimizer.Names[i]])
		}
		if len(p.points) != pathSteps+1 || p.points[0] != pathStart {
			t.Fatalf("%s: %d points from %v, want %d from %v", p.name, len(p.points), p.points[0], pathSteps+1, pathStart)
		}
		// Every optimizer ends far down the valley: f falls from 6.45 below 6.45/40.
		end := p.points[pathSteps]
		if f := valley(end[0], end[1]); !(f < f0/40) {
			t.Errorf("%s: f fell only from %.3f to %.3f", p.name, f0, f)
		}
	}
	parts := render(t, pathsChart(paths))
	// Per optimizer: a panel, a path line with markers, a marker at the
	// minimum, and the 9 contour levels.
	if parts["chart"] != 6 || parts["series"] != 6 || parts["markers"] != 12 || parts["contour"] != 6*9 {
		t.Errorf("chart has %d panels, %d lines, %d marker sets, %d contour lines; want 6, 6, 12, 54",
			parts["chart"], parts["series"], parts["markers"], parts["contour"])
	}
}

// The gradient of the valley is checked against central differences.
func TestValleyGrad(t *testing.T) {
	for _, p := range [][2]float64{{-7, 2}, {3, -0.5}, {0, 0}} {
		const h = 1e-5
		dx, dy := valleyGrad(p[0], p[1])
		nx := (valley(p[0]+h, p[1]) - valley(p[0]-h, p[1])) / (2 * h)
		ny := (valley(p[0], p[1]+h) - valley(p[0], p[1]-h)) / (2 * h)
		if math.Abs(dx-nx) > 1e-8 || math.Abs(dy-ny) > 1e-8 {
			t.Errorf("at %v: gradient (%g, %g), numerical (%g, %g)", p, dx, dy, nx, ny)
		}
	}
}

// compareOptimizers trains the optimizerContenders on the same mini-batches,
// as the book's optimizer_compare_mnist.py does, measuring nothing else, and
// returns them and their losses per iteration.
func compareOptimizers(ctx context.Context, train trainer.Data, cfg mnistCompare, stderr io.Writer) ([]contender, [][]float64, error) {
	cs, err := optimizerContenders(cfg)
	if err != nil {
		return nil, nil, err
	}
	losses, err := trainSideBySide(ctx, cs, train, cfg.iters, cfg.batch, cfg.seed, optimizerBatches, stderr, "optimizers")
	return cs, losses, err
}

// Every optimizer's loss falls on a small MNIST subset, from the same start.
func TestCompareOptimizers(t *testing.T) {
	train, _ := mnist(t)
	var out bytes.Buffer
	cfg := mnistCompare{iters: 200, batch: 32, hidden: []int{50, 50}, seed: 1}
	cs, losses, err := compareOptimizers(context.Background(), train.Head(2000), cfg, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != len(optimizer.Names) {
		t.Fatalf("%d contenders, want %d", len(cs), len(optimizer.Names))
	}
	for k, c := range cs {
		if len(losses[k]) != cfg.iters {
			t.Fatalf("%s: %d losses, want %d", c.name, len(losses[k]), cfg.iters)
		}
		// Same initial weights, same first batch: the same first loss.
		if losses[k][0] != losses[0][0] {
			t.Errorf("%s: first loss %v, %s's %v; want the same start", c.name, losses[k][0], cs[0].name, losses[0][0])
		}
		first, last := meanTail(losses[k][:10], 10), meanTail(losses[k], 50)
		if !(last < 0.7*first) {
			t.Errorf("%s: mean loss %.3f over the first 10 iterations, %.3f over the last 50; want a fall of 30%%", c.name, first, last)
		}
	}
	// The table: a header, then iterations 0 and 100.
	printLossTable(&out, cs, losses)
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 3 || !strings.HasPrefix(strings.TrimSpace(lines[2]), "100 ") {
		t.Errorf("printed table:\n%s\nwant a header and rows for iterations 0 and 100", out.String())
	}
	for _, name := range optimizer.Names {
		if !strings.Contains(lines[0], name) {
			t.Errorf("table header %q does not name %s", lines[0], name)
		}
	}
	parts := render(t, lossChart("test", cs, losses, 1))
	if parts["chart"] != 2 || parts["series"] != 2*len(cs) {
		t.Errorf("loss chart has %d panels and %d series, want 2 and %d", parts["chart"], parts["series"], 2*len(cs))
	}
}

// With std 0.01 a 4-layer ReLU network barely learns (its output is nearly
// 0, the loss stays at ln 10 = 2.3026); with He's std it does.
func TestCompareInits(t *testing.T) {
	train, _ := mnist(t)
	cfg := mnistCompare{iters: 300, batch: 32, hidden: []int{100, 100, 100, 100}, seed: 1}
	cs, losses, err := compareInits(context.Background(), train.Head(2000), cfg, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	final := map[string]float64{}
	for k, c := range cs {
		final[c.name] = meanTail(losses[k], 50)
	}
	if final["std=0.01"] < 2.25 {
		t.Errorf("std=0.01: mean loss over the last 50 iterations %.4f, want near ln 10 = 2.3026 (no learning)", final["std=0.01"])
	}
	if final["He"] > 1.5 || final["He"] > final["Xavier"] {
		t.Errorf("He: mean loss %.4f, Xavier %.4f; want He below 1.5 and below Xavier", final["He"], final["Xavier"])
	}
}

func TestLossSummary(t *testing.T) {
	cs := []contender{{name: "SGD"}, {name: "Nesterov"}}
	losses := make([][]float64, 2)
	for i := range 2000 {
		losses[0] = append(losses[0], float64(i))
		losses[1] = append(losses[1], 1)
	}
	var out bytes.Buffer
	printLossSummary(&out, cs, losses, map[string]string{"SGD": "0.10"})
	// Loss at 1900 is 1900; the mean of the last 100 is (1900+1999)/2.
	for _, want := range []string{"loss at 1900", "1900.0000", "0.10", "1949.5000", "Nesterov", " - "} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("summary does not contain %q:\n%s", want, out.String())
		}
	}
	// After 300 iterations there is no book figure to compare with.
	out.Reset()
	printLossSummary(&out, cs[:1], [][]float64{losses[0][:300]}, map[string]string{"SGD": "0.10"})
	if strings.Contains(out.String(), "0.10") || !strings.Contains(out.String(), "loss at 200") {
		t.Errorf("summary after 300 iterations:\n%s\nwant the loss at 200 and no book figure", out.String())
	}
	if got := lastPrinted(2000); got != 1900 {
		t.Errorf("lastPrinted(2000) = %d, want 1900", got)
	}
	if got := lastPrinted(100); got != 0 {
		t.Errorf("lastPrinted(100) = %d, want 0", got)
	}
}

// The contenders' Trainers draw the same mini-batches: two identical
// networks with identical optimizers record the same losses to the last bit,
// and a third drawing from another stream does not.
func TestSideBySideSameBatches(t *testing.T) {
	train, _ := mnist(t)
	train = train.Head(500)
	contenders := func() []contender {
		var cs []contender
		for _, name := range []string{"a", "b"} {
			net, err := network.NewMultiLayerNet(network.Config{InputSize: 784, HiddenSizes: []int{20}, OutputSize: 10, Seed: 1})
			if err != nil {
				t.Fatal(err)
			}
			cs = append(cs, contender{name: name, net: net, opt: optimizer.NewSGD(0.1)})
		}
		return cs
	}
	losses, err := trainSideBySide(context.Background(), contenders(), train, 50, 32, 1, "test/batches", io.Discard, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(losses[0]) != 50 || !slices.Equal(losses[0], losses[1]) {
		t.Errorf("two identical contenders recorded %d and %d different losses, want the same 50", len(losses[0]), len(losses[1]))
	}
	other, err := trainSideBySide(context.Background(), contenders()[:1], train, 50, 32, 1, "test/other", io.Discard, "")
	if err != nil {
		t.Fatal(err)
	}
	if slices.Equal(losses[0], other[0]) {
		t.Error("another batch stream gives the same losses")
	}
}

// Measuring the accuracies as it goes changes nothing of the training: the
// losses are those of compareOptimizers, bit for bit. The accuracies are
// measured after iterations 100, 200 and the last, 250, rise above chance,
// and the chart has a line per optimizer in each of its two panels.
func TestCompareOptimizerAccuracy(t *testing.T) {
	train, test := mnist(t)
	cfg := mnistCompare{iters: 250, batch: 32, hidden: []int{50, 50}, seed: 1}
	_, want, err := compareOptimizers(context.Background(), train.Head(2000), cfg, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	cs, losses, acc, err := compareOptimizerAccuracy(context.Background(), train.Head(2000), test, cfg, 100, 500, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	for k, c := range cs {
		if !slices.Equal(losses[k], want[k]) {
			t.Errorf("%s: losses differ from those of a run that measures nothing", c.name)
		}
	}
	if !slices.Equal(acc.iters, []float64{100, 200, 250}) {
		t.Fatalf("measured after %v, want 100, 200, 250", acc.iters)
	}
	for k, c := range cs {
		if len(acc.train[k]) != 3 || len(acc.test[k]) != 3 {
			t.Fatalf("%s: %d and %d measurements, want 3", c.name, len(acc.train[k]), len(acc.test[k]))
		}
		if last := acc.test[k][2]; !(last > 0.5 && last <= 1) {
			t.Errorf("%s: test accuracy %.4f after 250 iterations, want well above chance", c.name, last)
		}
	}
	parts := render(t, optimizerAccuracyChart(cs, acc, 500))
	if parts["chart"] != 2 || parts["series"] != 2*len(cs) {
		t.Errorf("accuracy chart has %d panels and %d lines, want 2 and %d", parts["chart"], parts["series"], 2*len(cs))
	}
	var out bytes.Buffer
	printAccuracySummary(&out, cs, acc, 500)
	if lines := strings.Split(strings.TrimSpace(out.String()), "\n"); len(lines) != 2+len(cs) || !strings.Contains(lines[0], "after 250 iterations") {
		t.Errorf("summary:\n%s\nwant a title, a header and a row per optimizer", out.String())
	}

	// Each network saved, and read back into a fresh one, holds its weights.
	dir := filepath.Join(t.TempDir(), "weights")
	out2, err := cli.OutputDir("-save", dir)
	if err != nil {
		t.Fatal(err)
	}
	paths, err := saveOptimizerWeights(out2, cs)
	if err := out2.Close(err); err != nil {
		t.Fatal(err)
	}
	if len(paths) != len(cs) || filepath.Base(paths[0]) != "optimizer_SGD.npz" {
		t.Fatalf("saved %v, want one optimizer_NAME.npz per optimizer", paths)
	}
	for k, c := range cs {
		fresh, err := optimizerContenders(cfg)
		if err != nil {
			t.Fatal(err)
		}
		net := fresh[0].net
		if err := net.LoadParams(paths[k]); err != nil {
			t.Fatal(err)
		}
		for i, p := range c.net.Params() {
			if !slices.Equal(net.Params()[i].Value.Data, p.Value.Data) {
				t.Errorf("%s: %s read back differs from the trained one", c.name, p.Name)
			}
		}
	}
}
