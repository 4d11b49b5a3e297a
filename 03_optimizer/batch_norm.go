// The batchnorm experiment, the book's section 6.3.2 (ch06/batch_norm_test.py):
// the same deep network trained with and without batch normalization from
// initial weights of 16 scales, 1 down to 0.0001. Without it, only a narrow
// band of scales learns in the book's 20 epochs (0 to 19); with it, nearly all do, and faster.

package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"

	"dlfs/common/network"
	"dlfs/common/optimizer"
	"dlfs/common/plot"
	"dlfs/common/progress"
	"dlfs/common/trainer"
	"dlfs/dataset"
)

// bnConfig are the settings of batch_norm_test.py.
type bnConfig struct {
	epochs, batch int
	lr            float64
	hidden        []int
	scales        []float64 // initial weight stds, one pair of networks each
	seed          uint64
}

// bookBatchNorm is the book's setting: 784-[100x5]-10 ReLU, SGD lr 0.01,
// batch 100, weight scales np.logspace(0, -4, num=16), and epochs epochs
// (the book's 19: its 20 measurements are those of epochs 0 to 19).
func bookBatchNorm(epochs int, seed uint64) bnConfig {
	return bnConfig{
		epochs: epochs, batch: 100, lr: 0.01,
		hidden: []int{100, 100, 100, 100, 100},
		scales: logspace(0, -4, 16),
		seed:   seed,
	}
}

// logspace returns n numbers from 10^start to 10^stop, evenly spaced on a
// log scale: NumPy's np.logspace(start, stop, num=n), which raises 10 to
// np.linspace(start, stop, n), i*step + start with the last one exactly stop.
func logspace(start, stop float64, n int) []float64 {
	v := make([]float64, n)
	step := 0.0
	if n > 1 {
		step = (stop - start) / float64(n-1)
	}
	for i := range v {
		e := float64(i)*step + start
		if i == n-1 && n > 1 {
			e = stop
		}
		v[i] = math.Pow(10, e)
	}
	return v
}

// The two networks of each weight scale, as indices of bnRun's arrays.
const (
	withBN = 0
	noBN   = 1
)

// bnRun holds the training accuracy per epoch of the two networks that
// started from one weight scale, with batch norm (acc[withBN]) and without
// (acc[noBN]). A network whose loss became NaN or infinite stops training:
// diverged holds the iteration (else -1), and its accuracies from then on
// are NaN, which the chart leaves out. (The book keeps going on NaN weights
// and plots the accuracy of predicting class 0 for every image, about 0.1.)
type bnRun struct {
	scale    float64
	acc      [2][]float64
	diverged [2]int
}

// batchNormCompare trains, for each weight scale, a network with batch
// normalization and one without on the same mini-batches, and measures both
// on the whole training set once per epoch, as the book does.
func batchNormCompare(ctx context.Context, train *dataset.Set, cfg bnConfig, bar *progress.Bar) ([]bnRun, error) {
	var runs []bnRun
	for i, scale := range cfg.scales {
		r, err := batchNormPair(ctx, train, cfg, scale, i)
		if err != nil {
			return nil, err
		}
		runs = append(runs, r)
		bar.Step(i + 1)
	}
	bar.Done()
	return runs, nil
}

// batchNormPair is the book's __train(weight_init_std) for the i-th scale:
// both networks draw the same normal numbers for their weights, scaled by
// scale, and their Trainers the same mini-batches from streams seeded alike,
// so batch normalization is the only difference. A network started at a
// large scale begins far above chance and one at a small scale may stay
// there, so neither has a Guard: a NaN loss alone stops it. The book
// measures the training set only; the empty test set costs nothing.
func batchNormPair(ctx context.Context, train *dataset.Set, cfg bnConfig, scale float64, i int) (bnRun, error) {
	run := bnRun{scale: scale, diverged: [2]int{-1, -1}}
	for k, useBN := range []bool{true, false} {
		net, err := network.NewMultiLayerNet(network.Config{
			InputSize: 784, HiddenSizes: cfg.hidden, OutputSize: 10,
			WeightInitStd: strconv.FormatFloat(scale, 'g', -1, 64),
			UseBatchnorm:  useBN,
			Seed:          subSeed(cfg.seed, "batchnorm/weights"),
		})
		if err != nil {
			return run, err
		}
		t := &trainer.Trainer{
			Net: net, Train: train, Test: train.Head(0),
			Optimizer: optimizer.NewSGD(cfg.lr), BatchSize: cfg.batch,
			Rand:   newRand(cfg.seed, fmt.Sprintf("batchnorm/batches/%d", i)),
			Epochs: cfg.epochs, EvalChunk: trainer.EvalChunk,
		}
		err = t.Run(ctx)
		if errors.Is(err, trainer.ErrDiverged) {
			run.diverged[k] = len(t.TrainLoss) // the iteration whose loss was not finite
		} else if err != nil {
			return run, err
		}
		acc := t.TrainAcc
		for len(acc) < cfg.epochs+1 {
			acc = append(acc, math.NaN())
		}
		run.acc[k] = acc
	}
	return run, nil
}

