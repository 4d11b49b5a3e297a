// Interrupts: the first SIGINT or SIGTERM cancels the run's context, so that
// each training loop stops at the end of its current step and says where; a
// second one ends the process at once.

package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sync/atomic"
	"syscall"

	"dlfs/common/mat"
)

// ErrInterrupted is what every *Interrupted matches with errors.Is.
var ErrInterrupted = errors.New("interrupted")

// Interrupted is the cause of a context that NotifyContext canceled: the
// signal that interrupted the run. A loop that stops for it wraps it, as in
//
//	return fmt.Errorf("stopped after iteration %d of %d, loss %.4f: %w", i, n, loss, context.Cause(ctx))
//
// which ExitCode prints as "program: stopped after iteration 12 of 10000,
// loss 0.4130: interrupted by SIGINT" before returning 130.
type Interrupted struct{ Signal os.Signal }

// Error names the signal, such as "interrupted by SIGINT".
func (e *Interrupted) Error() string {
	name := e.Signal.String()
	switch e.Signal {
	case os.Interrupt:
		name = "SIGINT"
	case syscall.SIGTERM:
		name = "SIGTERM"
	}
	return "interrupted by " + name
}

// Is makes errors.Is(err, ErrInterrupted) true.
func (e *Interrupted) Is(target error) bool { return target == ErrInterrupted }

// ExitCode is the shell's status for a process the signal ended: 128 plus the
// signal's number, 130 for SIGINT and 143 for SIGTERM.
func (e *Interrupted) ExitCode() int {
	if s, ok := e.Signal.(syscall.Signal); ok {
		return 128 + int(s)
	}
	return 130
}

// lastSignal is the signal NotifyContext received, for ExitCode to find
// behind a plain context.Canceled.
var lastSignal atomic.Pointer[os.Signal]

// NotifyContext returns a copy of parent that the first SIGINT or SIGTERM
// cancels, with an *Interrupted as its cause (context.Cause), after writing
// one line to notice saying that the run stops at the end of its current
// step. A second signal ends the process at once, with the status ExitCode
// gives for it (130 or 143), whatever the signal's disposition was when the
// program started (a shell starts background jobs with SIGINT ignored). Call
// stop when the run is over.
func NotifyContext(parent context.Context, notice io.Writer) (ctx context.Context, stop func()) {
	return notifyContext(parent, notice, os.Exit)
}

// notifyContext is NotifyContext with the function that ends the process.
func notifyContext(parent context.Context, notice io.Writer, exit func(int)) (context.Context, func()) {
	ctx, cancel := context.WithCancelCause(parent)
	ch := make(chan os.Signal, 2)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		select {
		case sig := <-ch:
			lastSignal.Store(&sig)
			in := &Interrupted{Signal: sig}
			fmt.Fprintf(notice, "\n%s: stopping at the end of the current step (again to stop at once)\n", in)
			cancel(in)
		case <-done:
			return
		}
		select {
		case sig := <-ch:
			in := &Interrupted{Signal: sig}
			fmt.Fprintf(notice, "\n%s again: stopping now\n", in)
			exit(in.ExitCode())
		case <-done:
		}
	}()
	return ctx, func() {
		signal.Stop(ch)
		close(done)
		cancel(context.Canceled)
	}
}

// Watch returns f as the function nn.NumericalGradient differentiates, for
// a check that may take minutes: it calls step after each evaluation (to
// draw progress; nil for none) and, once ctx is cancelled, returns 0 at once
// without calling f, so that the gradient's loop ends in a moment. The
// caller then finds context.Cause(ctx) set and reports the interruption.
func Watch(ctx context.Context, step func(), f func() float64) func(*mat.Matrix) float64 {
	return func(*mat.Matrix) float64 {
		if ctx.Err() != nil {
			return 0
		}
		if step != nil {
			step()
		}
		return f()
	}
}
