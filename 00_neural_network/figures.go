// The figures of the book's chapter 3 (-out DIR): the step function, the
// sigmoid and ReLU (ch03/step_function.py, sigmoid.py, relu.py), the sigmoid
// over the step (sig_step_compare.py), and the first training image with
// its label (mnist_show.py), whose shapes it prints as the script does.

package main

import (
	"fmt"
	"io"

	"dlfs/common/cli"
	"dlfs/common/nn"
	"dlfs/common/plot"
	"dlfs/dataset"
)

// activationX is the book's x = np.arange(-5.0, 5.0, 0.1): -5, -4.9, ...,
// 4.9, each computed as -5 + i*0.1 as NumPy does.
func activationX() []float64 {
	x := make([]float64, 100)
	for i := range x {
		x[i] = -5 + float64(i)*0.1
	}
	return x
}

// apply returns f(x) for each x.
func apply(f func(float64) float64, x []float64) []float64 {
	y := make([]float64, len(x))
	for i, v := range x {
		y[i] = f(v)
	}
	return y
}

// activationChart plots f over activationX with y from ylo to yhi, as the
// book's scripts do with plt.plot(x, y) and plt.ylim.
func activationChart(title string, f func(float64) float64, ylo, yhi float64) *plot.Chart {
	x := activationX()
	c := &plot.Chart{
		Title:  title,
		X:      plot.Axis{Label: "x"},
		Y:      plot.Axis{Label: "h(x)", Min: ylo, Max: yhi},
		Legend: plot.LegendNone,
	}
	c.Line("", x, apply(f, x))
	return c
}

// sigStepChart is sig_step_compare.py: the sigmoid, and the step function
// dashed in black, y from -0.1 to 1.1.
func sigStepChart() *plot.Chart {
	x := activationX()
	c := &plot.Chart{
		Title:  "sigmoid and step function",
		X:      plot.Axis{Label: "x"},
		Y:      plot.Axis{Label: "h(x)", Min: -0.1, Max: 1.1},
		Legend: plot.LegendUpperLeft,
	}
	c.Line("sigmoid", x, apply(nn.SigmoidFunction, x))
	step := c.Line("step function", x, apply(nn.StepFunction, x))
	step.Color, step.Dashed = "#000000", true
	return c
}

// imageScale enlarges the 28x28 digit to 336x336 pixels, about the plot
// area of the charts beside it.
const imageScale = 12

// digitImage is mnist_show.py's picture: image i of set in gray, black 0 to
// white 255 as PIL shows it, with its label under it.
func digitImage(set *dataset.Set, i int) *plot.ImageGrid {
	pix := set.Image(i)
	v := make([]float64, len(pix))
	for k, p := range pix {
		v[k] = float64(p)
	}
	g := plot.NewImageGrid(1)
	g.Norm, g.Min, g.Max = plot.NormFixed, 0, 255
	g.Scale, g.Gap = imageScale, 8
	g.Add(set.Cols, set.Rows, v, fmt.Sprintf("label %d", set.Label(i)))
	return g
}

// figureFiles are the files writeFigures writes, in its order.
var figureFiles = []string{"step_function.svg", "sigmoid.svg", "relu.svg", "sig_step_compare.svg", "mnist_show.png"}

// writeFigures writes step_function.svg, sigmoid.svg, relu.svg,
// sig_step_compare.svg and mnist_show.png (the first image of train) into
// out, and prints what mnist_show.py prints: the label and the image's
// shape before and after the reshape. It returns the names of the files.
func writeFigures(out *cli.Dir, train *dataset.Set, stdout io.Writer) ([]string, error) {
	if train.Len() == 0 {
		return nil, fmt.Errorf("mnist_show: the training set is empty")
	}
	figures := []struct {
		name string
		fig  cli.FileWriter
	}{
		{"step_function.svg", activationChart("step function", nn.StepFunction, -0.1, 1.1)},
		{"sigmoid.svg", activationChart("sigmoid function", nn.SigmoidFunction, -0.1, 1.1)},
		{"relu.svg", activationChart("ReLU function", nn.ReluFunction, -1, 5.5)},
		{"sig_step_compare.svg", sigStepChart()},
		{"mnist_show.png", digitImage(train, 0)},
	}
	var names []string
	for _, f := range figures {
		if _, err := out.Write(f.name, f.fig); err != nil {
			return names, err
		}
		names = append(names, f.name)
	}
	fmt.Fprintf(stdout, "mnist_show: first training image, label %d\n", train.Label(0))
	fmt.Fprintf(stdout, "img.shape (%d,), reshaped to (%d, %d)\n", train.Rows*train.Cols, train.Rows, train.Cols)
	return names, nil
}
