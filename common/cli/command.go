// A chapter's command line, declared: the shared flags (-data, -seed, -out,
// -save, -cpuprofile), the chapter's own, and the outputs of a run, which
// Start checks together before any work.

package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
)

// Command is a chapter program's command line. New makes it with -cpuprofile;
// Data, Seed, Out and Save add the shared flags a chapter takes, with the
// chapter's own words for what they hold; the chapter adds its own flags on
// the embedded FlagSet. Parse reads the command line, Start checks and opens
// every output.
type Command struct {
	*flag.FlagSet
	Name, Help string
	// GCPercent, if not 0, is the collector's setting (see GCPercent),
	// which Start applies.
	GCPercent int

	cpuprofile string
}

// New returns the command line of the program name, whose -h prints help
// (what it does, examples; ending with a blank line) before the flags.
func New(name, help string) *Command {
	c := &Command{FlagSet: NewFlagSet(name), Name: name, Help: help}
	c.StringVar(&c.cpuprofile, "cpuprofile", "", "write a CPU profile to `file` (read it with go tool pprof -top)")
	return c
}

// Data adds -data, the MNIST folder; cacheDir (dataset.CacheDir) names the
// folder used when neither -data nor $MNIST_DIR is given.
func (c *Command) Data(p *string, cacheDir func() (string, error)) {
	cache, err := cacheDir()
	if err != nil {
		cache = "the per-user cache folder"
	}
	c.StringVar(p, "data", "", "`folder` holding the MNIST files, downloaded there if missing (default $MNIST_DIR if set, else "+cache+")")
}

// Seed adds -seed with its default; what says what it seeds.
func (c *Command) Seed(p *uint64, def uint64, what string) {
	c.Uint64Var(p, "seed", def, "random `seed` for "+what)
}

// Out adds -out, the folder of the pictures; what lists them.
func (c *Command) Out(p *string, def, what string) {
	c.StringVar(p, "out", def, "write "+what+" to this `folder`, created when the first is written")
}

// Save adds -save, the file of the trained parameters; what says what it
// holds and where it goes by default.
func (c *Command) Save(p *string, what string) {
	c.StringVar(p, "save", "", "write "+what)
}

// Parse reads args, refusing any that is not a flag; on -h it prints the
// help and every flag with its default to stderr and returns flag.ErrHelp.
func (c *Command) Parse(args []string, stderr io.Writer) error {
	return Parse(c.FlagSet, args, stderr, c.Help)
}

// ParseArg is Parse for a program that takes one argument among its flags
// (flags may come before and after it), such as 03_optimizer's experiment:
// it returns the argument, "" if none was given.
func (c *Command) ParseArg(args []string, stderr io.Writer) (string, error) {
	if err := ParseWithArgs(c.FlagSet, args, stderr, c.Help); err != nil || c.NArg() == 0 {
		return "", err
	}
	arg := c.Arg(0)
	return arg, c.Parse(c.Args()[1:], stderr)
}

// IsSet reports whether the flag called name was given.
func (c *Command) IsSet(name string) bool { return IsSet(c.FlagSet, name) }

// OnlyWith refuses the flags mode ignores (see OnlyWith); -cpuprofile is
// always allowed.
func (c *Command) OnlyWith(mode string, allowed ...string) error {
	return OnlyWith(c.FlagSet, mode, append(allowed, "cpuprofile")...)
}

