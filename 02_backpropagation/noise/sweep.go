// The hyper-parameter sweeps of the noise study (mnist-from-scratch's
// change_lr.py and change_neuron_num.py): one network trained per learning
// rate, or per hidden-layer size, with everything else as in the study, and
// the final train and test accuracy of each, as a chart and a CSV file; and
// the per-iteration loss log a run writes on request.

package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"dlfs/common/atomicfile"
	"dlfs/common/cli"
	"dlfs/common/plot"
	"dlfs/common/trainer"
	"dlfs/dataset"
)

// sweepRates are the learning rates of the learning-rate sweep, from 0.05 to
// 1.0 as change_lr.py sweeps them.
var sweepRates = []float64{0.05, 0.1, 0.2, 0.4, 0.6, 0.8, 1.0}

// sweepSizes are the hidden-layer sizes of change_neuron_num.py's
// neuron_num_list, from 10 to 1000 (784 is the input's size).
var sweepSizes = []float64{10, 100, 400, 784, 1000}

// sweepResult is one sweep: a network trained for each value of one
// setting, and what each reached.
type sweepResult struct {
	name   string    // the file name's stem and the CSV's first column: "lr" or "hidden"
	label  string    // the x axis' label
	title  string    // the chart's title
	logX   bool      // draw the values on a log axis
	values []float64 // the setting of each network

	trainAcc, testAcc []float64   // each network's final accuracies
	losses            [][]float64 // each network's loss per iteration
}

// sweepLearningRate trains one study network (c, at noise level%) for each
// learning rate in rates, and returns their final accuracies and losses.
// It prints one line per network to stdout; progress goes to stderr.
func sweepLearningRate(ctx context.Context, c noiseConfig, level float64, rates []float64, train, test *dataset.Set, stdout, stderr io.Writer) (*sweepResult, error) {
	s := &sweepResult{
		name: "lr", label: "learning rate", values: rates,
		title: fmt.Sprintf("accuracy against learning rate (%d iterations, noise %g%%)", c.iters, level),
	}
	return s, s.run(ctx, c, level, func(c *noiseConfig, v float64) { c.lr = v }, train, test, stdout, stderr)
}

// sweepHiddenSize trains one study network (c, at noise level%) for each
// hidden-layer size in sizes (whole numbers of units, one hidden layer), and
// returns their final accuracies and losses, drawn on a log axis as
// change_neuron_num.py draws them. It prints one line per network to
// stdout; progress goes to stderr.
func sweepHiddenSize(ctx context.Context, c noiseConfig, level float64, sizes []float64, train, test *dataset.Set, stdout, stderr io.Writer) (*sweepResult, error) {
	for _, v := range sizes {
		if v < 1 || v != float64(int(v)) {
			return nil, fmt.Errorf("hidden-layer sweep: size %v; want a whole number of units, at least 1", v)
		}
	}
	s := &sweepResult{
		name: "hidden", label: "hidden units (log scale)", values: sizes, logX: true,
		title: fmt.Sprintf("accuracy against hidden layer size (%d iterations, lr %g, noise %g%%)", c.iters, c.lr, level),
	}
	return s, s.run(ctx, c, level, func(c *noiseConfig, v float64) { c.hidden = []int{int(v)} }, train, test, stdout, stderr)
}

// runSweep runs the sweep of mode, "sweep-lr" (sweepLearningRate over
// sweepRates) or "sweep-hidden" (sweepHiddenSize over sweepSizes), of the
// study's network c at noise level%: it prints a line per network, writes
// the chart and the CSV into out, and, with logPath, the loss of every
// network at every iteration (writeSweepLog).
func runSweep(ctx context.Context, mode string, c noiseConfig, level float64, out *cli.Dir, logPath string, train, test *dataset.Set, stdout, stderr io.Writer) error {
	start := time.Now()
	var s *sweepResult
	var err error
	if mode == "sweep-lr" {
		s, err = sweepLearningRate(ctx, c, level, sweepRates, train, test, stdout, stderr)
	} else {
		s, err = sweepHiddenSize(ctx, c, level, sweepSizes, train, test, stdout, stderr)
	}
	if _, diverged := errors.AsType[*trainer.DivergedError](err); diverged && mode == "sweep-lr" {
		// Not wrapped, so that main adds no advice on -lr, which this
		// sweep does not read.
		return fmt.Errorf("%v (the sweep's rates are fixed: this network does not train at that rate)", err)
	} else if err != nil {
		return err
	}
	names, err := writeSweep(out, s)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s to %s\n", strings.Join(names, " and "), out.Path())
	if logPath != "" {
		if err := writeSweepLog(logPath, s); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "wrote the loss of every network at every iteration to %s\n", logPath)
	}
	fmt.Fprintf(stdout, "sweep took %.0f s\n", time.Since(start).Seconds())
	return nil
}

