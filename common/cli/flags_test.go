package cli

import (
	"flag"
	"strings"
	"testing"
)

// Every flag states its default once: its own "(default ...)" in the help,
// else the value, else "none" for an empty string.
func TestPrintFlags(t *testing.T) {
	fs := flag.NewFlagSet("prog", flag.ContinueOnError)
	fs.Int("batch", 100, "mini-batch `size`")
	fs.String("data", "", "`folder` of MNIST (default: $MNIST_DIR)")
	fs.Bool("check", false, "run the gradient check")
	fs.String("save", "", "write the weights to `file.npz`")
	var out strings.Builder
	PrintFlags(&out, fs)
	want := "  -batch size\n    \tmini-batch size (default 100)\n" +
		"  -check\n    \trun the gradient check (default false)\n" +
		"  -data folder\n    \tfolder of MNIST (default: $MNIST_DIR)\n" +
		"  -save file.npz\n    \twrite the weights to file.npz (default none)\n"
	if got := out.String(); got != want {
		t.Errorf("PrintFlags printed\n%s\nwant\n%s", got, want)
	}
}
