// End-to-end tests of the program: flags, help, exit codes, divergence,
// -save, and a short training run.

package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dlfs/common/cli"
	"dlfs/common/cli/clitest"
	"dlfs/common/mat"
	"dlfs/common/npy"
	"dlfs/common/trainer"
)

// Every bad value is a usage error (exit status 2) that names its flag.
// The cases that need the training set to judge run only with MNIST.
func TestBadFlags(t *testing.T) {
	notDir := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(notDir, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args      []string
		flag      string // named in the message
		needsData bool
	}{
		{[]string{"-iters", "0"}, "-iters", false},
		{[]string{"-iters", "-5"}, "-iters", false},
		{[]string{"-iters", "100000000"}, "-iters", false},
		{[]string{"-iters", "ten"}, "-iters", false},
		{[]string{"-batch", "0"}, "-batch", false},
		{[]string{"-batch", "-1"}, "-batch", false},
		{[]string{"-batch", "60001"}, "-batch", true},
		{[]string{"-train-size", "500", "-batch", "501"}, "-batch", true},
		{[]string{"-train-size", "0"}, "-train-size", false},
		{[]string{"-train-size", "60001"}, "-train-size", true},
		{[]string{"-lr", "0"}, "-lr", false},
		{[]string{"-lr", "-0.1"}, "-lr", false},
		{[]string{"-lr", "NaN"}, "-lr", false},
		{[]string{"-lr", "Inf"}, "-lr", false},
		{[]string{"-hidden", "0"}, "-hidden", false},
		{[]string{"-hidden", "1000000"}, "-hidden", false},
		{[]string{"-save", "/no/such/folder/w.npz"}, "-save", false},
		{[]string{"-save", notDir + "/w.npz"}, "-save", false},
		{[]string{"-save", "w.npy"}, "-save", false},
		{[]string{"-out", notDir}, "-out", false},
		{[]string{"-check", "-compare"}, "-check", false},
		{[]string{"-check", "-save", "w.npz"}, "-save", false},
		{[]string{"-compare", "-iters", "5"}, "-iters", false},
		{[]string{"-check", "-out", "charts"}, "-out", false},
		{[]string{"-iters", "2", "-hidden", "10000", "-batch", "60000"}, "-hidden 10000 with -batch 60000", false},
		{[]string{"-cpuprofile", "/no/such/folder/cpu.prof"}, "-cpuprofile", false},
		{[]string{"-noise", "10"}, "-noise", false},
		{[]string{"-weights", "w.npz"}, "-weights w.npz: only -serve", false},
		{[]string{"-serve", "localhost:0", "-iters", "5"}, "-iters 5: -serve does not use it", false},
		{[]string{"-hidden", "30,20"}, "-hidden", false},
		{[]string{"-seed", "-1"}, "-seed", false},
		{[]string{"-nonsense"}, "-nonsense", false},
		{[]string{"stray"}, "stray", false},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			args := tc.args
			if tc.needsData {
				args = append([]string{"-data", mnistDir(t)}, args...)
			} else {
				// A usage error must come before MNIST is looked for.
				args = append([]string{"-data", filepath.Join(t.TempDir(), "absent")}, args...)
			}
			_, _, err := runProgram(t, args...)
			var usage cli.UsageError
			if !errors.As(err, &usage) {
				t.Fatalf("got %v, want a usage error", err)
			}
			if !strings.Contains(err.Error(), tc.flag) {
				t.Errorf("error %q does not name %s", err, tc.flag)
			}
			var stderr strings.Builder
			if code := cli.ExitCode("02_backpropagation", err, &stderr); code != 2 {
				t.Errorf("exit status %d, want 2", code)
			}
			if !strings.Contains(stderr.String(), err.Error()) {
				t.Errorf("main printed %q, want the error", stderr.String())
			}
		})
	}
}

