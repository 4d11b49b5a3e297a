// The lock of an output folder on Unix: flock(2) on a lock file, which the
// kernel releases when the process ends, however it ends, so a run that was
// killed leaves no stale lock.

//go:build unix

package cli

import (
	"errors"
	"os"
	"syscall"
)

// errLocked is lock's error when another process holds the lock.
var errLocked = errors.New("locked by another process")

// lockFile is a held lock.
type lockFile struct {
	f    *os.File
	path string
}

// lock creates path if needed and takes an exclusive lock on it without
// waiting. A lock file another run removed as this one opened it is opened
// again, so two runs never hold locks on two different files of one name.
func lock(path string) (*lockFile, error) {
	for {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
		if err != nil {
			return nil, err
		}
		if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
			f.Close()
			if errors.Is(err, syscall.EWOULDBLOCK) {
				return nil, errLocked
			}
			return nil, err
		}
		held, err1 := f.Stat()
		named, err2 := os.Stat(path)
		if err1 == nil && err2 == nil && os.SameFile(held, named) {
			return &lockFile{f: f, path: path}, nil
		}
		f.Close() // removed or replaced after we opened it: try again
	}
}

// release removes the lock file, then lets go of the lock.
func (l *lockFile) release() {
	os.Remove(l.path)
	l.f.Close()
}
