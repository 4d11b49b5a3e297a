// The optimizers experiment, the book's section 6.1: the paths of the six
// update rules over f(x, y) = x²/20 + y² (ch06/optimizer_compare_naive.py),
// then the same rules training one MNIST network each on the same
// mini-batches (ch06/optimizer_compare_mnist.py).

package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"slices"

	"dlfs/common/cli"
	"dlfs/common/network"
	"dlfs/common/optimizer"
	"dlfs/common/plot"
	"dlfs/common/progress"
	"dlfs/common/trainer"
)

// valley is the book's f(x, y) = x²/20 + y²: a long, shallow valley along x
// with its minimum at (0, 0), steep across and gentle along.
func valley(x, y float64) float64 { return x*x/20 + y*y }

// valleyGrad is the gradient of valley, the book's df.
func valleyGrad(x, y float64) (dx, dy float64) { return x / 10, 2 * y }

// pathStart is the book's init_pos, and pathSteps its number of updates.
var pathStart = [2]float64{-7, 2}

const pathSteps = 30

// pathRates are the learning rates of the path figures: the book's for SGD,
// Momentum, AdaGrad and Adam; Nesterov, which the book does not draw, gets
// Momentum's, and RMSprop 0.1 (its first step moves about 10*lr along each
// axis, since h starts at 0.01 g²).
var pathRates = map[string]float64{
	"SGD": 0.95, "Momentum": 0.1, "Nesterov": 0.1, "AdaGrad": 1.5, "RMSprop": 0.1, "Adam": 0.3,
}

// optPath is the path of one optimizer on the valley.
type optPath struct {
	name   string
	lr     float64
	points [][2]float64 // the start and the point after each update
}

// optimizerPaths runs every optimizer for steps updates from pathStart.
func optimizerPaths(steps int) ([]optPath, error) {
	var paths []optPath
	for _, name := range optimizer.Names {
		opt, err := optimizer.New(name, pathRates[name])
		if err != nil {
			return nil, err
		}
		paths = append(paths, optPath{name, pathRates[name], optimizer.Path(opt, pathStart, valleyGrad, steps)})
	}
	return paths, nil
}

// pathsChart draws each path over the valley's contour lines, one panel per
// optimizer, like the book's 2x2 figure: the points before each update
// (the book's x_history, which leaves out the point after the last update),
// and a cross at the minimum.
func pathsChart(paths []optPath) *plot.Grid {
	var panels []plot.Panel
	for _, p := range paths {
		c := &plot.Chart{
			Title:  fmt.Sprintf("%s (lr %g)", p.name, p.lr),
			X:      plot.Axis{Label: "x", Min: -10, Max: 10},
			Y:      plot.Axis{Label: "y", Min: -5, Max: 5},
			Legend: plot.LegendNone,
		}
		c.AddContour(valley, 0.25, 0.5, 1, 2, 3, 4, 5, 6, 7)
		drawn := p.points[:len(p.points)-1]
		xs, ys := make([]float64, len(drawn)), make([]float64, len(drawn))
		for i, pt := range drawn {
			xs[i], ys[i] = pt[0], pt[1]
		}
		s := c.Line("", xs, ys)
		s.Color, s.Marker, s.MarkerSize, s.LineWidth = "#d62728", plot.Circle, 5, 1.25
		origin := c.Scatter("", []float64{0}, []float64{0})
		origin.Color, origin.Marker, origin.MarkerSize = "#000000", plot.Plus, 10
		panels = append(panels, c)
	}
	g := plot.NewGrid(2, 3, panels...)
	g.Title = fmt.Sprintf("%d updates from (%g, %g) on f(x, y) = x²/20 + y²", len(paths[0].points)-1, pathStart[0], pathStart[1])
	g.CellWidth, g.CellHeight = 380, 260
	return g
}

// mnistCompare are the settings of optimizer_compare_mnist.py and
// weight_init_compare.py.
type mnistCompare struct {
	iters, batch int
	hidden       []int
	seed         uint64
}

// bookCompare is the book's setting: 2000 iterations of mini-batches of 128
// on 784-[100x4]-10.
func bookCompare(iters int, seed uint64) mnistCompare {
	return mnistCompare{iters: iters, batch: 128, hidden: []int{100, 100, 100, 100}, seed: seed}
}

