// Helpers shared by the noise study's tests: MNIST loaded once, and the
// program run end to end.

package main

import (
	"bytes"
	"context"
	"strings"
	"sync"
	"testing"

	"dlfs/dataset"
	"dlfs/dataset/datasettest"
)

var mnist struct {
	once        sync.Once
	train, test *dataset.Set
	err         error
}

// mnistHead returns the first nTrain training and nTest test images of
// MNIST, loaded once for all tests, or skips the test (fails it when
// MNIST_REQUIRED=1) when MNIST is absent.
func mnistHead(t *testing.T, nTrain, nTest int) (train, test *dataset.Set) {
	t.Helper()
	dir := datasettest.MNISTDir(t)
	mnist.once.Do(func() {
		mnist.train, mnist.test, mnist.err = dataset.Load(dataset.Options{Dir: dir, Normalize: true, Flatten: true})
	})
	if mnist.err != nil {
		t.Fatal(mnist.err)
	}
	return mnist.train.Head(nTrain), mnist.test.Head(nTest)
}

// runProgram runs the program with args and returns what it printed.
func runProgram(t testing.TB, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err = run(context.Background(), args, &out, &errOut)
	return out.String(), errOut.String(), err
}

// lastField returns the last word of s.
func lastField(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}
