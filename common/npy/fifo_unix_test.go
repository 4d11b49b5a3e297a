// A named pipe given as weights is refused at once, by every way of reading
// a file, instead of hanging the program in open(2).

//go:build unix

package npy

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"dlfs/common/atomicfile"
)

func TestNamedPipeRefused(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "w.npz")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.npz")
	if err := os.Symlink(fifo, link); err != nil {
		t.Fatal(err)
	}
	folder := filepath.Join(dir, "weights")
	os.Mkdir(folder, 0o755)
	WriteFile(filepath.Join(folder, "b1.npy"), &Array{Shape: []int{4}, Data: make([]float64, 4)})
	inFolder := filepath.Join(folder, "W1.npy")
	if err := syscall.Mkfifo(inFolder, 0o644); err != nil {
		t.Fatal(err)
	}

	for _, tc := range []struct {
		name string
		path string // the pipe named in the error
		read func() error
	}{
		{"ReadFile", fifo, func() error { _, err := ReadFile(fifo); return err }},
		{"ReadNPZ", fifo, func() error { _, err := ReadNPZ(fifo); return err }},
		{"Load", fifo, func() error { _, err := Load(fifo); return err }},
		{"Load of a link", link, func() error { _, err := Load(link); return err }},
		{"LoadWant", fifo, func() error { _, err := LoadWant(fifo, Want{"W1": {6, 4}}); return err }},
		{"Load of a folder", inFolder, func() error { _, err := Load(folder); return err }},
		{"LoadWant of a folder", inFolder, func() error { _, err := LoadWant(folder, Want{"W1": {6, 4}, "b1": {4}}); return err }},
	} {
		done := make(chan error, 1)
		go func() { done <- tc.read() }()
		select {
		case err := <-done:
			if !errors.Is(err, atomicfile.ErrNotFile) || !strings.Contains(err.Error(), tc.path) || !strings.Contains(err.Error(), "named pipe") {
				t.Errorf("%s: got %v, want an error naming %s as a named pipe", tc.name, err, tc.path)
			}
		case <-time.After(10 * time.Second): // a guard against hanging, not a timing test
			for _, p := range []string{fifo, inFolder} { // free the reader stuck in open(2)
				if w, err := os.OpenFile(p, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
					w.Close()
				}
			}
			t.Errorf("%s: still waiting on the named pipe", tc.name)
		}
	}
}
