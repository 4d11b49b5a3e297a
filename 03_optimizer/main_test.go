// Tests of the command line: every flag's checks, -h, the exit codes, and
// a run of every experiment on tiny settings that checks the charts.

package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/binary"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"dlfs/common/cli"
	"dlfs/common/cli/clitest"
	"dlfs/common/npy"
)

func TestParseFlags(t *testing.T) {
	out := t.TempDir()
	cases := []struct {
		args []string
		exp  string
		want func(c config) bool
	}{
		{nil, "optimizers", func(c config) bool { return c.iters == 2000 && c.seed == 1 && c.trials == 100 && !c.baseline }},
		{[]string{"init"}, "init", nil},
		{[]string{"-exp", "batchnorm"}, "batchnorm", nil},
		{[]string{"-seed", "7", "hyperparam", "-trials", "3", "-top", "2"}, "hyperparam", func(c config) bool { return c.seed == 7 && c.trials == 3 && c.top == 2 }},
		{[]string{"-exp", "dropout", "dropout", "-dropout", "0.5"}, "dropout", func(c config) bool { return c.dropout == 0.5 }},
		{[]string{"weightdecay", "-lambda", "0", "-baseline", "-epochs", "5", "-train-size", "1000"}, "weightdecay",
			func(c config) bool { return c.lambda == 0 && c.baseline && c.epochs == 5 && c.trainSize == 1000 }},
		{[]string{"all"}, "all", nil},
		{[]string{"check", "-seed", "3"}, "check", func(c config) bool { return c.seed == 3 }},
		{[]string{"-save", out, "optimizers"}, "optimizers", func(c config) bool { return c.save == out }},
	}
	for _, c := range cases {
		args := c.args
		if c.exp != "check" { // which writes nothing, and refuses -out
			args = append([]string{"-out", out}, args...)
		}
		cfg, err := parseFlags(args, os.Stderr)
		if err != nil {
			t.Errorf("%q: %v", c.args, err)
			continue
		}
		if cfg.exp != c.exp || (c.want != nil && !c.want(cfg)) {
			t.Errorf("%q: got %+v", c.args, cfg)
		}
	}
}

func TestParseFlagsErrors(t *testing.T) {
	cases := []struct {
		args []string
		want string // words the error must contain
	}{
		{[]string{"sgd"}, `unknown experiment "sgd"`},
		{[]string{"-exp", "everything"}, "optimizers, init, batchnorm, check, weightdecay, dropout, hyperparam, all"},
		{[]string{"-exp", "init", "batchnorm"}, "-exp init and argument batchnorm"},
		{[]string{"init", "batchnorm"}, `unexpected argument "batchnorm"`},
		{[]string{"-iters", "0"}, "-iters 0"},
		{[]string{"-iters", "2000000"}, "-iters 2000000"},
		{[]string{"-iters", "many"}, "-iters"},
		{[]string{"batchnorm", "-epochs", "-1"}, "-epochs -1"},
		{[]string{"-train-size", "50"}, "-train-size 50: want at least 128 training images for optimizers"},
		{[]string{"weightdecay", "-train-size", "99"}, "-train-size 99: want at least 100"},
		{[]string{"all", "-train-size", "127"}, "-train-size 127: want at least 128"},
		{[]string{"hyperparam", "-trials", "0"}, "-trials 0"},
		{[]string{"hyperparam", "-top", "101"}, "-top 101"},
		{[]string{"weightdecay", "-lambda", "-0.1"}, "-lambda -0.1"},
		{[]string{"weightdecay", "-lambda", "NaN"}, "-lambda NaN"},
		{[]string{"dropout", "-dropout", "1"}, "-dropout 1"},
		{[]string{"dropout", "-dropout", "0"}, "-dropout 0"},
		{[]string{"-seed", "-3"}, "-seed"},
		{[]string{"-bogus"}, "-bogus"},
		// A flag the experiment does not read is refused, naming both.
		{[]string{"-epochs", "5", "optimizers"}, "-epochs 5: optimizers does not use it"},
		{[]string{"-epochs", "5"}, "-epochs 5: optimizers does not use it"},
		{[]string{"init", "-lambda", "0.2"}, "-lambda 0.2: init does not use it"},
		{[]string{"batchnorm", "-iters", "10"}, "-iters 10: batchnorm does not use it"},
		{[]string{"weightdecay", "-dropout", "0.5"}, "-dropout 0.5: weightdecay does not use it"},
		{[]string{"dropout", "-baseline", "-trials", "3"}, "-trials 3: dropout does not use it"},
		{[]string{"hyperparam", "-baseline"}, "-baseline: hyperparam does not use it"},
		{[]string{"init", "-save", "w"}, "-save w: init does not use it"},
		{[]string{"check", "-train-size", "5"}, "-train-size 5: check does not use it"},
		{[]string{"check", "-out", "charts"}, "-out charts: check does not use it"},
		{[]string{"check", "-iters", "5"}, "-iters 5: check does not use it"},
	}
	for _, c := range cases {
		_, err := parseFlags(c.args, io.Discard)
		if _, ok := errors.AsType[cli.UsageError](err); !ok {
			t.Errorf("%q: error %v, want a usage error", c.args, err)
			continue
		}
		if !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: error %q does not contain %q", c.args, err, c.want)
		}
		if code := cli.ExitCode("03_optimizer", err, &bytes.Buffer{}); code != 2 {
			t.Errorf("%q: exit code %d, want 2", c.args, code)
		}
	}
}

