// End-to-end tests of the program through run, and of the two training
// loops on small networks: the loss falls, the guard stops a diverged run,
// bad flags are usage errors.

package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"dlfs/common/cli"
	"dlfs/common/cli/clitest"
	"dlfs/common/mat"
	"dlfs/common/relerr"
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
	if err := learnNumerically(context.Background(), numerical, train, 3, 50, 1, rand.New(rand.NewPCG(1, 2)), &out, &bytes.Buffer{}); err != nil {
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
	if _, _, err := learnByBackprop(context.Background(), analytic, train, test, 3, 50, 1, rand.New(rand.NewPCG(1, 2)), &bytes.Buffer{}, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	for _, name := range paramNames {
		if e := relerr.Norm(numerical.Params[name], analytic.Params[name]); e > 1e-6 {
			t.Errorf("%s after 3 iterations: relative difference %.2g between learning by numerical and analytic gradient", name, e)
		}
	}
}

// The program's numerical run, end to end on a net small enough to be quick:
// one line per iteration, then the projection for the book's 10,000.
func TestRunNumerical(t *testing.T) {
	var stdout bytes.Buffer
	dir := filepath.Join(t.TempDir(), "figures")
	err := run(context.Background(), []string{"-data", datasettest.MNISTDir(t), "-hidden", "2", "-batch", "10", "-iters", "2", "-out", dir}, &stdout, &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	out := stdout.String()
	if got := strings.Join(clitest.Files(t, dir), " "); got != "gradient_1d.svg gradient_2d.svg gradient_method.svg" {
		t.Errorf("-out without -backprop wrote %s, want the three figures and no accuracy chart", got)
	}
	if !strings.HasPrefix(out, "wrote gradient_1d.svg, gradient_2d.svg, gradient_method.svg to "+dir+"\n") {
		t.Errorf("output does not start by naming the figures it wrote:\n%s", out)
	}
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
// to evaluate on all 70,000 images) with a larger learning rate measures
// the accuracies once per epoch, draws them into -out's accuracy.svg, and
// ends with the test accuracy, well above chance after 700 iterations.
func TestRunBackprop(t *testing.T) {
	var stdout bytes.Buffer
	dir := t.TempDir()
	err := run(context.Background(), []string{"-data", datasettest.MNISTDir(t), "-backprop", "-iters", "700", "-hidden", "10", "-lr", "0.5", "-out", dir}, &stdout, &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	out := stdout.String()
	chart, err := os.ReadFile(filepath.Join(dir, "accuracy.svg"))
	if err != nil || !strings.Contains(string(chart), "784-10-10") || !strings.Contains(out, "\nwrote accuracy.svg to "+dir+"\ntest accuracy: ") {
		t.Errorf("-backprop -out: accuracy.svg of the 784-10-10 net not written (%v), or not said before the test accuracy:\n%s", err, out)
	}
	if n := strings.Count(out, " train acc "); n != 2 {
		t.Errorf("%d accuracy lines in 700 iterations, want 2 (iterations 0 and 600):\n%s", n, out)
	}
	if !strings.Contains(out, "iteration     0: loss ") {
		t.Errorf("no accuracy line at iteration 0, as the book prints:\n%s", out)
	}
	last := regexp.MustCompile(`\ntest accuracy: (0\.\d{4})\n$`).FindStringSubmatch(out)
	if last == nil {
		t.Fatalf("output does not end with \"test accuracy: 0.XXXX\":\n%s", out)
	}
	if acc, _ := strconv.ParseFloat(last[1], 64); acc < 0.7 {
		t.Errorf("test accuracy %.4f after 700 iterations, want above 0.7 (chance is 0.1)", acc)
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
			_, _, err = learnByBackprop(context.Background(), net, train, test, 10, 5, 0.1, rand.New(rand.NewPCG(1, 2)), &out, &bytes.Buffer{})
		} else {
			err = learnNumerically(context.Background(), net, train, 10, 5, 0.1, rand.New(rand.NewPCG(1, 2)), &out, &bytes.Buffer{})
		}
		err = cli.Diverged(err, "-lr") // as run does
		first := "iteration 1"         // the loss after the first update
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
	_, _, err := learnByBackprop(context.Background(), net, train, test, 1000, 100, 100, rand.New(rand.NewPCG(1, 2)), &out, &bytes.Buffer{})
	err = cli.Diverged(err, "-lr")
	if !errors.Is(err, trainer.ErrDiverged) || !strings.Contains(err.Error(), "-lr") {
		t.Fatalf("lr 100: got %v, want trainer.ErrDiverged with the -lr hint", err)
	}
	if strings.Contains(out.String(), "iterations in") {
		t.Errorf("lr 100: training ran to the end:\n%s", out.String())
	}
}

// -h prints the help and every flag with its default on stderr, nothing on
// stdout, and returns flag.ErrHelp (exit status 0).
func TestHelpListsEveryFlag(t *testing.T) {
	stdout, help := clitest.Help(t, run)
	if stdout != "" {
		t.Errorf("-h printed on stdout:\n%s", stdout)
	}
	for _, want := range []string{"Usage:", "Examples", "Flags:", "-backprop", "-out folder", "accuracy.svg", "(default false)", "-batch N", "(default 100)", "-data folder", "$MNIST_DIR",
		"-hidden N", "1 to 10000", "(default 50)", "-iters N", "(default 3)", "10000", "-lr rate", "(default 0.1)", "-seed N", "(default 1)",
		"-cpuprofile file", "(default none)"} {
		if !strings.Contains(help, want) {
			t.Errorf("-h output lacks %q:\n%s", want, help)
		}
	}
}

// Bad flags are usage errors that name the flag, found before any work
// (-data points at a missing folder, so an error about the flag shows that it
// was checked first), including a network too large for the machine's
// memory and an output that cannot be written.
func TestBadFlags(t *testing.T) {
	noData := filepath.Join(t.TempDir(), "no-mnist-here")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"-iters", "0"}, "-iters 0: want a number of iterations of at least 1"},
		{[]string{"-iters", "-3"}, "-iters -3"},
		{[]string{"-backprop", "-iters", "0"}, "-iters 0"},
		{[]string{"-batch", "0"}, "-batch 0"},
		{[]string{"-lr", "0"}, "-lr 0: want a learning rate above 0, such as the book's 0.1"},
		{[]string{"-lr", "-0.1"}, "-lr -0.1"},
		{[]string{"-lr", "NaN"}, "-lr NaN"},
		{[]string{"-lr", "+Inf"}, "-lr +Inf"},
		{[]string{"-lr", "fast"}, "-lr"},
		{[]string{"-hidden", "0"}, "-hidden 0"},
		{[]string{"-data", noData, "-hidden", "1000000"}, "-hidden 1000000 with -batch 100: needs about 76.7 GB of memory, more than 3/4 of the machine's "},
		{[]string{"-data", noData, "-hidden", "100000000"}, "-hidden 100000000 with -batch 100: needs about 7.67 TB of memory"},
		{[]string{"-data", noData, "-backprop", "-hidden", "10000", "-batch", "60000"}, "-hidden 10000 with -batch 60000: needs about 59.1 GB"},
		{[]string{"-data", noData, "-hidden", "10001", "-batch", "1"}, "-hidden 10001: want a number of hidden units from 1 to 10000"},
		{[]string{"-data", noData, "-cpuprofile", "/dev/full"}, "-cpuprofile /dev/full: /dev/full is a device: not a regular file"},
		{[]string{"-data", noData, "-cpuprofile", "/nonexistent/cpu.prof"}, "-cpuprofile /nonexistent/cpu.prof: "},
		{[]string{"-nonsense"}, "-nonsense"},
		{[]string{"stray"}, `"stray"`},
	} {
		var stdout bytes.Buffer
		err := run(context.Background(), c.args, &stdout, &bytes.Buffer{})
		if _, ok := errors.AsType[cli.UsageError](err); !ok || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: got %v, want a usage error containing %s", c.args, err, c.want)
		}
		if stdout.Len() > 0 {
			t.Errorf("%q: printed %q before failing", c.args, stdout.String())
		}
	}
}

