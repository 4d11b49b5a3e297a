// The outputs of a run, checked before any work so that a bad path fails in
// a moment rather than after an hour of training: a file (-save, -train,
// -cpuprofile) and a folder (-out), which is created only when something is
// written into it and locked against a second run writing it at once.

package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"

	"dlfs/common/atomicfile"
)

// OutputFile checks, before any work, that the file flag names (such as
// "-save") can be written at path, as atomicfile will write it: what is there
// must be nothing, a regular file, or a symbolic link to one (never a device,
// FIFO, socket or folder); path must end in ext (such as ".npz"; "" for any
// name); and the folder the file goes in must exist and take a new file,
// which is tried by creating and removing one. The UsageError names the flag,
// the path and the reason, the OS's when it gives one.
func OutputFile(flag, path, ext string) error {
	if path == "" {
		return Usagef("%s: want a file name", flag)
	}
	target, err := atomicfile.Target(path)
	if err != nil {
		msg := strings.TrimPrefix(err.Error(), "atomicfile: ")
		return Usagef("%s %s: %s", flag, path, strings.TrimPrefix(msg, path+": "))
	}
	if ext != "" && !strings.HasSuffix(path, ext) {
		return Usagef("%s %s: want a file name ending in %s", flag, path, ext)
	}
	if err := tryWrite(filepath.Dir(target)); err != nil {
		return Usagef("%s %s: cannot write in the folder %s: %v", flag, path, filepath.Dir(target), err)
	}
	return nil
}

// tryWrite reports why a file cannot be created in dir, by creating and
// removing one; nil if it can.
func tryWrite(dir string) error {
	f, err := os.CreateTemp(dir, ".write-test-*")
	if err != nil {
		return unwrapPath(err)
	}
	f.Close()
	os.Remove(f.Name())
	return nil
}

// unwrapPath drops the *fs.PathError around err, whose path the caller names.
func unwrapPath(err error) error {
	if pe, ok := errors.AsType[*fs.PathError](err); ok {
		return pe.Err
	}
	return err
}

// lockName is the lock file a Dir holds while a run writes into it.
const lockName = ".dlfs.lock"

// Dir is an output folder, such as -out, checked by OutputDir. It is created
// only when File is first called, so a run that writes nothing leaves no
// folder; while a run writes into it, a lock file in it (.dlfs.lock) makes a second
// run that writes into the same folder fail with an error saying so, instead
// of both runs reporting success and one losing its files. Close removes the
// lock, and the folders the run created if it failed and they are empty.
type Dir struct {
	flag, path string
	absent     bool // the folder did not exist when OutputDir checked it

	mu      sync.Mutex
	created []string // the folders this run made, outermost first
	lock    *lockFile
	closed  bool
}

// OutputDir checks, before any work, the folder flag names (such as "-out"):
// if path exists it must be a folder (or a link to one) that takes a new file,
// and it is locked at once; if not, the nearest folder above it that exists
// must take a new folder, and path is created by the first File. The
// UsageError names the flag, the path and the reason. Call Close when the run
// is over.
func OutputDir(flag, path string) (*Dir, error) {
	if path == "" {
		return nil, Usagef("%s: want a folder", flag)
	}
	d := &Dir{flag: flag, path: path}
	fi, err := os.Stat(path)
	switch {
	case err == nil && !fi.IsDir():
		return nil, Usagef("%s %s: not a folder", flag, path)
	case err == nil:
		if err := tryWrite(path); err != nil {
			return nil, Usagef("%s %s: cannot write in the folder: %v", flag, path, err)
		}
		if err := d.takeLock(); err != nil {
			return nil, err
		}
		return d, nil
	case !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, syscall.ENOTDIR):
		return nil, Usagef("%s %s: %v", flag, path, unwrapPath(err))
	}
	// Find the nearest folder that exists, and try a file in it.
	parent := filepath.Dir(filepath.Clean(path))
	for {
		fi, err := os.Stat(parent)
		if err == nil && fi.IsDir() {
			break
		}
		if err == nil {
			return nil, Usagef("%s %s: %s is not a folder", flag, path, parent)
		}
		if !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, syscall.ENOTDIR) {
			return nil, Usagef("%s %s: %v", flag, path, err)
		}
		parent = filepath.Dir(parent)
	}
	if err := tryWrite(parent); err != nil {
		return nil, Usagef("%s %s: cannot create the folder in %s: %v", flag, path, parent, err)
	}
	d.absent = true
	return d, nil
}

