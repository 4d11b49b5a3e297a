// The figures of the book's chapter 4 (-out DIR): the function and its
// tangent at x = 5 (ch04/gradient_1d.py), the field of -∇f of
// f(x0, x1) = x0² + x1² (gradient_2d.py), the path of gradient descent on it
// (gradient_method.py), and the accuracy per epoch of a training run
// (train_neuralnet.py).

package main

import (
	"fmt"
	"image/color"
	"io"
	"slices"
	"strings"

	"dlfs/common/cli"
	"dlfs/common/mat"
	"dlfs/common/nn"
	"dlfs/common/plot"
)

// function1 is the book's function_1, y = 0.01x² + 0.1x. (Python's
// 0.01*x**2 squares first; 0.01*x*x would round differently and change the
// last digits the examples print.)
func function1(x float64) float64 { return 0.01*(x*x) + 0.1*x }

// function2 is the book's function_2, f(x0, x1) = x0² + x1², for x a 1x2
// matrix.
func function2(x *mat.Matrix) float64 { return x.Data[0]*x.Data[0] + x.Data[1]*x.Data[1] }

// tangentLine is the book's tangent_line: the line through (x, f(x)) whose
// slope is f's numerical derivative at x.
func tangentLine(f func(float64) float64, x float64) func(t float64) float64 {
	d := nn.NumericalDiff(f, x)
	y := f(x) - d*x
	return func(t float64) float64 { return d*t + y }
}

// arange returns start, start+step, ... below stop: np.arange for a
// positive step, each value computed as start + i*step as NumPy does.
func arange(start, stop, step float64) []float64 {
	var v []float64
	for i := 0; ; i++ {
		x := start + float64(i)*step
		if x >= stop {
			return v
		}
		v = append(v, x)
	}
}

// gradient1DChart draws function_1 for x in [0, 20) and its tangent at
// x = 5, as gradient_1d.py does.
func gradient1DChart() *plot.Chart {
	x := arange(0, 20, 0.1)
	tf := tangentLine(function1, 5)
	y, y2 := make([]float64, len(x)), make([]float64, len(x))
	for i, v := range x {
		y[i], y2[i] = function1(v), tf(v)
	}
	c := &plot.Chart{
		Title:  "f(x) = 0.01x² + 0.1x and its tangent at x = 5",
		X:      plot.Axis{Label: "x"},
		Y:      plot.Axis{Label: "f(x)"},
		Legend: plot.LegendUpperLeft,
	}
	c.Line("f(x)", x, y)
	c.Line(fmt.Sprintf("tangent at x = 5, slope %.4f", nn.NumericalDiff(function1, 5)), x, y2)
	at := c.Scatter("", []float64{5}, []float64{function1(5)})
	at.Color, at.MarkerSize = "#000000", 6
	return c
}

// gradientField returns the book's grid, x0 and x1 each from -2 to 2.25 in
// steps of 0.25 (np.meshgrid of np.arange(-2, 2.5, 0.25)), flattened row by
// row, and minus the numerical gradient of function_2 at each point.
func gradientField() (x0, x1, u, v []float64) {
	axis := arange(-2, 2.5, 0.25)
	for _, b := range axis {
		for _, a := range axis {
			grad := nn.NumericalGradient(function2, mat.NewFrom(1, 2, []float64{a, b}))
			x0, x1 = append(x0, a), append(x1, b)
			u, v = append(u, -grad.Data[0]), append(v, -grad.Data[1])
		}
	}
	return x0, x1, u, v
}

// gradient2DChart draws the arrows of -∇f on the grid, as gradient_2d.py's
// plt.quiver does: every one points at the minimum, longer the farther
// away it is.
func gradient2DChart() *plot.Chart {
	x0, x1, u, v := gradientField()
	c := &plot.Chart{
		Title:  "-∇f of f(x0, x1) = x0² + x1²: downhill, toward the minimum",
		X:      plot.Axis{Label: "x0", Min: -2, Max: 2},
		Y:      plot.Axis{Label: "x1", Min: -2, Max: 2},
		Width:  560,
		Height: 520,
	}
	c.Quiver(x0, x1, u, v)
	return c
}

