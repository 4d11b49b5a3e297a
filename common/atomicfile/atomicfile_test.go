// Tests of atomicfile's writing: a whole file or the old one, never half,
// and only a regular file replaced (machinery, not the book).

package atomicfile

import (
	"errors"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWriteReplacesWhole(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "w.csv")
	for _, content := range []string{"first version\n", "second\n"} {
		if err := WriteBytes(path, []byte(content)); err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(path)
		if err != nil || string(got) != content {
			t.Fatalf("read %q, %v; want %q", got, err, content)
		}
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o644 {
		t.Errorf("mode %v, %v; want 0644", fi.Mode(), err)
	}
	assertOnly(t, dir, "w.csv")
}

// A failing writer leaves the old file as it was and no temporary file.
func TestWriteFailureKeepsOldFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "w.npz")
	if err := WriteBytes(path, []byte("old")); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("disk full")
	err := Write(path, func(w io.Writer) error {
		io.WriteString(w, "half of the new")
		return boom
	})
	if !errors.Is(err, boom) || !strings.Contains(err.Error(), path) {
		t.Errorf("got %v, want an error wrapping %v that names %s", err, boom, path)
	}
	if got, _ := os.ReadFile(path); string(got) != "old" {
		t.Errorf("the old file now holds %q", got)
	}
	assertOnly(t, dir, "w.npz")
}

func TestWriteMissingFolder(t *testing.T) {
	path := filepath.Join(t.TempDir(), "no", "such", "w.svg")
	if err := WriteBytes(path, nil); err == nil || !strings.Contains(err.Error(), path) {
		t.Errorf("got %v, want an error naming %s", err, path)
	}
}

func assertOnly(t *testing.T, dir, name string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 || entries[0].Name() != name {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("folder holds %v, want only %s", names, name)
	}
}

// Only a regular file is replaced, a link is followed to its
// target and stays a link, and a device, FIFO, socket or folder is refused
// before anything is written.
func TestWriteRespectsWhatIsThere(t *testing.T) {
	for _, tc := range []struct {
		name  string
		setup func(t *testing.T, dir string) string // returns the path to write
		want  string                                // the error's text, "" for success
		check func(t *testing.T, dir string)
	}{
		{"nothing there", func(t *testing.T, dir string) string { return filepath.Join(dir, "new.npz") }, "",
			func(t *testing.T, dir string) { assertContent(t, filepath.Join(dir, "new.npz"), "new") }},
		{"relative link to a file", func(t *testing.T, dir string) string {
			sub := filepath.Join(dir, "sub")
			mustMkdir(t, sub)
			mustWrite(t, filepath.Join(sub, "real.npz"), "old")
			link := filepath.Join(dir, "link.npz")
			must(t, os.Symlink(filepath.Join("sub", "real.npz"), link))
			return link
		}, "", func(t *testing.T, dir string) {
			assertContent(t, filepath.Join(dir, "sub", "real.npz"), "new")
			if fi, err := os.Lstat(filepath.Join(dir, "link.npz")); err != nil || fi.Mode()&os.ModeSymlink == 0 {
				t.Errorf("link.npz is no longer a link: %v, %v", fi, err)
			}
			assertOnly(t, filepath.Join(dir, "sub"), "real.npz")
		}},
		{"link to a link to nothing yet", func(t *testing.T, dir string) string {
			must(t, os.Symlink(filepath.Join(dir, "b"), filepath.Join(dir, "a")))
			must(t, os.Symlink(filepath.Join(dir, "target"), filepath.Join(dir, "b")))
			return filepath.Join(dir, "a")
		}, "", func(t *testing.T, dir string) { assertContent(t, filepath.Join(dir, "target"), "new") }},
		{"folder", func(t *testing.T, dir string) string {
			mustMkdir(t, filepath.Join(dir, "x.npz"))
			return filepath.Join(dir, "x.npz")
		}, "x.npz is a folder: not a regular file", nil},
		{"link to a folder", func(t *testing.T, dir string) string {
			must(t, os.Symlink(dir, filepath.Join(dir, "l")))
			return filepath.Join(dir, "l")
		}, "l (a link to " + "", nil},
		{"fifo", func(t *testing.T, dir string) string {
			p := filepath.Join(dir, "pipe")
			must(t, mkfifo(p))
			return p
		}, "pipe is a named pipe (FIFO): not a regular file", nil},
		{"socket", func(t *testing.T, dir string) string {
			p := filepath.Join(dir, "sock")
			l, err := net.Listen("unix", p)
			must(t, err)
			t.Cleanup(func() { l.Close() })
			return p
		}, "sock is a socket: not a regular file", nil},
		{"device /dev/null", func(*testing.T, string) string { return "/dev/null" }, "/dev/null is a device: not a regular file", nil},
		{"link to /dev/full", func(t *testing.T, dir string) string {
			must(t, os.Symlink("/dev/full", filepath.Join(dir, "full.npz")))
			return filepath.Join(dir, "full.npz")
		}, "full.npz (a link to /dev/full) is a device", nil},
		{"missing folder", func(t *testing.T, dir string) string { return filepath.Join(dir, "no", "w.npz") },
			"no: no such file or directory", nil},
		{"link loop", func(t *testing.T, dir string) string {
			must(t, os.Symlink(filepath.Join(dir, "loop"), filepath.Join(dir, "loop")))
			return filepath.Join(dir, "loop")
		}, "symbolic links in a row", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := tc.setup(t, dir)
			err := WriteBytes(path, []byte("new"))
			if tc.want == "" {
				if err != nil {
					t.Fatalf("WriteBytes(%s): %v", path, err)
				}
				tc.check(t, dir)
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), path) {
				t.Fatalf("WriteBytes(%s) = %v, want an error naming the path and containing %q", path, err, tc.want)
			}
			if strings.Contains(tc.want, "not a regular file") && !errors.Is(err, ErrNotRegular) {
				t.Errorf("errors.Is(%v, ErrNotRegular) = false", err)
			}
			// Nothing was written: no temporary file in the folder.
			entries, _ := os.ReadDir(dir)
			for _, e := range entries {
				if strings.Contains(e.Name(), ".tmp") {
					t.Errorf("left %s behind", e.Name())
				}
			}
			if fi, err := os.Stat("/dev/null"); err != nil || fi.Mode()&os.ModeDevice == 0 {
				t.Errorf("/dev/null is no longer a device: %v %v", fi, err)
			}
		})
	}
}

// Abort leaves the target as it was; Commit after a file appeared in place of
// nothing still replaces it, since it is a regular file.
func TestCreateAbort(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "cpu.prof")
	mustWrite(t, path, "keep")
	f, err := Create(path)
	must(t, err)
	io.WriteString(f, "half")
	f.Abort()
	assertContent(t, path, "keep")
	assertOnly(t, dir, "cpu.prof")
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func mustMkdir(t *testing.T, dir string) { t.Helper(); must(t, os.Mkdir(dir, 0o755)) }

func mustWrite(t *testing.T, path, s string) {
	t.Helper()
	must(t, os.WriteFile(path, []byte(s), 0o644))
}

func assertContent(t *testing.T, path, want string) {
	t.Helper()
	got, err := os.ReadFile(path)
	if err != nil || string(got) != want {
		t.Errorf("%s holds %q, %v; want %q", path, got, err, want)
	}
}
