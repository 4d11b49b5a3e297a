// The ownership of an output folder's lock file, where the lock is flock(2)
// on a file dlfs marks as its own.

//go:build unix

package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A lock file dlfs did not create is never removed: a user's own file of
// that name is used as the lock and kept, a link or FIFO of that name is
// refused, and one a killed run left (it holds the mark) is removed at the
// end.
func TestLockOwnership(t *testing.T) {
	dir := t.TempDir()
	lockPath := filepath.Join(dir, lockName)
	mustWrite(t, filepath.Join(dir, ".lock"), "the user's")
	mustWrite(t, lockPath, "the user's too")
	d, err := OutputDir("-out", dir)
	must(t, err)
	d.Close(nil)
	assertContent(t, lockPath, "the user's too")
	assertContent(t, filepath.Join(dir, ".lock"), "the user's")

	must(t, os.Remove(lockPath))
	must(t, os.Symlink(filepath.Join(dir, ".lock"), lockPath))
	if _, err := OutputDir("-out", dir); err == nil || !strings.Contains(err.Error(), "symbolic link") {
		t.Errorf("a link named %s: got %v, want an error naming the link", lockName, err)
	}
	if fi, err := os.Lstat(lockPath); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was removed or replaced: %v", err)
	}

	must(t, os.Remove(lockPath))
	mustWrite(t, lockPath, lockMark) // left by a run that was killed
	d, err = OutputDir("-out", dir)
	must(t, err)
	d.Close(nil)
	assertNames(t, dir, ".lock")
}
