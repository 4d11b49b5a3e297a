// The 10,000 MNIST test images, the x_test, t_test of the book's get_data()
// (load_mnist(normalize=True, flatten=True, one_hot_label=False)).

package main

import (
	"os"
	"path/filepath"

	"dlfs/dataset"
)

// loadTestSet returns the MNIST test set with pixels scaled to [0, 1], from
// the folder dataset.Load would use (-data, else $MNIST_DIR, else the cache).
// Predicting needs nothing else, so when both test files are there it reads
// only them: gunzipping the 47 MB of training images would take most of the
// run. Otherwise dataset.Load finds, or downloads, all four files.
func loadTestSet(dataDir string) (*dataset.Set, error) {
	dir, err := dataset.Dir(dataDir)
	if err != nil {
		return nil, err
	}
	images := find(dir, "t10k-images-idx3-ubyte")
	labels := find(dir, "t10k-labels-idx1-ubyte")
	if images == "" || labels == "" {
		_, test, err := dataset.Load(dataset.Options{Dir: dataDir, Normalize: true, Flatten: true})
		return test, err
	}
	test, err := dataset.ReadSet(images, labels)
	if err != nil {
		return nil, err
	}
	test.Normalize, test.Flatten = true, true
	return test, nil
}

// find returns the path of the MNIST file name in dir, gzip'd as published
// or gunzipped, or "" when it is in neither form.
func find(dir, name string) string {
	for _, path := range []string{filepath.Join(dir, name+".gz"), filepath.Join(dir, name)} {
		if fi, err := os.Stat(path); err == nil && fi.Mode().IsRegular() {
			return path
		}
	}
	return ""
}
