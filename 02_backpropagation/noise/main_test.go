// End-to-end tests of the noise program through run: the study's defaults,
// -hidden as a list, -save and -weights agree, a sweep writes every file,
// the same seed gives the same numbers, and flags a mode ignores or bad
// values are usage errors.

package main

import (
	"context"
	"errors"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"dlfs/common/cli"
	"dlfs/common/cli/clitest"
	"dlfs/common/npy"
	"dlfs/dataset/datasettest"
)

// TestTrainAndWeights runs -p with and without -hidden and checks the saved
// network's shapes: 784-100-10 by default, the given layers otherwise; then
// -weights evaluates the file to the accuracy the run printed.
func TestTrainAndWeights(t *testing.T) {
	dir := datasettest.MNISTDir(t)
	tmp := t.TempDir()
	for _, tc := range []struct {
		args   []string
		shapes map[string][]int
	}{
		{nil, map[string][]int{"W1": {784, 100}, "b1": {100}, "W2": {100, 10}, "b2": {10}}},
		{[]string{"-hidden", "30,20"}, map[string][]int{"W1": {784, 30}, "W2": {30, 20}, "W3": {20, 10}, "b3": {10}}},
	} {
		save := filepath.Join(tmp, "w.npz")
		args := append([]string{"-data", dir, "-train-size", "1000", "-iters", "20", "-p", "7.5", "-save", save}, tc.args...)
		stdout, _, err := runProgram(t, args...)
		if err != nil {
			t.Fatalf("%q: %v", args, err)
		}
		if !strings.Contains(stdout, "20 iterations in") || !strings.Contains(stdout, "iteration    20: train acc") {
			t.Errorf("%q printed no accuracies at iteration 20:\n%s", args, stdout)
		}
		arrays, err := npy.Load(save)
		if err != nil {
			t.Fatal(err)
		}
		for name, shape := range tc.shapes {
			if a := arrays[name]; a == nil || !slices.Equal(a.Shape, shape) {
				t.Errorf("%q: saved %s is %v, want shape %v", args, name, a, shape)
			}
		}
		trained := lastField(stdout)

		evalOut, _, err := runProgram(t, "-data", dir, "-weights", save, "-p", "7.5")
		if err != nil {
			t.Fatal(err)
		}
		if got := lastField(evalOut); got != trained {
			t.Errorf("%q: -weights gives accuracy %s, the run printed %s", args, got, trained)
		}
	}
}

// TestSameNumbers pins a short run to the figures the study gave before it
// moved onto trainer.Trainer and network.NewMultiLayerNet: the same seed
// draws the same weights, mini-batches and noise, so the accuracies must
// match to the last digit printed.
func TestSameNumbers(t *testing.T) {
	stdout, _, err := runProgram(t, "-data", datasettest.MNISTDir(t), "-train-size", "2000", "-iters", "200", "-p", "10")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"noise 10%, iteration   100: train acc " + sameNumbers[0],
		"noise 10%, iteration   200: train acc " + sameNumbers[1],
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
}

// TestSweepFiles runs -sweep 5 -out DIR and checks that every file is
// there, and that the folder holds nothing else (no lock file).
func TestSweepFiles(t *testing.T) {
	out := t.TempDir()
	stdout, _, err := runProgram(t, "-data", datasettest.MNISTDir(t), "-train-size", "1000", "-iters", "20", "-hidden", "16", "-sweep", "5", "-out", out)
	if err != nil {
		t.Fatal(err)
	}
	files := []string{"noise.csv", "noise.svg"}
	for _, sub := range []string{"noise00", "noise05"} {
		for _, name := range strings.Fields(noiseRunFiles) {
			files = append(files, filepath.Join(sub, name))
		}
	}
	for _, name := range files {
		if fi, err := os.Stat(filepath.Join(out, name)); err != nil || fi.Size() == 0 {
			t.Errorf("-sweep 5 -out: %s missing or empty (%v)", name, err)
		}
	}
	if entries, _ := os.ReadDir(out); len(entries) != 4 {
		t.Errorf("-out holds %v, want noise.csv, noise.svg, noise00 and noise05", entries)
	}
	if !strings.Contains(stdout, "trained at 5% noise") {
		t.Errorf("no line for the network trained at 5%%:\n%s", stdout)
	}
}

