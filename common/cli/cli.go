// Package cli is the command-line plumbing the chapter programs share: the
// usage error that names a bad flag, the help of the -data flag, the flag
// list of -h, the -cpuprofile flag's profile, and the exit status of main,
// 2 for a bad command line as Go's flag package does. It follows no part of
// the book, whose scripts take no flags.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/pprof"

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
// 0 for success and for -h, 2 for a UsageError anywhere in err's chain
// (followed by the hint "run with -h to see every flag"), 1 for anything
// else.
func ExitCode(program string, err error, stderr io.Writer) int {
	if err == nil || errors.Is(err, flag.ErrHelp) {
		return 0
	}
	fmt.Fprintf(stderr, "%s: %v\n", program, err)
	if _, ok := errors.AsType[UsageError](err); ok {
		fmt.Fprintln(stderr, "run with -h to see every flag")
		return 2
	}
	return 1
}

// StartCPUProfile starts writing a CPU profile to the file at path, the
// -cpuprofile flag, and returns the function that finishes it. A file that
// cannot be created is a UsageError naming the flag.
func StartCPUProfile(path string) (stop func(), err error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, Usagef("-cpuprofile %s: %v", path, err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("-cpuprofile %s: %v", path, err)
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}, nil
}
