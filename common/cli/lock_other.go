// The lock of an output folder where flock(2) is missing: a lock file
// created exclusively, which a run that was killed leaves behind. Only the
// run that created it removes it.

//go:build !unix

package cli

import (
	"errors"
	"io/fs"
	"os"
)

// errLocked is lock's error when the lock file exists.
var errLocked = errors.New("locked by another process")

// lockFile is a held lock.
type lockFile struct {
	f    *os.File
	path string
}

// lock creates path, failing with errLocked if it exists.
func lock(path string) (*lockFile, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return nil, errLocked
	}
	if err != nil {
		return nil, err
	}
	return &lockFile{f: f, path: path}, nil
}

// release closes and removes the lock file, which this run created.
func (l *lockFile) release() {
	l.f.Close()
	os.Remove(l.path)
}
