package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"dlfs/common/mat"
	"dlfs/common/nn"
	"dlfs/common/trainer"
)

func TestExitCode(t *testing.T) {
	lastSignal.Store(nil) // as if no signal came
	for _, tc := range []struct {
		name   string
		err    error
		code   int
		stderr string
	}{
		{"success", nil, 0, ""},
		{"help", flag.ErrHelp, 0, ""},
		{"wrapped help", fmt.Errorf("parse: %w", flag.ErrHelp), 0, ""},
		{"usage error", Usagef("-lr %v: want a learning rate above 0", 0.0), 2,
			"prog: -lr 0: want a learning rate above 0\nrun with -h to see every flag\n"},
		{"wrapped usage error", fmt.Errorf("mode: %w", Usagef("-batch %d: too large", 70000)), 2,
			"prog: mode: -batch 70000: too large\nrun with -h to see every flag\n"},
		{"other error", fmt.Errorf("load: %w", os.ErrNotExist), 1,
			"prog: load: file does not exist\n"},
		{"SIGINT", fmt.Errorf("stopped after iteration 12 of 100, loss 0.4130: %w", &Interrupted{os.Interrupt}), 130,
			"prog: stopped after iteration 12 of 100, loss 0.4130: interrupted by SIGINT\n"},
		{"SIGTERM", fmt.Errorf("epoch 3: %w", &Interrupted{syscall.SIGTERM}), 143,
			"prog: epoch 3: interrupted by SIGTERM\n"},
		{"canceled without a signal", context.Canceled, 1, "prog: context canceled\n"},
	} {
		var stderr strings.Builder
		if got := ExitCode("prog", tc.err, &stderr); got != tc.code {
			t.Errorf("%s: ExitCode(%v) = %d, want %d", tc.name, tc.err, got, tc.code)
		}
		if got := stderr.String(); got != tc.stderr {
			t.Errorf("%s: ExitCode(%v) printed %q, want %q", tc.name, tc.err, got, tc.stderr)
		}
	}
}

