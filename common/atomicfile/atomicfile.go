// Package atomicfile is machinery, not part of the book: safe to skip. It
// writes files so that a reader never sees half of one: the data goes to a
// temporary file in the target's folder, which is renamed over the target
// only when it is complete. Every file this repository writes (weights,
// charts, tables, profiles) goes through it.
//
// It replaces only a regular file, or writes where nothing exists yet. A
// symbolic link is followed to its target, and the target is written
// atomically in its own folder, so the link stays a link. A device, named
// pipe (FIFO), socket or folder is refused with ErrNotRegular before anything
// is written: writing /dev/full must never turn the device into a file.
//
// Reading keeps the same rule: OpenRegular opens a file the program is given
// to read (MNIST, weights) only when it is a regular file, so a named pipe
// cannot hang the program.
package atomicfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// ErrNotRegular is the error, wrapped in one that names the path and what is
// there, for a path that holds something other than a regular file.
var ErrNotRegular = errors.New("not a regular file, and only a regular file is replaced")

// maxLinks is how many symbolic links Target follows before it gives up, as
// Linux's path lookup does (MAXSYMLINKS).
const maxLinks = 40

// Target returns the path that writing path would replace: path itself when
// nothing is there or it is a regular file, and the end of the chain of
// symbolic links when it is a link (a link to nothing yet is fine; the file is
// created where it points). It fails, naming path and what is there, for a
// device, FIFO, socket or folder (errors.Is(err, ErrNotRegular)), for a loop
// of links, and when the folder the file would go in does not exist.
func Target(path string) (string, error) {
	target := path
	for range maxLinks {
		fi, err := os.Lstat(target)
		if errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR) {
			dir := filepath.Dir(target)
			di, err := os.Stat(dir)
			if err != nil {
				return "", fmt.Errorf("atomicfile: %s: the folder %s: %w", path, dir, unwrapPath(err))
			}
			if !di.IsDir() {
				return "", fmt.Errorf("atomicfile: %s: %s is not a folder", path, dir)
			}
			return target, nil
		}
		if err != nil {
			return "", fmt.Errorf("atomicfile: %w", err)
		}
		switch mode := fi.Mode(); {
		case mode.IsRegular():
			return target, nil
		case mode&fs.ModeSymlink != 0:
			link, err := os.Readlink(target)
			if err != nil {
				return "", fmt.Errorf("atomicfile: %w", err)
			}
			if !filepath.IsAbs(link) {
				link = filepath.Join(filepath.Dir(target), link)
			}
			target = link
		default:
			what := describe(path, target)
			return "", fmt.Errorf("atomicfile: %s is %s: %w", what, kind(mode), ErrNotRegular)
		}
	}
	return "", fmt.Errorf("atomicfile: %s: more than %d symbolic links in a row", path, maxLinks)
}

// describe names path, and the link target when they differ.
func describe(path, target string) string {
	if path == target {
		return path
	}
	return fmt.Sprintf("%s (a link to %s)", path, target)
}

// kind says what a file of the given mode is, for an error message.
func kind(mode fs.FileMode) string {
	switch {
	case mode.IsDir():
		return "a folder"
	case mode&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case mode&fs.ModeSocket != 0:
		return "a socket"
	case mode&fs.ModeDevice != 0:
		return "a device"
	}
	return "not a regular file (mode " + mode.String() + ")"
}

// unwrapPath drops the *fs.PathError around err, whose path the caller names.
func unwrapPath(err error) error {
	if pe, ok := errors.AsType[*fs.PathError](err); ok {
		return pe.Err
	}
	return err
}

// File is a temporary file that becomes its target when Commit is called.
// Write into it as into an *os.File; call exactly one of Commit and Abort.
type File struct {
	*os.File
	target string // the path Commit renames the file to
	path   string // the path the caller gave, for messages
}

// Create checks path as Target does, then creates a temporary file in the
// target's folder, named after the target and starting with a dot. Errors
// name path.
func Create(path string) (*File, error) {
	target, err := Target(path)
	if err != nil {
		return nil, err
	}
	f, err := os.CreateTemp(filepath.Dir(target), "."+filepath.Base(target)+".tmp*")
	if err != nil {
		return nil, fmt.Errorf("writing %s: %w", path, err)
	}
	return &File{File: f, target: target, path: path}, nil
}

// Commit makes the file readable by all (0644), flushes it to disk, closes it
// and renames it over its target, which is checked again first. On any error
// the temporary file is removed and the target is left as it was.
func (f *File) Commit() (err error) {
	defer func() {
		if err != nil {
			f.Abort()
			err = fmt.Errorf("writing %s: %w", f.path, err)
		}
	}()
	if err = f.Chmod(0o644); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.File.Close(); err != nil {
		return err
	}
	// Something may have appeared at the path since Create: check again.
	if target, err := Target(f.path); err != nil {
		return err
	} else if target != f.target {
		return fmt.Errorf("the link now points to %s, not %s", target, f.target)
	}
	return os.Rename(f.Name(), f.target)
}

// Abort closes and removes the temporary file, leaving the target alone. It
// may be called after Commit failed, and more than once.
func (f *File) Abort() {
	f.File.Close()
	os.Remove(f.Name())
}

// Write calls write with a temporary file in the folder of path's target
// (see Target), then commits it (see File.Commit). So path holds either its
// old contents or the complete new ones. On any error the temporary file is
// removed and path is left alone; the error names path.
func Write(path string, write func(w io.Writer) error) error {
	f, err := Create(path)
	if err != nil {
		return err
	}
	if err := write(f); err != nil {
		f.Abort()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return f.Commit()
}

// WriteBytes writes data to path as Write does.
func WriteBytes(path string, data []byte) error {
	return Write(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}
