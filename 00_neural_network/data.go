// The MNIST images of chapter 3, the book's get_data()
// (load_mnist(normalize=True, flatten=True, one_hot_label=False)): the
// 10,000 test images, and the 60,000 training images when a mode needs them.

package main

import (
	"context"
	"io"

	"dlfs/dataset"
)

// loadData returns the MNIST test set with pixels scaled to [0, 1], and the
// training set too if withTrain (for -out's mnist_show and for -train; nil
// otherwise), from the folder dataset.Load would use (-data, else
// $MNIST_DIR, else the cache). Predicting needs only the two test files,
// and gunzipping the 47 MB of training images would take most of the run.
// Notices about the files go to stderr; cancelling ctx stops a download.
func loadData(ctx context.Context, dataDir string, withTrain bool, stderr io.Writer) (train, test *dataset.Set, err error) {
	opts := dataset.Options{Dir: dataDir, Normalize: true, Flatten: true, Progress: stderr, Context: ctx}
	if withTrain {
		return dataset.Load(opts)
	}
	test, err = dataset.LoadTest(opts)
	return nil, test, err
}