// gradientMethodChart draws the points of a descent's history on f's
// contour lines (grey circles where f is 1, 4, 9, 16 and 25), as
// gradient_method.py does (its dashed axes at x0 = 0 and x1 = 0, X0 from
// -3.5 to 3.5, X1 from -4.5 to 4.5), with the start, lr and the number of
// steps in the title.
func gradientMethodChart(history *mat.Matrix, lr float64) *plot.Chart {
	c := &plot.Chart{
		Title:  fmt.Sprintf("gradient descent from (%g, %g): lr %g, %d steps", history.At(0, 0), history.At(0, 1), lr, history.Rows),
		X:      plot.Axis{Label: "x0", Min: -3.5, Max: 3.5},
		Y:      plot.Axis{Label: "x1", Min: -4.5, Max: 4.5},
		Legend: plot.LegendNone,
		Width:  520,
		Height: 560,
	}
	c.AddContour(func(a, b float64) float64 { return a*a + b*b }, 1, 4, 9, 16, 25).Map = plot.Colormap{
		Stops: []color.RGBA{{200, 200, 200, 255}, {200, 200, 200, 255}}}
	for _, axis := range [][2][]float64{{{-5, 5}, {0, 0}}, {{0, 0}, {-5, 5}}} {
		l := c.Line("", axis[0], axis[1])
		l.Color, l.Dashed, l.LineWidth = "#1f77b4", true, 1
	}
	x0, x1 := make([]float64, history.Rows), make([]float64, history.Rows)
	for i := range history.Rows {
		x0[i], x1[i] = history.At(i, 0), history.At(i, 1)
	}
	c.Scatter("x before each step", x0, x1).Color = "#ff7f0e"
	return c
}

// bookDescent is gradient_method.py's run: init_x (-3, 4), lr 0.1, 20 steps.
func bookDescent() (x, history *mat.Matrix, lr float64) {
	lr = 0.1
	x, history = gradientDescent(function2, mat.NewFrom(1, 2, []float64{-3.0, 4.0}), lr, 20)
	return x, history, lr
}

// figureFiles are the files writeFigures writes, in its order.
var figureFiles = []string{"gradient_1d.svg", "gradient_2d.svg", "gradient_method.svg"}

// outFiles are the files -out will hold: the figures, and the accuracy
// chart of a -backprop run.
func outFiles(backprop bool) []string {
	if backprop {
		return append(slices.Clone(figureFiles), "accuracy.svg")
	}
	return figureFiles
}

// writeFigures writes gradient_1d.svg, gradient_2d.svg and
// gradient_method.svg into out, says so on stdout and returns their names.
// A nil out (no -out) writes nothing.
func writeFigures(out *cli.Dir, stdout io.Writer) ([]string, error) {
	if out == nil {
		return nil, nil
	}
	_, history, lr := bookDescent()
	charts := []*plot.Chart{gradient1DChart(), gradient2DChart(), gradientMethodChart(history, lr)}
	var names []string
	for i, chart := range charts {
		if _, err := out.Write(figureFiles[i], chart); err != nil {
			return names, err
		}
		names = append(names, figureFiles[i])
	}
	fmt.Fprintf(stdout, "wrote %s to %s\n", strings.Join(names, ", "), out.Path())
	return names, nil
}

// writeAccuracyChart writes accuracy.svg into out, and says so on stdout:
// the train and test accuracy measured at the start of each epoch of a
// -backprop run of a TwoLayerNet with hidden units, as train_neuralnet.py
// plots them. A nil out (no -out) writes nothing.
func writeAccuracyChart(out *cli.Dir, hidden int, trainAcc, testAcc []float64, stdout io.Writer) error {
	if out == nil {
		return nil
	}
	title := fmt.Sprintf("accuracy per epoch: TwoLayerNet 784-%d-10, sigmoid, backprop", hidden)
	if _, err := out.Write("accuracy.svg", plot.AccuracyChart(title, trainAcc, testAcc)); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote accuracy.svg to %s\n", out.Path())
	return nil
}
