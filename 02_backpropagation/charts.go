// The pictures of a training run (-out DIR): the loss and accuracy curves
// the book plots in chapter 4, drawn as ch05/train_neuralnet.py's run would.

package main

import (
	"fmt"

	"dlfs/common/cli"
	"dlfs/common/plot"
)

// writeCharts writes loss.svg and accuracy.svg into the folder out, for a
// run of the network with hidden units.
func writeCharts(out *cli.Dir, hidden int, h *history) error {
	title := fmt.Sprintf("accuracy per epoch: TwoLayerNet 784-%d-10, ReLU, backprop", hidden)
	for name, chart := range map[string]*plot.Chart{
		"loss.svg":     plot.LossChart(h.loss),
		"accuracy.svg": plot.AccuracyChart(title, h.trainAcc, h.testAcc),
	} {
		if _, err := out.Write(name, chart); err != nil {
			return err
		}
	}
	return nil
}
