// Golden tests of the book's own pickles: ch07/params.pkl, as the book's
// repository held it in 2016 and holds it since 2022, read by
// dlfs/common/pickle into SimpleConvNet, gives on the 10,000 test images
// what the book's NumPy code gives (../shared/book-pkl/ACCURACY.txt).
// ch08/deep_convnet_params.pkl is checked by TestHalfFloatBookPickles: 2022's
// in float64 before it is rounded to float16; 2016's float64 figure, 0.9935,
// is TestBookWeights's, from the same arrays bit for bit.

package main

import (
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"dlfs/common/network"
	"dlfs/common/pickle"
	"dlfs/dataset"
	"dlfs/dataset/datasettest"
)

// bookPickle returns the path of one of the book's pickles, year/file in
// $BOOK_PKL_DIR or else in ../shared/book-pkl beside the repository,
// skipping the test when it is absent (failing it when MNIST_REQUIRED=1 or
// BOOK_PKL_REQUIRED=1).
func bookPickle(t *testing.T, year, file string) string {
	t.Helper()
	dir := os.Getenv("BOOK_PKL_DIR")
	if dir == "" {
		dir = filepath.Join("..", "..", "shared", "book-pkl")
	}
	path := filepath.Join(dir, year, file)
	if _, err := os.Stat(path); err != nil {
		msg := "the book's pickle " + path + " is absent: set BOOK_PKL_DIR to the folder holding 2016/ and 2022/ to run this test"
		if os.Getenv("MNIST_REQUIRED") == "1" || os.Getenv("BOOK_PKL_REQUIRED") == "1" {
			t.Fatal(msg + " (MNIST_REQUIRED=1 or BOOK_PKL_REQUIRED=1, so this is a failure)")
		}
		t.Skip(msg)
	}
	return path
}

// loadBookPickle builds net's parameters from the pickle at path.
func loadBookPickle(t *testing.T, net *network.Net, path string) {
	t.Helper()
	arrays, err := pickle.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := net.SetParams(path, arrays); err != nil {
		t.Fatal(err)
	}
}

// mnistTest loads the 10,000 test images as the book's load_mnist does
// (pixels divided by 255), or skips the test without MNIST.
func mnistTest(t *testing.T) *dataset.Set {
	t.Helper()
	dir := datasettest.MNISTDir(t)
	set, err := dataset.LoadTest(dataset.Options{Dir: dir, Normalize: true, Flatten: true})
	if err != nil {
		t.Fatal(err)
	}
	return set
}

func TestBookPickles(t *testing.T) {
	for _, tc := range []struct{ year, want string }{
		{"2016", "0.9890"},
		{"2022", "0.9600"},
	} {
		t.Run("params.pkl/"+tc.year, func(t *testing.T) {
			path := bookPickle(t, tc.year, "params.pkl")
			test := mnistTest(t)
			net := NewSimpleConvNet(BookSimpleConfig, rand.New(rand.NewPCG(1, 1)))
			loadBookPickle(t, net, path)
			acc, _ := evaluate(net, test, io.Discard)
			if got := format4(acc); got != tc.want {
				t.Errorf("%s: test accuracy %s, the book's NumPy code gives %s", path, got, tc.want)
			}
		})
	}
}
