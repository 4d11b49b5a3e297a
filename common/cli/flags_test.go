package cli

import (
	"errors"
	"flag"
	"strings"
	"testing"

	"dlfs/common/mat"
)

// Every flag states its default once: its own "(default ...)" in the help,
// else the value, else "none" for an empty string.
func TestPrintFlags(t *testing.T) {
	fs := flag.NewFlagSet("prog", flag.ContinueOnError)
	fs.Int("batch", 100, "mini-batch `size`")
	fs.String("data", "", "`folder` of MNIST (default: $MNIST_DIR)")
	fs.Bool("check", false, "run the gradient check")
	fs.String("save", "", "write the weights to `file.npz`")
	var out strings.Builder
	PrintFlags(&out, fs)
	want := "  -batch size\n    \tmini-batch size (default 100)\n" +
		"  -check\n    \trun the gradient check (default false)\n" +
		"  -data folder\n    \tfolder of MNIST (default: $MNIST_DIR)\n" +
		"  -save file.npz\n    \twrite the weights to file.npz (default none)\n"
	if got := out.String(); got != want {
		t.Errorf("PrintFlags printed\n%s\nwant\n%s", got, want)
	}
}

// -h prints the help and every flag with its default on stderr and returns
// flag.ErrHelp; mistakes are usage errors and print nothing.
func TestParse(t *testing.T) {
	const help = "Usage: prog [flags]\n\n"
	for _, tc := range []struct {
		name     string
		args     []string
		withArgs bool
		err      string // "" for success, "help" for flag.ErrHelp
		stderr   string // what stderr must contain ("" for nothing at all)
	}{
		{"no flags", nil, false, "", ""},
		{"flags", []string{"-n", "3", "-zero=0"}, false, "", ""},
		{"-h", []string{"-h"}, false, "help", help + "Flags:\n  -n int\n    \tcount (default 1)\n  -name string\n    \twho (default none)\n  -zero int\n    \tzero (default 0)\n\nMatrix products in this build: " + mat.Kernels() + " kernels"},
		{"-help", []string{"-help"}, false, "help", "  -zero int\n    \tzero (default 0)\n"},
		{"unknown flag", []string{"-x"}, false, "flag provided but not defined: -x", ""},
		{"bad value", []string{"-n", "two"}, false, `invalid value "two" for flag -n`, ""},
		{"argument", []string{"-n", "2", "extra"}, false, `unexpected argument "extra": every setting is a flag`, ""},
		{"argument allowed", []string{"-n", "2", "extra"}, true, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fs := NewFlagSet("prog")
			fs.Int("n", 1, "count")
			fs.String("name", "", "who")
			fs.Int("zero", 0, "zero")
			var stderr strings.Builder
			var err error
			if tc.withArgs {
				err = ParseWithArgs(fs, tc.args, &stderr, help)
			} else {
				err = Parse(fs, tc.args, &stderr, help)
			}
			switch {
			case tc.err == "" && err != nil:
				t.Errorf("got %v, want success", err)
			case tc.err == "help" && !errors.Is(err, flag.ErrHelp):
				t.Errorf("got %v, want flag.ErrHelp", err)
			case tc.err != "" && tc.err != "help":
				if _, ok := errors.AsType[UsageError](err); !ok || !strings.Contains(err.Error(), tc.err) {
					t.Errorf("got %v, want a UsageError containing %q", err, tc.err)
				}
			}
			if got := stderr.String(); (tc.stderr == "" && got != "") || !strings.Contains(got, tc.stderr) {
				t.Errorf("stderr %q, want %q", got, tc.stderr)
			}
		})
	}
}

// A flag that the chosen mode ignores is refused, naming
// the flag, its value and the mode.
func TestOnlyWith(t *testing.T) {
	for _, tc := range []struct {
		args    []string
		allowed []string
		want    string // "" for no error
	}{
		{nil, nil, ""},
		{[]string{"-batch", "10", "-data", "d"}, []string{"data", "batch"}, ""},
		{[]string{"-data", "d", "-epochs", "5"}, []string{"data", "batch"},
			"-epochs 5: evaluating does not use it; it uses only -data, -batch"},
		{[]string{"-check"}, []string{"data"}, "-check: evaluating does not use it"},
		{[]string{"-epochs", "5"}, nil, "-epochs 5: evaluating does not use it; it uses no flags"},
	} {
		fs := NewFlagSet("prog")
		fs.String("data", "", "")
		fs.Int("batch", 100, "")
		fs.Int("epochs", 20, "")
		fs.Bool("check", false, "")
		if err := fs.Parse(tc.args); err != nil {
			t.Fatal(err)
		}
		err := OnlyWith(fs, "evaluating", tc.allowed...)
		if tc.want == "" {
			if err != nil {
				t.Errorf("%v: got %v, want nil", tc.args, err)
			}
			continue
		}
		if _, ok := errors.AsType[UsageError](err); !ok || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("%v: got %v, want a UsageError starting %q", tc.args, err, tc.want)
		}
	}
}

func TestIsSet(t *testing.T) {
	fs := NewFlagSet("prog")
	fs.Int("iters", 3, "")
	fs.Int("batch", 100, "")
	if err := fs.Parse([]string{"-iters", "3"}); err != nil {
		t.Fatal(err)
	}
	if !IsSet(fs, "iters") || IsSet(fs, "batch") {
		t.Errorf("IsSet(iters), IsSet(batch) = %v, %v; want true, false", IsSet(fs, "iters"), IsSet(fs, "batch"))
	}
}
