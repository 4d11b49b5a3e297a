// The -cpuprofile flag: a CPU profile of the run, checked before the work,
// written to a temporary file and put in place only when the run succeeds.

package cli

import (
	"fmt"
	"io"
	"runtime/pprof"

	"dlfs/common/atomicfile"
)

// CPUProfile checks path as OutputFile does (any name) and starts writing a
// CPU profile of the run to a temporary file beside it. It returns finish,
// to be called with the run's error when the run is over: finish stops the
// profile and, when runErr is nil, puts the file in place at path and
// returns any error writing it (a full disk, say), named by -cpuprofile;
// when runErr is not nil it removes the temporary file, so an existing file at
// path is left as it was, and returns runErr. An empty path profiles
// nothing, and finish returns runErr. The usual call is
//
//	finish, err := cli.CPUProfile(*cpuprofile)
//	if err != nil {
//		return err
//	}
//	defer func() { err = finish(err) }()
func CPUProfile(path string) (finish func(runErr error) error, err error) {
	if path == "" {
		return func(runErr error) error { return runErr }, nil
	}
	if err := OutputFile("-cpuprofile", path, ""); err != nil {
		return nil, err
	}
	f, err := atomicfile.Create(path)
	if err != nil {
		return nil, Usagef("-cpuprofile %s: %v", path, err)
	}
	w := &errWriter{w: f}
	if err := pprof.StartCPUProfile(w); err != nil {
		f.Abort()
		return nil, fmt.Errorf("-cpuprofile %s: %v", path, err)
	}
	return func(runErr error) error {
		pprof.StopCPUProfile()
		if runErr != nil {
			f.Abort()
			return runErr
		}
		if w.err != nil {
			f.Abort()
			return fmt.Errorf("-cpuprofile %s: %w", path, w.err)
		}
		if err := f.Commit(); err != nil {
			return fmt.Errorf("-cpuprofile: %w", err)
		}
		return nil
	}, nil
}

// errWriter keeps the first error of the writer underneath, which
// runtime/pprof ignores, and writes nothing after it.
type errWriter struct {
	w   io.Writer
	err error
}

// Write writes p unless an earlier write failed.
func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	e.err = err
	return n, err
}
