package cli

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Every output file is checked before the work, and
// the message names the flag, the path and the reason.
func TestOutputFile(t *testing.T) {
	dir := t.TempDir()
	mustWrite(t, filepath.Join(dir, "old.npz"), "old")
	must(t, os.Symlink("old.npz", filepath.Join(dir, "link.npz")))
	must(t, os.Symlink("/dev/full", filepath.Join(dir, "full.npz")))
	must(t, os.Mkdir(filepath.Join(dir, "folder.npz"), 0o755))
	must(t, mkfifo(filepath.Join(dir, "fifo.npz")))
	mustWrite(t, filepath.Join(dir, "file"), "")
	for _, tc := range []struct {
		path, ext string
		want      string // "" for success
	}{
		{"new.npz", ".npz", ""},
		{"old.npz", ".npz", ""},
		{"link.npz", ".npz", ""},
		{"x.txt", ".npz", "-train DIR/x.txt: want a file name ending in .npz"},
		{"/dev/full", "", "-train /dev/full: /dev/full is a device: not a regular file"},
		{"full.npz", ".npz", "-train DIR/full.npz: DIR/full.npz (a link to /dev/full) is a device"},
		{"folder.npz", ".npz", "-train DIR/folder.npz: DIR/folder.npz is a folder"},
		{"fifo.npz", ".npz", "-train DIR/fifo.npz: DIR/fifo.npz is a named pipe (FIFO)"},
		{"/nonexistent/x.npz", ".npz", "-train /nonexistent/x.npz: the folder /nonexistent: no such file or directory"},
		{"file/x.npz", ".npz", "-train DIR/file/x.npz: DIR/file is not a folder"},
		{"", ".npz", "-train: want a file name"},
	} {
		path := tc.path
		if path != "" && !filepath.IsAbs(path) {
			path = filepath.Join(dir, path)
		}
		err := OutputFile("-train", path, tc.ext)
		want := strings.ReplaceAll(tc.want, "DIR", dir)
		if tc.want == "" {
			if err != nil {
				t.Errorf("%s: %v, want nil", tc.path, err)
			}
			continue
		}
		if _, ok := errors.AsType[UsageError](err); !ok || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("%s: got %v, want a UsageError starting %q", tc.path, err, want)
		}
	}
	assertNames(t, dir, "fifo.npz", "file", "folder.npz", "full.npz", "link.npz", "old.npz")
	if fi, err := os.Stat("/dev/full"); err != nil || fi.Mode()&os.ModeDevice == 0 {
		t.Errorf("/dev/full is no longer a device: %v", err)
	}
}

// A folder the OS will not write in is refused with the OS's reason.
func TestOutputFileReadOnly(t *testing.T) {
	if err := tryWrite("/sys"); err == nil {
		t.Skip("/sys takes files here")
	}
	err := OutputFile("-save", "/sys/x.npz", ".npz")
	if err == nil || !strings.Contains(err.Error(), "-save /sys/x.npz: cannot write in the folder /sys: ") {
		t.Errorf("got %v, want the OS's reason for /sys", err)
	}
}