// The estimate grows with both flags, and the default fits in a few
// hundred MB.
func TestMemoryNeed(t *testing.T) {
	def := memoryNeed(50, 100)
	if def < 55e6 || def > 200e6 {
		t.Errorf("memoryNeed(50, 100) = %d, want 55 to 200 MB", def)
	}
	if memoryNeed(100, 100) <= def || memoryNeed(50, 1000) <= def {
		t.Error("memoryNeed does not grow with -hidden and -batch")
	}
	if memoryNeed(1<<62, 1<<62) != 1<<64-1 {
		t.Error("memoryNeed overflows instead of saturating")
	}
}

// Both loops stop at the start of an iteration once the
// context is cancelled, saying where and at what loss, and the error maps to
// exit status 130 (143 for SIGTERM).
func TestLoopsStopOnInterrupt(t *testing.T) {
	train, test := loadMNIST(t)
	for _, sig := range []os.Signal{os.Interrupt, syscall.SIGTERM} {
		ctx, cancel := context.WithCancelCause(context.Background())
		cancel(&cli.Interrupted{Signal: sig})
		for _, backprop := range []bool{false, true} {
			net := NewTwoLayerNet(784, 2, 10, 0.01, rand.New(rand.NewPCG(1, 1)))
			var out bytes.Buffer
			var err error
			if backprop {
				_, _, err = learnByBackprop(ctx, net, train, test, 10, 5, 0.1, rand.New(rand.NewPCG(1, 2)), &out, &bytes.Buffer{})
			} else {
				err = learnNumerically(ctx, net, train, 10, 5, 0.1, rand.New(rand.NewPCG(1, 2)), &out, &bytes.Buffer{})
			}
			if !errors.Is(err, cli.ErrInterrupted) || !strings.HasPrefix(err.Error(), "stopped after 0 of 10 iterations") {
				t.Errorf("backprop %v, %v: got %v, want an interrupt stopped after 0 of 10 iterations", backprop, sig, err)
			}
			want := 130
			if sig == syscall.SIGTERM {
				want = 143
			}
			if code := cli.ExitCode("01", err, &bytes.Buffer{}); code != want {
				t.Errorf("backprop %v, %v: exit status %d, want %d", backprop, sig, code, want)
			}
			if strings.Contains(out.String(), "iterations in") {
				t.Errorf("backprop %v: ran to the end:\n%s", backprop, out.String())
			}
		}
	}
}

