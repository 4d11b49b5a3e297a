// Package cli is the command-line plumbing the chapter programs share, so
// that all five behave the same way. It follows no part of the book, whose
// scripts take no flags.
//
// A chapter's main is one line, cli.Main(name, run), and its run function
//
//  1. lists its own flags on cli.NewFlagSet and calls cli.Parse, which prints
//     the help and every flag with its default on stderr for -h;
//  2. refuses flags the chosen mode ignores (OnlyWith) and bad values
//     (IntIn, Positive, Fraction, NonNegative, Finite), each a UsageError
//     naming the flag;
//  3. checks every output before any work: OutputFile for a file such as
//     -save or -train, OutputDir for a folder such as -out, CPUProfile for
//     -cpuprofile, and CheckMemory for what the network asked for will
//     allocate;
//  4. runs its loops with the context Main gives it: an interrupt (SIGINT or
//     SIGTERM) cancels it, each loop stops at the end of its current step and
//     returns an error that says where it stopped and wraps context.Cause(ctx);
//  5. returns its error: ExitCode prints it and picks the exit status, 0 for
//     success and -h, 2 for a UsageError, 130 or 143 for an interrupt, 1 for
//     anything else.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"dlfs/dataset"
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

// DataFlagUsage is the help of the -data flag, which names the folder
// dataset.Load reads MNIST from: the flag, else $MNIST_DIR, else the
// per-user cache.
func DataFlagUsage() string {
	cache, err := dataset.CacheDir()
	if err != nil {
		cache = "the per-user cache folder"
	}
	return "`folder` holding the MNIST files, downloaded there if missing (default $MNIST_DIR if set, else " + cache + ")"
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
