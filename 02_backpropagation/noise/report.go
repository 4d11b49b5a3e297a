// The study's reports: -p P trains one network at P% noise, -weights
// evaluates a saved one, -sweep MAX trains one per level and tests each on
// every level. Each prints its results and writes the files asked for.

package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"dlfs/common/cli"
	"dlfs/common/trainer"
	"dlfs/dataset"
)

// runNoise trains a network on the training images with noise at level%
// and reports its accuracy on the test images with the same noise. save,
// if not empty, is the .npz file for its parameters; logPath, if not empty,
// the CSV file for its loss at every iteration; out, if not nil, the folder
// for its pictures.
func runNoise(ctx context.Context, c noiseConfig, level float64, save, logPath string, out *cli.Dir, train, test *dataset.Set, stdout, stderr io.Writer) error {
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
	if logPath != "" {
		if err := writeLossLog(logPath, "", nil, [][]float64{run.loss}); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "wrote the loss of every iteration to %s\n", logPath)
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
// subfolders noise00, noise05, ...; with logPath, the loss of every network
// at every iteration, in rows "noise,iter,loss".
func runNoiseSweep(ctx context.Context, c noiseConfig, maxLevel int, out *cli.Dir, pictures bool, logPath string, train, test *dataset.Set, stdout, stderr io.Writer) error {
	start := time.Now()
	s, err := trainNoiseSweep(ctx, c, maxLevel, train, test, stdout, stderr)
	if err != nil {
		return err
	}
	printNoiseTable(stdout, s)
	if logPath != "" {
		losses := make([][]float64, len(s.runs))
		for i, run := range s.runs {
			losses[i] = run.loss
		}
		if err := writeLossLog(logPath, "noise", s.trainLevels, losses); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "wrote the loss of every network at every iteration to %s\n", logPath)
	}
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