// TestBadFlags checks the usage errors, each naming its flag, before MNIST
// is looked for.
func TestBadFlags(t *testing.T) {
	for _, tc := range []struct {
		args []string
		flag string
	}{
		{[]string{"-hidden", "30,0"}, "-hidden"},
		{[]string{"-hidden", "10001"}, "-hidden"},
		{[]string{"-p", "150"}, "-p"},
		{[]string{"-p", "-1"}, "-p"},
		{[]string{"-p", "NaN"}, "-p"},
		{[]string{"-sweep", "200"}, "-sweep"},
		{[]string{"-sweep", "-5"}, "-sweep"},
		{[]string{"-sweep", "25", "-save", "w.npz"}, "-save"},
		{[]string{"-sweep", "25", "-p", "5"}, "-p"},
		{[]string{"-weights", "w.npz", "-sweep", "25"}, "-sweep"},
		{[]string{"-weights", "w.npz", "-save", "x.npz"}, "-save"},
		{[]string{"-weights", "w.npz", "-iters", "5"}, "-iters"},
		{[]string{"-iters", "0"}, "-iters"},
		{[]string{"-lr", "0"}, "-lr"},
		{[]string{"-batch", "0"}, "-batch"},
		{[]string{"-save", "w.npy"}, "-save"},
		{[]string{"-save", "/no/such/folder/w.npz"}, "-save"},
		{[]string{"-out", "/dev/null"}, "-out"},
		{[]string{"-cpuprofile", "/no/such/folder/cpu.prof"}, "-cpuprofile"},
		{[]string{"-hidden", "10000,10000", "-batch", "60000", "-iters", "2"}, "-hidden 10000,10000 with -batch 60000"},
		{[]string{"-noise", "5"}, "-noise"},
	} {
		args := append([]string{"-data", filepath.Join(t.TempDir(), "absent")}, tc.args...)
		_, _, err := runProgram(t, args...)
		var usage cli.UsageError
		if !errors.As(err, &usage) || !strings.Contains(err.Error(), tc.flag) {
			t.Errorf("%q: %v, want a usage error naming %s", tc.args, err, tc.flag)
		}
	}
}

// TestHelp checks that -h lists every flag with its default, and the
// study's examples.
func TestHelp(t *testing.T) {
	_, stderr := clitest.Help(t, run)
	for _, want := range []string{"\n  -p P\n", "\n  -sweep MAX\n", "\n  -weights file.npz\n", "\n  -debug\n", "(default 4000)", "(default 100)", "(default 0.1)", "-sweep 25 -out"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("help lacks %q:\n%s", want, stderr)
		}
	}
}

// sameNumbers are the train and test accuracies at iterations 100 and 200
// that the study printed, before it moved onto trainer.Trainer, for
// -train-size 2000 -iters 200 -p 10 (then -noise 10) with the default seed.
var sameNumbers = []string{"0.8535, test acc 0.7986", "0.9090, test acc 0.8418"}

// A wide network starts far above the loss of a uniform guess before any
// update; the guard judges the loss against that start, so a tiny -lr
// trains on instead of being told to get smaller at iteration 0.
func TestWideNetworkStartsHigh(t *testing.T) {
	train, test := mnistHead(t, 500, 100)
	c := defaultNoiseConfig()
	c.hidden, c.lr, c.iters, c.evalTrain = []int{2000, 2000}, 0.000001, 3, 100
	run, err := trainNoisy(context.Background(), c, 0, train, test, nil, io.Discard)
	if err != nil {
		t.Fatalf("-hidden 2000,2000 -lr 0.000001: %v, want the run to train", err)
	}
	if first := run.loss[0]; !(first > 3*math.Log(10)) {
		t.Errorf("first loss %.2f: want a start far above chance (%.2f) for this test to mean anything", first, 3*math.Log(10))
	}
}
