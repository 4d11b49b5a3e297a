// A named pipe given as -weights is refused at once instead of hanging the
// program in open(2).

//go:build unix

package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestLoadNetworkRefusesNamedPipe(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "w.npz")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { _, err := loadNetwork(fifo); done <- err }()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), fifo+" is a named pipe (FIFO): expected a regular file") {
			t.Errorf("loadNetwork(%s) = %v, want an error saying it is a named pipe", fifo, err)
		}
	case <-time.After(10 * time.Second): // a guard against hanging, not a timing test
		if w, err := os.OpenFile(fifo, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			w.Close() // frees the reader stuck in open(2)
		}
		t.Errorf("loadNetwork(%s) is still waiting on the named pipe", fifo)
	}
}