// A bad -out or -cpuprofile is refused before any work, and leaves nothing.
func TestRunChecksOutputs(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	if err := os.WriteFile(file, []byte("keep"), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"-out", ""}, "-out"},
		{[]string{"-out", filepath.Join(file, "charts")}, "-out " + filepath.Join(file, "charts")},
		{[]string{"-out", file}, "not a folder"},
		{[]string{"-out", filepath.Join(dir, "charts"), "-cpuprofile", dir}, "-cpuprofile " + dir},
		{[]string{"-out", filepath.Join(dir, "charts"), "-save", file}, "-save " + file + ": not a folder"},
		{[]string{"-out", filepath.Join(dir, "charts"), "-save", filepath.Join(file, "w")}, "-save " + filepath.Join(file, "w")},
	}
	for _, c := range cases {
		var stdout bytes.Buffer
		err := run(context.Background(), append(c.args, "-data", filepath.Join(dir, "no-such-folder")), &stdout, io.Discard)
		if _, ok := errors.AsType[cli.UsageError](err); !ok || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: error %v, want a usage error containing %q", c.args, err, c.want)
		}
		if stdout.Len() != 0 {
			t.Errorf("%q: printed %q before failing", c.args, stdout.String())
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("the runs left %d entries in %s, want the one file", len(entries), dir)
	}
}

