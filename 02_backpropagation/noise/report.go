// The study's reports: -p P trains one network at P% noise, -weights
// evaluates a saved one, -sweep MAX trains one per level and tests each on
// every level. Each prints its results and writes the files asked for.

package main

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"strings"
	"time"

	"dlfs/common/cli"
	"dlfs/common/trainer"
	"dlfs/dataset"
)

// runNoise trains a network on the training images with noise at level%
// and reports its accuracy on the test images with the same noise. save,
// if not empty, is the .npz file for its parameters; out, if not nil, the
// folder for its pictures.
func runNoise(ctx context.Context, c noiseConfig, level float64, save string, out *cli.Dir, train, test *dataset.Set, stdout, stderr io.Writer) error {
	run, err := trainNoisy(ctx, c, level, train, test, stdout, stderr)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%d iterations in %.1f s, with the accuracies measured every %d\n", c.iters, run.elapsed.Seconds(), c.evalEvery)
	if save != "" {
		if err := run.net.SaveParams(save); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "wrote the parameters to %s\n", save)
	}
	if out != nil {
		if err := writeNoiseRun(out, "", run, allLabels(test)); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "wrote %s to %s\n", noiseRunFiles, out.Path())
	}
	fmt.Fprintf(stdout, "test accuracy at %g%% noise: %.4f\n", level, run.testAcc[len(run.testAcc)-1])
	return nil
}

// evaluateNoise loads the network saved in weights and reports its accuracy
// on the test images with noise at level%, drawn with seed. With out, it
// writes the pictures that need no training curves.
func evaluateNoise(weights string, level float64, seed uint64, out *cli.Dir, test *dataset.Set, stdout io.Writer) error {
	net, err := loadNoiseNet(weights)
	if err != nil {
		return err
	}
	noisyTest := newNoisySet(test, level, seed, testNoise)
	if out != nil {
		if err := writeNetPictures(out, "", net, level, allLabels(test), predictAll(net, noisyTest)); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "wrote confusion.svg confusion.csv w1.png digits.png to %s\n", out.Path())
	}
	fmt.Fprintf(stdout, "test accuracy of %s at %g%% noise: %.4f\n", weights, level, trainer.Accuracy(net, noisyTest, 0, trainer.EvalChunk))
	return nil
}

// runNoiseSweep trains one network at each noise level 0, 5, ..., maxLevel,
// prints the table of their test accuracies at every level 0, 1, ...,
// maxLevel, and writes noise.csv and noise.svg into out; with pictures, also
// each network's pictures, the files of a -p run at that level, into its
// subfolders noise00, noise05, ...
func runNoiseSweep(ctx context.Context, c noiseConfig, maxLevel int, out *cli.Dir, pictures bool, train, test *dataset.Set, stdout, stderr io.Writer) error {
	start := time.Now()
	s, err := trainNoiseSweep(ctx, c, maxLevel, train, test, stdout, stderr)
	if err != nil {
		return err
	}
	printNoiseTable(stdout, s)
	csvPath, err := out.File("noise.csv")
	if err != nil {
		return err
	}
	if err := writeNoiseCSV(csvPath, s); err != nil {
		return err
	}
	if _, err := out.Write("noise.svg", noiseChart(s)); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote noise.csv and noise.svg to %s\n", out.Path())
	if pictures {
		labels := allLabels(test)
		for _, run := range s.runs {
			if err := writeNoiseRun(out, fmt.Sprintf("noise%02.0f", run.level), run, labels); err != nil {
				return err
			}
		}
		fmt.Fprintf(stdout, "wrote %s of each network to %s\n", noiseRunFiles, filepath.Join(out.Path(), "noise*"))
	}
	fmt.Fprintf(stdout, "sweep took %.0f s\n", time.Since(start).Seconds())
	return nil
}

// allLabels returns the labels of every image of set, in order.
func allLabels(set *dataset.Set) []int {
	return set.LabelsOf(set.Range(0, set.Len()))
}

// memoryFlag names the settings memoryNeeded depends on, for its message.
func memoryFlag(c config) string {
	return fmt.Sprintf("-hidden %s with -batch %d", (&cli.IntList{Values: c.study.hidden}).String(), c.study.batch)
}

// memoryNeeded estimates the bytes a training run of c allocates beyond
// MNIST itself: for each network it keeps (one per level of a sweep) the
// parameters with their gradients, and for the largest batch that goes
// through a network (a mini-batch, or trainer.EvalChunk images when measuring the
// accuracy) its input, each hidden layer's output, mask and gradients, and
// the scores; and the loss curves.
func memoryNeeded(c config) uint64 {
	nets := 1
	if c.mode == "sweep" {
		nets = c.sweep/5 + 1
	}
	weights, units := 0, 0
	in := 784
	for _, h := range append(append([]int{}, c.study.hidden...), 10) {
		weights += in*h + h
		units += h
		in = h
	}
	total := uint64(0)
	for _, more := range []uint64{
		cli.Float64s(nets, 2, weights),
		cli.Float64s(max(c.study.batch, trainer.EvalChunk), 784+4*units),
		cli.Float64s(nets, c.study.iters),
	} {
		if total += more; total < more {
			return math.MaxUint64 // the sum overflowed: far too much anyway
		}
	}
	return total
}

// outputs are the files a run of c writes: -save, and the pictures and
// tables in -out (for a sweep, by default in the current folder).
func outputs(c config) []cli.Output {
	pictures := strings.Fields(noiseRunFiles)
	switch c.mode {
	case "weights":
		return []cli.Output{cli.Folder("-out", c.out, pictures[2:]...)}
	case "train":
		return []cli.Output{cli.Needs(memoryFlag(c), memoryNeeded(c)), cli.File("-save", c.save, ".npz"), cli.Folder("-out", c.out, pictures...)}
	}
	files := []string{"noise.csv", "noise.svg"}
	for level := 0; level <= c.sweep && c.out != ""; level += 5 {
		for _, p := range pictures {
			files = append(files, fmt.Sprintf("noise%02d/%s", level, p))
		}
	}
	return []cli.Output{cli.Needs(memoryFlag(c), memoryNeeded(c)), cli.Folder("-out", cmp.Or(c.out, "."), files...)}
}
