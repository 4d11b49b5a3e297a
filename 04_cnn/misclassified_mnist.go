// The test images a network gets wrong, the book's
// ch08/misclassified_mnist.py: each digit drawn with gray_r, captioned
// "label -> prediction".

package main

import (
	"fmt"

	"dlfs/common/plot"
	"dlfs/dataset"
)

// maxMisclassified is the most images misclassifiedGrid shows (the book
// shows 20; DeepConvNet gets 65 wrong, SimpleConvNet about 110).
const maxMisclassified = 100

// misclassifiedGrid returns the picture of the first maxMisclassified images
// of set whose predicted class is not their label, ten to a row, and how many
// there are in all.
func misclassifiedGrid(set *dataset.Set, predicted []int) (g *plot.ImageGrid, wrong int) {
	g = plot.NewImageGrid(10)
	g.Map, g.Norm, g.Min, g.Max = plot.GrayR, plot.NormFixed, 0, 255
	for i, p := range predicted {
		label := set.Label(i)
		if p == label {
			continue
		}
		wrong++
		if wrong > maxMisclassified {
			continue
		}
		pix := make([]float64, set.Rows*set.Cols)
		for j, v := range set.Image(i) {
			pix[j] = float64(v)
		}
		g.Add(set.Cols, set.Rows, pix, fmt.Sprintf("%d -> %d", label, p))
	}
	return g, wrong
}