// optimizerMarkers are the book's markers, with two more for Nesterov and
// RMSprop, which its run leaves out.
var optimizerMarkers = map[string]plot.Marker{
	"SGD": plot.Circle, "Momentum": plot.Cross, "Nesterov": plot.Plus,
	"AdaGrad": plot.Square, "RMSprop": plot.Triangle, "Adam": plot.Diamond,
}

// optimizerContenders returns one ReLU network with He initial weights per
// optimizer (the book's defaults: lr 0.01 for all but Adam's 0.001), all
// with the same initial weights.
func optimizerContenders(cfg mnistCompare) ([]contender, error) {
	var cs []contender
	for _, name := range optimizer.Names {
		net, err := network.NewMultiLayerNet(network.Config{
			InputSize: 784, HiddenSizes: cfg.hidden, OutputSize: 10,
			Activation: "relu", WeightInitStd: "relu",
			Seed: subSeed(cfg.seed, "optimizers/weights"),
		})
		if err != nil {
			return nil, err
		}
		opt, err := optimizer.New(name, 0)
		if err != nil {
			return nil, err
		}
		cs = append(cs, contender{name, net, opt, trainer.NewGuard(10), optimizerMarkers[name]})
	}
	return cs, nil
}

// optimizerBatches names the stream of the comparison's mini-batches.
const optimizerBatches = "optimizers/batches"

// accuracyEvery and accuracySamples are how often, in iterations, and on
// how many training and test images the comparison measures each network's
// accuracy: the book's Trainer measures on 1000 of each.
const (
	accuracyEvery   = 100
	accuracySamples = 1000
)

// accuracyCurves are the accuracies of the contenders of a comparison,
// measured after the same iterations.
type accuracyCurves struct {
	iters       []float64   // the iterations after which they were measured
	train, test [][]float64 // train[k][i]: contender k's accuracy after iters[i]
}

// compareOptimizerAccuracy trains the optimizerContenders as
// trainSideBySide does, on the same mini-batches, so the losses are the
// same, and measures each network's accuracy on the first samples
// training and test images every `every` iterations and after the last.
func compareOptimizerAccuracy(ctx context.Context, train, test trainer.Data, cfg mnistCompare, every, samples int, stderr io.Writer) ([]contender, [][]float64, *accuracyCurves, error) {
	cs, err := optimizerContenders(cfg)
	if err != nil {
		return nil, nil, nil, err
	}
	acc := &accuracyCurves{train: make([][]float64, len(cs)), test: make([][]float64, len(cs))}
	losses := make([][]float64, len(cs))
	for k, c := range cs {
		t := &trainer.Trainer{
			Net: c.net, Train: train, Optimizer: c.opt, BatchSize: cfg.batch,
			Rand:  newRand(cfg.seed, optimizerBatches),
			Iters: cfg.iters, NoEval: true, Guard: c.guard,
		}
		bar := progress.New(stderr, "optimizers "+c.name, cfg.iters)
		t.OnStep = progress.Train(bar, t, nil, func(iter int, _ float64) error {
			if done := iter + 1; done%every == 0 || done == cfg.iters {
				if k == 0 {
					acc.iters = append(acc.iters, float64(done))
				}
				acc.train[k] = append(acc.train[k], trainer.Accuracy(c.net, train, samples, 0))
				acc.test[k] = append(acc.test[k], trainer.Accuracy(c.net, test, samples, 0))
			}
			return nil
		})
		err := t.Run(ctx)
		bar.Done()
		if err != nil {
			return nil, nil, nil, fmt.Errorf("%s: %w", c.name, err)
		}
		losses[k] = t.TrainLoss
	}
	return cs, losses, acc, nil
}

// optimizerAccuracyChart draws each optimizer's accuracy against the
// iterations, on the training images and on the test images, side by side
// on one y range: from the lowest accuracy, rounded down to a multiple of
// 0.05, to 1.
func optimizerAccuracyChart(cs []contender, acc *accuracyCurves, samples int) *plot.Grid {
	lowest := 1.0
	for k := range cs {
		lowest = min(lowest, slices.Min(acc.train[k]), slices.Min(acc.test[k]))
	}
	lowest = math.Floor(lowest*20) / 20
	var panels []plot.Panel
	for _, set := range []struct {
		name string
		acc  [][]float64
	}{{"train", acc.train}, {"test", acc.test}} {
		c := &plot.Chart{
			Title:  set.name + " accuracy",
			X:      plot.Axis{Label: "iterations"},
			Y:      plot.Axis{Label: "accuracy", Min: lowest, Max: 1},
			Legend: plot.LegendLowerRight,
		}
		for k, con := range cs {
			s := c.Line(con.name, acc.iters, set.acc[k])
			s.Marker, s.MarkEvery = con.marker, max(1, len(acc.iters)/10)
		}
		panels = append(panels, c)
	}
	g := plot.NewGrid(1, 2, panels...)
	g.Title = fmt.Sprintf("MNIST 784-[100x4]-10: accuracy per optimizer (first %d images of each set)", samples)
	g.CellWidth, g.CellHeight = 560, 420
	return g
}

