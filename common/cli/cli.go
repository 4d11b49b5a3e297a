// Package cli is machinery, safe to skip: it is not part of the book, whose
// scripts take no flags. It is the command line the chapter programs share,
// so that all of them behave the same way.
//
// A chapter declares its command line and its outputs, and cli does the rest:
//
//	cmd := cli.New("02_backpropagation", help)     // -h, -cpuprofile
//	cmd.Data(&s.data, dataset.CacheDir)             // shared flags, the chapter's words
//	cmd.Seed(&s.seed, 1, "the initial weights and the mini-batches")
//	cmd.Out(&s.out, "", "loss.svg and accuracy.svg")
//	cmd.IntVar(&s.iters, "iters", 10000, "...")    // its own flags
//	err := cmd.Parse(args, stderr)                  // then its checks: cli.First(cli.IntIn(...), ...)
//	run, err := cmd.Start(cli.Needs(...), cli.File("-save", s.save, ".npz"),
//		cli.Folder("-out", s.out, "loss.svg", "accuracy.svg"))
//	defer func() { err = run.Close(err) }()
//
// Start checks every output before any work, together (two flags naming one
// file is a usage error), locks the folders and starts the CPU profile. The
// program's main is cmd.Main(run): it sets the collector, gives run a context
// that an interrupt (SIGINT or SIGTERM) cancels, and turns run's error into
// the exit status: 0 for success and -h, 2 for a UsageError, 130 or 143 for
// an interrupt, 1 for anything else.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
)

// UsageError is a mistake on the command line, such as a bad flag value:
// ExitCode prints it with a hint to run -h and returns exit status 2.
type UsageError struct{ Err error }

// Error returns the message of the mistake, which names the flag.
func (e UsageError) Error() string { return e.Err.Error() }

// Unwrap returns the error underneath, for errors.Is and errors.As.
func (e UsageError) Unwrap() error { return e.Err }

// Usagef returns a UsageError with the message fmt.Errorf makes.
func Usagef(format string, args ...any) error {
	return UsageError{fmt.Errorf(format, args...)}
}

// ExitCode returns the exit status for what a program's run returned, and
// prints err to stderr as "program: err" unless it is nil or flag.ErrHelp:
//
//   - 0 for success and for -h;
//   - 2 for a UsageError anywhere in err's chain, followed by the hint
//     "run with -h to see every flag";
//   - 128 + the signal's number for an interrupt: 130 for SIGINT, 143 for
//     SIGTERM (an *Interrupted in err's chain, or context.Canceled after Main's
//     context saw a signal);
//   - 1 for anything else.
func ExitCode(program string, err error, stderr io.Writer) int {
	if err == nil || errors.Is(err, flag.ErrHelp) {
		return 0
	}
	fmt.Fprintf(stderr, "%s: %v\n", program, err)
	if in, ok := errors.AsType[*Interrupted](err); ok {
		return in.ExitCode()
	}
	if errors.Is(err, context.Canceled) {
		if sig := lastSignal.Load(); sig != nil {
			return (&Interrupted{Signal: *sig}).ExitCode()
		}
	}
	if _, ok := errors.AsType[UsageError](err); ok {
		fmt.Fprintln(stderr, "run with -h to see every flag")
		return 2
	}
	return 1
}

// Main runs a chapter program: it calls run with a context that the first
// SIGINT or SIGTERM cancels (see NotifyContext), the command line's arguments,
// stdout and stderr, then exits with the status ExitCode gives run's error.
func Main(program string, run func(ctx context.Context, args []string, stdout, stderr io.Writer) error) {
	ctx, stop := NotifyContext(context.Background(), os.Stderr)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(ExitCode(program, err, os.Stderr))
}
