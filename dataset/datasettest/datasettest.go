// Package datasettest finds the data that tests need (MNIST and the book's
// pretrained weights) and skips, or fails, when it is absent.
//
// A test that needs MNIST calls MNISTDir(t). When $MNIST_DIR is unset or does
// not hold the four files, the test is skipped with a message that says what
// to set, unless $MNIST_REQUIRED=1 (as in CI), where the test fails instead.
package datasettest

import (
	"os"
	"path/filepath"
	"testing"
)

// MNISTFiles are the four original MNIST file names.
var MNISTFiles = []string{
	"train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
	"t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz",
}

// MNISTDir returns $MNIST_DIR when it holds the four MNIST files, and
// otherwise skips the test (or fails it when $MNIST_REQUIRED=1).
func MNISTDir(t testing.TB) string {
	t.Helper()
	dir := os.Getenv("MNIST_DIR")
	if dir == "" {
		missing(t, "MNIST_DIR is not set; set it to a folder holding the four MNIST .gz files to run this test")
		return ""
	}
	for _, name := range MNISTFiles {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			missing(t, "MNIST_DIR="+dir+" has no "+name)
			return ""
		}
	}
	return dir
}

// BookWeights returns the folder of one of the book's weight sets (for example
// "ch03_sample_weight"), found in $BOOK_WEIGHTS_DIR or else in
// ../shared/book-weights beside the repository. When it is absent the test is
// skipped, or failed when $MNIST_REQUIRED=1.
func BookWeights(t testing.TB, name string) string {
	t.Helper()
	root := os.Getenv("BOOK_WEIGHTS_DIR")
	if root == "" {
		if repo, err := repoRoot(); err == nil {
			root = filepath.Join(repo, "..", "shared", "book-weights")
		}
	}
	dir := filepath.Join(root, name)
	if fi, err := os.Stat(dir); root == "" || err != nil || !fi.IsDir() {
		missing(t, "the book's weights "+name+" are not in "+root+"; set BOOK_WEIGHTS_DIR to the folder holding them to run this test")
		return ""
	}
	return dir
}

// BookPickle returns the path of one of the book's own pickles, year/file
// (for example "2016", "params.pkl"), found in $BOOK_PKL_DIR or else in
// ../shared/book-pkl beside the repository. When it is absent the test is
// skipped, or failed when $MNIST_REQUIRED=1.
func BookPickle(t testing.TB, year, file string) string {
	t.Helper()
	root := os.Getenv("BOOK_PKL_DIR")
	if root == "" {
		if repo, err := repoRoot(); err == nil {
			root = filepath.Join(repo, "..", "shared", "book-pkl")
		}
	}
	path := filepath.Join(root, year, file)
	if fi, err := os.Stat(path); root == "" || err != nil || !fi.Mode().IsRegular() {
		missing(t, "the book's pickle "+path+" is absent; set BOOK_PKL_DIR to the folder holding 2016/ and 2022/ to run this test")
		return ""
	}
	return path
}

func missing(t testing.TB, msg string) {
	t.Helper()
	if os.Getenv("MNIST_REQUIRED") == "1" {
		t.Fatal(msg + " (MNIST_REQUIRED=1, so this is a failure)")
	}
	t.Skip(msg)
}

// repoRoot walks up from the working directory (a test's package folder) to
// the folder holding go.mod.
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", os.ErrNotExist
		}
		dir = parent
	}
}