// A real SIGINT (SIGTERM) sent to the program during -backprop stops it with
// the iteration and the loss on stderr and exit status 130 (143).
func TestInterruptExitStatus(t *testing.T) {
	if clitest.IsMain() {
		return // TestExitStatus runs the program
	}
	dir := datasettest.MNISTDir(t)
	for _, c := range []struct {
		sig  syscall.Signal
		code int
		name string
	}{{syscall.SIGINT, 130, "SIGINT"}, {syscall.SIGTERM, 143, "SIGTERM"}} {
		cmd := clitest.Command("TestExitStatus", "-data "+dir+" -backprop -iters 1000000")
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(1500 * time.Millisecond)
		cmd.Process.Signal(c.sig)
		code := clitest.ExitCode(t, cmd.Wait())
		if code != c.code || !regexp.MustCompile(`01_numerical_gradient: stopped after \d+ of 1000000 iterations(, loss \d+\.\d{4})?: interrupted by `+c.name+`\n$`).Match(out.Bytes()) {
			t.Errorf("%s: exit status %d, want %d; output:\n%s", c.name, code, c.code, out.String())
		}
	}
}

// A mini-batch larger than the training set is refused once its size is
// known.
func TestBatchLargerThanTrainingSet(t *testing.T) {
	err := run(context.Background(), []string{"-data", datasettest.MNISTDir(t), "-batch", "60001"}, &bytes.Buffer{}, &bytes.Buffer{})
	if _, ok := errors.AsType[cli.UsageError](err); !ok || !strings.Contains(err.Error(), "-batch 60001") {
		t.Errorf("got %v, want a usage error naming -batch 60001", err)
	}
}

