// The weightdecay and dropout experiments, the book's section 6.4
// (ch06/overfit_weight_decay.py and ch06/overfit_dropout.py): a deep network
// trained on only 300 images learns them by heart and does much worse on the
// test set. Weight decay and dropout narrow the gap between the two curves.
// With -baseline, the same network is also trained from the same initial
// weights on the same mini-batches without regularization (the book's
// Figure 6-20), and the chart shows the gap with and without side by side.

package main

import (
	"context"
	"fmt"
	"io"

	"dlfs/common/network"
	"dlfs/common/optimizer"
	"dlfs/common/plot"
	"dlfs/common/progress"
	"dlfs/common/trainer"
)

// overfitConfig are the settings of the overfitting scripts.
type overfitConfig struct {
	epochs, batch int
	lr            float64
	hidden        []int
	lambda        float64 // weight decay; 0 for none
	dropout       float64 // dropout ratio; 0 for no Dropout layers
	seed          uint64
}

// bookOverfit is the book's network and training: 784-[100x6]-10 ReLU with
// He initial weights, SGD lr 0.01, batches of 100.
func bookOverfit(epochs int, seed uint64) overfitConfig {
	return overfitConfig{epochs: epochs, batch: 100, lr: 0.01, hidden: []int{100, 100, 100, 100, 100, 100}, seed: seed}
}

// overfitRun is the accuracy per epoch of one run.
type overfitRun struct {
	name              string
	trainAcc, testAcc []float64
}

// finalTest is the test accuracy measured after the run's last iteration.
func (r overfitRun) finalTest() float64 { return r.testAcc[len(r.testAcc)-1] }

// overfitTrain trains one network as the book's overfitting scripts do,
// through its Trainer, and returns its accuracies. The network's initial
// weights and the mini-batches depend on the seed alone, not on lambda or
// dropout. Progress goes to log under the given label. Only the network
// without regularization has a Guard: with weight decay the loss includes
// 0.5 lambda sum(W²), about 70 at the start for lambda 0.1, far above the
// Guard's blow-up limit, and with dropout 0.2 the training accuracy is
// still 0.25 at epoch 120, a loss near chance that a longer -epochs would
// keep for more than the Guard's 1000 iterations; those stop on NaN alone.
func overfitTrain(ctx context.Context, name string, train, test trainer.Data, cfg overfitConfig, log io.Writer, label string) (overfitRun, error) {
	net, err := network.NewMultiLayerNet(network.Config{
		InputSize: 784, HiddenSizes: cfg.hidden, OutputSize: 10,
		WeightDecayLambda: cfg.lambda,
		UseDropout:        cfg.dropout > 0,
		DropoutRatio:      cfg.dropout,
		Seed:              subSeed(cfg.seed, "overfit/weights"),
	})
	if err != nil {
		return overfitRun{}, err
	}
	t := &trainer.Trainer{
		Net: net, Train: train, Test: test,
		Optimizer: optimizer.NewSGD(cfg.lr), BatchSize: cfg.batch,
		Rand:   newRand(cfg.seed, "overfit/batches"),
		Epochs: cfg.epochs, EvalChunk: trainer.EvalChunk,
	}
	if cfg.lambda == 0 && cfg.dropout == 0 {
		t.Guard = trainer.NewGuard(10)
	}
	bar := progress.New(log, label, t.TotalIters())
	t.OnStep = progress.Train(bar, t, nil, nil)
	err = t.Run(ctx)
	if bar.Done(); err != nil {
		return overfitRun{}, fmt.Errorf("%s: %w", name, err)
	}
	return overfitRun{name, t.TrainAcc, t.TestAcc}, nil
}

// overfitRuns trains the regularized network named name, and when baseline
// is set, the same one without regularization, and returns their runs.
func overfitRuns(e *env, label, name string, cfg overfitConfig, baseline bool) ([]overfitRun, error) {
	train, test, err := e.mnist(e.x)
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(e.stdout, "%d training images, 784-[100x6]-10 ReLU, SGD lr %g, batch %d, epochs 0 to %d; accuracy on the %d training and %d test images:\n",
		train.Len(), cfg.lr, cfg.batch, cfg.epochs, train.Len(), test.Len())
	configs := []overfitConfig{cfg}
	names := []string{name}
	if baseline {
		plain := cfg
		plain.lambda, plain.dropout = 0, 0
		configs = append(configs, plain)
		names = append(names, "no regularization")
	}
	var runs []overfitRun
	for k, c := range configs {
		run, err := overfitTrain(e.ctx, names[k], train, test, c, e.stderr, fmt.Sprintf("%s (%s)", label, names[k]))
		if err != nil {
			return nil, err
		}
		runs = append(runs, run)
	}
	return runs, nil
}

