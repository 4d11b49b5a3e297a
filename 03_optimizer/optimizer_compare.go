// The optimizers experiment, the book's section 6.1: the paths of the six
// update rules over f(x, y) = x²/20 + y² (ch06/optimizer_compare_naive.py),
// then the same rules training one MNIST network each on the same
// mini-batches (ch06/optimizer_compare_mnist.py).

package main

import (
	"context"
	"fmt"
	"io"

	"dlfs/common/network"
	"dlfs/common/optimizer"
	"dlfs/common/plot"
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

// compareOptimizers trains one ReLU network with He initial weights per
// optimizer (the book's defaults: lr 0.01 for all but Adam's 0.001), all from
// the same initial weights and on the same mini-batches, and returns the
// contenders and their losses per iteration.
func compareOptimizers(ctx context.Context, train trainer.Data, cfg mnistCompare, stderr io.Writer) ([]contender, [][]float64, error) {
	var cs []contender
	for _, name := range optimizer.Names {
		net, err := network.NewMultiLayerNet(network.Config{
			InputSize: 784, HiddenSizes: cfg.hidden, OutputSize: 10,
			Activation: "relu", WeightInitStd: "relu",
			Seed: subSeed(cfg.seed, "optimizers/weights"),
		})
		if err != nil {
			return nil, nil, err
		}
		opt, err := optimizer.New(name, 0)
		if err != nil {
			return nil, nil, err
		}
		cs = append(cs, contender{name, net, opt, trainer.NewGuard(10), optimizerMarkers[name]})
	}
	losses, err := trainSideBySide(ctx, cs, train, cfg.iters, cfg.batch, cfg.seed, "optimizers/batches", stderr, "optimizers")
	return cs, losses, err
}

// bookOptimizerLoss is what the book's NumPy script printed at iteration
// 1900 on this machine (it trains no Nesterov or RMSprop network).
var bookOptimizerLoss = map[string]string{"SGD": "0.10", "Momentum": "0.031", "AdaGrad": "0.009", "Adam": "0.011"}

// runOptimizers is the optimizers experiment.
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

	train, _, err := e.mnist(e.x)
	if err != nil {
		return err
	}
	return compareOnMNIST(e, train, "He init", compareOptimizers, bookOptimizerLoss,
		"optimizer_mnist.svg", "MNIST 784-[100x4]-10: smoothed training loss per optimizer", 1)
}
