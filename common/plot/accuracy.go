// AccuracyChart: the accuracy per epoch on the training and test sets, the
// figure of the book's ch04/train_neuralnet.py that chapters 4, 5 and 7 and
// the noise study draw after training.

package plot

// AccuracyChart draws train[i] and test[i], the accuracies measured at the
// start of epoch i, as ch04/train_neuralnet.py does: "train acc" with
// circles, "test acc" dashed with squares, y from 0 to 1, the legend at the
// lower right. A run of at most 11 measurements gets a tick at every epoch,
// and one of more than 20 a marker at every second. The title says what
// was measured, such as "accuracy per epoch".
func AccuracyChart(title string, train, test []float64) *Chart {
	c := &Chart{
		Title:  title,
		X:      Axis{Label: "epochs"},
		Y:      Axis{Label: "accuracy", Min: 0, Max: 1},
		Legend: LegendLowerRight,
	}
	n := max(len(train), len(test))
	epochs := make([]float64, n)
	for i := range epochs {
		epochs[i] = float64(i)
	}
	if n <= 11 {
		c.X.Ticks = epochs // whole epochs, not 0.5, 1.5, ...
	}
	every := 1
	if n > 20 {
		every = 2
	}
	tr := c.Line("train acc", epochs[:len(train)], train)
	tr.Marker, tr.MarkEvery = Circle, every
	te := c.Line("test acc", epochs[:len(test)], test)
	te.Marker, te.MarkEvery, te.Dashed = Square, every, true
	return c
}