// run trains a network for each of s.values, set into a copy of c by set,
// with the same seed, so that the networks differ by that setting alone.
func (s *sweepResult) run(ctx context.Context, c noiseConfig, level float64, set func(*noiseConfig, float64), train, test *dataset.Set, stdout, stderr io.Writer) error {
	for _, v := range s.values {
		cv := c
		set(&cv, v)
		run, err := trainNoisy(ctx, cv, level, train, test, nil, stderr)
		if err != nil {
			return fmt.Errorf("%s sweep, %s %g: %w", s.name, s.name, v, err)
		}
		last := len(run.testAcc) - 1
		fmt.Fprintf(stdout, "%s %g: train acc %.4f, test acc %.4f (%.1f s)\n", s.name, v, run.trainAcc[last], run.testAcc[last], run.elapsed.Seconds())
		s.trainAcc = append(s.trainAcc, run.trainAcc[last])
		s.testAcc = append(s.testAcc, run.testAcc[last])
		s.losses = append(s.losses, run.loss)
	}
	return nil
}

// chart draws the final train and test accuracy against the swept setting,
// with a marker at each network.
func (s *sweepResult) chart() *plot.Chart {
	c := &plot.Chart{
		Title:  s.title,
		X:      plot.Axis{Label: s.label, Log: s.logX},
		Y:      plot.Axis{Label: "accuracy"},
		Legend: plot.LegendLowerRight,
		Width:  700,
	}
	c.Line("train acc", s.values, s.trainAcc).Marker = plot.Circle
	test := c.Line("test acc", s.values, s.testAcc)
	test.Marker, test.Dashed = plot.Square, true
	return c
}

// csv returns the sweep as CSV: a header "lr,train_acc,test_acc" (or
// "hidden,...") and a row per network.
func (s *sweepResult) csv() []byte {
	var b bytes.Buffer
	b.WriteString(s.name + ",train_acc,test_acc\n")
	for i, v := range s.values {
		fmt.Fprintf(&b, "%s,%.4f,%.4f\n", strconv.FormatFloat(v, 'g', -1, 64), s.trainAcc[i], s.testAcc[i])
	}
	return b.Bytes()
}

// writeSweep writes the sweep into out as sweep_lr.svg and sweep_lr.csv (or
// sweep_hidden.svg and sweep_hidden.csv) and returns their names.
func writeSweep(out *cli.Dir, s *sweepResult) ([]string, error) {
	svg, csvName := "sweep_"+s.name+".svg", "sweep_"+s.name+".csv"
	if _, err := out.Write(svg, s.chart()); err != nil {
		return nil, err
	}
	path, err := out.File(csvName)
	if err != nil {
		return nil, err
	}
	if err := atomicfile.WriteBytes(path, s.csv()); err != nil {
		return nil, err
	}
	return []string{svg, csvName}, nil
}

// writeLossLog writes the loss of every iteration to path as CSV, exactly
// (the shortest decimal that reads back as the same float64): "iter,loss"
// and a row per iteration counted from 1: the log of one run (key "", values
// nil, losses holding its one curve) or of a sweep (key "lr" or "hidden",
// the sweep's values, and one curve per network: rows "lr,iter,loss").
func writeLossLog(path, key string, values []float64, losses [][]float64) error {
	if key != "" && len(values) != len(losses) {
		return fmt.Errorf("loss log %s: %d values of %s for %d runs", path, len(values), key, len(losses))
	}
	var b bytes.Buffer
	if key != "" {
		b.WriteString(key + ",")
	}
	b.WriteString("iter,loss\n")
	for k, loss := range losses {
		for i, l := range loss {
			if key != "" {
				b.WriteString(strconv.FormatFloat(values[k], 'g', -1, 64) + ",")
			}
			fmt.Fprintf(&b, "%d,%s\n", i+1, strconv.FormatFloat(l, 'g', -1, 64))
		}
	}
	return atomicfile.WriteBytes(path, b.Bytes())
}

// writeSweepLog writes the per-iteration loss of every network of s to path
// (writeLossLog).
func writeSweepLog(path string, s *sweepResult) error {
	return writeLossLog(path, s.name, s.values, s.losses)
}
