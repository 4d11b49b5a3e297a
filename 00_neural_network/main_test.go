// End-to-end tests of the program through run: the book's golden figure,
// the shipped weights, -train, -h and every kind of bad flag.

package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"dlfs/common/cli"
	"dlfs/common/cli/clitest"
	"dlfs/common/npy"
	"dlfs/dataset"
	"dlfs/dataset/datasettest"
)

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
	out := clitest.Run(t, run, "-data", datasettest.MNISTDir(t), "-weights", weights)
	if !strings.Contains(out, "9352 of 10000 test images") || !strings.HasSuffix(out, "\ntest accuracy: 0.9352\n") {
		t.Errorf("output does not end with the book's 9352 correct, test accuracy: 0.9352:\n%s", out)
	}
}

// The repository's own weights, built in, do at least as well as the book's.
func TestShippedWeights(t *testing.T) {
	if _, err := loadNetwork(""); err != nil {
		t.Fatalf("the built-in sample_weight.npz does not load: %v", err)
	}
	out := clitest.Run(t, run, "-data", datasettest.MNISTDir(t))
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
		acc, err := train(context.Background(), path, trainSet, testSet, 2, seed, &bytes.Buffer{}, &bytes.Buffer{})
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

// -h prints the help and every flag with its default on stderr, nothing on
// stdout, and returns flag.ErrHelp (exit status 0).
func TestHelpListsEveryFlag(t *testing.T) {
	stdout, help := clitest.Help(t, run)
	if stdout != "" {
		t.Errorf("-h printed on stdout:\n%s", stdout)
	}
	for _, want := range []string{"Usage:", "Example", "Flags:", "-batch N", "(default 100)", "-data folder", "$MNIST_DIR",
		"-epochs N", "(default 20)", "-seed seed", "(default 1)", "-train file.npz", "-weights path", "sample_weight.npz",
		"-cpuprofile file", "(default none)"} {
		if !strings.Contains(help, want) {
			t.Errorf("-h output lacks %q:\n%s", want, help)
		}
	}
}

// Bad flags are usage errors that name the flag (and the file), before any
// work is done: the -train cases point -data at a missing folder, so an
// error about -train shows that the path was checked before the data were
// read, and the flags a mode does not use are refused.
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
	nan := filepath.Join(dir, "nan.npz")
	writeWeights(t, nan, map[string][]int{"W1": {784, 50}, "b1": {50}, "W2": {50, 100}, "b2": {100}, "W3": {100, 10}, "b3": {10}})
	arrays, err := npy.ReadNPZ(nan)
	if err != nil {
		t.Fatal(err)
	}
	arrays["W2"].Data[3*100+17] = math.NaN()
	if err := npy.WriteNPZ(nan, arrays); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(dir, "fifo.npz")
	if err := mkfifo(fifo); err != nil {
		t.Fatal(err)
	}
	folder := filepath.Join(dir, "folder.npz")
	os.Mkdir(folder, 0o755)
	noData := filepath.Join(dir, "no-mnist-here")

	for _, c := range []struct {
		args []string
		want []string // substrings of the error
	}{
		{[]string{"-batch", "0"}, []string{"-batch 0"}},
		{[]string{"-batch", "-5"}, []string{"-batch -5"}},
		{[]string{"-batch", "many"}, []string{"-batch"}},
		{[]string{"-train", "x.npz", "-epochs", "0"}, []string{"-epochs 0: want a number of epochs from 1 to 1000"}},
		{[]string{"-nonsense"}, []string{"-nonsense"}},
		{[]string{"stray"}, []string{`"stray"`}},
		{[]string{"-weights", filepath.Join(dir, "missing.npz")}, []string{"-weights", "missing.npz"}},
		{[]string{"-weights", notNPZ}, []string{"-weights", "weights.txt"}},
		{[]string{"-weights", transposed}, []string{"-weights", "transposed.npz", `"W1"`, "(784, 50)", "(50, 784)"}},
		{[]string{"-weights", noB3}, []string{"-weights", "nob3.npz", `"b3"`}},
		{[]string{"-weights", nan}, []string{"-weights: npy: " + nan + `: array "W2" holds NaN at [3, 17]: weights must be finite numbers`}},
		{[]string{"-weights", noB3, "-train", filepath.Join(dir, "x.npz")}, []string{"-weights " + noB3 + ": -train does not use it"}},
		{[]string{"-epochs", "5"}, []string{"-epochs 5: evaluating -weights (no -train) does not use it; it uses only -data, -weights, -batch, -out, -cpuprofile"}},
		{[]string{"-seed", "2"}, []string{"-seed 2: evaluating -weights (no -train) does not use it"}},
		{[]string{"-data", noData, "-epochs", "1", "-train", "/dev/full"}, []string{"-train /dev/full: /dev/full is a device: not a regular file"}},
		{[]string{"-data", noData, "-train", "/nonexistent/x.npz"}, []string{"-train /nonexistent/x.npz: ", "the folder /nonexistent: no such file or directory"}},
		{[]string{"-data", noData, "-train", filepath.Join(dir, "x.txt")}, []string{"x.txt: want a file name ending in .npz"}},
		{[]string{"-data", noData, "-train", fifo}, []string{"-train " + fifo + ": ", "is a named pipe (FIFO)"}},
		{[]string{"-data", noData, "-train", folder}, []string{"-train " + folder + ": ", "is a folder"}},
		{[]string{"-data", noData, "-cpuprofile", "/dev/full"}, []string{"-cpuprofile /dev/full: /dev/full is a device"}},
		{[]string{"-data", noData, "-cpuprofile", "/nonexistent/cpu.prof"}, []string{"-cpuprofile /nonexistent/cpu.prof: ", "no such file or directory"}},
	} {
		var stdout, stderr bytes.Buffer
		err := run(context.Background(), c.args, &stdout, &stderr)
		if _, ok := errors.AsType[cli.UsageError](err); !ok {
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
	if fi, err := os.Stat("/dev/full"); err != nil || fi.Mode()&os.ModeDevice == 0 {
		t.Errorf("/dev/full is no longer a device: %v, %v", fi, err)
	}
	if fi, err := os.Lstat(fifo); err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("%s is no longer a FIFO: %v, %v", fifo, fi, err)
	}
}

// A run that fails leaves an existing -cpuprofile file as it
// was, and one that succeeds writes it.
func TestCPUProfileOnlyOnSuccess(t *testing.T) {
	dir := t.TempDir()
	keep := filepath.Join(dir, "keep.txt")
	os.WriteFile(keep, []byte("keep"), 0o644)
	err := run(context.Background(), []string{"-data", filepath.Join(dir, "nonexistent"), "-cpuprofile", keep}, &bytes.Buffer{}, &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), "nonexistent") {
		t.Fatalf("-data nonexistent: %v, want an error naming it", err)
	}
	if got := readFile(t, keep); string(got) != "keep" {
		t.Errorf("the failed run changed %s to %q", keep, got)
	}
	clitest.Run(t, run, "-data", datasettest.MNISTDir(t), "-cpuprofile", keep)
	if got := readFile(t, keep); len(got) < 10 || string(got) == "keep" {
		t.Errorf("the run that succeeded left %s as %q, want a profile", keep, got)
	}
	if names := strings.Join(clitest.Files(t, dir), " "); names != "keep.txt" {
		t.Errorf("%s holds %s, want only keep.txt", dir, names)
	}
}

