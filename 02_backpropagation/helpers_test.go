// Helpers shared by the tests: MNIST loaded once, and the program run end
// to end.

package main

import (
	"bytes"
	"context"
	"strconv"
	"strings"
	"sync"
	"testing"

	"dlfs/dataset"
	"dlfs/dataset/datasettest"
)

// mnistDir returns $MNIST_DIR, or skips the test (fails it when
// MNIST_REQUIRED=1) when MNIST is absent.
func mnistDir(t testing.TB) string {
	t.Helper()
	return datasettest.MNISTDir(t)
}

var mnist struct {
	once        sync.Once
	train, test *dataset.Set
	err         error
}

// loadMNIST loads MNIST as the program does, once for all tests.
func loadMNIST(t testing.TB) (train, test *dataset.Set) {
	t.Helper()
	dir := mnistDir(t)
	mnist.once.Do(func() {
		mnist.train, mnist.test, mnist.err = dataset.Load(dataset.Options{Dir: dir, Normalize: true, Flatten: true})
	})
	if mnist.err != nil {
		t.Fatal(mnist.err)
	}
	return mnist.train, mnist.test
}

// runProgram runs the program with args and returns what it printed.
func runProgram(t testing.TB, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err = run(context.Background(), args, &out, &errOut)
	return out.String(), errOut.String(), err
}

// testAccuracy reads the "test accuracy: 0.XXXX" that must end stdout.
func testAccuracy(t testing.TB, stdout string) float64 {
	t.Helper()
	lines := strings.Split(strings.TrimRight(stdout, "\n"), "\n")
	last := lines[len(lines)-1]
	s, ok := strings.CutPrefix(last, "test accuracy: ")
	if !ok || len(s) != 6 {
		t.Fatalf("last line %q is not \"test accuracy: 0.XXXX\"", last)
	}
	acc, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("last line %q: %v", last, err)
	}
	return acc
}