// writeIDX writes a gzipped IDX file: magic, dims, then data.
func writeIDX(t *testing.T, path string, magic uint32, dims []uint32, data []byte) {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	header := binary.BigEndian.AppendUint32(nil, magic)
	for _, d := range dims {
		header = binary.BigEndian.AppendUint32(header, d)
	}
	zw.Write(header)
	zw.Write(data)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// smallMNIST writes a -data folder of valid IDX files with n training and
// 10 test images.
func smallMNIST(t *testing.T, n int) string {
	dir := t.TempDir()
	for _, set := range []struct {
		prefix string
		n      int
	}{{"train", n}, {"t10k", 10}} {
		pixels := make([]byte, set.n*28*28)
		labels := make([]byte, set.n)
		for i := range pixels {
			pixels[i] = byte(i * 7)
		}
		for i := range labels {
			labels[i] = byte(i % 10)
		}
		writeIDX(t, filepath.Join(dir, set.prefix+"-images-idx3-ubyte.gz"), 2051, []uint32{uint32(set.n), 28, 28}, pixels)
		writeIDX(t, filepath.Join(dir, set.prefix+"-labels-idx1-ubyte.gz"), 2049, []uint32{uint32(set.n)}, labels)
	}
	return dir
}

// On a folder of 200 training images every experiment but check (which
// takes one image) asks for more: each is a usage error naming -train-size
// and the loaded size, before any work.
func TestSmallDataFolder(t *testing.T) {
	data := smallMNIST(t, 200)
	out := filepath.Join(t.TempDir(), "charts")
	for _, x := range append(names(experiments), "all") {
		if x == "check" {
			continue
		}
		var stdout bytes.Buffer
		err := run(context.Background(), []string{"-data", data, "-out", out, x}, &stdout, io.Discard)
		if _, ok := errors.AsType[cli.UsageError](err); !ok {
			t.Errorf("%s: error %v, want a usage error", x, err)
			continue
		}
		if !strings.Contains(err.Error(), "-train-size") || !strings.Contains(err.Error(), "the -data folder has 200") {
			t.Errorf("%s: error %q, want it to name -train-size and the 200 images", x, err)
		}
		if stdout.Len() != 0 {
			t.Errorf("%s: printed %q before failing", x, stdout.String())
		}
	}
	err := run(context.Background(), []string{"-data", data, "-out", out, "weightdecay", "-train-size", "1000"}, io.Discard, io.Discard)
	if want := "weightdecay: -train-size 1000 needs at least 1000 training images; the -data folder has 200"; err == nil || err.Error() != want {
		t.Errorf("-train-size 1000: error %v, want %q", err, want)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("-out %s exists after runs that wrote nothing", out)
	}
}

// An interrupt stops the training at the end of a step, says where, and
// leaves no -out folder when nothing was written.
func TestInterrupt(t *testing.T) {
	data := smallMNIST(t, 300)
	out := filepath.Join(t.TempDir(), "charts")
	ctx, cancel := context.WithCancelCause(context.Background())
	cancel(&cli.Interrupted{Signal: os.Interrupt})
	err := run(ctx, []string{"-data", data, "-out", out, "weightdecay"}, io.Discard, io.Discard)
	if !errors.Is(err, cli.ErrInterrupted) || !strings.Contains(err.Error(), "stopped after 0 of 600 iterations") {
		t.Errorf("error %v, want an interrupt that says where it stopped", err)
	}
	if code := cli.ExitCode("03_optimizer", err, io.Discard); code != 130 {
		t.Errorf("exit code %d, want 130", code)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("-out %s exists after an interrupted run that wrote nothing", out)
	}
	err = run(ctx, []string{"-data", data, "check"}, io.Discard, io.Discard)
	if !errors.Is(err, cli.ErrInterrupted) || !strings.Contains(err.Error(), "check: numerical gradient stopped after 0 of 180020 loss evaluations") {
		t.Errorf("check: error %v, want an interrupt that says where the numerical gradient stopped", err)
	}
}

// -h lists every experiment and every flag with its default.
func TestHelp(t *testing.T) {
	stdout, help := clitest.Help(t, run)
	for _, x := range experiments {
		if !strings.Contains(help, "  "+x.name+" ") || !strings.Contains(help, x.summary) {
			t.Errorf("help does not list experiment %s with its summary", x.name)
		}
	}
	clitest.CheckFlagDefaults(t, help, "exp", "data", "out", "seed", "cpuprofile", "save", "iters", "epochs", "train-size", "trials", "top", "lambda", "dropout", "baseline")
	if stdout != "" {
		t.Errorf("-h wrote to stdout: %q", stdout)
	}
}

// Every experiment on tiny settings: each writes its charts, which parse
// as SVG, and prints its key figures; -save, here the -out folder itself,
// gets each optimizer's weights.
func TestRunAll(t *testing.T) {
	mnist(t) // skip or fail early without MNIST
	out := t.TempDir()
	var stdout, stderr bytes.Buffer
	args := []string{"-out", out, "-iters", "20", "-epochs", "2", "-train-size", "150", "-trials", "3", "-top", "2", "-baseline", "-save", out, "all"}
	if err := run(context.Background(), args, &stdout, &stderr); err != nil {
		t.Fatalf("%v\nstdout:\n%s\nstderr:\n%s", err, stdout.String(), stderr.String())
	}
	charts := map[string]int{ // file: panels
		"optimizer_paths.svg":              6,
		"optimizer_mnist.svg":              2,
		"optimizer_accuracy.svg":           2,
		"activation_histogram_sigmoid.svg": 20,
		"activation_histogram_relu.svg":    20,
		"activation_histogram_tanh.svg":    20,
		"weight_init_mnist.svg":            2,
		"batch_norm.svg":                   16,
		"overfit_weight_decay.svg":         2,
		"overfit_dropout.svg":              2,
		"hyperparameter_optimization.svg":  2,
		"hyperparameter_search.svg":        2,
	}
	for name, panels := range charts {
		path := filepath.Join(out, name)
		if got := svgFile(t, path)["chart"]; got != panels {
			t.Errorf("%s: %d panels, want %d", name, got, panels)
		}
		if !strings.Contains(stdout.String(), "wrote "+path) {
			t.Errorf("stdout does not say it wrote %s", path)
		}
	}
	weights := optimizerWeightFiles()
	for _, name := range weights {
		if shapes, err := npy.Shapes(filepath.Join(out, name)); err != nil || len(shapes) != 10 {
			t.Errorf("%s: %d arrays (%v), want W1 b1 ... W5 b5", name, len(shapes), err)
		}
	}
	entries, _ := os.ReadDir(out)
	if len(entries) != len(charts)+len(weights) {
		t.Errorf("%d files in -out, want the %d charts and the %d weights alone", len(entries), len(charts), len(weights))
	}
	for _, want := range []string{
		"== optimizers", "loss at 0", "== init", "sigmoid  std=1", "== batchnorm", "W scale",
		"== weightdecay", "weight decay 0.1", "no regularization", "== dropout", "dropout 0.2",
		"== hyperparam", "Best-1(val acc:", "Best-2(", "test accuracy: 0.",
		"accuracy after 20 iterations", "== check", "\nW1:0\n", "\nbeta2:0.0", "\nb3:1.",
	} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("stdout does not contain %q", want)
		}
	}
}

