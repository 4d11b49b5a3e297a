// Tests of functions.go against the book's worked values, and of the known
// bugs in copies of the book's code: softmax overflow, cross-entropy summed
// instead of averaged.

package nn

import (
	"math"
	"testing"

	"dlfs/common/mat"
)

func TestStepFunction(t *testing.T) {
	for _, tc := range []struct{ x, want float64 }{{-1, 0}, {0, 0}, {1e-300, 1}, {2, 1}} {
		if got := StepFunction(tc.x); got != tc.want {
			t.Errorf("StepFunction(%v) = %v, want %v", tc.x, got, tc.want)
		}
	}
}

func TestSigmoidFunction(t *testing.T) {
	// The naive formula at moderate x, and the limits at huge |x| with no NaN.
	for _, x := range []float64{-30, -2, -0.5, 0, 0.5, 2, 30} {
		want := 1 / (1 + math.Exp(-x))
		if got := SigmoidFunction(x); math.Abs(got-want) > 1e-15*want {
			t.Errorf("SigmoidFunction(%v) = %v, want %v", x, got, want)
		}
	}
	for _, tc := range []struct{ x, want float64 }{{-1000, 0}, {1000, 1}, {math.Inf(-1), 0}, {math.Inf(1), 1}} {
		if got := SigmoidFunction(tc.x); got != tc.want {
			t.Errorf("SigmoidFunction(%v) = %v, want %v", tc.x, got, tc.want)
		}
	}
	// Far in the negative tail the result keeps its relative precision.
	if got, want := SigmoidFunction(-700), math.Exp(-700); math.Abs(got-want) > 1e-14*want {
		t.Errorf("SigmoidFunction(-700) = %v, want %v", got, want)
	}
}

func TestSigmoidGradMatchesNumericalDiff(t *testing.T) {
	for _, x := range []float64{-5, -1, 0, 0.3, 4} {
		if got, want := SigmoidGrad(x), NumericalDiff(SigmoidFunction, x); math.Abs(got-want) > 1e-9 {
			t.Errorf("SigmoidGrad(%v) = %v, numerical %v", x, got, want)
		}
	}
}

func TestReluFunction(t *testing.T) {
	for _, tc := range []struct{ x, want float64 }{{-2, 0}, {0, 0}, {3.5, 3.5}} {
		if got := ReluFunction(tc.x); got != tc.want {
			t.Errorf("ReluFunction(%v) = %v, want %v", tc.x, got, tc.want)
		}
	}
}

// Softmax must subtract each row's maximum: the book's first version,
// exp(a) / sum(exp(a)), gives NaN for (1010, 1000, 990).
func TestSoftmaxStableForHugeValues(t *testing.T) {
	x := mat.NewFrom(3, 3, []float64{
		1010, 1000, 990,
		-1010, -1000, -990,
		0, 10, -10,
	})
	y := Softmax(x)
	// Each row is the same distribution up to order: softmax(a + c) = softmax(a).
	e0, e1, e2 := 1.0, math.Exp(-10), math.Exp(-20)
	sum := e0 + e1 + e2
	want := []float64{
		e0 / sum, e1 / sum, e2 / sum,
		e2 / sum, e1 / sum, e0 / sum,
		e1 / sum, e0 / sum, e2 / sum,
	}
	for i, v := range y.Data {
		if math.IsNaN(v) || math.Abs(v-want[i]) > 1e-15 {
			t.Fatalf("Softmax(huge values) =\n%v\nwant %v", y, want)
		}
	}
}

func TestSoftmaxRowsSumToOne(t *testing.T) {
	rng := newRand(1)
	y := Softmax(RandN(rng, 5, 10, 20))
	for i := 0; i < y.Rows; i++ {
		sum := 0.0
		for _, v := range y.Row(i) {
			if v < 0 || v > 1 {
				t.Errorf("row %d has probability %v", i, v)
			}
			sum += v
		}
		if math.Abs(sum-1) > 1e-12 {
			t.Errorf("row %d sums to %v, want 1", i, sum)
		}
	}
}

// The book's examples in chapter 4.2: the correct class is 2; y puts 0.6 on it
// in the first case and 0.1 in the second.
var (
	bookT  = mat.NewFrom(1, 10, []float64{0, 0, 1, 0, 0, 0, 0, 0, 0, 0})
	bookY1 = mat.NewFrom(1, 10, []float64{0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0})
	bookY2 = mat.NewFrom(1, 10, []float64{0.1, 0.05, 0.1, 0.0, 0.05, 0.1, 0.0, 0.6, 0.0, 0.0})
)

func TestSumSquaredErrorBookValues(t *testing.T) {
	for _, tc := range []struct {
		y    *mat.Matrix
		want float64
	}{{bookY1, 0.0975}, {bookY2, 0.5975}} {
		if got := SumSquaredError(tc.y, bookT); math.Abs(got-tc.want) > 1e-15 {
			t.Errorf("SumSquaredError = %v, want %v", got, tc.want)
		}
	}
}

func TestCrossEntropyErrorBookValues(t *testing.T) {
	for _, tc := range []struct {
		y    *mat.Matrix
		want float64 // -log(p + 1e-7)
	}{{bookY1, 0.510825457099338}, {bookY2, 2.302584092994546}} {
		if got := CrossEntropyError(tc.y, []int{2}); math.Abs(got-tc.want) > 1e-14 {
			t.Errorf("CrossEntropyError = %.15g, want %.15g", got, tc.want)
		}
		if got := CrossEntropyErrorOneHot(tc.y, bookT); math.Abs(got-tc.want) > 1e-14 {
			t.Errorf("CrossEntropyErrorOneHot = %.15g, want %.15g", got, tc.want)
		}
	}
}

// The loss of a batch is the mean of the samples' losses, not their sum:
// copies that forget to divide by the batch size need a learning rate that
// depends on it.
func TestCrossEntropyErrorAveragesOverBatch(t *testing.T) {
	y := mat.New(2, 10)
	copy(y.Row(0), bookY1.Data)
	copy(y.Row(1), bookY2.Data)
	got := CrossEntropyError(y, []int{2, 2})
	want := (CrossEntropyError(bookY1, []int{2}) + CrossEntropyError(bookY2, []int{2})) / 2
	if math.Abs(got-want) > 1e-15 {
		t.Errorf("CrossEntropyError of a batch of two = %v, want the mean %v", got, want)
	}
	// The same sample repeated 100 times has the loss of one.
	hundred := mat.TakeRows(bookY1, make([]int, 100))
	labels := make([]int, 100)
	for i := range labels {
		labels[i] = 2
	}
	if got, want := CrossEntropyError(hundred, labels), CrossEntropyError(bookY1, []int{2}); math.Abs(got-want) > 1e-14 {
		t.Errorf("CrossEntropyError of 100 copies = %v, want that of one, %v", got, want)
	}
}

// A probability of exactly 0 for the correct class costs -log(1e-7), not +Inf.
func TestCrossEntropyErrorDelta(t *testing.T) {
	got := CrossEntropyError(mat.NewFrom(1, 2, []float64{1, 0}), []int{1})
	if want := -math.Log(1e-7); math.Abs(got-want) > 1e-12 {
		t.Errorf("CrossEntropyError with p = 0 is %v, want %v", got, want)
	}
}

func TestCrossEntropyErrorPanicsOnBadLabels(t *testing.T) {
	for _, labels := range [][]int{{0}, {0, 3}, {-1, 0}} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("CrossEntropyError(2x3 batch, %v) did not panic", labels)
				}
			}()
			CrossEntropyError(mat.New(2, 3), labels)
		}()
	}
}
