// What a run of the noise program writes and needs, declared to cli's Start
// so that every file and the memory are checked before any work: machinery,
// not the study.

package main

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"dlfs/common/cli"
	"dlfs/common/trainer"
)

// outputs are the files a run of c writes: -save, -log, and the pictures
// and tables in -out (for a sweep, by default in the current folder).
func outputs(c config) []cli.Output {
	pictures := strings.Fields(noiseRunFiles)
	need, log := cli.Needs(memoryFlag(c), memoryNeeded(c)), cli.File("-log", c.log, ".csv")
	switch c.mode {
	case "weights":
		return []cli.Output{cli.Folder("-out", c.out, pictures[2:]...)}
	case "train":
		return []cli.Output{need, cli.File("-save", c.save, ".npz"), log, cli.Folder("-out", c.out, pictures...)}
	case "sweep-lr", "sweep-hidden":
		name := strings.ReplaceAll(c.mode, "-", "_") // sweep_lr, sweep_hidden
		return []cli.Output{need, log, cli.Folder("-out", cmp.Or(c.out, "."), name+".svg", name+".csv")}
	}
	files := []string{"noise.csv", "noise.svg"}
	for level := 0; level <= c.sweep && c.out != ""; level += 5 {
		for _, p := range pictures {
			files = append(files, fmt.Sprintf("noise%02d/%s", level, p))
		}
	}
	return []cli.Output{need, log, cli.Folder("-out", cmp.Or(c.out, "."), files...)}
}

// memoryFlag names the settings memoryNeeded depends on, for its message.
func memoryFlag(c config) string {
	hidden := "-hidden " + (&cli.IntList{Values: c.study.hidden}).String()
	if c.mode == "sweep-hidden" {
		hidden = fmt.Sprintf("-sweep-hidden (up to %g units)", slices.Max(sweepSizes))
	}
	return fmt.Sprintf("%s with -batch %d", hidden, c.study.batch)
}

// memoryNeeded estimates the bytes a training run of c allocates beyond
// MNIST itself: for each network it keeps (one per level of a noise sweep)
// the parameters with their gradients, and for the largest batch that goes
// through a network (a mini-batch, or trainer.EvalChunk images when
// measuring the accuracy) its input, each hidden layer's output, mask and
// gradients, and the scores; and the loss curves, one per network trained.
func memoryNeeded(c config) uint64 {
	nets, curves, hidden := 1, 1, c.study.hidden
	switch c.mode {
	case "sweep":
		nets, curves = c.sweep/5+1, c.sweep/5+1
	case "sweep-lr":
		curves = len(sweepRates)
	case "sweep-hidden":
		curves, hidden = len(sweepSizes), []int{int(slices.Max(sweepSizes))}
	}
	weights, units := 0, 0
	in := 784
	for _, h := range append(slices.Clone(hidden), 10) {
		weights += in*h + h
		units += h
		in = h
	}
	total := uint64(0)
	for _, more := range []uint64{
		cli.Float64s(nets, 2, weights),
		cli.Float64s(max(c.study.batch, trainer.EvalChunk), 784+4*units),
		cli.Float64s(curves, c.study.iters),
	} {
		if total += more; total < more {
			return math.MaxUint64 // the sum overflowed: far too much anyway
		}
	}
	return total
}
