// End-to-end tests of the program through run: the book's golden figure,
// the shipped weights, -train, -h and every kind of bad flag.

package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"dlfs/common/npy"
	"dlfs/dataset"
	"dlfs/dataset/datasettest"
)

// runOK runs the program and returns what it printed, failing on an error.
func runOK(t *testing.T, args ...string) string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if err := run(args, &stdout, &stderr); err != nil {
		t.Fatalf("run %q: %v\nstderr:\n%s", args, err, stderr.String())
	}
	return stdout.String()
}

// lastAccuracy parses the last line, which must be "test accuracy: 0.XXXX".
func lastAccuracy(t *testing.T, out string) float64 {
	t.Helper()
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	last := lines[len(lines)-1]
	v, ok := strings.CutPrefix(last, "test accuracy: ")
	if !ok || len(v) != len("0.XXXX") {
		t.Fatalf("last line is %q, want \"test accuracy: 0.XXXX\"\nfull output:\n%s", last, out)
	}
	acc, err := strconv.ParseFloat(v, 64)
	if err != nil {
		t.Fatal(err)
	}
	return acc
}

// The book's weights give the book's figure, to the image.
func TestGoldenBookWeights(t *testing.T) {
	weights := datasettest.BookWeights(t, "ch03_sample_weight")
	out := runOK(t, "-data", datasettest.MNISTDir(t), "-weights", weights)
	if !strings.Contains(out, "9352 of 10000 test images") || !strings.HasSuffix(out, "\ntest accuracy: 0.9352\n") {
		t.Errorf("output does not end with the book's 9352 correct, test accuracy: 0.9352:\n%s", out)
	}
}

// The repository's own weights, built in, do at least as well as the book's.
func TestShippedWeights(t *testing.T) {
	if _, err := loadNetwork(""); err != nil {
		t.Fatalf("the built-in sample_weight.npz does not load: %v", err)
	}
	out := runOK(t, "-data", datasettest.MNISTDir(t))
	if acc := lastAccuracy(t, out); acc < 0.9352 {
		t.Errorf("sample_weight.npz scores %.4f, want at least the book's 0.9352", acc)
	}
}