// printAccuracySummary prints each contender's last measured accuracies.
func printAccuracySummary(w io.Writer, cs []contender, acc *accuracyCurves, samples int) {
	last := len(acc.iters) - 1
	fmt.Fprintf(w, "\naccuracy after %g iterations, on the first %d images of each set:\n%-10s %9s %9s\n", acc.iters[last], samples, "", "train", "test")
	for k, c := range cs {
		fmt.Fprintf(w, "%-10s %9.4f %9.4f\n", c.name, acc.train[k][last], acc.test[k][last])
	}
}

// saveOptimizerWeights writes each contender's network into dir as
// optimizer_SGD.npz, optimizer_Momentum.npz, ... (network.Net.SaveParams)
// and returns their paths.
func saveOptimizerWeights(dir *cli.Dir, cs []contender) ([]string, error) {
	var paths []string
	for _, c := range cs {
		path, err := dir.File("optimizer_" + c.name + ".npz")
		if err != nil {
			return paths, err
		}
		if err := c.net.SaveParams(path); err != nil {
			return paths, err
		}
		paths = append(paths, path)
	}
	return paths, nil
}

// bookOptimizerLoss is what the book's NumPy script printed at iteration
// 1900 on this machine (it trains no Nesterov or RMSprop network).
var bookOptimizerLoss = map[string]string{"SGD": "0.10", "Momentum": "0.031", "AdaGrad": "0.009", "Adam": "0.011"}

// runOptimizers is the optimizers experiment: the paths on the valley,
// then the networks on MNIST with their accuracies, and with -save their
// weights.
func runOptimizers(e *env) error {
	paths, err := optimizerPaths(pathSteps)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%d updates from (%g, %g) on f(x, y) = x²/20 + y², minimum 0 at (0, 0):\n", pathSteps, pathStart[0], pathStart[1])
	for _, p := range paths {
		end := p.points[len(p.points)-1]
		fmt.Fprintf(e.stdout, "  %-9s lr %-5g ends at (%7.3f, %6.3f), f = %.4f\n", p.name, p.lr, end[0], end[1], valley(end[0], end[1]))
	}
	if err := writeChart(e, "optimizer_paths.svg", pathsChart(paths)); err != nil {
		return err
	}

	train, test, err := e.mnist(e.x)
	if err != nil {
		return err
	}
	cs, err := optimizersWithAccuracy(e, train, test)
	if err != nil || e.saveDir == nil {
		return err
	}
	saved, err := saveOptimizerWeights(e.saveDir, cs)
	for _, path := range saved {
		fmt.Fprintf(e.stdout, "wrote %s\n", path)
	}
	return err
}

// optimizersWithAccuracy is the MNIST half of the optimizers experiment
// with the accuracies: compareOnMNIST's table, summary and loss chart with
// compareOptimizerAccuracy, then the last accuracies and the chart
// optimizer_accuracy.svg. It returns the trained contenders, for
// saveOptimizerWeights.
func optimizersWithAccuracy(e *env, train, test trainer.Data) ([]contender, error) {
	var (
		trained []contender
		acc     *accuracyCurves
	)
	compare := func(ctx context.Context, train trainer.Data, cfg mnistCompare, stderr io.Writer) ([]contender, [][]float64, error) {
		cs, losses, curves, err := compareOptimizerAccuracy(ctx, train, test, cfg, accuracyEvery, accuracySamples, stderr)
		trained, acc = cs, curves
		return cs, losses, err
	}
	if err := compareOnMNIST(e, train, "He init", compare, bookOptimizerLoss,
		"optimizer_mnist.svg", "MNIST 784-[100x4]-10: smoothed training loss per optimizer", 1); err != nil {
		return nil, err
	}
	printAccuracySummary(e.stdout, trained, acc, accuracySamples)
	return trained, writeChart(e, "optimizer_accuracy.svg", optimizerAccuracyChart(trained, acc, accuracySamples))
}
