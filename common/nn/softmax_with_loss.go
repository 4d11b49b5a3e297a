// The Softmax-with-Loss layer of the book's chapter 5.6.3
// (common/layers.py, class SoftmaxWithLoss): softmax followed by the
// cross-entropy error, whose joint gradient is simply (y - t) / N.

package nn

import "dlfs/common/mat"

// SoftmaxWithLoss is the output layer used in training: Forward turns scores
// into probabilities and returns their cross-entropy loss against the labels;
// Backward returns the gradient of that loss with respect to the scores.
// It is not a Layer: its Forward takes labels and returns a number.
type SoftmaxWithLoss struct {
	Loss   float64     // the loss from the last Forward
	Y      *mat.Matrix // softmax output of the last Forward
	Labels []int       // the correct class of each sample (the book's t)
}

// Forward returns CrossEntropyError(Softmax(x), labels), the mean loss over
// the batch.
func (s *SoftmaxWithLoss) Forward(x *mat.Matrix, labels []int) float64 {
	mustMatchLabels("SoftmaxWithLoss.Forward", x, labels)
	s.Labels = labels
	s.Y = Softmax(x)
	s.Loss = CrossEntropyError(s.Y, labels)
	return s.Loss
}

// Backward returns dL/dx = (y - t) / N, where t is the one-hot form of the
// labels: the book's backward with dout = 1, since the loss is the last node.
// It ignores the 1e-7 inside the log, as the book does.
func (s *SoftmaxWithLoss) Backward() *mat.Matrix {
	dx := s.Y.Clone()
	for i, label := range s.Labels {
		dx.Data[i*dx.Cols+label]--
	}
	return dx.Scale(1 / float64(len(s.Labels)))
}