// -h prints every flag with its default, and exits 0.
func TestHelp(t *testing.T) {
	_, stderr := clitest.Help(t, run)
	clitest.CheckFlagDefaults(t, stderr, "data", "seed", "iters", "batch", "lr", "hidden", "train-size", "check", "compare", "save", "out", "cpuprofile")
	for _, want := range []string{"(default 10000)", "(default 100)", "(default 0.1)", "(default 50)", "Examples:", "./02_backpropagation/noise"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("help lacks %q", want)
		}
	}
}

func TestExitCodes(t *testing.T) {
	for _, tc := range []struct {
		err  error
		code int
	}{
		{nil, 0},
		{flag.ErrHelp, 0},
		{cli.Usagef("-lr 0: bad"), 2},
		{fmt.Errorf("load: %w", os.ErrNotExist), 1},
		{fmt.Errorf("%w: loss is NaN", trainer.ErrDiverged), 1},
	} {
		if got := cli.ExitCode("02_backpropagation", tc.err, new(strings.Builder)); got != tc.code {
			t.Errorf("exitCode(%v) = %d, want %d", tc.err, got, tc.code)
		}
	}
}

// Too large a learning rate stops the run, naming the iteration and the
// learning rate, without printing NaN or a final accuracy. With -lr 100 the
// loss stays finite (the log is clamped) and the running-average guard stops
// it; with -lr 1e300 the scores overflow and the loss is NaN; with -lr 10
// every ReLU dies and the loss stays at chance until the stall check stops it.
func TestDivergenceStops(t *testing.T) {
	dir := mnistDir(t)
	for _, tc := range []struct {
		lr        string
		trainSize string
		want      string // in the error
		maxIters  int    // it must stop before this iteration
	}{
		{"100", "1000", "the loss averages", 20},
		{"1e300", "1000", "loss is NaN", 3},
		{"10", "60000", "stopped learning", 1001}, // on fewer images it blows up instead
	} {
		t.Run("lr "+tc.lr, func(t *testing.T) {
			stdout, _, err := runProgram(t, "-data", dir, "-train-size", tc.trainSize, "-iters", "2000", "-lr", tc.lr)
			if !errors.Is(err, trainer.ErrDiverged) {
				t.Fatalf("got error %v, want one wrapping trainer.ErrDiverged", err)
			}
			msg := err.Error()
			if !strings.Contains(msg, tc.want) || !strings.Contains(msg, "-lr") {
				t.Errorf("error %q should say %q and name -lr", msg, tc.want)
			}
			var iter int
			if _, err := fmt.Sscanf(msg[strings.Index(msg, "iteration "):], "iteration %d", &iter); err != nil || iter >= tc.maxIters {
				t.Errorf("error %q: want it to stop before iteration %d", msg, tc.maxIters)
			}
			if strings.Contains(strings.ToLower(stdout), "nan") || strings.Contains(stdout, "test accuracy") {
				t.Errorf("stdout after divergence:\n%s", stdout)
			}
			if code := cli.ExitCode("02_backpropagation", err, new(strings.Builder)); code != 1 {
				t.Errorf("exit status %d, want 1", code)
			}
		})
	}
}

