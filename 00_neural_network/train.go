// The -train mode: how this repository's sample_weight.npz was made. The
// book ships ch03/sample_weight.pkl without the code that trained it; here
// the network of chapter 3 is trained with the tools of chapter 6
// (MultiLayerNet, Adam) and the Trainer of chapter 7 (common/trainer.py).

package main

import (
	"fmt"
	"io"
	"strings"

	"dlfs/common/network"
	"dlfs/common/npy"
	"dlfs/common/trainer"
)

// trainWeights runs t, which trains net, and writes net's weights to path as
// a .npz file that loadNetwork (and NumPy's np.load) reads: W1 b1 W2 b2 W3
// b3, each bias a vector as in the book's sample_weight.pkl. The file is
// written to a temporary file and renamed, so a failed run leaves no half
// file behind.
func trainWeights(path string, t *trainer.Trainer, net *network.MultiLayerNet, progress io.Writer) error {
	t.Progress = func(iter, total int, loss float64) {
		if iter%50 == 0 || iter == total {
			fmt.Fprintf(progress, "\rtrain: iteration %d of %d, loss %.4f ", iter, total, loss)
		}
		if iter == total {
			fmt.Fprintln(progress)
		}
	}
	if _, err := t.Run(); err != nil {
		return err
	}

	arrays := map[string]*npy.Array{}
	for name, m := range net.Params() {
		if strings.HasPrefix(name, "b") { // a bias: shape (N,), as in the book's pickle
			arrays[name] = npy.FromMatrix(m, m.Cols)
		} else {
			arrays[name] = npy.FromMatrix(m)
		}
	}
	if err := npy.WriteNPZ(path, arrays); err != nil {
		return err
	}
	fmt.Fprintf(t.Log, "wrote %s\n", path)
	return nil
}