// An interrupt during -train stops it, says where, writes
// neither the weights nor the profile, and maps to exit status 130.
func TestInterruptedTraining(t *testing.T) {
	dir := t.TempDir()
	ctx, cancel := context.WithCancelCause(context.Background())
	cancel(&cli.Interrupted{Signal: os.Interrupt})
	var stdout, stderr bytes.Buffer
	err := run(ctx, []string{"-data", datasettest.MNISTDir(t), "-epochs", "1", "-train", filepath.Join(dir, "w.npz"),
		"-cpuprofile", filepath.Join(dir, "cpu.prof")}, &stdout, &stderr)
	if !errors.Is(err, cli.ErrInterrupted) || !strings.Contains(err.Error(), "stopped after 0 of 600 iterations") {
		t.Fatalf("got %v, want an interrupt saying where it stopped", err)
	}
	if code := cli.ExitCode("00_neural_network", err, &bytes.Buffer{}); code != 130 {
		t.Errorf("exit status %d, want 130", code)
	}
	if names := strings.Join(clitest.Files(t, dir), " "); names != "" {
		t.Errorf("the interrupted run left %s", names)
	}
}

// A batch larger than the test set is refused once its size is known.
func TestBatchLargerThanTestSet(t *testing.T) {
	err := run(context.Background(), []string{"-data", datasettest.MNISTDir(t), "-batch", "10001"}, &bytes.Buffer{}, &bytes.Buffer{})
	if _, ok := errors.AsType[cli.UsageError](err); !ok || !strings.Contains(err.Error(), "-batch 10001") {
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
	clitest.RunMain("00_neural_network", main)
	clitest.CheckExitStatus(t, "TestExitStatus", map[string]int{
		"-h":                         0,
		"-batch 0":                   2,
		"-weights /no/such/file.npz": 2,
		"-epochs 1 -train /dev/full": 2,
		"-epochs 5":                  2,
		"-bogus":                     2,
	})
}

// -cpuprofile naming the -train file is a usage error before any work,
// instead of the profile replacing the weights.
func TestProfileOverTrainFile(t *testing.T) {
	w := filepath.Join(t.TempDir(), "w.npz")
	err := run(context.Background(), []string{"-data", filepath.Join(t.TempDir(), "absent"), "-train", w, "-cpuprofile", w}, io.Discard, io.Discard)
	if _, ok := errors.AsType[cli.UsageError](err); !ok || !strings.Contains(err.Error(), "-train and -cpuprofile both name the file") {
		t.Errorf("got %v, want a usage error naming both flags", err)
	}
}
