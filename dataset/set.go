// A Set of images and labels, and the float64 mini-batches cut from it: what
// the book's load_mnist returns as (x_train, t_train), and the
// x_train[batch_mask], t_train[batch_mask] of every training loop.

package dataset

import (
	"fmt"
	"iter"

	"dlfs/common/mat"
)

// Set is a set of labelled images, kept as bytes: N*Rows*Cols pixels and N
// labels. X and T turn any selection of samples into float64 matrices, one
// sample per row, as the book's loaders and layers expect.
type Set struct {
	N, Rows, Cols int     // number of images and the size of each (28x28)
	Pixels        []uint8 // image i is Pixels[i*Rows*Cols : (i+1)*Rows*Cols], row after row
	Labels        []uint8 // Labels[i] is the digit shown by image i

	Normalize   bool // X scales pixels to [0,1] (the book's normalize=True); else 0..255
	Flatten     bool // the book's flatten; only Shape reports it, since rows are flat either way
	OneHotLabel bool // T returns one-hot rows (the book's one_hot_label=True); else a column of labels
}

// Len returns the number of samples, N.
func (s *Set) Len() int { return s.N }

// Shape returns the shape of one sample as the book's load_mnist gives it:
// (784) when flattened, else (1, 28, 28), a one-channel image. The rows of
// X are 784 values either way; a convolution layer reads a row as 1x28x28.
func (s *Set) Shape() []int {
	if s.Flatten {
		return []int{s.Rows * s.Cols}
	}
	return []int{1, s.Rows, s.Cols}
}

// Image returns the pixels of image i, sharing the Set's storage.
func (s *Set) Image(i int) []uint8 {
	s.check(i)
	size := s.Rows * s.Cols
	return s.Pixels[i*size : (i+1)*size]
}

// Label returns the digit shown by image i.
func (s *Set) Label(i int) int {
	s.check(i)
	return int(s.Labels[i])
}

// LabelsOf returns the labels of the samples idx, as ints.
func (s *Set) LabelsOf(idx []int) []int {
	labels := make([]int, len(idx))
	for k, i := range idx {
		labels[k] = s.Label(i)
	}
	return labels
}

// X returns the images idx as a len(idx) x 784 matrix, one image per row:
// the book's x_train[batch_mask].
func (s *Set) X(idx []int) *mat.Matrix {
	x := mat.New(len(idx), s.Rows*s.Cols)
	s.XInto(x, idx)
	return x
}

// XInto writes the images idx into dst, which must be len(idx) x 784, so a
// training loop can reuse one batch matrix and allocate nothing.
func (s *Set) XInto(dst *mat.Matrix, idx []int) {
	size := s.Rows * s.Cols
	if dst.Rows != len(idx) || dst.Cols != size {
		panic(fmt.Sprintf("dataset: XInto: dst is %dx%d, want %dx%d for %d images", dst.Rows, dst.Cols, len(idx), size, len(idx)))
	}
	for k, i := range idx {
		pixels := s.Image(i)
		row := dst.Data[k*size : (k+1)*size]
		if s.Normalize {
			for j, p := range pixels {
				row[j] = unit[p]
			}
		} else {
			for j, p := range pixels {
				row[j] = float64(p)
			}
		}
	}
}

// unit[p] is pixel value p divided by 255: a table lookup gives the same
// bits as the division and is faster.
var unit = func() (table [256]float64) {
	for p := range table {
		table[p] = float64(p) / 255
	}
	return table
}()

// T returns the labels idx as a matrix, the book's t_train[batch_mask]: with
// OneHotLabel, len(idx) x 10 one-hot rows (a 1 in the label's column, 0
// elsewhere); without, a len(idx) x 1 column holding each label as a number.
func (s *Set) T(idx []int) *mat.Matrix {
	cols := 1
	if s.OneHotLabel {
		cols = Classes
	}
	t := mat.New(len(idx), cols)
	s.TInto(t, idx)
	return t
}

// TInto writes the labels idx into dst, shaped as T would return them.
func (s *Set) TInto(dst *mat.Matrix, idx []int) {
	cols := 1
	if s.OneHotLabel {
		cols = Classes
	}
	if dst.Rows != len(idx) || dst.Cols != cols {
		panic(fmt.Sprintf("dataset: TInto: dst is %dx%d, want %dx%d for %d labels", dst.Rows, dst.Cols, len(idx), cols, len(idx)))
	}
	for k, i := range idx {
		if s.OneHotLabel {
			row := dst.Data[k*Classes : (k+1)*Classes]
			clear(row)
			row[s.Label(i)] = 1
		} else {
			dst.Data[k] = float64(s.Label(i))
		}
	}
}

// Head returns the first n samples as a Set that shares this one's storage:
// the book's x_train[:n], t_train[:n].
func (s *Set) Head(n int) *Set {
	if n < 0 || n > s.N {
		panic(fmt.Sprintf("dataset: Head(%d) of a set of %d", n, s.N))
	}
	h := *s
	h.N = n
	h.Pixels = s.Pixels[:n*s.Rows*s.Cols]
	h.Labels = s.Labels[:n]
	return &h
}

// Range returns the indices from, from+1, ..., to-1: a slice of the set to
// pass to X and T, like the book's x[i:i+batch_size].
func (s *Set) Range(from, to int) []int {
	if from < 0 || to < from || to > s.N {
		panic(fmt.Sprintf("dataset: Range(%d, %d) of a set of %d", from, to, s.N))
	}
	idx := make([]int, to-from)
	for k := range idx {
		idx[k] = from + k
	}
	return idx
}

// Chunks yields the whole set in order as consecutive index slices of size
// samples (the last may be shorter), to evaluate a set batch by batch:
//
//	for idx := range test.Chunks(100) {
//		y := net.Predict(test.X(idx))
//		...
//	}
func (s *Set) Chunks(size int) iter.Seq[[]int] {
	if size <= 0 {
		panic(fmt.Sprintf("dataset: Chunks(%d): size must be positive", size))
	}
	return func(yield func([]int) bool) {
		for from := 0; from < s.N; from += size {
			if !yield(s.Range(from, min(from+size, s.N))) {
				return
			}
		}
	}
}

func (s *Set) check(i int) {
	if i < 0 || i >= s.N {
		panic(fmt.Sprintf("dataset: sample %d out of range [0, %d)", i, s.N))
	}
}
