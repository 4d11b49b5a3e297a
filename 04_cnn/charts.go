// The curves of a training run: accuracy per epoch, as the book's
// ch07/train_convnet.py plots it, and the loss of every mini-batch with the
// book's smooth_curve (common/util.py) over it.

package main

import (
	"dlfs/common/plot"
	"dlfs/common/trainer"
)

// curves returns the charts accuracy.svg and loss.svg of the run tr.
func curves(tr *trainer.Trainer) (accuracy, loss *plot.Chart) {
	// The book's plot of train_acc_list and test_acc_list per epoch,
	// ylim(0, 1.0).
	accuracy = plot.AccuracyChart("accuracy on 1000 images, per epoch", tr.TrainAcc, tr.TestAcc)

	// On a log scale: the loss goes on falling, from 0.05 to 0.001, long
	// after a linear axis shows a flat line at 0.
	loss = &plot.Chart{
		Title: "training loss (every mini-batch, and smoothed)",
		X:     plot.Axis{Label: "iterations"},
		Y:     plot.Axis{Label: "loss", Log: true},
	}
	raw := loss.Line("loss", nil, tr.TrainLoss)
	raw.Color, raw.LineWidth = "#c6dbef", 1
	if smooth := plot.SmoothCurve(tr.TrainLoss); len(smooth) > 0 {
		loss.Line("smoothed", nil, smooth).Color = plot.Palette[0]
	}
	return accuracy, loss
}