// printOverfit prints the accuracies every few epochs and at the last, with
// the gap between train and test, for each run side by side.
func printOverfit(w io.Writer, runs []overfitRun) {
	fmt.Fprintf(w, "%6s", "")
	for _, r := range runs {
		fmt.Fprintf(w, " | %-22s", r.name)
	}
	fmt.Fprintf(w, "\n%6s", "epoch")
	for range runs {
		fmt.Fprintf(w, " | %6s %6s %6s", "train", "test", "gap")
	}
	fmt.Fprintln(w)
	last := len(runs[0].trainAcc) - 1
	step := max(last/10, 1)
	for ep := 0; ep <= last; ep++ {
		if ep%step != 0 && ep != last {
			continue
		}
		fmt.Fprintf(w, "%6d", ep)
		for _, r := range runs {
			fmt.Fprintf(w, " | %6.3f %6.3f %6.3f", r.trainAcc[ep], r.testAcc[ep], r.trainAcc[ep]-r.testAcc[ep])
		}
		fmt.Fprintln(w)
	}
}

// overfitChart draws train (solid, circles) and test (dashed, squares)
// accuracy per epoch, one panel per run, as the book's Figures 6-20, 6-21
// and 6-23.
func overfitChart(trainSize int, runs []overfitRun) *plot.Grid {
	title := fmt.Sprintf("Overfitting %d images: accuracy per epoch", trainSize)
	var panels []plot.Panel
	for _, r := range runs {
		c := &plot.Chart{
			Title:  r.name,
			X:      plot.Axis{Label: "epochs"},
			Y:      plot.Axis{Label: "accuracy", Min: 0, Max: 1},
			Legend: plot.LegendLowerRight,
		}
		if len(runs) == 1 {
			c.Title, title = fmt.Sprintf("Overfitting %d images, %s: accuracy per epoch", trainSize, r.name), ""
		}
		tr := c.Line("train", nil, r.trainAcc)
		tr.Marker, tr.MarkEvery = plot.Circle, 10
		te := c.Line("test", nil, r.testAcc)
		te.Marker, te.MarkEvery, te.Dashed = plot.Square, 10, true
		panels = append(panels, c)
	}
	g := plot.NewGrid(1, len(panels), panels...)
	g.Title = title
	g.CellWidth, g.CellHeight = 620, 420
	return g
}

// runWeightDecay is the weightdecay experiment.
func runWeightDecay(e *env) error {
	cfg := bookOverfit(e.epochCount(), e.seed)
	cfg.lambda = e.lambda
	return runOverfit(e, "weightdecay", fmt.Sprintf("weight decay %g", cfg.lambda), cfg,
		"overfit_weight_decay.svg", "book (overfit_weight_decay.py, lambda 0.1), epoch 200: train 0.86, test 0.71")
}

// runDropout is the dropout experiment.
func runDropout(e *env) error {
	cfg := bookOverfit(e.epochCount(), e.seed)
	cfg.dropout = e.dropout
	return runOverfit(e, "dropout", fmt.Sprintf("dropout %g", cfg.dropout), cfg,
		"overfit_dropout.svg", "book (overfit_dropout.py, ratio 0.2), epoch 300: train 0.62, test 0.49")
}

// runOverfit trains the regularized network cfg (and, with -baseline, the
// same one without regularization), prints the accuracies beside the book's
// line, and writes their chart to the file chart of the -out folder.
func runOverfit(e *env, experiment, name string, cfg overfitConfig, chart, book string) error {
	runs, err := overfitRuns(e, experiment, name, cfg, e.baseline)
	if err != nil {
		return err
	}
	printOverfit(e.stdout, runs)
	fmt.Fprintln(e.stdout, book)
	fmt.Fprintf(e.stdout, "test accuracy: %.4f\n", runs[0].finalTest())
	return writeChart(e, chart, overfitChart(orBook(e.trainSize, e.x.trainSize), runs))
}
