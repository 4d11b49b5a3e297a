// Examples: the book's load_mnist and mini-batches, in Go.

package dataset_test

import (
	"fmt"
	"log"

	"dlfs/dataset"
)

// The book's
//
//	(x_train, t_train), (x_test, t_test) = load_mnist(normalize=True, one_hot_label=True)
//	batch_mask = np.random.choice(train_size, batch_size)
//
// in Go. (This example is compiled but not run: it needs MNIST.)
func ExampleLoad() {
	train, test, err := dataset.Load(dataset.Options{Normalize: true, Flatten: true, OneHotLabel: true})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(train.Len(), test.Len(), train.Shape()) // 60000 10000 [784]

	batch := []int{0, 59999, 42}           // a mini-batch: any indices, repeats allowed
	x, t := train.X(batch), train.T(batch) // 3x784 pixels in [0,1], 3x10 one-hot labels
	fmt.Println(x.Shape())
	fmt.Println(t.Shape())
}

// A mini-batch from a tiny hand-made set of three 2x2 images: X gives one
// image per row, its pixels divided by 255; T gives one-hot labels.
func ExampleSet_X() {
	s := &dataset.Set{
		N: 3, Rows: 2, Cols: 2,
		Pixels: []uint8{
			0, 255, 255, 0, // image 0: a diagonal stroke
			51, 102, 153, 204, // image 1: a gradient
			255, 255, 0, 0, // image 2: the top row inked
		},
		Labels:      []uint8{7, 1, 3},
		Normalize:   true,
		OneHotLabel: true,
	}
	batch := []int{2, 0}
	fmt.Println(s.X(batch))
	fmt.Println(s.T(batch))
	fmt.Println(s.LabelsOf(batch))
	// Output:
	// [1 1 0 0]
	// [0 1 1 0]
	// [0 0 0 1 0 0 0 0 0 0]
	// [0 0 0 0 0 0 0 1 0 0]
	// [3 7]
}

// Evaluating a whole set batch by batch, as the book's accuracy method does
// with x[i*batch_size:(i+1)*batch_size].
func ExampleSet_Chunks() {
	s := &dataset.Set{N: 5, Rows: 1, Cols: 1, Pixels: make([]uint8, 5), Labels: []uint8{4, 2, 0, 9, 9}}
	for idx := range s.Chunks(2) {
		x := s.X(idx)
		fmt.Println(idx, s.LabelsOf(idx), x.Rows, "rows")
	}
	// Output:
	// [0 1] [4 2] 2 rows
	// [2 3] [0 9] 2 rows
	// [4] [9] 1 rows
}