// The exit status main gives: 0 for -h, 2 for a usage error, never a panic.
// The test runs itself as the program (the environment variable selects
// main).
func TestExitStatus(t *testing.T) {
	clitest.RunMain("01_numerical_gradient", main)
	clitest.CheckExitStatus(t, "TestExitStatus", map[string]int{
		"-h":              0,
		"-iters 0":        2,
		"-lr -1":          2,
		"-hidden 1000000": 2,
		"-bogus":          2,
	})
}

// laterCtx is a context whose Err turns to context.Canceled after n calls:
// an interrupt that lands in the middle of a numerical gradient.
type laterCtx struct {
	context.Context
	n int
}

func (c *laterCtx) Err() error {
	if c.n--; c.n < 0 {
		return context.Canceled
	}
	return nil
}

// An interrupt during the numerical gradient ends the iteration at once:
// the remaining loss evaluations return without computing, no update is
// made from the partial gradient, and the error says where it stopped.
func TestInterruptDuringNumericalGradient(t *testing.T) {
	train, _ := loadMNIST(t)
	net := NewTwoLayerNet(784, 2, 10, 0.01, rand.New(rand.NewPCG(1, 1)))
	before := net.Params["W1"].Clone()
	ctx := &laterCtx{Context: context.Background(), n: 100}
	var out bytes.Buffer
	err := learnNumerically(ctx, net, train, 10, 5, 0.1, rand.New(rand.NewPCG(1, 2)), &out, &bytes.Buffer{})
	if !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "stopped during iteration 1 of 10") {
		t.Fatalf("got %v, want context.Canceled, stopped during iteration 1 of 10", err)
	}
	if d := mat.MaxAbsDiff(before, net.Params["W1"]); d != 0 {
		t.Errorf("W1 changed by %g: a partial gradient was applied", d)
	}
	if strings.Contains(out.String(), "iteration 1:") {
		t.Errorf("iteration 1 was reported as done:\n%s", out.String())
	}
}

// learnByBackprop returns the accuracies it prints, one pair per epoch
// (every 2 iterations for 100 images in batches of 50), as the book's
// train_acc_list and test_acc_list that the chart draws.
func TestBackpropReturnsAccuracies(t *testing.T) {
	train, test := loadMNIST(t)
	train, test = train.Head(100), test.Head(100)
	net := NewTwoLayerNet(784, 5, 10, 0.01, rand.New(rand.NewPCG(1, 1)))
	var out bytes.Buffer
	trainAcc, testAcc, err := learnByBackprop(context.Background(), net, train, test, 5, 50, 1, rand.New(rand.NewPCG(1, 2)), &out, &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	var printed []string
	for _, m := range regexp.MustCompile(`train acc (\S+), test acc (\S+)`).FindAllStringSubmatch(out.String(), -1) {
		printed = append(printed, m[1]+" "+m[2])
	}
	var returned []string
	for i := range trainAcc {
		returned = append(returned, fmt.Sprintf("%.4f %.4f", trainAcc[i], testAcc[i]))
	}
	if len(trainAcc) != 3 || len(testAcc) != 3 || !slices.Equal(printed, returned) {
		t.Errorf("returned %v and %v (%q), printed %q: want the same 3 epochs (iterations 0, 2, 4)", trainAcc, testAcc, returned, printed)
	}
}