// printBatchNorm prints the training accuracy of each pair after the last
// epoch, or the iteration at which a network diverged.
func printBatchNorm(w io.Writer, runs []bnRun) {
	fmt.Fprintf(w, "%-10s %-14s %-14s (training accuracy after the last epoch)\n", "W scale", "with BN", "without")
	for _, r := range runs {
		fmt.Fprintf(w, "%-10.4g", r.scale)
		for k := range r.acc {
			if r.diverged[k] >= 0 {
				fmt.Fprintf(w, " %-14s", fmt.Sprintf("diverged (%d)", r.diverged[k]))
			} else {
				fmt.Fprintf(w, " %-14.3f", r.acc[k][len(r.acc[k])-1])
			}
		}
		fmt.Fprintln(w)
	}
}

// batchNormChart draws the book's 4x4 grid: for each scale the training
// accuracy per epoch, solid with batch norm and dashed without. A network
// that diverged has no curve, and "NaN" in the panel's title.
func batchNormChart(runs []bnRun) *plot.Grid {
	cols := 4
	rows := (len(runs) + cols - 1) / cols
	var panels []plot.Panel
	for i, r := range runs {
		lastRow := i >= (rows-1)*cols
		c := &plot.Chart{
			Title:  fmt.Sprintf("W: %.4g", r.scale),
			X:      plot.Axis{HideTickLabels: !lastRow},
			Y:      plot.Axis{Min: 0, Max: 1, HideTickLabels: i%cols != 0},
			Legend: plot.LegendNone,
		}
		if lastRow {
			c.X.Label = "epochs"
		}
		if i%cols == 0 {
			c.Y.Label = "accuracy"
		}
		for k, name := range []string{"BN", "no BN"} {
			if r.diverged[k] >= 0 {
				c.Title += fmt.Sprintf(", %s: NaN", name)
			}
		}
		c.Line("Batch Normalization", nil, r.acc[withBN]).Color = plot.Palette[0]
		s := c.Line("Normal (without BatchNorm)", nil, r.acc[noBN])
		s.Color, s.Dashed = plot.Palette[1], true
		if i == len(runs)-1 {
			c.Legend = plot.LegendBest
		}
		panels = append(panels, c)
	}
	g := plot.NewGrid(rows, cols, panels...)
	g.Title = "Training accuracy with (solid) and without (dashed) batch normalization, by initial weight std"
	g.CellWidth, g.CellHeight = 300, 210
	return g
}

// runBatchNorm is the batchnorm experiment.
func runBatchNorm(e *env) error {
	train, _, err := e.mnist(e.x)
	if err != nil {
		return err
	}
	cfg := bookBatchNorm(e.epochCount(), e.seed)
	fmt.Fprintf(e.stdout, "%d training images, 784-[100x5]-10 ReLU, SGD lr %g, batch %d, epochs 0 to %d, %d weight scales:\n",
		train.Len(), cfg.lr, cfg.batch, cfg.epochs, len(cfg.scales))
	bar := progress.New(e.stderr, "batchnorm", len(cfg.scales))
	runs, err := batchNormCompare(e.ctx, train, cfg, bar)
	if err != nil {
		return err
	}
	printBatchNorm(e.stdout, runs)
	return writeChart(e, "batch_norm.svg", batchNormChart(runs))
}
