// Arrows: a field of arrows on a Chart, matplotlib's plt.quiver with
// angles="xy". The book's ch04/gradient_2d.py draws the field of -∇f for
// f(x0, x1) = x0² + x1² this way: at each point of a grid, an arrow along
// minus the gradient, all pointing at the minimum.

package plot

import (
	"fmt"
	"math"
	"strings"
)

// Arrows is a chart layer of arrows: from each point (X[i], Y[i]) an arrow
// to (X[i] + Scale*U[i], Y[i] + Scale*V[i]), in data units, so that its
// direction on the page is that of (U, V) on the axes (quiver's
// angles="xy"). Arrows are drawn over contours and bars, under series, and
// stay out of the legend.
type Arrows struct {
	X, Y, U, V []float64
	// Scale multiplies (U, V) into data units. 0 chooses it so that the
	// longest arrow is 1.5 times the mean spacing of the points (the side of
	// the square each point would have if they tiled their bounding box).
	Scale     float64
	Color     string  // a CSS colour; "" means quiver's dark grey #666666
	LineWidth float64 // the shaft's width in pixels; 0 means 1.5
}

// Quiver adds arrows from the points (x[i], y[i]) along (u[i], v[i]) and
// returns the layer, so that its style can be set. The arrows widen the
// axes to hold their tails and heads unless the axes' ranges are fixed.
func (c *Chart) Quiver(x, y, u, v []float64) *Arrows {
	a := &Arrows{X: x, Y: y, U: u, V: v}
	c.Arrows = append(c.Arrows, a)
	return a
}

// check reports arrays of different lengths and a negative Scale.
func (a *Arrows) check() error {
	n := len(a.X)
	if len(a.Y) != n || len(a.U) != n || len(a.V) != n {
		return fmt.Errorf("%d x, %d y, %d u and %d v values; want as many of each", len(a.X), len(a.Y), len(a.U), len(a.V))
	}
	if !(a.Scale >= 0) || math.IsInf(a.Scale, 0) {
		return fmt.Errorf("scale %v; want a finite number >= 0 (0 chooses one)", a.Scale)
	}
	return nil
}

// scale returns the factor from (U, V) to data units: Scale, or the one
// that makes the longest finite arrow 1.5 point spacings long. It is 0 when
// every vector is zero.
func (a *Arrows) scale() float64 {
	if a.Scale > 0 {
		return a.Scale
	}
	var xe, ye extent
	longest, n := 0.0, 0
	for i := range a.X {
		if !finite(a.X[i]) || !finite(a.Y[i]) || !finite(a.U[i]) || !finite(a.V[i]) {
			continue
		}
		xe.add(a.X[i], false)
		ye.add(a.Y[i], false)
		longest = math.Max(longest, math.Hypot(a.U[i], a.V[i]))
		n++
	}
	if longest == 0 || n == 0 {
		return 0
	}
	w, h := xe.hi-xe.lo, ye.hi-ye.lo
	var spacing float64
	switch {
	case w > 0 && h > 0:
		spacing = math.Sqrt(w * h / float64(n))
	case w > 0 || h > 0: // points on a line
		spacing = (w + h) / float64(max(n-1, 1))
	default: // one point, or all at one place
		spacing = longest / 1.5
	}
	return 1.5 * spacing / longest
}

// ends returns the tail and head of arrow i in data units, and whether both
// are finite.
func (a *Arrows) ends(i int, k float64) (x0, y0, x1, y1 float64, ok bool) {
	x0, y0 = a.X[i], a.Y[i]
	x1, y1 = x0+k*a.U[i], y0+k*a.V[i]
	return x0, y0, x1, y1, finite(x0) && finite(y0) && finite(x1) && finite(y1)
}

// extend widens the extents to hold every tail and head.
func (a *Arrows) extend(xe, ye *extent, xlog, ylog bool) {
	k := a.scale()
	for i := range a.X {
		if x0, y0, x1, y1, ok := a.ends(i, k); ok {
			xe.add(x0, xlog)
			xe.add(x1, xlog)
			ye.add(y0, ylog)
			ye.add(y1, ylog)
		}
	}
}

// render draws the shafts as one path and the heads, filled triangles, as
// another. The head is 0.35 of the arrow's length on the page, at most 4
// shaft widths plus 3 pixels; an arrow shorter than half a pixel is left out,
// as quiver leaves out a zero vector.
func (a *Arrows) render(s *svgWriter, xs, ys scale, id string) {
	width := a.LineWidth
	if width <= 0 {
		width = 1.5
	}
	color := a.Color
	if color == "" {
		color = "#666666"
	}
	k := a.scale()
	var shafts, heads strings.Builder
	for i := range a.X {
		x0, y0, x1, y1, ok := a.ends(i, k)
		if !ok || !xs.shows(x0) || !xs.shows(x1) || !ys.shows(y0) || !ys.shows(y1) {
			continue
		}
		px0, py0, px1, py1 := xs.pos(x0), ys.pos(y0), xs.pos(x1), ys.pos(y1)
		length := math.Hypot(px1-px0, py1-py0)
		if length < 0.5 {
			continue
		}
		ux, uy := (px1-px0)/length, (py1-py0)/length // along the arrow
		head := math.Min(0.35*length, 4*width+3)
		half := 0.45 * head
		bx, by := px1-head*ux, py1-head*uy // where the head meets the shaft
		fmt.Fprintf(&shafts, "M%s %sL%s %s", num(px0), num(py0), num(bx), num(by))
		fmt.Fprintf(&heads, "M%s %sL%s %sL%s %sZ", num(px1), num(py1),
			num(bx-half*uy), num(by+half*ux), num(bx+half*uy), num(by-half*ux))
	}
	s.printf(`<g class="arrows" id="%s">`+"\n", id)
	s.printf(`<path class="arrow-shafts" d="%s" fill="none" stroke="%s" stroke-width="%s"/>`+"\n", shafts.String(), attr(color), num(width))
	s.printf(`<path class="arrow-heads" d="%s" fill="%s" stroke="none"/>`+"\n", heads.String(), attr(color))
	s.printf("</g>\n")
}
