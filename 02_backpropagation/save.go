// What a training run writes: the trained parameters as NumPy's .npz, under
// the book's names, so that np.load("w.npz")["W1"] reads them, and the
// charts; and their declaration to cli, checked before the run.

package main

import (
	"fmt"
	"io"

	"dlfs/common/cli"
	"dlfs/common/mat"
	"dlfs/common/npy"
)

// saveParams writes params (W1, b1, W2, b2, ...) to path (atomically: a
// temporary file renamed into place). The biases are saved as vectors,
// shape (N,), as the book's np.zeros(hidden_size) are.
func saveParams(path string, params map[string]*mat.Matrix) error {
	arrays := map[string]*npy.Array{}
	for name, p := range params {
		if name[0] == 'b' {
			arrays[name] = npy.FromMatrix(p, p.Cols)
		} else {
			arrays[name] = npy.FromMatrix(p)
		}
	}
	return npy.WriteNPZ(path, arrays)
}

// writeOutputs writes what the command line asked for after training:
// -save's parameters, and the charts into the -out folder out (if not nil).
func writeOutputs(c config, net *TwoLayerNet, h *history, out *cli.Dir, stdout io.Writer) error {
	if c.save != "" {
		if err := saveParams(c.save, net.Params); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "wrote W1 b1 W2 b2 to %s\n", c.save)
	}
	if out != nil {
		if err := writeCharts(out, c.hidden, h); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "wrote loss.svg and accuracy.svg to %s\n", out.Path())
	}
	return nil
}

// outputs are what a training run of c writes and needs, declared to cli's
// Start so that all of it is checked before any work: the memory, -save's
// file and -out's charts.
func outputs(c config) []cli.Output {
	return []cli.Output{
		cli.Needs(fmt.Sprintf("-hidden %d with -batch %d", c.hidden, c.batch), memoryNeeded(c)),
		cli.File("-save", c.save, ".npz"),
		cli.Folder("-out", c.out, "loss.svg", "accuracy.svg"),
	}
}
