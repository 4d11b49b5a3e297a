// The 10,000 MNIST test images, the x_test, t_test of the book's get_data()
// (load_mnist(normalize=True, flatten=True, one_hot_label=False)).

package main

import (
	"io"

	"dlfs/dataset"
)

// loadTestSet returns the MNIST test set with pixels scaled to [0, 1], from
// the folder dataset.Load would use (-data, else $MNIST_DIR, else the cache).
// Predicting needs nothing else, so it reads only the two test files:
// gunzipping the 47 MB of training images would take most of the run.
// Notices about the files go to stderr.
func loadTestSet(dataDir string, stderr io.Writer) (*dataset.Set, error) {
	return dataset.LoadTest(dataset.Options{Dir: dataDir, Normalize: true, Flatten: true, Progress: stderr})
}
