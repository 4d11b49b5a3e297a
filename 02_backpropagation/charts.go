// The pictures of a training run (-out DIR): the loss and accuracy curves
// the book plots in chapter 4, the confusion matrix on the test set, and the
// first-layer weights as images.

package main

import (
	"fmt"
	"math"
	"path/filepath"

	"dlfs/common/mat"
	"dlfs/common/plot"
	"dlfs/dataset"
)

// writeCharts writes loss.svg, accuracy.svg, confusion.svg, confusion.csv
// and w1.png to dir. predicted holds the network's class for each image of
// testSet.
func writeCharts(dir string, h *history, net *TwoLayerNet, testSet *dataset.Set, predicted []int) error {
	if err := lossChart(h.loss).WriteFile(filepath.Join(dir, "loss.svg")); err != nil {
		return err
	}
	if err := accuracyChart(h).WriteFile(filepath.Join(dir, "accuracy.svg")); err != nil {
		return err
	}
	labels := testSet.LabelsOf(testSet.Range(0, testSet.Len()))
	counts := confusionMatrix(labels, predicted, net.Params["b2"].Cols)
	title := fmt.Sprintf("confusion matrix on the test set, accuracy %.4f", accuracy(predicted, testSet))
	if err := writeConfusion(dir, counts, title); err != nil {
		return err
	}
	return weightImages(net.Params["W1"]).WriteFile(filepath.Join(dir, "w1.png"))
}

// maxLossPoints is the most points the raw loss curve is drawn with; a
// longer run is thinned to every n-th iteration.
const maxLossPoints = 20_000

// lossChart draws every iteration's loss, thin and light, and over it the
// book's smooth_curve of it.
func lossChart(loss []float64) *plot.Chart {
	step := (len(loss) + maxLossPoints - 1) / maxLossPoints
	smooth := plot.SmoothCurve(loss)
	var iters, raw, smoothed []float64
	for i := 0; i < len(loss); i += step {
		iters = append(iters, float64(i))
		raw = append(raw, loss[i])
		if i < len(smooth) {
			smoothed = append(smoothed, smooth[i])
		}
	}
	c := &plot.Chart{
		Title:  "training loss",
		X:      plot.Axis{Label: "iterations"},
		Y:      plot.Axis{Label: "loss"},
		Legend: plot.LegendUpperRight,
	}
	r := c.Line("each mini-batch", iters, raw)
	r.Color, r.LineWidth = "#aec7e8", 0.75
	if len(smoothed) == len(iters) { // smooth_curve gives nothing for very short runs
		c.Line("smoothed (smooth_curve)", iters, smoothed).Color = plot.Palette[0]
	}
	return c
}

// accuracyChart draws the train and test accuracy of each epoch as the book
// does in ch04/train_neuralnet.py: circles for train, squares on a dashed
// line for test, y from 0 to 1, legend at the lower right.
func accuracyChart(h *history) *plot.Chart {
	epochs := make([]float64, len(h.trainAcc))
	for i := range epochs {
		epochs[i] = float64(i)
	}
	c := &plot.Chart{
		Title:  "accuracy",
		X:      plot.Axis{Label: "epochs"},
		Y:      plot.Axis{Label: "accuracy", Min: 0, Max: 1},
		Legend: plot.LegendLowerRight,
	}
	c.Line("train acc", epochs, h.trainAcc).Marker = plot.Circle
	test := c.Line("test acc", epochs, h.testAcc)
	test.Marker, test.Dashed = plot.Square, true
	return c
}

// weightImages draws each hidden unit's incoming weights, a column of W1
// (784 values), as a 28x28 tile: red where a bright pixel raises the unit's
// input, blue where it lowers it, white for 0. Each tile has its own scale,
// symmetric around 0, so that weak units show their pattern too; the caption
// under it is that scale, the tile's largest |weight|. A tile of pure
// speckle is a unit that never learned (a dead ReLU): its weights are still
// the random initial ones.
func weightImages(W1 *mat.Matrix) *plot.ImageGrid {
	g := plot.NewImageGrid(10)
	g.Map, g.Norm, g.Scale = plot.Diverging, plot.NormTile, 3
	for j := 0; j < W1.Cols; j++ {
		tile := make([]float64, W1.Rows)
		largest := 0.0
		for i := range tile {
			tile[i] = W1.At(i, j)
			largest = max(largest, math.Abs(tile[i]))
		}
		g.Add(28, 28, tile, fmt.Sprintf("%.2f", largest))
	}
	return g
}
