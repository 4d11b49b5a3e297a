// End-to-end tests of the program through run, and of the two training
// loops on small networks: the loss falls, the guard stops a diverged run,
// bad flags are usage errors.

package main

import (
	"bytes"
	"errors"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"dlfs/common/trainer"
	"dlfs/dataset"
	"dlfs/dataset/datasettest"
)

func loadMNIST(t *testing.T) (train, test *dataset.Set) {
	t.Helper()
	train, test, err := dataset.Load(dataset.Options{Dir: datasettest.MNISTDir(t), Normalize: true, Flatten: true})
	if err != nil {
		t.Fatal(err)
	}
	return train, test
}

var iterationLine = regexp.MustCompile(`(?m)^iteration (\d+): mini-batch loss (\d+\.\d+) -> (\d+\.\d+), (\d+\.\d+) s$`)

// Learning by numerical gradient lowers the loss, and follows the same path
// as learning by the analytic gradient: a 784-1-10 net, 3 iterations on
// mini-batches of 50 of the first 100 training images, lr 1, the loss
// measured on those 100 images before and after.
func TestNumericalLearningLowersLoss(t *testing.T) {
	train, test := loadMNIST(t)
	train, test = train.Head(100), test.Head(100)
	newNet := func() *TwoLayerNet { return NewTwoLayerNet(784, 1, 10, 0.01, rand.New(rand.NewPCG(1, 1))) }
	all := train.Range(0, train.Len())
	x, labels := train.X(all), train.LabelsOf(all)

	numerical := newNet()
	before := numerical.Loss(x, labels)
	var out bytes.Buffer
	if err := learnNumerically(numerical, train, 3, 50, 1, rand.New(rand.NewPCG(1, 2)), &out); err != nil {
		t.Fatal(err)
	}
	after := numerical.Loss(x, labels)
	if !(after < before-0.005) {
		t.Errorf("loss on the 100 images went from %.6f to %.6f; want it to fall by 0.005 or more\n%s", before, after, out.String())
	}
	lines := iterationLine.FindAllStringSubmatch(out.String(), -1)
	if len(lines) != 3 {
		t.Errorf("%d lines \"iteration N: mini-batch loss L -> L, S s\", want 3:\n%s", len(lines), out.String())
	}
	for _, m := range lines {
		if m[3] >= m[2] { // same width, so comparing the text compares the numbers
			t.Errorf("iteration %s did not lower the loss on its mini-batch: %s -> %s", m[1], m[2], m[3])
		}
	}

	analytic := newNet()
	if err := learnByBackprop(analytic, train, test, 3, 50, 1, rand.New(rand.NewPCG(1, 2)), &bytes.Buffer{}, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	for _, name := range paramNames {
		if e := relError(numerical.Params[name], analytic.Params[name]); e > 1e-6 {
			t.Errorf("%s after 3 iterations: relative difference %.2g between learning by numerical and analytic gradient", name, e)
		}
	}
}

// The program's numerical run, end to end on a net small enough to be quick:
// one line per iteration, then the projection for the book's 10,000.
func TestRunNumerical(t *testing.T) {
	var stdout bytes.Buffer
	err := run([]string{"-data", datasettest.MNISTDir(t), "-hidden", "2", "-batch", "10", "-iters", "2"}, &stdout, &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	out := stdout.String()
	if !strings.Contains(out, "numerical gradient of 1600 parameters: 3200 loss evaluations") {
		t.Errorf("no count of parameters (784*2+2+2*10+10 = 1600):\n%s", out)
	}
	m := iterationLine.FindAllStringSubmatch(out, -1)
	if len(m) != 2 || m[0][1] != "1" || m[1][1] != "2" {
		t.Fatalf("want lines for iterations 1 and 2:\n%s", out)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if last := lines[len(lines)-1]; !strings.Contains(last, "the book's 10000 iterations would take about ") {
		t.Errorf("last line %q is not the projection for the book's 10000 iterations", last)
	}
}

// The analytic gradient, end to end: a short run of a narrower net (cheaper
// to evaluate on all 70,000 images) with a larger learning rate ends with
// the test accuracy, well above chance after 300 iterations.
func TestRunBackprop(t *testing.T) {
	var stdout bytes.Buffer
	err := run([]string{"-data", datasettest.MNISTDir(t), "-backprop", "-iters", "300", "-hidden", "10", "-lr", "0.5"}, &stdout, &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	out := stdout.String()
	if !strings.Contains(out, "iteration     0: loss ") {
		t.Errorf("no accuracy line at iteration 0, as the book prints:\n%s", out)
	}
	last := regexp.MustCompile(`\ntest accuracy: (0\.\d{4})\n$`).FindStringSubmatch(out)
	if last == nil {
		t.Fatalf("output does not end with \"test accuracy: 0.XXXX\":\n%s", out)
	}
	if acc, _ := strconv.ParseFloat(last[1], 64); acc < 0.7 {
		t.Errorf("test accuracy %.4f after 300 iterations, want above 0.7 (chance is 0.1)", acc)
	}
}

// A loss that becomes NaN stops training at once, with the iteration and
// the hint about the learning rate, and nothing printed for it.
func TestDivergenceStops(t *testing.T) {
	train, test := loadMNIST(t)
	for _, backprop := range []bool{false, true} {
		net := NewTwoLayerNet(784, 2, 10, 0.01, rand.New(rand.NewPCG(1, 1)))
		net.Params["W2"].Data[0] = math.NaN() // what an overflowing step leaves behind
		var out bytes.Buffer
		var err error
		if backprop {
			err = learnByBackprop(net, train, test, 10, 5, 0.1, rand.New(rand.NewPCG(1, 2)), &out, &bytes.Buffer{})
		} else {
			err = learnNumerically(net, train, 10, 5, 0.1, rand.New(rand.NewPCG(1, 2)), &out)
		}
		first := "iteration 1" // the numbering of the printed lines
		if backprop {
			first = "iteration 0"
		}
		if !errors.Is(err, trainer.ErrDiverged) || !strings.Contains(err.Error(), first) || !strings.Contains(err.Error(), "-lr") {
			t.Errorf("backprop %v: got %v, want trainer.ErrDiverged at %s with the -lr hint", backprop, err, first)
		}
		if strings.Contains(strings.ToLower(out.String()), "nan") {
			t.Errorf("backprop %v: printed NaN:\n%s", backprop, out.String())
		}
	}
}

// A huge learning rate leaves the loss finite but wrecks the network; the
// backprop loop stops within a few iterations instead of training on.
func TestHugeLearningRateStops(t *testing.T) {
	train, test := loadMNIST(t)
	net := NewTwoLayerNet(784, 50, 10, 0.01, rand.New(rand.NewPCG(1, 1)))
	var out bytes.Buffer
	err := learnByBackprop(net, train, test, 1000, 100, 100, rand.New(rand.NewPCG(1, 2)), &out, &bytes.Buffer{})
	if !errors.Is(err, trainer.ErrDiverged) || !strings.Contains(err.Error(), "-lr") {
		t.Fatalf("lr 100: got %v, want trainer.ErrDiverged with the -lr hint", err)
	}
	if strings.Contains(out.String(), "test accuracy") {
		t.Errorf("lr 100: training ran to the end:\n%s", out.String())
	}
}

func TestHelpListsEveryFlag(t *testing.T) {
	var stdout bytes.Buffer
	if err := run([]string{"-h"}, &stdout, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Usage:", "Examples:", "-backprop", "-batch N", "(default 100)", "-data folder", "$MNIST_DIR",
		"-hidden N", "(default 50)", "-iters N", "(default 3)", "10000", "-lr rate", "(default 0.1)", "-seed N", "(default 1)"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("-h output lacks %q:\n%s", want, stdout.String())
		}
	}
}

// Bad flags are usage errors that name the flag, found before any work.
func TestBadFlags(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"-iters", "0"}, "-iters 0"},
		{[]string{"-iters", "-3"}, "-iters -3"},
		{[]string{"-backprop", "-iters", "0"}, "-iters 0"},
		{[]string{"-batch", "0"}, "-batch 0"},
		{[]string{"-lr", "0"}, "-lr 0"},
		{[]string{"-lr", "-0.1"}, "-lr -0.1"},
		{[]string{"-lr", "NaN"}, "-lr NaN"},
		{[]string{"-lr", "+Inf"}, "-lr +Inf"},
		{[]string{"-lr", "fast"}, "-lr"},
		{[]string{"-hidden", "0"}, "-hidden 0"},
		{[]string{"-nonsense"}, "-nonsense"},
		{[]string{"stray"}, `"stray"`},
	} {
		var stdout bytes.Buffer
		err := run(c.args, &stdout, &bytes.Buffer{})
		if _, ok := errors.AsType[usageError](err); !ok || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: got %v, want a usage error naming %s", c.args, err, c.want)
		}
		if stdout.Len() > 0 {
			t.Errorf("%q: printed %q before failing", c.args, stdout.String())
		}
	}
}

// A mini-batch larger than the training set is refused once its size is
// known.
func TestBatchLargerThanTrainingSet(t *testing.T) {
	err := run([]string{"-data", datasettest.MNISTDir(t), "-batch", "60001"}, &bytes.Buffer{}, &bytes.Buffer{})
	if _, ok := errors.AsType[usageError](err); !ok || !strings.Contains(err.Error(), "-batch 60001") {
		t.Errorf("got %v, want a usage error naming -batch 60001", err)
	}
}

// The exit status main gives: 0 for -h, 2 for a usage error, never a panic.
// The test runs itself as the program (the environment variable selects
// main).
func TestExitStatus(t *testing.T) {
	if args := os.Getenv("CH01_RUN_MAIN"); args != "" {
		os.Args = append([]string{"01_numerical_gradient"}, strings.Fields(args)...)
		main()
		os.Exit(0)
	}
	for _, c := range []struct {
		args string
		code int
	}{
		{"-h", 0},
		{"-iters 0", 2},
		{"-lr -1", 2},
		{"-bogus", 2},
	} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestExitStatus$")
		cmd.Env = append(os.Environ(), "CH01_RUN_MAIN="+c.args)
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
