// Package clitest is machinery, safe to skip: it is not part of the book. It
// runs a chapter's program from its tests: in the process,
// through the run function every chapter hands to cli.Main, and as a process
// of its own, to see the exit status main gives. The second is the test
// binary started again as the program (the way os/exec's own tests do it):
//
//	func TestExitStatus(t *testing.T) {
//		clitest.RunMain("00_neural_network", main) // in the child: runs main, exits
//		clitest.CheckExitStatus(t, "TestExitStatus", map[string]int{"-h": 0, "-batch 0": 2})
//	}
package clitest

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"io"
	"maps"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"

	"dlfs/common/cli"
)

// RunFunc is a chapter's run: the whole program with its arguments, writing
// to stdout and stderr.
type RunFunc func(ctx context.Context, args []string, stdout, stderr io.Writer) error

// Run runs run with args and returns what it wrote to stdout; an error fails
// t with the arguments, the error and what run wrote to stderr.
func Run(t testing.TB, run RunFunc, args ...string) string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if err := run(context.Background(), args, &stdout, &stderr); err != nil {
		t.Fatalf("run %q: %v\nstderr:\n%s", args, err, stderr.String())
	}
	return stdout.String()
}

// Help runs run with -h and returns what it wrote to stdout and to stderr
// (the help). It fails t unless run returns flag.ErrHelp, which cli.Main
// turns into exit status 0.
func Help(t testing.TB, run RunFunc) (stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(context.Background(), []string{"-h"}, &out, &errOut)
	if !errors.Is(err, flag.ErrHelp) || cli.ExitCode("clitest", err, io.Discard) != 0 {
		t.Fatalf("-h: %v, want flag.ErrHelp and exit status 0", err)
	}
	return out.String(), errOut.String()
}

// CheckFlagDefaults checks that help, the output of -h, lists each flag of
// names (without its dash) with its default: the flag's entry, from its
// line "  -name ..." to the next flag's, says "(default".
func CheckFlagDefaults(t testing.TB, help string, names ...string) {
	t.Helper()
	for _, name := range names {
		i := strings.Index(help, "\n  -"+name+" ")
		if i < 0 {
			i = strings.Index(help, "\n  -"+name+"\n")
		}
		if i < 0 {
			t.Errorf("help does not list -%s:\n%s", name, help)
			continue
		}
		entry, _, _ := strings.Cut(help[i+1:], "\n  -")
		if !strings.Contains(entry, "(default") {
			t.Errorf("help for -%s gives no default: %q", name, entry)
		}
	}
}

// MainArgs is the environment variable through which Command hands the
// program's arguments to the test binary it starts.
const MainArgs = "CLITEST_MAIN_ARGS"

// IsMain reports whether this test binary was started by Command to be the
// program.
func IsMain() bool { return os.Getenv(MainArgs) != "" }

// RunMain, called first in the test that Command names, makes the test
// binary the program when Command started it: it runs main with os.Args set
// to name and the arguments in MainArgs, then exits with status 0 (main
// itself exits with its status on an error). In an ordinary test run it
// returns at once.
func RunMain(name string, main func()) {
	if !IsMain() {
		return
	}
	os.Args = append([]string{name}, strings.Fields(os.Getenv(MainArgs))...)
	main()
	os.Exit(0)
}

// Command returns the test binary as a command that runs the test named test
// alone, with args (split at spaces) for its RunMain to hand to main.
func Command(test, args string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^"+test+"$")
	cmd.Env = append(os.Environ(), MainArgs+"="+args)
	return cmd
}

// ExitCode returns the exit status of a command from the error its Run,
// CombinedOutput or Wait returned: 0 for nil, the status of an
// *exec.ExitError. Any other error (the command did not start) fails t.
func ExitCode(t testing.TB, err error) int {
	t.Helper()
	if exit, ok := errors.AsType[*exec.ExitError](err); ok {
		return exit.ExitCode()
	}
	if err != nil {
		t.Fatal(err)
	}
	return 0
}

// ExitStatus runs cmd to the end and returns its combined output and exit
// status.
func ExitStatus(t testing.TB, cmd *exec.Cmd) (out []byte, code int) {
	t.Helper()
	out, err := cmd.CombinedOutput()
	return out, ExitCode(t, err)
}

// CheckExitStatus runs the program, the test binary started by Command for
// the test named test, with each command line (split at spaces) of want, in
// sorted order, and checks that main gives the exit status want holds for it
// and that its output has no panic in it.
func CheckExitStatus(t *testing.T, test string, want map[string]int) {
	t.Helper()
	for _, args := range slices.Sorted(maps.Keys(want)) {
		out, code := ExitStatus(t, Command(test, args))
		if code != want[args] || bytes.Contains(out, []byte("panic")) {
			t.Errorf("%s: exit status %d, want %d; output:\n%s", args, code, want[args], out)
		}
	}
}

// Files returns the names of what dir holds, sorted, to check what a run
// left behind; an error reading dir fails t.
func Files(t testing.TB, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}
