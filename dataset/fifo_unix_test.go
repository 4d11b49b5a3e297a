// A named pipe given as an MNIST file is refused at once, naming it,
// instead of hanging the program in open(2).

//go:build unix

package dataset

import (
	"bytes"
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
	images, labels := filepath.Join(dir, "t10k-images-idx3-ubyte.gz"), filepath.Join(dir, "t10k-labels-idx1-ubyte.gz")
	if err := syscall.Mkfifo(images, 0o644); err != nil {
		t.Fatal(err)
	}
	writeFiles(t, dir, map[string][]byte{filepath.Base(labels): gz(idxLabels(labelMagic, 2, []byte{7, 1}))})
	link := filepath.Join(dir, "link")
	if err := os.Symlink(images, link); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		path string // named in the error
		read func() error
	}{
		{"ReadImages", images, func() error { _, err := ReadImages(images); return err }},
		{"ReadLabels of a link", link, func() error { _, err := ReadLabels(link); return err }},
		{"ReadSet", images, func() error { _, err := ReadSet(images, labels); return err }},
		{"LoadTest", images, func() error { _, err := LoadTest(Options{Dir: dir, Progress: new(bytes.Buffer)}); return err }},
	} {
		done := make(chan error, 1)
		go func() { done <- tc.read() }()
		select {
		case err := <-done:
			if !errors.Is(err, atomicfile.ErrNotFile) || !strings.Contains(err.Error(), tc.path) || !strings.Contains(err.Error(), "is a named pipe (FIFO): expected a regular file") {
				t.Errorf("%s: got %v, want an error naming %s as a named pipe", tc.name, err, tc.path)
			}
		case <-time.After(10 * time.Second): // a guard against hanging, not a timing test
			if w, err := os.OpenFile(images, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
				w.Close() // frees the reader stuck in open(2)
			}
			t.Errorf("%s: still waiting on the named pipe", tc.name)
		}
	}
}
