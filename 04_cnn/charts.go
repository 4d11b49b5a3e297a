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
	// plt.plot(x, train_acc_list, marker='o', markevery=2) and the same with
	// 's' for the test accuracy, x = np.arange(max_epochs), ylim(0, 1.0).
	epochs := make([]float64, len(tr.TrainAcc))
	for i := range epochs {
		epochs[i] = float64(i)
	}
	accuracy = &plot.Chart{
		Title:  "accuracy on 1000 images, per epoch",
		X:      plot.Axis{Label: "epochs"},
		Y:      plot.Axis{Label: "accuracy", Min: 0, Max: 1},
		Legend: plot.LegendLowerRight,
	}
	if len(epochs) <= 11 {
		accuracy.X.Ticks = epochs // whole epochs, not 0.5, 1.5, ...
	}
	train := accuracy.Line("train", epochs, tr.TrainAcc)
	train.Marker, train.MarkEvery = plot.Circle, 2
	test := accuracy.Line("test", epochs, tr.TestAcc)
	test.Marker, test.MarkEvery = plot.Square, 2

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