// A short run on 2,000 training images (measured each epoch on 2,000 test
// images): the loss falls and the accuracy on the whole test set beats
// chance (0.1) by far.
func TestTrainingLearns(t *testing.T) {
	trainSet, testSet := loadMNIST(t)
	c := config{iters: 300, batch: 100, lr: 0.1}
	rng := rand.New(rand.NewPCG(3, 3))
	net := NewTwoLayerNet(784, 50, 10, 0.01, rng)
	h, err := train(context.Background(), net, trainSet.Head(2000), testSet.Head(2000), c, rng, new(strings.Builder), new(strings.Builder))
	if err != nil {
		t.Fatal(err)
	}
	if len(h.loss) != 300 {
		t.Fatalf("%d losses recorded, want 300", len(h.loss))
	}
	// 2,000 images in batches of 100: an epoch is 20 iterations.
	if len(h.testAcc) != 15 || h.epochIter[1] != 20 {
		t.Errorf("accuracy measured at iterations %v, want every 20 from 0", h.epochIter)
	}
	first, last := mat.Sum(mat.NewFrom(1, 20, h.loss[:20]))/20, mat.Sum(mat.NewFrom(1, 20, h.loss[280:]))/20 // mean losses
	if !(last < first/3) {
		t.Errorf("mean loss went from %.3f (first 20 iterations) to %.3f (last 20), want it cut by 3", first, last)
	}
	acc := trainer.Accuracy(net, testSet, 0, trainer.EvalChunk)
	if !(acc > 0.8) {
		t.Errorf("test accuracy %.4f after 300 iterations on 2,000 images, want > 0.8", acc)
	}
	if got := h.testAcc[len(h.testAcc)-1]; got < 0.5 {
		t.Errorf("last epoch's test accuracy %.4f, want > 0.5", got)
	}
}

// -save writes W1 b1 W2 b2 under the book's names and shapes; the network
// rebuilt from the file scores the accuracy the run printed.
func TestSaveRoundTrip(t *testing.T) {
	dir := mnistDir(t)
	path := filepath.Join(t.TempDir(), "w.npz")
	stdout, _, err := runProgram(t, "-data", dir, "-train-size", "2000", "-iters", "100", "-hidden", "30", "-save", path)
	if err != nil {
		t.Fatal(err)
	}
	printed := testAccuracy(t, stdout)
	// 2,000 images in batches of 100: an epoch is 20 iterations, so 100
	// iterations have epochs starting at 0, 20, 40, 60 and 80.
	if n := strings.Count(stdout, "train acc"); n != 5 {
		t.Errorf("%d epoch lines, want 5:\n%s", n, stdout)
	}

	arrays, err := npy.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(arrays) != 4 {
		t.Errorf("%s holds %d arrays, want W1 b1 W2 b2", path, len(arrays))
	}
	net := NewTwoLayerNet(784, 30, 10, 0, rand.New(rand.NewPCG(0, 0)))
	for name, shape := range map[string][]int{"W1": {784, 30}, "b1": {30}, "W2": {30, 10}, "b2": {10}} {
		m, err := npy.Need(arrays, name, shape...)
		if err != nil {
			t.Fatal(err)
		}
		net.Params[name].CopyFrom(m)
	}
	_, testSet := loadMNIST(t)
	got := trainer.Accuracy(net, testSet, 0, trainer.EvalChunk)
	if fmt.Sprintf("%.4f", got) != fmt.Sprintf("%.4f", printed) {
		t.Errorf("weights from %s score %.4f, the run printed %.4f", path, got, printed)
	}
	if printed < 0.5 {
		t.Errorf("printed test accuracy %.4f: the saved net did not train", printed)
	}
}

// -save may name a file inside the folder -out is about to create.
func TestSaveInsideNewOutFolder(t *testing.T) {
	out := filepath.Join(t.TempDir(), "run1")
	stdout, _, err := runProgram(t, "-data", mnistDir(t), "-train-size", "500", "-iters", "5", "-hidden", "10",
		"-out", out, "-save", filepath.Join(out, "w.npz"))
	if err != nil {
		t.Fatalf("-out %s -save %s/w.npz: %v", out, out, err)
	}
	for _, name := range []string{"w.npz", "loss.svg", "accuracy.svg"} {
		if _, err := os.Stat(filepath.Join(out, name)); err != nil {
			t.Errorf("%s: %v\n%s", name, err, stdout)
		}
	}
}