// Path returns the folder's path, as given to OutputDir.
func (d *Dir) Path() string { return d.path }

// File returns the path of the file name in the folder (name may hold
// subfolders), after creating the folders it goes in and taking the lock. Its
// errors name the flag.
func (d *Dir) File(name string) (string, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.closed {
		return "", fmt.Errorf("%s %s: written after Close", d.flag, d.path)
	}
	full := filepath.Join(d.path, name)
	if d.absent && d.lock == nil {
		// The folder was not there when the run started. If it is there
		// now, another run made it (and may have finished writing it and
		// released its lock): writing here would replace its files.
		if _, err := os.Stat(d.path); err == nil {
			return "", fmt.Errorf("%s %s: another run created this folder while this one was working; its files would be replaced: choose another folder, or run again",
				d.flag, d.path)
		}
	}
	if err := d.mkdirAll(filepath.Dir(full)); err != nil {
		return "", fmt.Errorf("%s %s: %w", d.flag, d.path, err)
	}
	if d.lock == nil {
		if err := d.takeLock(); err != nil {
			return "", err
		}
	}
	return full, nil
}

// FileWriter is what Dir.Write writes: a figure of common/plot (a Chart, a
// Grid, an ImageGrid, a Heatmap) or anything else that writes itself to a
// path.
type FileWriter interface{ WriteFile(path string) error }

// Write writes f into the folder as the file name (which may hold
// subfolders): the path File gives, then f.WriteFile of it. It returns the
// path.
func (d *Dir) Write(name string, f FileWriter) (string, error) {
	path, err := d.File(name)
	if err != nil {
		return "", err
	}
	return path, f.WriteFile(path)
}

// mkdirAll is os.MkdirAll that records each folder it creates.
func (d *Dir) mkdirAll(dir string) error {
	var missing []string
	for p := filepath.Clean(dir); ; p = filepath.Dir(p) {
		if _, err := os.Stat(p); err == nil || p == filepath.Dir(p) {
			break
		}
		missing = append(missing, p)
	}
	for i := len(missing) - 1; i >= 0; i-- {
		if err := os.Mkdir(missing[i], 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
			return err
		}
		d.created = append(d.created, missing[i])
	}
	return nil
}

// Close ends the run's use of the folder: it removes the lock file and, when
// runErr is not nil (the run failed or was interrupted), every folder the
// run created that is left empty. It returns runErr, so that a run can end
// with
//
//	defer func() { err = out.Close(err) }()
//
// A nil *Dir does nothing.
func (d *Dir) Close(runErr error) error {
	if d == nil {
		return runErr
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.closed {
		return runErr
	}
	d.closed = true
	if d.lock != nil {
		d.lock.release()
	}
	if runErr != nil {
		for i := len(d.created) - 1; i >= 0; i-- {
			os.Remove(d.created[i]) // fails, as it should, if not empty
		}
	}
	return runErr
}

// takeLock takes the folder's lock, or says which other run holds it.
func (d *Dir) takeLock() error {
	l, err := lock(filepath.Join(d.path, lockName))
	if errors.Is(err, errLocked) {
		return fmt.Errorf("%s %s: another run is writing into this folder (it holds %s); wait for it to end or choose another folder",
			d.flag, d.path, filepath.Join(d.path, lockName))
	}
	if err != nil {
		return fmt.Errorf("%s %s: cannot lock the folder: %w", d.flag, d.path, err)
	}
	d.lock = l
	return nil
}

// joinPath is filepath.Join.
func joinPath(dir, name string) string { return filepath.Join(dir, name) }

// dirOf and baseOf are filepath.Dir and filepath.Base.
func dirOf(path string) string  { return filepath.Dir(path) }
func baseOf(path string) string { return filepath.Base(path) }

// absPath returns path made absolute, or cleaned if it cannot be.
func absPath(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		return abs
	}
	return filepath.Clean(path)
}

// splitPath returns the names that make up a cleaned path.
func splitPath(path string) []string {
	return strings.FieldsFunc(path, func(r rune) bool { return r == filepath.Separator })
}

// canonical returns the file path will write, as one name whatever the way
// it is spelled: the final link followed, the folder's links resolved,
// absolute.
func canonical(path string) string {
	if target, err := atomicfile.Target(path); err == nil {
		path = target
	}
	dir := filepath.Dir(path)
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		dir = real
	}
	return absPath(filepath.Join(dir, filepath.Base(path)))
}

// sameFile reports whether two folder paths name the same folder.
func sameFile(a, b string) bool { return canonical(a) == canonical(b) }
