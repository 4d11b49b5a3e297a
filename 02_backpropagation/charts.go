// The pictures of a training run (-out DIR): the loss and accuracy curves
// the book plots in chapter 4.

package main

import (
	"dlfs/common/cli"
	"dlfs/common/plot"
)

// writeCharts writes loss.svg and accuracy.svg into the folder out.
func writeCharts(out *cli.Dir, h *history) error {
	for name, chart := range map[string]*plot.Chart{"loss.svg": lossChart(h.loss), "accuracy.svg": accuracyChart(h)} {
		path, err := out.File(name)
		if err != nil {
			return err
		}
		if err := chart.WriteFile(path); err != nil {
			return err
		}
	}
	return nil
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