// An output folder is checked before the work,
// created only when a file goes in it, removed if the run fails and it is
// empty, and locked against a second run.
func TestOutputDir(t *testing.T) {
	t.Run("refused", func(t *testing.T) {
		dir := t.TempDir()
		mustWrite(t, filepath.Join(dir, "file"), "")
		for path, want := range map[string]string{
			"file":       "-out DIR/file: not a folder",
			"file/sub":   "-out DIR/file/sub: DIR/file is not a folder",
			"":           "-out: want a folder",
			"/sys/x/y/z": "-out /sys/x/y/z: cannot create the folder in /sys: ",
		} {
			if path == "/sys/x/y/z" && tryWrite("/sys") == nil {
				continue
			}
			p := path
			if p != "" && !filepath.IsAbs(p) {
				p = filepath.Join(dir, p)
			}
			_, err := OutputDir("-out", p)
			want = strings.ReplaceAll(want, "DIR", dir)
			if _, ok := errors.AsType[UsageError](err); !ok || !strings.HasPrefix(err.Error(), want) {
				t.Errorf("%q: got %v, want a UsageError starting %q", path, err, want)
			}
		}
	})
	t.Run("created on first file, removed when the run fails", func(t *testing.T) {
		dir := t.TempDir()
		out := filepath.Join(dir, "out", "ch")
		d, err := OutputDir("-out", out)
		must(t, err)
		assertNames(t, dir) // nothing yet
		path, err := d.File("sub/a.svg")
		must(t, err)
		if path != filepath.Join(out, "sub", "a.svg") {
			t.Errorf("File = %s", path)
		}
		assertNames(t, out, ".dlfs.lock", "sub")
		boom := errors.New("interrupted")
		if err := d.Close(boom); err != boom {
			t.Errorf("Close returned %v, want %v", err, boom)
		}
		assertNames(t, dir) // all three folders were empty
	})
	t.Run("kept with its files", func(t *testing.T) {
		dir := t.TempDir()
		out := filepath.Join(dir, "out")
		d, err := OutputDir("-out", out)
		must(t, err)
		path, err := d.File("loss.svg")
		must(t, err)
		mustWrite(t, path, "chart")
		d.Close(errors.New("later failure"))
		assertNames(t, out, "loss.svg")
	})
	t.Run("Write", func(t *testing.T) {
		dir := t.TempDir()
		d, err := OutputDir("-out", dir)
		must(t, err)
		path, err := d.Write("sub/a.svg", fileWriter("chart"))
		must(t, err)
		if path != filepath.Join(dir, "sub", "a.svg") {
			t.Errorf("Write = %s", path)
		}
		if data, err := os.ReadFile(path); err != nil || string(data) != "chart" {
			t.Errorf("the file holds %q (%v), want %q", data, err, "chart")
		}
		boom := errors.New("disk full")
		if _, err := d.Write("b.svg", failingWriter{boom}); err != boom {
			t.Errorf("Write of a failing writer returned %v, want %v", err, boom)
		}
		d.Close(nil)
	})
	t.Run("existing folder kept even if empty", func(t *testing.T) {
		dir := t.TempDir()
		d, err := OutputDir("-out", dir)
		must(t, err)
		assertNames(t, dir, ".dlfs.lock") // locked at once
		d.Close(errors.New("failed"))
		if _, err := os.Stat(dir); err != nil {
			t.Errorf("the existing folder was removed: %v", err)
		}
		assertNames(t, dir)
	})
	t.Run("second run", func(t *testing.T) {
		dir := t.TempDir()
		first, err := OutputDir("-out", dir)
		must(t, err)
		_, err = OutputDir("-out", dir)
		if err == nil || !strings.Contains(err.Error(), "another run is writing into this folder") {
			t.Errorf("second OutputDir: %v, want the lock's error", err)
		}
		// The same for a folder both create later, and from another process.
		out := filepath.Join(dir, "new")
		a, err := OutputDir("-out", out)
		must(t, err)
		b, err := OutputDir("-out", out)
		must(t, err)
		_, err = a.File("x")
		must(t, err)
		if _, err := b.File("x"); err == nil || !strings.Contains(err.Error(), "-out "+out+": another run") {
			t.Errorf("second File: %v, want the lock's error", err)
		}
		if out, err := exec.Command("flock", "-n", filepath.Join(dir, ".dlfs.lock"), "true").CombinedOutput(); err == nil {
			t.Errorf("another process took the lock: %s", out)
		}
		a.Close(nil)
		b.Close(nil)
		first.Close(nil)
		// A run whose folder another run created and finished meanwhile
		// (lock released) must not write over that run's files.
		late := filepath.Join(dir, "late")
		c, err := OutputDir("-out", late)
		must(t, err)
		d, err := OutputDir("-out", late)
		must(t, err)
		_, err = c.File("x")
		must(t, err)
		c.Close(nil)
		if _, err := d.File("x"); err == nil || !strings.Contains(err.Error(), "another run created this folder") {
			t.Errorf("File after another run made and left the folder: %v, want an error saying so", err)
		}
		d.Close(errors.New("failed"))
		assertNames(t, late) // the first run's lock is gone, its folder kept
		if _, err := OutputDir("-out", dir); err != nil {
			t.Errorf("after Close: %v", err)
		}
	})
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func mustWrite(t *testing.T, path, s string) {
	t.Helper()
	must(t, os.WriteFile(path, []byte(s), 0o644))
}

// assertNames checks that dir holds exactly the names given, in order.
func assertNames(t *testing.T, dir string, names ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	must(t, err)
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if strings.Join(got, " ") != strings.Join(names, " ") {
		t.Errorf("%s holds %v, want %v", dir, got, names)
	}
}

// fileWriter writes its text to the path it is given.
type fileWriter string

func (w fileWriter) WriteFile(path string) error { return os.WriteFile(path, []byte(w), 0o644) }

// failingWriter fails with its error.
type failingWriter struct{ err error }

func (w failingWriter) WriteFile(string) error { return w.err }
