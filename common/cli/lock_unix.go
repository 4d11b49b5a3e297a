// The lock of an output folder on Unix: flock(2) on a lock file, which the
// kernel releases when the process ends, however it ends, so a run that was
// killed leaves no held lock. The file is removed at the end only when it is
// certainly dlfs's: this run created it (O_EXCL), or it holds the mark a run
// writes in it (one that was killed left it).

//go:build unix

package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"syscall"
)

// errLocked is lock's error when another process holds the lock.
var errLocked = errors.New("locked by another process")

// lockFile is a held lock.
type lockFile struct {
	f     *os.File
	path  string
	owned bool // created by this run or marked by another: removed by release
}

// lockMark is what a run writes in a lock file it creates.
const lockMark = "dlfs output folder lock\n"

// lock takes an exclusive lock on the file path without waiting, creating it
// if it is missing. A symbolic link or a file that is not regular is
// refused. A lock file another run removed as this one opened it is opened
// again, so two runs never hold locks on two different files of one name.
func lock(path string) (*lockFile, error) {
	for {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL|syscall.O_NOFOLLOW, 0o644)
		created := err == nil
		if errors.Is(err, fs.ErrExist) {
			f, err = os.OpenFile(path, os.O_RDWR|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0)
		}
		if errors.Is(err, syscall.ELOOP) {
			return nil, fmt.Errorf("%s is a symbolic link, not a lock file of dlfs; move it or choose another folder", path)
		}
		if err != nil {
			return nil, err
		}
		if fi, err := f.Stat(); err != nil || !fi.Mode().IsRegular() {
			f.Close()
			return nil, fmt.Errorf("%s is not a regular file, so not a lock file of dlfs; move it or choose another folder", path)
		}
		if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
			f.Close()
			if errors.Is(err, syscall.EWOULDBLOCK) {
				return nil, errLocked
			}
			return nil, err
		}
		held, err1 := f.Stat()
		named, err2 := os.Lstat(path)
		if err1 != nil || err2 != nil || !os.SameFile(held, named) {
			f.Close() // removed or replaced after we opened it: try again
			continue
		}
		l := &lockFile{f: f, path: path, owned: created}
		if created {
			_, err = f.WriteString(lockMark)
		} else {
			l.owned = marked(f)
		}
		if err != nil {
			l.release()
			return nil, err
		}
		return l, nil
	}
}

// marked reports whether f holds exactly lockMark.
func marked(f *os.File) bool {
	buf := make([]byte, len(lockMark)+1)
	n, err := f.ReadAt(buf, 0)
	return (err == nil || err == io.EOF) && string(buf[:n]) == lockMark
}

// release removes the lock file if it is dlfs's, then lets go of the lock.
func (l *lockFile) release() {
	if l.owned {
		os.Remove(l.path)
	}
	l.f.Close()
}