// The same -seed gives the same run, to the last bit; another seed does not.
func TestRepeatable(t *testing.T) {
	train, test := mnist(t)
	cfg := overfitConfig{epochs: 3, batch: 100, lr: 0.05, hidden: []int{50, 50}, dropout: 0.3}
	runWith := func(seed uint64) overfitRun {
		cfg.seed = seed
		run, err := overfitTrain(context.Background(), "repeat", train.Head(200), test.Head(300), cfg, io.Discard, "")
		if err != nil {
			t.Fatal(err)
		}
		return run
	}
	a, b, c := runWith(1), runWith(1), runWith(2)
	if !slices.Equal(a.trainAcc, b.trainAcc) || !slices.Equal(a.testAcc, b.testAcc) || a.finalTest() != b.finalTest() {
		t.Errorf("two runs with seed 1 differ: %v %v and %v %v", a.trainAcc, a.testAcc, b.trainAcc, b.testAcc)
	}
	if slices.Equal(a.trainAcc, c.trainAcc) && slices.Equal(a.testAcc, c.testAcc) {
		t.Errorf("seeds 1 and 2 give the same run: %v %v", a.trainAcc, a.testAcc)
	}
}

// names returns the names of xs.
func names(xs []experiment) []string {
	var n []string
	for _, x := range xs {
		n = append(n, x.name)
	}
	return n
}
