// The pictures of a training run (-out DIR): the loss and accuracy curves
// the book plots in chapter 4.

package main

import (
	"dlfs/common/cli"
	"dlfs/common/plot"
)

// writeCharts writes loss.svg and accuracy.svg into the folder out.
func writeCharts(out *cli.Dir, h *history) error {
	for name, chart := range map[string]*plot.Chart{"loss.svg": plot.LossChart(h.loss), "accuracy.svg": accuracyChart(h)} {
		if _, err := out.Write(name, chart); err != nil {
			return err
		}
	}
	return nil
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
