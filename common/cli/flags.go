// The flag list of a program's -h help, as the chapter programs print it.

package cli

import (
	"flag"
	"fmt"
	"io"
	"strings"
)

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