// A cancelled context (an interrupt) stops training at the end of the step,
// says where with the loss, leaves no -out folder and writes no -save file.
func TestInterruptStops(t *testing.T) {
	dir := mnistDir(t)
	tmp := t.TempDir()
	out, save := filepath.Join(tmp, "charts"), filepath.Join(tmp, "w.npz")
	ctx, cancel := context.WithCancelCause(context.Background())
	defer cancel(nil)
	// The first epoch line is printed after iteration 0: cancel there.
	stdout := &cancelWriter{cancel: func() { cancel(errInterruptForTest) }}
	err := run(ctx, []string{"-data", dir, "-train-size", "1000", "-iters", "100", "-out", out, "-save", save}, stdout, io.Discard)
	if !errors.Is(err, errInterruptForTest) {
		t.Fatalf("got %v, want the interrupt's cause", err)
	}
	if !strings.Contains(err.Error(), "stopped after 1 of 100 iterations, loss ") {
		t.Errorf("error %q does not say where it stopped and the loss", err)
	}
	for _, path := range []string{out, save} {
		if _, err := os.Lstat(path); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s exists after the interrupt (%v)", path, err)
		}
	}
	if entries, _ := os.ReadDir(tmp); len(entries) != 0 {
		t.Errorf("the run left %v behind", entries)
	}
}

var errInterruptForTest = errors.New("interrupted for the test")

// cancelWriter calls cancel on its first write.
type cancelWriter struct {
	cancel func()
	done   bool
}

func (w *cancelWriter) Write(p []byte) (int, error) {
	if !w.done {
		w.done = true
		w.cancel()
	}
	return len(p), nil
}

// An interrupt stops -check and -compare inside the numerical gradient, at
// once, with an error that says so and wraps the cause, instead of waiting
// for every loss evaluation.
func TestInterruptStopsTheChecks(t *testing.T) {
	dir := mnistDir(t)
	for _, args := range [][]string{{"-check", "-hidden", "3000"}, {"-compare"}} {
		mode := args[0]
		ctx, cancel := context.WithCancelCause(context.Background())
		cancel(errInterruptForTest)
		var stdout bytes.Buffer
		err := run(ctx, append([]string{"-data", dir}, args...), &stdout, io.Discard)
		if !errors.Is(err, errInterruptForTest) || !strings.Contains(err.Error(), "numerical gradient stopped after 0 of ") {
			t.Errorf("%s: got %v, want the interrupt, stopped in the numerical gradient", mode, err)
		}
		if strings.Contains(stdout.String(), "param ") || strings.Contains(stdout.String(), "times faster") {
			t.Errorf("%s: reported results after the interrupt:\n%s", mode, stdout.String())
		}
	}
}

// Every output is checked before the work, together: two flags naming one
// file, or a file the -out folder will hold that cannot be written (a
// folder named loss.svg already there), is a usage error before MNIST is
// looked for, and nothing is left behind.
func TestOutputsCheckedTogether(t *testing.T) {
	dir := t.TempDir()
	out, absent := filepath.Join(dir, "charts"), filepath.Join(dir, "absent")
	if err := os.MkdirAll(filepath.Join(out, "loss.svg"), 0o755); err != nil {
		t.Fatal(err)
	}
	w := filepath.Join(dir, "w.npz")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-save", w, "-cpuprofile", w}, "-save and -cpuprofile both name the file"},
		{[]string{"-out", filepath.Join(dir, "new"), "-cpuprofile", filepath.Join(dir, "new", "accuracy.svg")}, "-out and -cpuprofile both name the file"},
		{[]string{"-out", out}, "loss.svg is there and is not a regular file"},
	} {
		_, _, err := runProgram(t, append([]string{"-data", absent}, tc.args...)...)
		if _, ok := errors.AsType[cli.UsageError](err); !ok || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: got %v, want a usage error saying %q", tc.args, err, tc.want)
		}
	}
	if got := clitest.Files(t, dir); strings.Join(got, " ") != "charts" {
		t.Errorf("the runs left %v", got)
	}
	if got := clitest.Files(t, out); strings.Join(got, " ") != "loss.svg" {
		t.Errorf("the runs left %v in -out", got)
	}
}
