// Evaluating a network on a whole data set, the book's
// np.argmax(network.predict(x), axis=1) and accuracy, done in chunks so that
// 60,000 images never become one 60,000 x 784 matrix (376 MB).

package main

import (
	"dlfs/common/mat"
	"dlfs/dataset"
)

// evalChunk is how many images are scored at once.
const evalChunk = 1000

// predictions returns the class that predict (a network's Predict, which
// returns one row of scores per image) gives each image of set, in order.
func predictions(predict func(x *mat.Matrix) *mat.Matrix, set *dataset.Set) []int {
	predicted := make([]int, 0, set.Len())
	var x *mat.Matrix
	for idx := range set.Chunks(evalChunk) {
		if x == nil || x.Rows != len(idx) {
			x = mat.New(len(idx), set.Rows*set.Cols)
		}
		set.XInto(x, idx)
		predicted = append(predicted, mat.ArgmaxRows(predict(x))...)
	}
	return predicted
}

// accuracy returns the fraction of set whose predicted class is its label.
func accuracy(predicted []int, set *dataset.Set) float64 {
	if len(predicted) == 0 {
		return 0
	}
	correct := 0
	for i, p := range predicted {
		if p == set.Label(i) {
			correct++
		}
	}
	return float64(correct) / float64(len(predicted))
}
