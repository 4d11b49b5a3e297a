// Golden test of the book's own ch03/sample_weight.pkl (the same file in the
// book's repository of 2016 and of today), read by dlfs/common/pickle: the
// network of neuralnet_mnist.py gets 9352 of the 10,000 test images right,
// as the book's NumPy code does (../shared/book-pkl/ACCURACY.txt), read
// directly and through -weights; and pickles of another network are refused.

package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dlfs/common/cli"
	"dlfs/common/cli/clitest"
	"dlfs/common/mat"
	"dlfs/common/npy"
	"dlfs/common/pickle"
	"dlfs/dataset/datasettest"
)

func TestBookSampleWeightPickle(t *testing.T) {
	for _, year := range []string{"2016", "2022"} {
		t.Run(year, func(t *testing.T) {
			path := datasettest.BookPickle(t, year, "sample_weight.pkl")
			_, test, err := loadData(context.Background(), datasettest.MNISTDir(t), false, io.Discard)
			if err != nil {
				t.Fatal(err)
			}
			arrays, err := pickle.Load(path)
			if err != nil {
				t.Fatal(err)
			}
			var errs []error
			need := func(name string, shape ...int) *mat.Matrix {
				m, err := npy.Need(arrays, name, shape...)
				errs = append(errs, err)
				return m
			}
			network := &Network{
				W1: need("W1", 784, 50), b1: need("b1", 50),
				W2: need("W2", 50, 100), b2: need("b2", 100),
				W3: need("W3", 100, 10), b3: need("b3", 10),
			}
			for _, err := range errs {
				if err != nil {
					t.Fatalf("%s: %v", path, err)
				}
			}
			if got := accuracy(network, test, 100); got != 9352 {
				t.Errorf("%s: %d of 10000 test images right (%.4f), the book's NumPy code gets 9352 (0.9352)", path, got, float64(got)/10000)
			}
		})
	}
}

// The command line reads the book's pickle by its path and prints its
// figure, as the help's first example promises.
func TestRunBookPickle(t *testing.T) {
	path := datasettest.BookPickle(t, "2022", "sample_weight.pkl")
	out := clitest.Run(t, run, "-data", datasettest.MNISTDir(t), "-weights", path)
	if !strings.HasSuffix(out, "9352 of 10000 test images classified correctly, 100 at a time\ntest accuracy: 0.9352\n") {
		t.Errorf("-weights %s printed\n%s\nwant 9352 correct, test accuracy 0.9352", path, out)
	}
}

// A pickle that is not the book's network is refused as a .npz would be:
// a usage error naming -weights, the file and the array, before any data
// is read; and one larger than the network's arrays could make is refused
// before it is read.
func TestBadPickles(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, shapes map[string][]int) string {
		arrays := map[string]*npy.Array{}
		for k, shape := range shapes {
			n := 1
			for _, d := range shape {
				n *= d
			}
			arrays[k] = &npy.Array{Shape: shape, Data: make([]float64, n)}
		}
		path := filepath.Join(dir, name)
		if err := pickle.WriteFile(path, arrays, false); err != nil {
			t.Fatal(err)
		}
		return path
	}
	book := map[string][]int{"W1": {784, 50}, "b1": {50}, "W2": {50, 100}, "b2": {100}, "W3": {100, 10}, "b3": {10}}
	with := func(name string, shape []int) map[string][]int {
		m := maps.Clone(book)
		if shape == nil {
			delete(m, name)
		} else {
			m[name] = shape
		}
		return m
	}
	huge := filepath.Join(dir, "huge.pkl")
	if err := os.WriteFile(huge, append([]byte{0x80, 2}, make([]byte, 2<<20)...), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		path string
		want []string
	}{
		{write("transposed.pkl", with("W1", []int{50, 784})), []string{"transposed.pkl", `"W1"`, "(784, 50)", "(50, 784)", "784-50-100-10"}},
		{write("extra.pkl", with("W9", []int{3})), []string{"extra.pkl", "W9", "do not belong"}},
		{write("nob3.pkl", with("b3", nil)), []string{"nob3.pkl", `"b3"`}},
		{huge, []string{"huge.pkl", "more than a pickle of the network's 45360 values"}},
	} {
		var stdout bytes.Buffer
		err := run(context.Background(), []string{"-data", filepath.Join(dir, "no-mnist"), "-weights", tc.path}, &stdout, io.Discard)
		if _, ok := errors.AsType[cli.UsageError](err); !ok || !strings.HasPrefix(err.Error(), "-weights: ") {
			t.Errorf("%s: got %v, want a usage error naming -weights", tc.path, err)
			continue
		}
		for _, w := range tc.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: error %q does not mention %q", tc.path, err, w)
			}
		}
		if stdout.Len() > 0 {
			t.Errorf("%s: printed %q before failing", tc.path, stdout.String())
		}
	}
}
