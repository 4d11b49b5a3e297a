// Tests of OpenRegular with the things Unix can put at a path: a named pipe
// no one writes to must be refused at once, not hang the reader.

//go:build unix

package atomicfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestOpenRegular(t *testing.T) {
	for _, tc := range []struct {
		name  string
		setup func(t *testing.T, dir string) string // returns the path to open
		want  string                                // the error's text, "" for success
	}{
		{"file", func(t *testing.T, dir string) string {
			mustWrite(t, filepath.Join(dir, "w.npy"), "data")
			return filepath.Join(dir, "w.npy")
		}, ""},
		{"link to a file", func(t *testing.T, dir string) string {
			mustWrite(t, filepath.Join(dir, "w.npy"), "data")
			must(t, os.Symlink("w.npy", filepath.Join(dir, "l.npy")))
			return filepath.Join(dir, "l.npy")
		}, ""},
		{"fifo", func(t *testing.T, dir string) string {
			must(t, syscall.Mkfifo(filepath.Join(dir, "pipe.npy"), 0o644))
			return filepath.Join(dir, "pipe.npy")
		}, "pipe.npy is a named pipe (FIFO): expected a regular file"},
		{"link to a fifo", func(t *testing.T, dir string) string {
			must(t, syscall.Mkfifo(filepath.Join(dir, "pipe"), 0o644))
			must(t, os.Symlink("pipe", filepath.Join(dir, "w.npz")))
			return filepath.Join(dir, "w.npz")
		}, "w.npz (a link to "},
		{"folder", func(t *testing.T, dir string) string { return dir }, "is a folder: expected a regular file"},
		{"device", func(*testing.T, string) string { return "/dev/null" }, "/dev/null is a device: expected a regular file"},
		{"missing", func(t *testing.T, dir string) string { return filepath.Join(dir, "none") }, "no such file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := tc.setup(t, t.TempDir())
			type result struct {
				f    *os.File
				size int64
				err  error
			}
			done := make(chan result, 1)
			go func() {
				f, fi, err := OpenRegular(path)
				r := result{f: f, err: err}
				if fi != nil {
					r.size = fi.Size()
				}
				done <- r
			}()
			var r result
			select {
			case r = <-done:
			case <-time.After(10 * time.Second): // a guard against hanging, not a timing test
				unblock(path)
				t.Fatalf("OpenRegular(%s) did not return", path)
			}
			if tc.want == "" {
				if r.err != nil {
					t.Fatalf("OpenRegular(%s): %v", path, r.err)
				}
				defer r.f.Close()
				got, err := io.ReadAll(r.f)
				if err != nil || string(got) != "data" || r.size != 4 {
					t.Errorf("read %q (%v), size %d; want \"data\", 4", got, err, r.size)
				}
				return
			}
			if r.err == nil {
				r.f.Close()
				t.Fatalf("OpenRegular(%s) succeeded, want an error containing %q", path, tc.want)
			}
			if !strings.Contains(r.err.Error(), tc.want) || !strings.Contains(r.err.Error(), path) {
				t.Errorf("OpenRegular(%s) = %v, want an error naming the path and containing %q", path, r.err, tc.want)
			}
			if strings.Contains(tc.want, "expected a regular file") && !errors.Is(r.err, ErrNotFile) {
				t.Errorf("errors.Is(%v, ErrNotFile) = false", r.err)
			}
		})
	}
}

// unblock frees a reader stuck opening the named pipe at path by opening its
// writing end, so that a failed test does not leave a goroutine behind.
func unblock(path string) {
	if w, err := os.OpenFile(path, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
		w.Close()
	}
}
