// End-to-end tests of the noise study's flags through run: the study's
// defaults apply unless a flag overrides them, -hidden takes a list,
// -save and -weights agree, and bad combinations are usage errors.

package main

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"dlfs/common/npy"
)

// TestNoiseFlagsEndToEnd runs -noise with and without -hidden and checks
// the saved network's shapes: 784-100-10 by default, the given layers
// otherwise; then -weights evaluates the file to the accuracy the run
// printed.
func TestNoiseFlagsEndToEnd(t *testing.T) {
	dir := mnistDir(t)
	tmp := t.TempDir()
	for _, tc := range []struct {
		args   []string
		shapes map[string][]int
	}{
		{nil, map[string][]int{"W1": {784, 100}, "b1": {100}, "W2": {100, 10}, "b2": {10}}},
		{[]string{"-hidden", "30,20"}, map[string][]int{"W1": {784, 30}, "W2": {30, 20}, "W3": {20, 10}, "b3": {10}}},
	} {
		save := filepath.Join(tmp, "w.npz")
		args := append([]string{"-data", dir, "-train-size", "1000", "-iters", "20", "-noise", "7.5", "-save", save}, tc.args...)
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

		evalOut, _, err := runProgram(t, "-data", dir, "-weights", save, "-noise", "7.5")
		if err != nil {
			t.Fatal(err)
		}
		if got := lastField(evalOut); got != trained {
			t.Errorf("%q: -weights gives accuracy %s, the run printed %s", args, got, trained)
		}
	}
}

// TestNoiseSweepEndToEnd runs -noise-sweep 5 -out DIR and checks that every
// file is there.
func TestNoiseSweepEndToEnd(t *testing.T) {
	out := t.TempDir()
	stdout, _, err := runProgram(t, "-data", mnistDir(t), "-train-size", "1000", "-iters", "20", "-hidden", "16", "-noise-sweep", "5", "-out", out)
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
			t.Errorf("-noise-sweep 5 -out: %s missing or empty (%v)", name, err)
		}
	}
	if !strings.Contains(stdout, "trained at 5% noise") {
		t.Errorf("no line for the network trained at 5%%:\n%s", stdout)
	}
}

// TestNoiseBadFlags checks the usage errors of the noise flags as the
// program reports them, before MNIST is looked for.
func TestNoiseBadFlags(t *testing.T) {
	for _, tc := range []struct {
		args []string
		flag string
	}{
		{[]string{"-hidden", "30,20"}, "-hidden"},
		{[]string{"-hidden", "30,0", "-noise", "5"}, "-hidden"},
		{[]string{"-noise", "150"}, "-noise"},
		{[]string{"-noise", "5", "-compare"}, "-compare"},
		{[]string{"-noise-sweep", "25", "-save", "w.npz"}, "-save"},
		{[]string{"-debug"}, "-debug"},
	} {
		args := append([]string{"-data", filepath.Join(t.TempDir(), "absent")}, tc.args...)
		_, _, err := runProgram(t, args...)
		var usage usageError
		if !errors.As(err, &usage) || !strings.Contains(err.Error(), tc.flag) {
			t.Errorf("%q: %v, want a usage error naming %s", tc.args, err, tc.flag)
		}
	}
}

// TestNoiseHelp checks that -h lists the noise flags with their defaults
// and the study's examples.
func TestNoiseHelp(t *testing.T) {
	_, stderr, _ := runProgram(t, "-h")
	for _, want := range []string{"\n  -noise P\n", "\n  -noise-sweep MAX\n", "\n  -weights file.npz\n", "\n  -debug\n", "-noise-sweep 25 -out"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("help lacks %q:\n%s", want, stderr)
		}
	}
}
