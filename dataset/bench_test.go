// Benchmarks of loading MNIST (needs $MNIST_DIR) and of building batches:
//
//	MNIST_DIR=/path/to/mnist go test -run x -bench . -benchmem ./dataset/
//
// Load should take about as long as BenchmarkRead/train-images-idx3-ubyte alone, since
// the other three files decode beside it.

package dataset

import (
	"path/filepath"
	"strings"
	"testing"

	"dlfs/common/mat"
	"dlfs/dataset/datasettest"
)

func BenchmarkLoad(b *testing.B) {
	dir := datasettest.MNISTDir(b)
	for b.Loop() {
		if _, _, err := Load(Options{Dir: dir, Normalize: true}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRead decodes each file on its own: their sum is what Load would
// take without decoding them concurrently.
func BenchmarkRead(b *testing.B) {
	dir := datasettest.MNISTDir(b)
	for _, f := range mnistFiles {
		read := ReadLabels
		if strings.Contains(f.name, "-images-") {
			read = ReadImages
		}
		b.Run(strings.TrimSuffix(f.name, ".gz"), func(b *testing.B) {
			for b.Loop() {
				if _, err := read(filepath.Join(dir, f.name)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkXInto builds one normalized mini-batch of 100 images.
func BenchmarkXInto(b *testing.B) {
	s := randomSet(1000, 1)
	s.Normalize = true
	idx := s.Range(500, 600)
	x := mat.New(len(idx), ImageSize)
	for b.Loop() {
		s.XInto(x, idx)
	}
}
