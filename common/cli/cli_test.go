package cli

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestExitCode(t *testing.T) {
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
	help := DataFlagUsage()
	for _, want := range []string{"downloaded there if missing", "(default $MNIST_DIR if set, else "} {
		if !strings.Contains(help, want) {
			t.Errorf("DataFlagUsage() = %q, lacks %q", help, want)
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

// A profile that cannot be created is a usage error naming -cpuprofile; one
// that can is written when stop is called.
func TestStartCPUProfile(t *testing.T) {
	dir := t.TempDir()
	_, err := StartCPUProfile(filepath.Join(dir, "no", "such", "folder", "cpu.prof"))
	if _, ok := errors.AsType[UsageError](err); !ok || !strings.Contains(err.Error(), "-cpuprofile") {
		t.Errorf("missing folder: got %v, want a usage error naming -cpuprofile", err)
	}
	path := filepath.Join(dir, "cpu.prof")
	stop, err := StartCPUProfile(path)
	if err != nil {
		t.Fatal(err)
	}
	stop()
	info, err := os.Stat(path)
	if err != nil || info.Size() == 0 {
		t.Errorf("profile %s: %v, size %v; want a non-empty file", path, err, info)
	}
}
