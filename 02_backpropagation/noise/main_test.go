// End-to-end tests of the noise program through run: the study's defaults,
// -hidden as a list, -save and -weights agree, a sweep writes every file,
// the same seed gives the same numbers, and flags a mode ignores or bad
// values are usage errors.

package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
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

// TestSweepFiles runs -sweep 5 -out DIR -log FILE and checks that every file
// is there, that the folder holds nothing else (no lock file), and that the
// log has a row per iteration of each network.
func TestSweepFiles(t *testing.T) {
	out, log := t.TempDir(), filepath.Join(t.TempDir(), "loss.csv")
	stdout, _, err := runProgram(t, "-data", datasettest.MNISTDir(t), "-train-size", "1000", "-iters", "20", "-hidden", "16", "-sweep", "5", "-out", out, "-log", log)
	if err != nil {
		t.Fatal(err)
	}
	rows := readCSV(t, log)
	if len(rows) != 1+2*20 || !slices.Equal(rows[0], []string{"noise", "iter", "loss"}) || !slices.Equal(rows[21][:2], []string{"5", "1"}) {
		t.Errorf("-log: %d rows from %q, want a header noise,iter,loss, then 20 rows at noise 0 and 20 at noise 5", len(rows), rows[0])
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
		{[]string{"-sweep-lr", "-lr", "0.5"}, "-lr"},
		{[]string{"-sweep-lr", "-sweep-hidden"}, "-sweep-hidden"},
		{[]string{"-sweep-lr", "-save", "w.npz"}, "-save"},
		{[]string{"-sweep-lr", "-debug"}, "-debug"},
		{[]string{"-sweep-hidden", "-hidden", "50"}, "-hidden"},
		{[]string{"-sweep-hidden", "-sweep", "5"}, "-sweep"},
		{[]string{"-weights", "w.npz", "-log", "l.csv"}, "-log"},
		{[]string{"-log", "loss.txt"}, "-log"},
		{[]string{"-log", "/no/such/folder/loss.csv"}, "-log"},
		{[]string{"-sweep-lr", "-out", "o", "-log", "o/sweep_lr.csv"}, "-log"},
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
	for _, want := range []string{"\n  -p P\n", "\n  -sweep MAX\n", "\n  -weights file.npz\n", "\n  -debug\n", "\n  -sweep-lr\n", "\n  -sweep-hidden\n", "\n  -log file.csv\n",
		"(default 4000)", "(default 100)", "(default 0.1)", "-sweep 25 -out", "-sweep-lr -out", "-sweep-hidden -iters", "-log loss.csv"} {
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

// TestSweepModes runs -sweep-lr and -sweep-hidden from the command line with
// -log: each writes its chart and CSV into -out, one row per value of the
// sweep in its order, and the log a row per iteration of every network.
func TestSweepModes(t *testing.T) {
	dir := datasettest.MNISTDir(t)
	const iters = 3
	for _, tc := range []struct {
		mode, name string
		values     []float64
		extra      []string
	}{
		{"-sweep-lr", "lr", sweepRates, []string{"-hidden", "16"}},
		{"-sweep-hidden", "hidden", sweepSizes, nil},
	} {
		if testing.Short() && tc.name == "hidden" {
			continue // networks of up to 1000 units: TestSweepHiddenSize checks the sweep on small ones
		}
		out := filepath.Join(t.TempDir(), "sweeps")
		log := filepath.Join(out, "loss.csv") // inside the folder the run creates
		args := append([]string{"-data", dir, "-train-size", "1000", "-iters", strconv.Itoa(iters), tc.mode, "-out", out, "-log", log}, tc.extra...)
		stdout, _, err := runProgram(t, args...)
		if err != nil {
			t.Fatalf("%q: %v", args, err)
		}
		if got, want := clitest.Files(t, out), []string{"loss.csv", "sweep_" + tc.name + ".csv", "sweep_" + tc.name + ".svg"}; !slices.Equal(got, want) {
			t.Errorf("%s: -out holds %q, want %q", tc.mode, got, want)
		}
		rows := readCSV(t, filepath.Join(out, "sweep_"+tc.name+".csv"))
		if len(rows) != 1+len(tc.values) {
			t.Fatalf("%s: %d rows in the CSV, want a header and %d", tc.mode, len(rows), len(tc.values))
		}
		for i, v := range tc.values {
			if got := rows[1+i][0]; got != strconv.FormatFloat(v, 'g', -1, 64) {
				t.Errorf("%s: row %d is for %s %s, want %g", tc.mode, i+1, tc.name, got, v)
			}
			if !strings.Contains(stdout, fmt.Sprintf("%s %g: train acc %s, test acc %s", tc.name, v, rows[1+i][1], rows[1+i][2])) {
				t.Errorf("%s: printed no line with the CSV's row %q:\n%s", tc.mode, rows[1+i], stdout)
			}
		}
		logRows := readCSV(t, log)
		if len(logRows) != 1+iters*len(tc.values) || !slices.Equal(logRows[0], []string{tc.name, "iter", "loss"}) {
			t.Fatalf("%s: the log has %d rows from %q, want a header %s,iter,loss and %d", tc.mode, len(logRows), logRows[0], tc.name, iters*len(tc.values))
		}
		if last := logRows[len(logRows)-1]; last[0] != rows[len(rows)-1][0] || last[1] != strconv.Itoa(iters) {
			t.Errorf("%s: the log ends with %q, want the last network's iteration %d", tc.mode, last, iters)
		}
	}
}

// TestLossLog checks -log for one run: a row per iteration, each the loss
// that -debug prints for it (rounded as it prints it).
func TestLossLog(t *testing.T) {
	dir := datasettest.MNISTDir(t)
	log := filepath.Join(t.TempDir(), "loss.csv")
	stdout, _, err := runProgram(t, "-data", dir, "-train-size", "1000", "-iters", "12", "-hidden", "16", "-debug", "-log", log)
	if err != nil {
		t.Fatal(err)
	}
	rows := readCSV(t, log)
	if len(rows) != 13 || !slices.Equal(rows[0], []string{"iter", "loss"}) {
		t.Fatalf("the log has %d rows from %q, want a header iter,loss and 12", len(rows), rows[0])
	}
	for _, row := range rows[1:] {
		loss, err := strconv.ParseFloat(row[1], 64)
		if err != nil {
			t.Fatalf("row %q: %v", row, err)
		}
		if want := fmt.Sprintf("iteration %s: loss %.4f,", row[0], loss); !strings.Contains(stdout, want) {
			t.Errorf("the log's row %q: -debug printed no %q", row, want)
		}
	}
}
