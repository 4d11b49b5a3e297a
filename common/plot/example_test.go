// Examples: the book's figures built with this package, checked by go test.

package plot_test

import (
	"bytes"
	"fmt"
	"math"
	"strings"

	"dlfs/common/plot"
)

// Two accuracy curves over 20 epochs, as ch06's overfit_weight_decay.py
// draws them: a fixed 0..1 y axis gets ticks every 0.2.
func ExampleChart() {
	epochs := make([]float64, 20)
	train, test := make([]float64, 20), make([]float64, 20)
	for i := range epochs {
		epochs[i] = float64(i)
		train[i] = 1 - 0.9*math.Exp(-float64(i)/3)
		test[i] = train[i] - 0.05
	}
	c := &plot.Chart{
		Title:  "weight decay",
		X:      plot.Axis{Label: "epochs"},
		Y:      plot.Axis{Label: "accuracy", Min: 0, Max: 1},
		Legend: plot.LegendLowerRight,
	}
	c.Line("train", epochs, train).Marker = plot.Circle
	c.Line("test", epochs, test).Dashed = true

	var svg bytes.Buffer
	if _, err := c.WriteTo(&svg); err != nil { // or c.WriteFile("accuracy.svg")
		fmt.Println(err)
	}
	fmt.Println("series:", strings.Count(svg.String(), `class="series"`))
	fmt.Println("y ticks:", strings.Count(svg.String(), `class="ytick"`))
	// Output:
	// series: 2
	// y ticks: 6
}

// Ticks at round numbers: the smallest step of 1, 2 or 5 times a power of
// ten that gives no more ticks than asked for.
func ExampleTicks() {
	fmt.Println(plot.Ticks(0, 1, 6))
	fmt.Println(plot.Ticks(0, 2000, 5))
	fmt.Println(plot.Ticks(-7, 2, 4))
	fmt.Println(plot.LogTicks(0.03, 3.5, 10))
	// Output:
	// [0 0.2 0.4 0.6 0.8 1]
	// [0 500 1000 1500 2000]
	// [-5 0]
	// [0.05 0.1 0.2 0.5 1 2]
}

func ExampleFormatNumber() {
	for _, v := range []float64{0.5, 1e-4, 2000, 10000, 0.1 + 0.2} {
		fmt.Print(plot.FormatNumber(v), " ")
	}
	fmt.Println()
	// Output: 0.5 1e-4 2000 10k 0.3
}

// The book's smooth_curve keeps the length of a curve of 11 or more
// points, and a weighted mean keeps a constant constant.
func ExampleSmoothCurve() {
	loss := make([]float64, 2000)
	for i := range loss {
		loss[i] = 0.25
	}
	smooth := plot.SmoothCurve(loss)
	fmt.Println(len(smooth), math.Round(smooth[0]*1e12)/1e12, math.Round(smooth[1999]*1e12)/1e12)
	// Output: 2000 0.25 0.25
}

// The four optimizer paths of ch06 over the contour lines of
// f(x, y) = x²/20 + y², in a 2x2 grid.
func ExampleGrid() {
	f := func(x, y float64) float64 { return x*x/20 + y*y }
	var panels []plot.Panel
	for _, name := range []string{"SGD", "Momentum", "AdaGrad", "Adam"} {
		c := &plot.Chart{Title: name, X: plot.Axis{Label: "x", Min: -10, Max: 10}, Y: plot.Axis{Label: "y", Min: -5, Max: 5}}
		c.AddContour(f, 0.5, 1, 2, 3, 4, 5, 6, 7)
		path := c.Line("", []float64{-7, -5.6, -4.5}, []float64{2, -1.8, 1.6}) // the optimizer's steps
		path.Color, path.Marker = "red", plot.Circle
		panels = append(panels, c)
	}
	g := plot.NewGrid(2, 2, panels...)
	var svg bytes.Buffer
	if _, err := g.WriteTo(&svg); err != nil { // or g.WriteFile("optimizer_paths.svg")
		fmt.Println(err)
	}
	fmt.Println("panels:", strings.Count(svg.String(), `class="chart"`))
	fmt.Println("contour lines:", strings.Count(svg.String(), `class="contour"`))
	// Output:
	// panels: 4
	// contour lines: 32
}

// Counting values into bins as numpy.histogram does.
func ExampleHistogram() {
	edges, counts, err := plot.Histogram([]float64{0.1, 0.2, 0.7, 1.0, 1.5}, 4, 0, 1)
	fmt.Println(edges, counts, err)
	// Output: [0 0.25 0.5 0.75 1] [2 0 1 1] <nil>
}

// A grid of MNIST-sized tiles with captions, written as a PNG.
func ExampleImageGrid() {
	g := plot.NewImageGrid(10)
	g.Norm, g.Min, g.Max = plot.NormFixed, 0, 1 // pixels are 0..1
	for i := range 20 {
		pix := make([]float64, 28*28) // one image: 784 values, row by row
		g.Add(28, 28, pix, fmt.Sprintf("%d -> %d", i%10, (i+1)%10))
	}
	img, err := g.Image() // or g.WriteFile("misclassified.png")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(img.Bounds().Dx(), "x", img.Bounds().Dy())
	// Output: 862 x 222
}

// The field of -∇f for f(x0, x1) = x0² + x1² on the book's grid
// (ch04/gradient_2d.py): an arrow at each of 18x18 points, every one
// pointing at the minimum at the origin, where the vector is zero and no
// arrow is drawn.
func ExampleChart_Quiver() {
	var x0, x1, u, v []float64
	for i := range 18 {
		for j := range 18 {
			a, b := -2+0.25*float64(j), -2+0.25*float64(i) // np.arange(-2, 2.5, 0.25)
			x0, x1 = append(x0, a), append(x1, b)
			u, v = append(u, -2*a), append(v, -2*b) // -∇f
		}
	}
	c := &plot.Chart{
		Title: "-∇f of f(x0, x1) = x0² + x1²",
		X:     plot.Axis{Label: "x0", Min: -2, Max: 2},
		Y:     plot.Axis{Label: "x1", Min: -2, Max: 2},
	}
	c.Quiver(x0, x1, u, v)
	var svg bytes.Buffer
	if _, err := c.WriteTo(&svg); err != nil { // or c.WriteFile("gradient_2d.svg")
		fmt.Println(err)
	}
	fmt.Println("arrow layers:", strings.Count(svg.String(), `class="arrows"`))
	heads := svg.String()[strings.Index(svg.String(), `class="arrow-heads"`):]
	fmt.Println("arrows drawn:", strings.Count(heads[:strings.Index(heads, "/>")], "M"))
	// Output:
	// arrow layers: 1
	// arrows drawn: 323
}
