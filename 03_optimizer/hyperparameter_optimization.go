// The hyperparam experiment, the book's section 6.5
// (ch06/hyperparameter_optimization.py): a random search for the learning
// rate and the weight decay, each trial judged on validation data split off
// the training images, never on the test set.

package main

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"

	"dlfs/common/network"
	"dlfs/common/optimizer"
	"dlfs/common/plot"
	"dlfs/common/progress"
	"dlfs/common/trainer"
	"dlfs/dataset"
)

// hyperConfig are the settings of hyperparameter_optimization.py.
type hyperConfig struct {
	valRate               float64 // share of the images kept for validation
	trials, epochs, batch int
	lrExp, wdExp          [2]float64 // lr = 10^U(lrExp), weight decay = 10^U(wdExp)
	hidden                []int
	seed                  uint64
}

// bookHyper is the book's search: 20% validation, 100 trials with batches
// of 100, lr from 10^-6 to 10^-2 and weight decay from 10^-8 to 10^-4, on
// 784-[100x6]-10 ReLU. The book's 50 epochs are 50 measurements, those of
// epochs 0 to 49: pass 49.
func bookHyper(trials, epochs int, seed uint64) hyperConfig {
	return hyperConfig{
		valRate: 0.2, trials: trials, epochs: epochs, batch: 100,
		lrExp: [2]float64{-6, -2}, wdExp: [2]float64{-8, -4},
		hidden: []int{100, 100, 100, 100, 100, 100},
		seed:   seed,
	}
}

// A trial is one draw of the hyper-parameters and its accuracy per epoch.
type trial struct {
	n                int // 1 for the first trial drawn
	lr, weightDecay  float64
	valAcc, trainAcc []float64
}

// final is the book's val_acc_list[-1], by which trials are ranked.
func (t trial) final() float64 { return t.valAcc[len(t.valAcc)-1] }

// splitValidation shuffles the images of set (the book's shuffle_dataset)
// and returns the first rate of them as validation data and the rest as
// training data.
func splitValidation(set *dataset.Set, rate float64, seed uint64) (train, val *dataset.Set) {
	perm := newRand(seed, "hyperparam/shuffle").Perm(set.Len())
	n := int(float64(set.Len()) * rate)
	return pick(set, perm[n:]), pick(set, perm[:n])
}

// pick returns a new Set holding copies of the images idx of set, in that
// order.
func pick(set *dataset.Set, idx []int) *dataset.Set {
	s := *set
	size := set.Rows * set.Cols
	s.N = len(idx)
	s.Pixels = make([]uint8, 0, len(idx)*size)
	s.Labels = make([]uint8, 0, len(idx))
	for _, i := range idx {
		s.Pixels = append(s.Pixels, set.Image(i)...)
		s.Labels = append(s.Labels, uint8(set.Label(i)))
	}
	return &s
}

// logUniform returns 10^u for u uniform in [exp[0], exp[1]), the book's
// 10 ** np.random.uniform(low, high).
func logUniform(rng *rand.Rand, exp [2]float64) float64 {
	return math.Pow(10, exp[0]+(exp[1]-exp[0])*rng.Float64())
}

// hyperSearch runs the trials, each training a fresh network for
// cfg.epochs epochs through the book's Trainer and measuring it on val,
// prints one line per trial as the book does, and returns the trials ranked
// by final validation accuracy, best first (ties in the order drawn). The
// Trainers have no Guard: a trial with a learning rate of 10^-6 is meant to
// stay at chance, and the search to go on past it.
func hyperSearch(ctx context.Context, train, val trainer.Data, cfg hyperConfig, w io.Writer, bar *progress.Bar) ([]trial, error) {
	search := newRand(cfg.seed, "hyperparam/search")
	var trials []trial
	for k := range cfg.trials {
		// The book draws the weight decay first.
		wd := logUniform(search, cfg.wdExp)
		lr := logUniform(search, cfg.lrExp)
		net, err := network.NewMultiLayerNet(network.Config{
			InputSize: 784, HiddenSizes: cfg.hidden, OutputSize: 10,
			WeightDecayLambda: wd,
			Seed:              subSeed(cfg.seed, fmt.Sprintf("hyperparam/weights/%d", k)),
		})
		if err != nil {
			return nil, err
		}
		t := &trainer.Trainer{
			Net: net, Train: train, Test: val,
			Optimizer: optimizer.NewSGD(lr), BatchSize: cfg.batch,
			Rand:   newRand(cfg.seed, fmt.Sprintf("hyperparam/batches/%d", k)),
			Epochs: cfg.epochs, EvalChunk: trainer.EvalChunk,
		}
		if err := t.Run(ctx); err != nil {
			return nil, fmt.Errorf("trial %d (lr %g, weight decay %g): %w", k+1, lr, wd, err)
		}
		tr := trial{n: k + 1, lr: lr, weightDecay: wd, valAcc: t.TestAcc, trainAcc: t.TrainAcc}
		trials = append(trials, tr)
		bar.Println(w, fmt.Sprintf("val acc:%.4g | lr:%.4g, weight decay:%.4g", tr.final(), lr, wd))
		bar.Step(k + 1)
	}
	bar.Done()
	slices.SortStableFunc(trials, func(a, b trial) int { return cmp.Compare(b.final(), a.final()) })
	return trials, nil
}