// First returns the first error that is not nil: a chapter's value checks
// in one call.
func First(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// An Output is something a run writes, or needs: File, Folder or Needs.
type Output struct {
	flag, path, ext string
	files           []string // Folder: the files it will hold
	folder          bool
	need            uint64 // Memory
	memory          bool
}

// File is the file flag names at path, ending in ext ("" for any); an
// empty path writes nothing.
func File(flag, path, ext string) Output { return Output{flag: flag, path: path, ext: ext} }

// Folder is the folder flag names at path, which will hold files (names
// that may hold subfolders); an empty path writes nothing.
func Folder(flag, path string, files ...string) Output {
	return Output{flag: flag, path: path, files: files, folder: true}
}

// Needs is what the run will allocate, need bytes, for the settings flag
// describes (such as "-hidden 100 with -batch 100"): see CheckMemory.
func Needs(flag string, need uint64) Output { return Output{flag: flag, need: need, memory: true} }

// A Run holds the outputs Start opened: the folders (locked while the run
// writes into them) and the CPU profile. Close ends it.
type Run struct {
	dirs   map[string]*Dir
	finish func(error) error
}

// Start checks every output of the run together before any work, and
// opens them: memory first, then that no two outputs (or -cpuprofile) name
// the same file, then each file (OutputFile) and folder (OutputDir, with
// every file it will hold checked), and starts -cpuprofile; it sets the
// collector to GCPercent. Every error is a UsageError naming the flag. Call
// Close with the run's error.
func (c *Command) Start(outputs ...Output) (*Run, error) {
	if c.GCPercent != 0 {
		GCPercent(c.GCPercent)
	}
	if err := checkAll(append(outputs, File("-cpuprofile", c.cpuprofile, ""))); err != nil {
		return nil, err
	}
	r := &Run{dirs: map[string]*Dir{}, finish: func(err error) error { return err }}
	for _, o := range outputs {
		if !o.folder || o.path == "" {
			continue
		}
		d, err := OutputDir(o.flag, o.path)
		if err == nil {
			r.dirs[o.flag] = d
			err = d.check(o.files)
		}
		if err != nil {
			return nil, r.Close(err)
		}
	}
	for _, o := range append(outputs, File("-cpuprofile", c.cpuprofile, "")) {
		if o.folder || o.memory || o.path == "" {
			continue
		}
		// A file in a folder the run will create (-out d -save d/w.npz):
		// create the folder now, so that the file can be checked in it.
		for _, d := range r.dirs {
			if d.absent && sameFile(dirOf(o.path), d.path) {
				if _, err := d.File(baseOf(o.path)); err != nil {
					return nil, r.Close(err)
				}
			}
		}
		if err := OutputFile(o.flag, o.path, o.ext); err != nil {
			return nil, r.Close(err)
		}
	}
	finish, err := CPUProfile(c.cpuprofile)
	if err != nil {
		return nil, r.Close(err)
	}
	r.finish = finish
	return r, nil
}

// checkAll checks the memory outputs and that no two outputs name the same
// file.
func checkAll(outputs []Output) error {
	seen := map[string]string{} // cleaned path -> the flag that names it
	for _, o := range outputs {
		if o.memory {
			if err := CheckMemory(o.flag, o.need); err != nil {
				return err
			}
			continue
		}
		if o.path == "" {
			continue
		}
		names := []string{o.path}
		if o.folder {
			names = names[:0]
			for _, f := range o.files {
				names = append(names, joinPath(o.path, f))
			}
		}
		for _, n := range names {
			key := canonical(n)
			if other, ok := seen[key]; ok && other != o.flag {
				return Usagef("%s and %s both name the file %s: choose another name for one of them", other, o.flag, n)
			}
			seen[key] = o.flag
		}
	}
	return nil
}

// Dir returns the folder that flag names, nil if it was not given.
func (r *Run) Dir(flag string) *Dir { return r.dirs[flag] }

// Close ends the run: it finishes the CPU profile (written only when err is
// nil) and closes every folder (see Dir.Close). It returns err, or the
// profile's error.
func (r *Run) Close(err error) error {
	err = r.finish(err)
	for _, d := range r.dirs {
		err = d.Close(err)
	}
	return err
}

// errNotRegular is the reason a file a folder will hold cannot be written.
var errNotRegular = errors.New("is there and is not a regular file")

// check checks, before any work, every file names the folder will hold:
// what is there must be nothing or a regular file (or a link to one), and
// the path must not be too long for the system.
func (d *Dir) check(names []string) error {
	for _, name := range names {
		path := joinPath(d.path, name)
		if err := checkPathLength(path); err != nil {
			return Usagef("%s %s: the file %s: %v", d.flag, d.path, name, err)
		}
		fi, err := os.Stat(path)
		if err == nil && !fi.Mode().IsRegular() {
			return Usagef("%s %s: %s %v (%s)", d.flag, d.path, path, errNotRegular, fi.Mode().Type())
		}
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			return Usagef("%s %s: the file %s: %v", d.flag, d.path, name, unwrapPath(err))
		}
	}
	return nil
}

// errTooLong is checkPathLength's error.
var errTooLong = errors.New("path too long")

// checkPathLength refuses a path longer than the system takes: a name
// (with the temporary suffix atomicfile adds) over 255 bytes, or a path over
// 4095.
func checkPathLength(path string) error {
	const nameMax, pathMax, tempExtra = 255, 4095, len("..tmp") + 10
	abs := absPath(path)
	if len(abs)+tempExtra > pathMax {
		return fmt.Errorf("%w: %d bytes, the limit is %d", errTooLong, len(abs), pathMax-tempExtra)
	}
	for _, part := range splitPath(abs) {
		if len(part)+tempExtra > nameMax {
			return fmt.Errorf("%w: the name %.20s... has %d bytes, the limit is %d", errTooLong, part, len(part), nameMax-tempExtra)
		}
	}
	return nil
}

// A Mode is a choice on the command line, such as -serve, and the flags it
// reads: see Command.Modes.
type Mode struct {
	on      bool
	name    string
	allowed []string
}

// When is the mode name, chosen when on, which reads only allowed (names
// without the dash; -cpuprofile is always allowed).
func When(on bool, name string, allowed ...string) Mode { return Mode{on, name, allowed} }

// Modes refuses the flags the chosen mode ignores (see OnlyWith): the first
// of modes that is on decides; when none is, every flag is allowed.
func (c *Command) Modes(modes ...Mode) error {
	for _, m := range modes {
		if m.on {
			return c.OnlyWith(m.name, m.allowed...)
		}
	}
	return nil
}