// A UsageError keeps the error it wraps visible to errors.Is.
func TestUsageErrorUnwrap(t *testing.T) {
	err := UsageError{fmt.Errorf("-weights w.npz: %w", os.ErrNotExist)}
	if !errors.Is(err, os.ErrNotExist) {
		t.Errorf("errors.Is(%v, os.ErrNotExist) = false, want true", err)
	}
	if got, want := err.Error(), "-weights w.npz: file does not exist"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

// The -data help names every place MNIST is looked for, starting with
// "(default " so that PrintFlags adds no second default, and flag's
// PrintDefaults takes its back-quoted word as the argument's name.
func TestDataFlagUsage(t *testing.T) {
	var dir string
	c := New("prog", "")
	c.Data(&dir, func() (string, error) { return "/cache/mnist", nil })
	help := c.Lookup("data").Usage
	for _, want := range []string{"downloaded there if missing", "(default $MNIST_DIR if set, else /cache/mnist)"} {
		if !strings.Contains(help, want) {
			t.Errorf("-data help = %q, lacks %q", help, want)
		}
	}
	fs := flag.NewFlagSet("prog", flag.ContinueOnError)
	fs.String("data", "", help)
	var out strings.Builder
	fs.SetOutput(&out)
	fs.PrintDefaults()
	if !strings.HasPrefix(out.String(), "  -data folder\n") {
		t.Errorf("PrintDefaults printed %q, want it to start with \"  -data folder\\n\"", out.String())
	}
	out.Reset()
	PrintFlags(&out, fs)
	if strings.Contains(out.String(), "(default none)") {
		t.Errorf("PrintFlags printed %q, a second default", out.String())
	}
}

// -cpuprofile is checked before the work, never truncates
// a file when the run fails, and reports write errors.
func TestCPUProfile(t *testing.T) {
	dir := t.TempDir()
	keep := filepath.Join(dir, "keep.txt")
	mustWrite(t, keep, "keep")
	for _, tc := range []struct {
		name   string
		path   string
		runErr error
		want   string // the error of CPUProfile or finish; "" for none
		check  func(t *testing.T)
	}{
		{"none", "", nil, "", nil},
		{"device", "/dev/full", nil, "-cpuprofile /dev/full: /dev/full is a device: not a regular file", nil},
		{"missing folder", filepath.Join(dir, "no", "cpu.prof"), nil, "-cpuprofile " + dir + "/no/cpu.prof: ", nil},
		{"failed run keeps the old file", keep, errors.New("-data: no such folder"), "-data: no such folder",
			func(t *testing.T) { assertContent(t, keep, "keep") }},
		{"success", filepath.Join(dir, "cpu.prof"), nil, "", func(t *testing.T) {
			if fi, err := os.Stat(filepath.Join(dir, "cpu.prof")); err != nil || fi.Size() == 0 {
				t.Errorf("profile: %v, %v; want a non-empty file", fi, err)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			finish, err := CPUProfile(tc.path)
			if err == nil {
				if tc.path != "" {
					assertContent(t, keep, "keep") // nothing truncated while running
				}
				err = finish(tc.runErr)
			}
			if tc.want == "" && err != nil || tc.want != "" && (err == nil || !strings.HasPrefix(err.Error(), tc.want)) {
				t.Errorf("got %v, want %q", err, tc.want)
			}
			if tc.check != nil {
				tc.check(t)
			}
			for _, n := range names(dir) {
				if strings.Contains(n, ".tmp") {
					t.Errorf("left %s behind", n)
				}
			}
		})
	}
}

// A write error while profiling is returned, naming -cpuprofile.
func TestErrWriter(t *testing.T) {
	f, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	w := &errWriter{w: f}
	if _, err := w.Write([]byte("profile")); err == nil {
		t.Fatal("writing /dev/full succeeded")
	}
	if _, err := w.Write([]byte("more")); err == nil || w.err == nil {
		t.Errorf("second write: %v, kept %v; want the first error", err, w.err)
	}
}

func names(dir string) []string {
	entries, _ := os.ReadDir(dir)
	var n []string
	for _, e := range entries {
		n = append(n, e.Name())
	}
	return n
}

func assertContent(t *testing.T, path, want string) {
	t.Helper()
	got, err := os.ReadFile(path)
	if err != nil || string(got) != want {
		t.Errorf("%s holds %q, %v; want %q", path, got, err, want)
	}
}

// Watch's function returns at once without calling f once the context is
// cancelled, so that nn.NumericalGradient's loop over a large matrix ends
// in a moment; before, it calls step and f for every evaluation.
func TestWatch(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	calls, steps := 0, 0
	loss := Watch(ctx, func() { steps++ }, func() float64 { calls++; return 1.5 })
	x := mat.New(300, 300)
	if got := loss(x); got != 1.5 || calls != 1 || steps != 1 {
		t.Fatalf("before cancel: %v, %d calls, %d steps; want 1.5, 1, 1", got, calls, steps)
	}
	cancel()
	nn.NumericalGradient(loss, x)
	if calls != 1 || steps != 1 {
		t.Errorf("after cancel: f called %d more times, step %d more; want none", calls-1, steps-1)
	}
}

// Diverged names the chapter's flag when the loss went wrong after updates,
// and says the learning rate is not to blame at iteration 0, before any.
func TestDiverged(t *testing.T) {
	g := trainer.NewGuard(10)
	var late error
	for i := 0; late == nil && i < 50; i++ {
		late = g.Check(i, []float64{2.3, 16, 16, 16, 16, 16, 16, 16, 16}[min(i, 8)])
	}
	if err := Diverged(late, "-lr"); !errors.Is(err, trainer.ErrDiverged) || !strings.Contains(err.Error(), "try a smaller -lr") {
		t.Errorf("after updates: %v, want the advice to try a smaller -lr", err)
	}
	first := trainer.NewGuard(10).Check(0, math.NaN())
	if err := Diverged(first, "-lr"); !errors.Is(err, trainer.ErrDiverged) || strings.Contains(err.Error(), "smaller") || !strings.Contains(err.Error(), "before any update") {
		t.Errorf("at iteration 0: %v, want no blame on -lr", err)
	}
	other := errors.New("disk full")
	if Diverged(other, "-lr") != other {
		t.Errorf("an error that is not the guard's was changed")
	}
}
