// The flags of a chapter program: one way to make the flag set, to print -h
// (every flag with its default, on stderr, as Go's flag package does), and to
// refuse flags the chosen mode ignores.

package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"

	"dlfs/common/mat"
)

// NewFlagSet returns an empty flag set called name that returns its errors
// instead of printing them or exiting: Parse prints the help for -h, and
// ExitCode prints the mistake alone.
func NewFlagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

// Parse parses args into fs and refuses any argument that is not a flag. On
// -h or -help it writes help (the program's own text: what it does and
// examples; it should end with a blank line), then "Flags:" and every flag
// with its default (PrintFlags) to stderr, and returns flag.ErrHelp, which
// ExitCode turns into status 0. A bad flag is a UsageError.
func Parse(fs *flag.FlagSet, args []string, stderr io.Writer, help string) error {
	if err := ParseWithArgs(fs, args, stderr, help); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return Usagef("unexpected argument %q: every setting is a flag", fs.Arg(0))
	}
	return nil
}

// ParseWithArgs is Parse for a program that takes arguments after its flags
// (such as 03_optimizer's experiment name): it leaves them in fs.Args().
// Its -h ends with the line that names the code computing this build's
// matrix products (mat.Kernels).
func ParseWithArgs(fs *flag.FlagSet, args []string, stderr io.Writer, help string) error {
	err := fs.Parse(args)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprint(stderr, help)
		fmt.Fprintln(stderr, "Flags:")
		PrintFlags(stderr, fs)
		hint := ""
		if mat.Kernels() == "plain" {
			hint = " (GOEXPERIMENT=simd on Go 1.27 adds AVX2, AVX-512 and NEON ones)"
		}
		fmt.Fprintf(stderr, "\nMatrix products in this build: %s kernels%s.\n", mat.Kernels(), hint)
		return err
	}
	if err != nil {
		return UsageError{err}
	}
	return nil
}

// PrintFlags writes every flag of fs to w as flag.PrintDefaults does, except
// that each flag states its default: a flag whose help does not give one
// ends with "(default VALUE)", or "(default none)" when its zero value is
// the empty string, which PrintDefaults leaves out.
func PrintFlags(w io.Writer, fs *flag.FlagSet) {
	fs.VisitAll(func(f *flag.Flag) {
		name, help := flag.UnquoteUsage(f)
		fmt.Fprintf(w, "  -%s", f.Name)
		if name != "" {
			fmt.Fprintf(w, " %s", name)
		}
		fmt.Fprintf(w, "\n    \t%s", help)
		if !strings.Contains(help, "(default") {
			def := f.DefValue
			if def == "" {
				def = "none"
			}
			fmt.Fprintf(w, " (default %s)", def)
		}
		fmt.Fprintln(w)
	})
}

// IsSet reports whether the flag called name was given on the command line.
func IsSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

// OnlyWith refuses the flags that mode ignores: every flag given on the
// command line must be one of allowed (names without the dash). mode
// describes the chosen mode as the message shows it, such as "-backprop" or
// "evaluating -weights (no -train)". The error is a UsageError naming the
// first flag given that is not allowed, its value and the mode, such as
//
//	-epochs 5: evaluating -weights (no -train) does not use it; it uses only -data, -weights, -batch
func OnlyWith(fs *flag.FlagSet, mode string, allowed ...string) error {
	var err error
	fs.Visit(func(f *flag.Flag) {
		if err != nil || slices.Contains(allowed, f.Name) {
			return
		}
		uses := "no flags"
		if len(allowed) > 0 {
			uses = "only -" + strings.Join(allowed, ", -")
		}
		value := " " + f.Value.String()
		if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
			value = ""
		}
		err = Usagef("-%s%s: %s does not use it; it uses %s", f.Name, value, mode, uses)
	})
	return err
}