// -train on a small run: the file it writes loads with the book's shapes,
// holds the trained network (predict scores exactly what the trained
// network scored), and the same seed writes the same bytes.
func TestTrainWritesWeights(t *testing.T) {
	trainSet, testSet, err := dataset.Load(dataset.Options{Dir: datasettest.MNISTDir(t), Normalize: true, Flatten: true})
	if err != nil {
		t.Fatal(err)
	}
	trainSet, testSet = trainSet.Head(1000), testSet.Head(500)
	dir := t.TempDir()
	trainOnce := func(name string, seed uint64) (string, float64) {
		path := filepath.Join(dir, name)
		acc, err := train(path, trainSet, testSet, 2, seed, &bytes.Buffer{}, &bytes.Buffer{})
		if err != nil {
			t.Fatal(err)
		}
		return path, acc
	}
	path, trainedAcc := trainOnce("a.npz", 1)

	network, err := loadNetwork(path)
	if err != nil {
		t.Fatalf("the weights -train wrote do not load: %v", err)
	}
	if acc := float64(accuracy(network, testSet, 100)) / float64(testSet.Len()); acc != trainedAcc || acc < 0.2 {
		t.Errorf("the weights in the file score %.4f, the trained network %.4f: want the same, above 0.2 (chance is 0.1)", acc, trainedAcc)
	}
	arrays, err := npy.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(arrays["b1"].Shape, arrays["W2"].Shape); got != "[50] [50 100]" {
		t.Errorf("shapes of b1 and W2 in the file: %s, want [50] [50 100] as in the book's pickle", got)
	}

	again, _ := trainOnce("b.npz", 1)
	other, _ := trainOnce("c.npz", 2)
	a, b, c := readFile(t, path), readFile(t, again), readFile(t, other)
	if !bytes.Equal(a, b) {
		t.Error("two runs with seed 1 wrote different files")
	}
	if bytes.Equal(a, c) {
		t.Error("seeds 1 and 2 wrote the same file")
	}
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestHelpListsEveryFlag(t *testing.T) {
	out := runOK(t, "-h")
	for _, want := range []string{"Usage:", "Example", "-batch N", "(default 100)", "-data folder", "$MNIST_DIR",
		"-epochs N", "(default 20)", "-seed N", "(default 1)", "-train file", "-weights path", "sample_weight.npz"} {
		if !strings.Contains(out, want) {
			t.Errorf("-h output lacks %q:\n%s", want, out)
		}
	}
}

// Bad flags are usage errors that name the flag (and the file), before any
// work is done.
func TestBadFlags(t *testing.T) {
	dir := t.TempDir()
	transposed := filepath.Join(dir, "transposed.npz")
	writeWeights(t, transposed, map[string][]int{"W1": {50, 784}, "b1": {50}, "W2": {50, 100}, "b2": {100}, "W3": {100, 10}, "b3": {10}})
	noB3 := filepath.Join(dir, "nob3.npz")
	writeWeights(t, noB3, map[string][]int{"W1": {784, 50}, "b1": {50}, "W2": {50, 100}, "b2": {100}, "W3": {100, 10}})
	notNPZ := filepath.Join(dir, "weights.txt")
	if err := os.WriteFile(notNPZ, []byte("W1 = ..."), 0o644); err != nil {
		t.Fatal(err)
	}

	for _, c := range []struct {
		args []string
		want []string // substrings of the error
	}{
		{[]string{"-batch", "0"}, []string{"-batch 0"}},
		{[]string{"-batch", "-5"}, []string{"-batch -5"}},
		{[]string{"-batch", "many"}, []string{"-batch"}},
		{[]string{"-epochs", "0"}, []string{"-epochs 0"}},
		{[]string{"-nonsense"}, []string{"-nonsense"}},
		{[]string{"stray"}, []string{`"stray"`}},
		{[]string{"-weights", filepath.Join(dir, "missing.npz")}, []string{"-weights", "missing.npz"}},
		{[]string{"-weights", notNPZ}, []string{"-weights", "weights.txt"}},
		{[]string{"-weights", transposed}, []string{"-weights", "transposed.npz", `"W1"`, "(784, 50)", "(50, 784)"}},
		{[]string{"-weights", noB3}, []string{"-weights", "nob3.npz", `"b3"`}},
		{[]string{"-weights", noB3, "-train", filepath.Join(dir, "x.npz")}, []string{"-weights", "-train"}},
	} {
		var stdout, stderr bytes.Buffer
		err := run(c.args, &stdout, &stderr)
		if _, ok := errors.AsType[usageError](err); !ok {
			t.Errorf("%q: got %v, want a usage error", c.args, err)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%q: error %q does not mention %q", c.args, err, w)
			}
		}
		if stdout.Len() > 0 {
			t.Errorf("%q: printed %q before failing", c.args, stdout.String())
		}
	}
}

// A batch larger than the test set is refused once its size is known.
func TestBatchLargerThanTestSet(t *testing.T) {
	err := run([]string{"-data", datasettest.MNISTDir(t), "-batch", "10001"}, &bytes.Buffer{}, &bytes.Buffer{})
	if _, ok := errors.AsType[usageError](err); !ok || !strings.Contains(err.Error(), "-batch 10001") {
		t.Errorf("got %v, want a usage error naming -batch 10001", err)
	}
}

// writeWeights writes a .npz file of zero arrays with the given shapes.
func writeWeights(t *testing.T, path string, shapes map[string][]int) {
	t.Helper()
	arrays := map[string]*npy.Array{}
	for name, shape := range shapes {
		n := 1
		for _, d := range shape {
			n *= d
		}
		arrays[name] = &npy.Array{Shape: shape, Data: make([]float64, n)}
	}
	if err := npy.WriteNPZ(path, arrays); err != nil {
		t.Fatal(err)
	}
}

// The exit status main gives: 0 for -h, 2 for a usage error, never a panic.
// The test runs itself as the program (the environment variable selects
// main).
func TestExitStatus(t *testing.T) {
	if args := os.Getenv("CH00_RUN_MAIN"); args != "" {
		os.Args = append([]string{"00_neural_network"}, strings.Fields(args)...)
		main()
		os.Exit(0)
	}
	for _, c := range []struct {
		args string
		code int
	}{
		{"-h", 0},
		{"-batch 0", 2},
		{"-weights /no/such/file.npz", 2},
		{"-bogus", 2},
	} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestExitStatus$")
		cmd.Env = append(os.Environ(), "CH00_RUN_MAIN="+c.args)
		out, err := cmd.CombinedOutput()
		code := 0
		if exit, ok := errors.AsType[*exec.ExitError](err); ok {
			code = exit.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		if code != c.code || bytes.Contains(out, []byte("panic")) {
			t.Errorf("%s: exit status %d, want %d; output:\n%s", c.args, code, c.code, out)
		}
	}
}
