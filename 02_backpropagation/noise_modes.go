// What the noise study's flags do (the mnist-from-scratch experiment of this
// chapter): -noise P trains one network at P% noise, -weights evaluates a
// saved one, -noise-sweep MAX trains one per level and tests each on every
// level. Each prints its results and writes the files asked for.

package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"dlfs/dataset"
)

// runNoiseStudy does what the noise flags ask for. The study's defaults
// (defaultNoiseConfig) hold for every setting not given on the command line.
func runNoiseStudy(cfg config, train, test *dataset.Set, stdout, stderr io.Writer) error {
	c := defaultNoiseConfig()
	c.debug = cfg.noise.debug
	if cfg.explicit["seed"] {
		c.seed = cfg.seed
	}
	if cfg.explicit["iters"] {
		c.iters = cfg.iters
	}
	if cfg.explicit["batch"] {
		c.batch = cfg.batch
	}
	if cfg.explicit["lr"] {
		c.lr = cfg.lr
	}
	if cfg.explicit["hidden"] {
		c.hidden = cfg.hidden
	}
	switch {
	case cfg.explicit["weights"]:
		return evaluateNoise(cfg.noise.weights, cfg.noise.level, c.seed, cfg.out, test, stdout)
	case cfg.explicit["noise-sweep"]:
		return runNoiseSweep(c, cfg.noise.sweep, cfg.out, train, test, stdout, stderr)
	default:
		return runNoise(c, cfg.noise.level, cfg.save, cfg.out, train, test, stdout, stderr)
	}
}

// runNoise trains a network on the training images with noise at level%
// and reports its accuracy on the test images with the same noise. save,
// if not empty, is the .npz file for its parameters; out, if not empty, the
// folder for its pictures.
func runNoise(c noiseConfig, level float64, save, out string, train, test *dataset.Set, stdout, stderr io.Writer) error {
	run, err := trainNoisy(c, level, train, test, stdout, stderr)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%d iterations in %.1f s, with the accuracies measured every %d\n", c.iters, run.elapsed.Seconds(), c.evalEvery)
	if save != "" {
		if err := saveParams(save, run.net.Params()); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "wrote the parameters to %s\n", save)
	}
	if out != "" {
		if err := writeNoiseRun(out, run, allLabels(test)); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "wrote %s to %s\n", noiseRunFiles, out)
	}
	fmt.Fprintf(stdout, "test accuracy at %g%% noise: %.4f\n", level, run.testAcc[len(run.testAcc)-1])
	return nil
}

// evaluateNoise loads the network saved in weights and reports its accuracy
// on the test images with noise at level%, drawn with seed. With out, it
// writes the pictures that need no training curves.
func evaluateNoise(weights string, level float64, seed uint64, out string, test *dataset.Set, stdout io.Writer) error {
	net, err := loadNoiseNet(weights)
	if err != nil {
		return err
	}
	noisyTest := newNoisySet(test, level, seed, testNoise)
	predicted := predictNoisy(net, noisyTest)
	if out != "" {
		if err := writeNetPictures(out, net, level, allLabels(test), predicted); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "wrote confusion.svg confusion.csv w1.png digits.png to %s\n", out)
	}
	fmt.Fprintf(stdout, "test accuracy of %s at %g%% noise: %.4f\n", weights, level, accuracyOf(predicted, noisyTest))
	return nil
}

// runNoiseSweep trains one network at each noise level 0, 5, ..., maxLevel,
// prints the table of their test accuracies at every level 0, 1, ...,
// maxLevel, and writes noise.csv and noise.svg to out (the current folder
// if out is empty). With out, each network's pictures go to a subfolder
// noise00, noise05, ..., the files of a -noise run at that level.
func runNoiseSweep(c noiseConfig, maxLevel int, out string, train, test *dataset.Set, stdout, stderr io.Writer) error {
	start := time.Now()
	s, err := trainNoiseSweep(c, maxLevel, train, test, stdout, stderr)
	if err != nil {
		return err
	}
	printNoiseTable(stdout, s)
	dir := out
	if dir == "" {
		dir = "."
	}
	if err := writeNoiseCSV(filepath.Join(dir, "noise.csv"), s); err != nil {
		return err
	}
	if err := noiseChart(s).WriteFile(filepath.Join(dir, "noise.svg")); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote noise.csv and noise.svg to %s\n", dir)
	if out != "" {
		labels := allLabels(test)
		for _, run := range s.runs {
			sub := filepath.Join(out, fmt.Sprintf("noise%02.0f", run.level))
			if err := os.MkdirAll(sub, 0o755); err != nil {
				return fmt.Errorf("-out %s: %w", out, err)
			}
			if err := writeNoiseRun(sub, run, labels); err != nil {
				return err
			}
		}
		fmt.Fprintf(stdout, "wrote %s of each network to %s\n", noiseRunFiles, filepath.Join(out, "noise*"))
	}
	fmt.Fprintf(stdout, "sweep took %.0f s\n", time.Since(start).Seconds())
	return nil
}

// allLabels returns the labels of every image of set, in order.
func allLabels(set *dataset.Set) []int {
	return set.LabelsOf(set.Range(0, set.Len()))
}
