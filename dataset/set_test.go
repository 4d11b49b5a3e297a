// Tests of Set and its mini-batches on small hand-made sets.

package dataset

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"dlfs/common/mat"
)

// randomSet returns a set of n random 28x28 images with random labels.
func randomSet(n int, seed uint64) *Set {
	rng := rand.New(rand.NewPCG(seed, 2))
	s := &Set{N: n, Rows: ImageRows, Cols: ImageCols, Pixels: make([]uint8, n*ImageSize), Labels: make([]uint8, n)}
	for i := range s.Pixels {
		s.Pixels[i] = uint8(rng.IntN(256))
	}
	for i := range s.Labels {
		s.Labels[i] = uint8(rng.IntN(Classes))
	}
	return s
}

func TestX(t *testing.T) {
	s := randomSet(50, 1)
	idx := []int{49, 0, 7, 7, 23}
	for _, normalize := range []bool{false, true} {
		s.Normalize = normalize
		x := s.X(idx)
		if x.Rows != len(idx) || x.Cols != ImageSize {
			t.Fatalf("X is %dx%d, want %dx%d", x.Rows, x.Cols, len(idx), ImageSize)
		}
		for k, i := range idx {
			for j := 0; j < ImageSize; j++ {
				want := float64(s.Pixels[i*ImageSize+j])
				if normalize {
					want /= 255
				}
				if got := x.At(k, j); got != want {
					t.Fatalf("normalize=%v: X[%d][%d] = %v, want %v (pixel %d of image %d)", normalize, k, j, got, want, j, i)
				}
			}
		}
	}
}

func TestXIntoReusesBuffer(t *testing.T) {
	s := randomSet(20, 2)
	s.Normalize = true
	idx := []int{3, 1, 4, 1, 5}
	dst := mat.New(len(idx), ImageSize)
	if allocs := testing.AllocsPerRun(10, func() { s.XInto(dst, idx) }); allocs != 0 {
		t.Errorf("XInto allocated %v times per call, want 0", allocs)
	}
	if d := mat.MaxAbsDiff(dst, s.X(idx)); d != 0 {
		t.Errorf("XInto and X differ by %v", d)
	}
}

func TestT(t *testing.T) {
	s := randomSet(30, 3)
	idx := []int{29, 0, 13}
	s.OneHotLabel = true
	onehot := s.T(idx)
	if onehot.Rows != 3 || onehot.Cols != Classes {
		t.Fatalf("one-hot T is %dx%d, want 3x10", onehot.Rows, onehot.Cols)
	}
	for k, i := range idx {
		for c := 0; c < Classes; c++ {
			want := 0.0
			if c == int(s.Labels[i]) {
				want = 1
			}
			if onehot.At(k, c) != want {
				t.Errorf("T row %d (label %d) = %v", k, s.Labels[i], onehot.Row(k))
				break
			}
		}
	}
	if got := mat.ArgmaxRows(onehot); !slices.Equal(got, s.LabelsOf(idx)) {
		t.Errorf("argmax of one-hot rows %v, labels %v", got, s.LabelsOf(idx))
	}

	s.OneHotLabel = false
	column := s.T(idx)
	if column.Rows != 3 || column.Cols != 1 {
		t.Fatalf("plain T is %dx%d, want 3x1", column.Rows, column.Cols)
	}
	for k, i := range idx {
		if column.At(k, 0) != float64(s.Labels[i]) {
			t.Errorf("T[%d] = %v, want label %d", k, column.At(k, 0), s.Labels[i])
		}
	}

	// TInto clears what a previous batch left in a reused one-hot matrix.
	s.OneHotLabel = true
	dst := s.T([]int{0, 1, 2})
	s.TInto(dst, idx)
	if d := mat.MaxAbsDiff(dst, onehot); d != 0 {
		t.Errorf("TInto into a used matrix differs from T by %v", d)
	}
}

func TestHeadSharesStorage(t *testing.T) {
	s := randomSet(10, 4)
	h := s.Head(3)
	if h.Len() != 3 || len(h.Pixels) != 3*ImageSize || len(h.Labels) != 3 {
		t.Fatalf("Head(3): N=%d, %d pixels, %d labels", h.N, len(h.Pixels), len(h.Labels))
	}
	h.Pixels[ImageSize] = 200 // pixel 0 of image 1
	if s.Image(1)[0] != 200 {
		t.Errorf("Head copied the pixels; it should share them")
	}
	if h.Label(2) != s.Label(2) {
		t.Errorf("Head label 2 = %d, want %d", h.Label(2), s.Label(2))
	}
}

func TestRangeAndChunks(t *testing.T) {
	s := randomSet(10, 5)
	if got := s.Range(7, 10); !slices.Equal(got, []int{7, 8, 9}) {
		t.Errorf("Range(7, 10) = %v", got)
	}
	var sizes []int
	var all []int
	for idx := range s.Chunks(4) {
		sizes = append(sizes, len(idx))
		all = append(all, idx...)
	}
	if !slices.Equal(sizes, []int{4, 4, 2}) || !slices.Equal(all, s.Range(0, 10)) {
		t.Errorf("Chunks(4) of 10 gave sizes %v covering %v", sizes, all)
	}
	for idx := range s.Chunks(3) {
		if idx[0] != 0 {
			t.Errorf("Chunks went on after the loop broke")
		}
		break
	}
}

func TestShape(t *testing.T) {
	s := randomSet(1, 6)
	s.Flatten = true
	if got := s.Shape(); !slices.Equal(got, []int{784}) {
		t.Errorf("flattened Shape = %v, want [784]", got)
	}
	s.Flatten = false
	if got := s.Shape(); !slices.Equal(got, []int{1, 28, 28}) {
		t.Errorf("Shape = %v, want [1 28 28]", got)
	}
}

func TestProgrammingErrorsPanic(t *testing.T) {
	s := randomSet(5, 7)
	tests := []struct {
		name string
		f    func()
		says string
	}{
		{"index past the end", func() { s.X([]int{5}) }, "sample 5 out of range [0, 5)"},
		{"negative index", func() { s.Label(-1) }, "sample -1"},
		{"XInto wrong shape", func() { s.XInto(mat.New(2, 10), []int{0, 1}) }, "dst is 2x10, want 2x784"},
		{"TInto wrong shape", func() { s.TInto(mat.New(2, 10), []int{0, 1}) }, "dst is 2x10, want 2x1"},
		{"Head too long", func() { s.Head(6) }, "Head(6) of a set of 5"},
		{"Range backwards", func() { s.Range(3, 2) }, "Range(3, 2)"},
		{"Chunks of 0", func() { s.Chunks(0) }, "Chunks(0)"},
	}
	for _, tt := range tests {
		func() {
			defer func() {
				msg, _ := recover().(string)
				if !strings.Contains(msg, tt.says) {
					t.Errorf("%s: panic %q, want one saying %q", tt.name, msg, tt.says)
				}
			}()
			tt.f()
		}()
	}
}
