// The activation and loss functions of the book's chapters 3 and 4
// (common/functions.py): step, sigmoid, ReLU, softmax, and the two losses.
//
// The element-wise functions take one float64, so they apply to a whole
// matrix with mat.Map or m.Apply. Their names end in Function because the
// layers of chapter 5 that wrap them (relu.go, sigmoid.go) take the book's
// class names Relu and Sigmoid, just as the book's functions.py has sigmoid
// and its layers.py has Sigmoid.

package nn

import (
	"math"

	"dlfs/common/mat"
)

// CrossEntropyDelta is the book's delta = 1e-7, added to y before the log so
// that a predicted probability of exactly 0 gives a large loss, not +Inf.
const CrossEntropyDelta = 1e-7

// StepFunction returns 1 for x > 0 and 0 otherwise, the book's step_function
// (so the step at exactly 0 gives 0).
func StepFunction(x float64) float64 {
	if x > 0 {
		return 1
	}
	return 0
}

// SigmoidFunction returns 1 / (1 + exp(-x)), the book's sigmoid. For negative
// x it computes the same value as exp(x) / (1 + exp(x)), so exp never
// overflows: the book's form asks NumPy for exp(1000) at x = -1000 and prints
// an overflow warning.
func SigmoidFunction(x float64) float64 {
	if x >= 0 {
		return 1 / (1 + math.Exp(-x))
	}
	e := math.Exp(x)
	return e / (1 + e)
}

// SigmoidGrad returns the derivative of the sigmoid at x, (1 - s) * s with
// s = sigmoid(x), the book's sigmoid_grad.
func SigmoidGrad(x float64) float64 {
	s := SigmoidFunction(x)
	return (1 - s) * s
}

// ReluFunction returns max(0, x), the book's relu.
func ReluFunction(x float64) float64 {
	if x > 0 {
		return x
	}
	return 0
}

// Softmax returns the softmax of each row of x, the book's softmax: row i of
// the result is exp(x_i - max x_i) / sum exp(x_i - max x_i). Subtracting the
// row's own maximum changes nothing mathematically and keeps exp from
// overflowing: a row (1000, 1010) gives (4.54e-5, 0.99995), not NaN. A 1xN
// matrix is a single vector.
func Softmax(x *mat.Matrix) *mat.Matrix {
	y := mat.New(x.Rows, x.Cols)
	for i := 0; i < x.Rows; i++ {
		in, out := x.Row(i), y.Row(i)
		rowMax := math.Inf(-1)
		for _, v := range in {
			rowMax = max(rowMax, v)
		}
		sum := 0.0
		for j, v := range in {
			out[j] = math.Exp(v - rowMax)
			sum += out[j]
		}
		for j := range out {
			out[j] /= sum
		}
	}
	return y
}

// SumSquaredError returns 0.5 * sum((y - t)^2) over all elements, the book's
// sum_squared_error (chapter 4's first loss function).
func SumSquaredError(y, t *mat.Matrix) float64 {
	mustSameShape("SumSquaredError", y, t)
	sum := 0.0
	for i, v := range y.Data {
		d := v - t.Data[i]
		sum += d * d
	}
	return 0.5 * sum
}

// CrossEntropyError returns the cross-entropy loss of the predicted
// probabilities y (one row per sample) against the correct class of each
// sample, averaged over the batch: -(1/N) sum_i log(y[i, labels[i]] + 1e-7),
// the book's cross_entropy_error with labels as class indices. Averaging (not
// summing) keeps the loss, and so the learning rate, independent of the batch
// size.
func CrossEntropyError(y *mat.Matrix, labels []int) float64 {
	mustMatchLabels("CrossEntropyError", y, labels)
	sum := 0.0
	for i, label := range labels {
		sum += math.Log(y.At(i, label) + CrossEntropyDelta)
	}
	return -sum / float64(y.Rows)
}

// CrossEntropyErrorOneHot is CrossEntropyError with the correct answers as
// one-hot rows t (the book's one_hot_label=True), in the book's chapter 4
// form -(1/N) sum t * log(y + 1e-7). For one-hot t the two agree.
func CrossEntropyErrorOneHot(y, t *mat.Matrix) float64 {
	mustSameShape("CrossEntropyErrorOneHot", y, t)
	sum := 0.0
	for i, v := range y.Data {
		if t.Data[i] != 0 {
			sum += t.Data[i] * math.Log(v+CrossEntropyDelta)
		}
	}
	return -sum / float64(y.Rows)
}
