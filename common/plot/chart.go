// Chart: the x-y plot behind most of the book's figures (plt.plot with
// plt.xlabel, plt.ylabel, plt.ylim, plt.legend): lines, markers, histogram
// bars and contour lines over shared axes.

package plot

import (
	"fmt"
	"io"
)

// Chart is an x-y plot. Fill in the fields, add layers with Line, Scatter,
// Hist, AddContour and Quiver, and write it with WriteFile, or put several charts in
// a Grid. The zero Chart is ready to use; its size is 640x420 pixels.
type Chart struct {
	Title string
	X, Y  Axis

	Series   []*Series  // lines and markers, drawn in order over bars and contours
	Bars     []*Bars    // histogram bars
	Contours []*Contour // contour lines of a function, drawn first
	Arrows   []*Arrows  // arrow fields (Quiver), drawn over bars, under series

	Legend LegendPos // where the legend goes; LegendBest by default
	NoGrid bool      // leave out the light grid lines at the major ticks

	Width, Height float64 // in pixels when the chart is written alone
}

// Axis describes one axis of a Chart.
type Axis struct {
	Label string
	// Min and Max fix the range when Min < Max (for example 0 and 1 for an
	// accuracy); otherwise the range is fitted to the data with a 5% margin.
	Min, Max float64
	// Log makes the axis logarithmic (base 10). Values <= 0 are left out.
	Log bool
	// Ticks places the major ticks at these values; nil chooses round numbers.
	Ticks []float64
	// HideTickLabels keeps the ticks but leaves out their numbers, as the
	// book does for all but the first of a row of histograms.
	HideTickLabels bool
}

// fixed reports whether the axis range is set by Min and Max.
func (a *Axis) fixed() bool { return a.Min < a.Max }

// Series is one line of a chart, with optional markers on its points.
type Series struct {
	Name string    // shown in the legend; an empty name stays out of it
	X, Y []float64 // the points; nil X means 0, 1, 2, ... like plt.plot(y)

	Color     string  // a CSS colour; "" takes Palette[i%10] for the i-th series
	LineWidth float64 // in pixels; 0 means 1.75
	Dashed    bool    // matplotlib's linestyle "--"
	NoLine    bool    // markers only: a scatter plot

	Marker     Marker  // the marker at each point, none by default
	MarkerSize float64 // the marker's width in pixels; 0 means 7
	MarkEvery  int     // put a marker on every n-th point only (matplotlib's markevery)
}

// Marker is the shape drawn at a series' points.
type Marker int

// The marker shapes, with the matplotlib format letter each stands for.
const (
	NoMarker Marker = iota
	Circle          // "o"
	Square          // "s"
	Diamond         // "D"
	Triangle        // "^"
	Cross           // "x"
	Plus            // "+"
)

// LegendPos says where a chart's legend goes.
type LegendPos int

// Legend positions. LegendBest, the default, takes the corner of the plot
// area that covers the fewest data points and lines, like matplotlib's
// loc='best'. LegendOutside puts it right of the plot area, which narrows to
// make room: the place for many series or long names.
const (
	LegendBest LegendPos = iota
	LegendUpperRight
	LegendUpperLeft
	LegendLowerLeft
	LegendLowerRight
	LegendOutside
	LegendNone
)

// Line adds a line through the points (x[i], y[i]) and returns it, so that
// its style can be set: c.Line("SGD", x, y).Marker = plot.Circle. A nil x
// numbers the points 0, 1, 2, ...
func (c *Chart) Line(name string, x, y []float64) *Series {
	s := &Series{Name: name, X: x, Y: y}
	c.Series = append(c.Series, s)
	return s
}

// Scatter adds points drawn as circles without a connecting line.
func (c *Chart) Scatter(name string, x, y []float64) *Series {
	s := &Series{Name: name, X: x, Y: y, NoLine: true, Marker: Circle}
	c.Series = append(c.Series, s)
	return s
}

// WriteTo writes the chart as a standalone SVG document to w.
func (c *Chart) WriteTo(w io.Writer) (int64, error) { return writeSVG(w, c) }

// WriteFile writes the chart as an SVG file, atomically.
func (c *Chart) WriteFile(path string) error {
	return writeToFile(path, c)
}

// size returns the chart's size, 640x420 unless set.
func (c *Chart) size() (w, h float64) { return sizeOr(c.Width, c.Height, 640, 420) }

// check reports a series whose x and y differ in length, or a bar layer
// whose edges do not bound its heights.
func (c *Chart) check() error {
	for i, s := range c.Series {
		if s.X != nil && len(s.X) != len(s.Y) {
			return fmt.Errorf("plot: chart %q: series %d (%q) has %d x values and %d y values", c.Title, i, s.Name, len(s.X), len(s.Y))
		}
	}
	for i, b := range c.Bars {
		if len(b.Edges) != len(b.Heights)+1 {
			return fmt.Errorf("plot: chart %q: bars %d (%q) have %d edges for %d heights, want one more edge than heights", c.Title, i, b.Name, len(b.Edges), len(b.Heights))
		}
	}
	for i, k := range c.Contours {
		if k.F == nil {
			return fmt.Errorf("plot: chart %q: contour %d has no function", c.Title, i)
		}
	}
	for i, a := range c.Arrows {
		if err := a.check(); err != nil {
			return fmt.Errorf("plot: chart %q: arrows %d: %w", c.Title, i, err)
		}
	}
	return nil
}

// xAt returns the i-th x value of s.
func (s *Series) xAt(i int) float64 {
	if s.X == nil {
		return float64(i)
	}
	return s.X[i]
}