// printBest prints the best n trials as the book does.
func printBest(w io.Writer, trials []trial, n int) {
	fmt.Fprintln(w, "=========== Hyper-Parameter Optimization Result ===========")
	for i, t := range trials[:min(n, len(trials))] {
		fmt.Fprintf(w, "Best-%d(val acc:%.4g) | lr:%.4g, weight decay:%.4g\n", i+1, t.final(), t.lr, t.weightDecay)
	}
}

// bestChart draws the book's grid of the best n trials: validation accuracy
// per epoch solid, training accuracy dashed, five panels to a row, each
// with its learning rate and weight decay under it.
func bestChart(trials []trial, n int) *plot.Grid {
	const cols = 5
	n = min(n, len(trials))
	rows := (n + cols - 1) / cols
	var panels []plot.Panel
	for i, t := range trials[:n] {
		c := &plot.Chart{
			Title:  fmt.Sprintf("Best-%d (val %.2f)", i+1, t.final()),
			X:      plot.Axis{Label: fmt.Sprintf("lr %.2g, wd %.2g", t.lr, t.weightDecay), HideTickLabels: i < (rows-1)*cols},
			Y:      plot.Axis{Min: 0, Max: 1, HideTickLabels: i%cols != 0},
			Legend: plot.LegendNone,
		}
		c.Line("validation", nil, t.valAcc).Color = plot.Palette[0]
		s := c.Line("train", nil, t.trainAcc)
		s.Color, s.Dashed = plot.Palette[1], true
		if i == 0 {
			c.Legend = plot.LegendLowerRight
		}
		panels = append(panels, c)
	}
	g := plot.NewGrid(rows, min(n, cols), panels...)
	g.Title = "The best trials of the random search: validation (solid) and training (dashed) accuracy per epoch"
	g.CellWidth, g.CellHeight = 250, 190
	return g
}

// searchChart draws every trial's final validation accuracy against its
// learning rate and against its weight decay, on log axes: where the good
// region lies, the book's next step in narrowing the search.
func searchChart(trials []trial) *plot.Grid {
	lr, wd, acc := make([]float64, len(trials)), make([]float64, len(trials)), make([]float64, len(trials))
	for i, t := range trials {
		lr[i], wd[i], acc[i] = t.lr, t.weightDecay, t.final()
	}
	var panels []plot.Panel
	for _, p := range []struct {
		label string
		x     []float64
	}{{"learning rate", lr}, {"weight decay", wd}} {
		c := &plot.Chart{
			Title:  "validation accuracy by " + p.label,
			X:      plot.Axis{Label: p.label, Log: true},
			Y:      plot.Axis{Label: "validation accuracy", Min: 0, Max: 1},
			Legend: plot.LegendNone,
		}
		c.Scatter("", p.x, acc).MarkerSize = 6
		panels = append(panels, c)
	}
	g := plot.NewGrid(1, 2, panels...)
	g.Title = fmt.Sprintf("Random search: final validation accuracy of %d trials", len(trials))
	g.CellWidth, g.CellHeight = 480, 360
	return g
}

// runHyperparam is the hyperparam experiment.
func runHyperparam(e *env) error {
	all, _, err := e.mnist(e.x)
	if err != nil {
		return err
	}
	cfg := bookHyper(e.trials, e.epochCount(), e.seed)
	train, val := splitValidation(all, cfg.valRate, e.seed)
	fmt.Fprintf(e.stdout, "%d training and %d validation images, 784-[100x6]-10 ReLU, SGD, batch %d, epochs 0 to %d per trial;\n",
		train.Len(), val.Len(), cfg.batch, cfg.epochs)
	fmt.Fprintf(e.stdout, "%d trials of lr = 10^U(%g, %g) and weight decay = 10^U(%g, %g):\n",
		cfg.trials, cfg.lrExp[0], cfg.lrExp[1], cfg.wdExp[0], cfg.wdExp[1])
	bar := progress.New(e.stderr, "hyperparam", cfg.trials)
	trials, err := hyperSearch(e.ctx, train, val, cfg, e.stdout, bar)
	if err != nil {
		return err
	}
	printBest(e.stdout, trials, e.top)
	fmt.Fprintln(e.stdout, "book: best validation accuracy 0.76")
	if err := writeChart(e, "hyperparameter_optimization.svg", bestChart(trials, e.top)); err != nil {
		return err
	}
	return writeChart(e, "hyperparameter_search.svg", searchChart(trials))
}
