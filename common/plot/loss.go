// LossChart: the training-loss curve of chapters 4 and 5 and of the noise
// experiments, every mini-batch's loss with the book's smooth_curve over it.

package plot

// MaxLossPoints is the most points LossChart draws the raw loss curve with;
// a longer run is thinned to every n-th iteration.
const MaxLossPoints = 20_000

// LossChart draws every iteration's loss, thin and light, and over it the
// book's smooth_curve of it (SmoothCurve), against the iteration number. A
// run of more than MaxLossPoints iterations is drawn at every n-th one; a run
// too short for smooth_curve (fewer than 11 values) has the raw curve alone.
func LossChart(loss []float64) *Chart {
	step := (len(loss) + MaxLossPoints - 1) / MaxLossPoints
	smooth := SmoothCurve(loss)
	var iters, raw, smoothed []float64
	for i := 0; i < len(loss); i += step {
		iters = append(iters, float64(i))
		raw = append(raw, loss[i])
		if i < len(smooth) {
			smoothed = append(smoothed, smooth[i])
		}
	}
	c := &Chart{
		Title:  "training loss",
		X:      Axis{Label: "iterations"},
		Y:      Axis{Label: "loss"},
		Legend: LegendUpperRight,
	}
	r := c.Line("each mini-batch", iters, raw)
	r.Color, r.LineWidth = "#aec7e8", 0.75
	if len(smoothed) == len(iters) { // smooth_curve gives nothing for very short runs
		c.Line("smoothed (smooth_curve)", iters, smoothed).Color = Palette[0]
	}
	return c
}
