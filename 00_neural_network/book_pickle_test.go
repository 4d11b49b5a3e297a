// Golden test of the book's own ch03/sample_weight.pkl (the same file in the
// book's repository of 2016 and of today), read by dlfs/common/pickle: the
// network of neuralnet_mnist.py gets 9352 of the 10,000 test images right,
// as the book's NumPy code does (../shared/book-pkl/ACCURACY.txt).

package main

import (
	"io"
	"os"
	"path/filepath"
	"testing"

	"dlfs/common/mat"
	"dlfs/common/npy"
	"dlfs/common/pickle"
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

func TestBookSampleWeightPickle(t *testing.T) {
	for _, year := range []string{"2016", "2022"} {
		t.Run(year, func(t *testing.T) {
			path := bookPickle(t, year, "sample_weight.pkl")
			test, err := loadTestSet(datasettest.MNISTDir(t), io.Discard)
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
