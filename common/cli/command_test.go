package cli

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// start parses args on a command with -save and -out and starts a run whose
// outputs are -save (.npz) and -out holding loss.svg and sub/w1.png.
func start(t *testing.T, args ...string) (*Run, error) {
	t.Helper()
	var save, out string
	c := New("prog", "")
	c.Save(&save, "the weights to `file.npz`")
	c.Out(&out, "", "the charts")
	must(t, c.Parse(args, nil))
	return c.Start(File("-save", save, ".npz"), Folder("-out", out, "loss.svg", "sub/w1.png"))
}

// Two flags naming one file is a usage error before any work, however the
// path is spelled, and leaves nothing behind.
func TestStartRefusesTwoFlagsOnOneFile(t *testing.T) {
	dir := t.TempDir()
	must(t, os.Mkdir(filepath.Join(dir, "d"), 0o755))
	must(t, os.Symlink(filepath.Join(dir, "d"), filepath.Join(dir, "link")))
	w, out := filepath.Join(dir, "w.npz"), filepath.Join(dir, "out")
	for _, args := range [][]string{
		{"-save", w, "-cpuprofile", w},
		{"-save", w, "-cpuprofile", filepath.Join(dir, ".", "w.npz")},
		{"-save", filepath.Join(dir, "d", "w.npz"), "-cpuprofile", filepath.Join(dir, "link", "w.npz")},
		{"-out", out, "-cpuprofile", filepath.Join(out, "loss.svg")},
		{"-out", out, "-cpuprofile", filepath.Join(out, "sub", "w1.png")},
	} {
		r, err := start(t, args...)
		if _, ok := errors.AsType[UsageError](err); !ok || !strings.Contains(err.Error(), "both name the file") {
			t.Errorf("%q: got %v, want a UsageError saying both flags name the file", args, err)
			if r != nil {
				r.Close(nil)
			}
		}
	}
	assertNames(t, dir, "d", "link")
	r, err := start(t, "-save", w, "-out", out, "-cpuprofile", filepath.Join(out, "cpu.prof"))
	must(t, err)
	if stop := errors.New("stopped"); r.Close(stop) != stop {
		t.Errorf("Close did not return the run's error")
	}
}

// Every file an -out folder will hold is checked before the work: a folder or
// a FIFO of that name, or a path too long once the name is added, fails at
// once, and the lock is let go.
func TestStartChecksTheFolderFiles(t *testing.T) {
	dir := t.TempDir()
	must(t, os.Mkdir(filepath.Join(dir, "loss.svg"), 0o755))
	r, err := start(t, "-out", dir)
	if _, ok := errors.AsType[UsageError](err); !ok || !strings.Contains(err.Error(), "is not a regular file") {
		t.Errorf("a folder named loss.svg: got %v, want a UsageError", err)
	}
	must(t, os.Remove(filepath.Join(dir, "loss.svg")))
	assertNames(t, dir) // the lock went with the failure

	if err := mkfifo(filepath.Join(dir, "loss.svg")); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	if _, err := start(t, "-out", dir); err == nil || !strings.Contains(err.Error(), "is not a regular file") {
		t.Errorf("a FIFO named loss.svg: got %v, want a UsageError", err)
	}

	long := filepath.Join(dir, strings.Repeat("d", 250)) // a name that fits, until ".tmp..." is added to a file in it
	if _, err := start(t, "-out", dir, "-save", filepath.Join(long+".npz")); err == nil {
		t.Errorf("-save with a 254-byte name: no error")
	}
	deep := dir
	for len(deep) < 4100 {
		deep = filepath.Join(deep, strings.Repeat("e", 200))
	}
	r, err = start(t, "-out", deep)
	if _, ok := errors.AsType[UsageError](err); !ok || !strings.Contains(err.Error(), "too long") {
		t.Errorf("a folder path of %d bytes: got %.80v, want a UsageError saying the path is too long", len(deep), err)
		if r != nil {
			r.Close(nil)
		}
	}
}
