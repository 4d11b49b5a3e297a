// The interrupt handling of Main, with real signals sent to the test process.

//go:build unix

package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The first SIGINT cancels the context with an
// *Interrupted cause, prints one notice, and ExitCode maps the loop's error
// to 130.
func TestNotifyContext(t *testing.T) {
	var notice strings.Builder
	exited := make(chan int, 1)
	ctx, stop := notifyContext(context.Background(), &notice, func(code int) { exited <- code })
	defer stop()
	if context.Cause(ctx) != nil {
		t.Fatal("canceled before any signal")
	}
	if err := syscall.Kill(os.Getpid(), syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	<-ctx.Done()
	cause := context.Cause(ctx)
	if !errors.Is(cause, ErrInterrupted) || cause.Error() != "interrupted by SIGINT" {
		t.Errorf("cause %v, want interrupted by SIGINT", cause)
	}
	var stderr strings.Builder
	if code := ExitCode("prog", fmt.Errorf("iteration 3: %w", ctx.Err()), &stderr); code != 130 {
		t.Errorf("ExitCode(context.Canceled after SIGINT) = %d, want 130", code)
	}
	// A second signal, SIGTERM, ends the process at once with 143.
	if err := syscall.Kill(os.Getpid(), syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case code := <-exited:
		if code != 143 {
			t.Errorf("second signal: exit %d, want 143", code)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("second signal: no exit")
	}
	if want := "interrupted by SIGINT: stopping at the end of the current step (again to stop at once)\n\ninterrupted by SIGTERM again: stopping now\n"; !strings.HasSuffix(notice.String(), want) {
		t.Errorf("notice %q, want it to end %q", notice.String(), want)
	}
}
