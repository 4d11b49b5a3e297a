// Tests of clitest: Run returns stdout, and a test binary started by
// Command runs main with the arguments and gives its exit status.

package clitest

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"
)

func TestRun(t *testing.T) {
	run := func(_ context.Context, args []string, stdout, stderr io.Writer) error {
		fmt.Fprint(stdout, strings.Join(args, "+"))
		fmt.Fprint(stderr, "ignored")
		return nil
	}
	if got := Run(t, run, "a", "b"); got != "a+b" {
		t.Errorf("Run = %q, want %q", got, "a+b")
	}
}

func TestHelp(t *testing.T) {
	fs := flag.NewFlagSet("fake", flag.ContinueOnError)
	fs.Int("n", 3, "how many")
	fs.String("out", "", "a `folder` (default none)")
	run := func(_ context.Context, args []string, stdout, stderr io.Writer) error {
		fs.SetOutput(stderr)
		return fs.Parse(args)
	}
	stdout, help := Help(t, run)
	if stdout != "" || !strings.Contains(help, "how many") {
		t.Errorf("Help = %q, %q", stdout, help)
	}
	CheckFlagDefaults(t, help, "n", "out")
}

// fakeMain exits with the status its first argument names.
func fakeMain() {
	if os.Args[0] != "fake" {
		os.Exit(9)
	}
	switch os.Args[1] {
	case "ok":
		return
	case "usage":
		fmt.Fprintln(os.Stderr, "fake: bad flag")
		os.Exit(2)
	}
}

func TestExitStatus(t *testing.T) {
	RunMain("fake", fakeMain)
	for args, want := range map[string]int{"ok": 0, "usage": 2} {
		out, code := ExitStatus(t, Command("TestExitStatus", args))
		if code != want {
			t.Errorf("%s: exit status %d, want %d; output:\n%s", args, code, want, out)
		}
		if want == 2 && !strings.Contains(string(out), "fake: bad flag") {
			t.Errorf("%s: output %q lacks the program's stderr", args, out)
		}
	}
	CheckExitStatus(t, "TestExitStatus", map[string]int{"ok": 0, "usage": 2})
	if code := ExitCode(t, nil); code != 0 {
		t.Errorf("ExitCode(nil) = %d", code)
	}
	if IsMain() {
		t.Error("IsMain in an ordinary test run")
	}
}
