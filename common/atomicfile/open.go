// The reading side of the same rule: a file given to read (MNIST, weights)
// is opened only when it is a regular file. A named pipe would block open(2)
// until something writes to it, for ever in a program waiting for its
// weights; a device or a folder is never the data a program asks for.

package atomicfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// ErrNotFile is the error, wrapped in one that names the path and what is
// there, of OpenRegular given something other than a regular file.
var ErrNotFile = errors.New("expected a regular file")

// OpenRegular opens path for reading when it is a regular file, or a
// symbolic link to one, and returns the file with its FileInfo. A named
// pipe, device, socket or folder is refused with an error that names path
// (and the link's target) and says what is there, wrapping ErrNotFile. It
// never blocks: the path is checked before it is opened, and opened
// non-blocking where the system has that flag, then checked again, so
// nothing swapped in between can hang the program.
func OpenRegular(path string) (*os.File, fs.FileInfo, error) {
	fi, err := os.Stat(path) // follows links to the end
	if err != nil {
		return nil, nil, err // a *PathError, which names path
	}
	if !fi.Mode().IsRegular() {
		return nil, nil, notFile(path, fi.Mode())
	}
	f, err := os.OpenFile(path, os.O_RDONLY|openNonblock, 0)
	if err != nil {
		return nil, nil, err
	}
	fi, err = f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	if !fi.Mode().IsRegular() {
		f.Close()
		return nil, nil, notFile(path, fi.Mode())
	}
	return f, fi, nil
}

// notFile is OpenRegular's error for path, found to hold a file of mode.
func notFile(path string, mode fs.FileMode) error {
	target := path
	if li, err := os.Lstat(path); err == nil && li.Mode()&fs.ModeSymlink != 0 {
		if t, err := filepath.EvalSymlinks(path); err == nil {
			target = t
		}
	}
	return fmt.Errorf("%s is %s: %w", describe(path, target), kind(mode), ErrNotFile)
}
