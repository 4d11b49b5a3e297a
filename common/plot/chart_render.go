// Drawing a Chart: the layout of title, axes and plot area inside a box,
// then the layers (contours, bars, arrows, series) clipped to the plot area,
// the ticks and labels around it, and the legend.

package plot

import (
	"fmt"
	"math"
	"strings"
)

const (
	tickLen = 4   // length of a major tick, pixels, outwards
	pad     = 8   // space kept free at the edge of a chart's box
	lineGap = 1.3 // line height as a multiple of the font size
)

// ranges returns the data extents of the chart's layers on both axes.
func (c *Chart) ranges() (xe, ye extent, stickyZero bool) {
	for _, s := range c.Series {
		for i := range s.Y {
			x, y := s.xAt(i), s.Y[i]
			if !finite(x) || !finite(y) || (c.X.Log && x <= 0) || (c.Y.Log && y <= 0) {
				continue
			}
			xe.add(x, c.X.Log)
			ye.add(y, c.Y.Log)
		}
	}
	for _, b := range c.Bars {
		for _, e := range b.Edges {
			xe.add(e, c.X.Log)
		}
		for _, h := range b.Heights {
			ye.add(h, c.Y.Log)
		}
		ye.add(0, c.Y.Log)
		stickyZero = true
	}
	for _, a := range c.Arrows {
		a.extend(&xe, &ye, c.X.Log, c.Y.Log)
	}
	return xe, ye, stickyZero
}

// chartLayout says where everything of a chart goes inside its box.
type chartLayout struct {
	xs, ys         scale
	xticks, yticks []float64
	area           box // the plot area, inside the axes
	legend         legendLayout
}

// layout fits the axes' ranges and places the title, tick labels, axis
// labels and plot area inside box b: the vertical layout first, since the
// y tick labels' width depends on which ticks fit the height.
func (c *Chart) layout(b box) (chartLayout, error) {
	var l chartLayout
	xe, ye, sticky := c.ranges()
	xlo, xhi, err := axisRange(&c.X, xe, false)
	if err != nil {
		return l, fmt.Errorf("plot: chart %q: %w", c.Title, err)
	}
	ylo, yhi, err := axisRange(&c.Y, ye, sticky)
	if err != nil {
		return l, fmt.Errorf("plot: chart %q: %w", c.Title, err)
	}

	// Vertical: title, plot area, tick labels, axis label.
	top := b.y + pad
	if c.Title != "" {
		top += titleSize * lineGap
	} else {
		top += tickSize / 2 // room for the top y tick label
	}
	bottom := b.y + b.h - pad - tickLen
	if !c.X.HideTickLabels {
		bottom -= 3 + tickSize
	}
	if c.X.Label != "" {
		bottom -= labelSize*lineGap + 2
	}
	l.ys = scale{log: c.Y.Log, lo: ylo, hi: yhi, p0: bottom, p1: top}
	l.yticks = chooseTicks(&c.Y, l.ys, false)

	// Horizontal: axis label, tick labels, plot area, legend outside.
	left := b.x + pad + tickLen + 4
	if c.Y.Label != "" {
		left += labelSize*lineGap + 2
	}
	if !c.Y.HideTickLabels {
		widest := 0.0
		for _, label := range formatTicks(l.yticks) {
			widest = math.Max(widest, textWidth(label, tickSize))
		}
		left += widest
	}
	right := b.x + b.w - pad - 6
	if c.Legend != LegendNone {
		l.legend = c.legendLayout()
		if c.Legend == LegendOutside && len(l.legend.entries) > 0 {
			right -= l.legend.w + 4
		}
	}
	l.xs = scale{log: c.X.Log, lo: xlo, hi: xhi, p0: left, p1: right}
	l.xticks = chooseTicks(&c.X, l.xs, true)
	if n := len(l.xticks); n > 0 && !c.X.HideTickLabels {
		// A label centred on the last tick may stick out past the plot area.
		labels := formatTicks(l.xticks)
		over := l.xs.pos(l.xticks[n-1]) + textWidth(labels[n-1], tickSize)/2 - (right + 6)
		if over > 0 {
			l.xs.p1 -= over
			l.xticks = chooseTicks(&c.X, l.xs, true)
		}
	}
	l.area = box{l.xs.p0, l.ys.p1, l.xs.p1 - l.xs.p0, l.ys.p0 - l.ys.p1}
	return l, nil
}

// render draws the chart into box b of s: grid lines, then the layers
// clipped to the plot area, then frame, ticks, labels and legend on top.
func (c *Chart) render(s *svgWriter, b box, id string) error {
	if err := c.check(); err != nil {
		return err
	}
	l, err := c.layout(b)
	if err != nil {
		return err
	}
	area, xs, ys := l.area, l.xs, l.ys

	s.printf(`<g class="chart" id="%s">`+"\n", id)
	if !c.NoGrid {
		drawGridLines(s, area, xs, ys, l.xticks, l.yticks)
	}
	s.printf(`<clipPath id="%s-clip"><rect x="%s" y="%s" width="%s" height="%s"/></clipPath>`+"\n",
		id, num(area.x), num(area.y), num(area.w), num(area.h))
	s.printf(`<g clip-path="url(#%s-clip)">`+"\n", id)
	for i, k := range c.Contours {
		if err := k.render(s, area, xs, ys, fmt.Sprintf("%s-contour-%d", id, i)); err != nil {
			return fmt.Errorf("plot: chart %q: %w", c.Title, err)
		}
	}
	for i, bars := range c.Bars {
		bars.render(s, xs, ys, fmt.Sprintf("%s-bars-%d", id, i), barColor(bars, i))
	}
	for i, a := range c.Arrows {
		a.render(s, xs, ys, fmt.Sprintf("%s-arrows-%d", id, i))
	}
	for i, se := range c.Series {
		se.render(s, xs, ys, fmt.Sprintf("%s-series-%d", id, i), seriesColor(se, i))
	}
	s.printf("</g>\n")
	s.printf(`<rect class="frame" x="%s" y="%s" width="%s" height="%s" fill="none" stroke="#404040" stroke-width="1"/>`+"\n",
		num(area.x), num(area.y), num(area.w), num(area.h))
	drawXTicks(s, &c.X, xs, area, l.xticks)
	drawYTicks(s, &c.Y, ys, area, l.yticks)

	if c.X.Label != "" {
		s.text(area.x+area.w/2, b.y+b.h-pad-labelSize*0.25, labelSize, "middle", "xlabel", "", c.X.Label)
	}
	if c.Y.Label != "" {
		x, y := b.x+pad+labelSize*0.85, area.y+area.h/2
		s.text(0, 0, labelSize, "middle", "ylabel", fmt.Sprintf(` transform="translate(%s,%s) rotate(-90)"`, num(x), num(y)), c.Y.Label)
	}
	if c.Title != "" {
		s.text(area.x+area.w/2, b.y+pad+titleSize*0.9, titleSize, "middle", "title", ` font-weight="bold"`, c.Title)
	}
	if len(l.legend.entries) > 0 {
		c.drawLegend(s, l.legend, area, xs, ys)
	}
	s.printf("</g>\n")
	return nil
}

// drawGridLines draws light lines across the plot area at the major ticks.
func drawGridLines(s *svgWriter, area box, xs, ys scale, xticks, yticks []float64) {
	var d strings.Builder
	for _, v := range xticks {
		x := xs.pos(v)
		fmt.Fprintf(&d, "M%s %sV%s", num(x), num(area.y), num(area.y+area.h))
	}
	for _, v := range yticks {
		y := ys.pos(v)
		fmt.Fprintf(&d, "M%s %sH%s", num(area.x), num(y), num(area.x+area.w))
	}
	if d.Len() > 0 {
		s.printf(`<path class="grid" d="%s" stroke="#e6e6e6" stroke-width="1" fill="none"/>`+"\n", d.String())
	}
}

// drawXTicks draws the ticks below the plot area and their labels.
func drawXTicks(s *svgWriter, a *Axis, xs scale, area box, ticks []float64) {
	bottom := area.y + area.h
	var d strings.Builder
	for _, v := range ticks {
		fmt.Fprintf(&d, "M%s %sv%d", num(xs.pos(v)), num(bottom), tickLen)
	}
	for _, v := range minorTicks(xs) {
		fmt.Fprintf(&d, "M%s %sv%d", num(xs.pos(v)), num(bottom), tickLen/2)
	}
	s.printf(`<path class="xticks" d="%s" stroke="#404040" stroke-width="1"/>`+"\n", d.String())
	if a.HideTickLabels {
		return
	}
	for i, l := range formatTicks(ticks) {
		s.text(xs.pos(ticks[i]), bottom+tickLen+2+tickSize*0.85, tickSize, "middle", "xtick", ` fill="#262626"`, l)
	}
}

// drawYTicks draws the ticks left of the plot area and their labels.
func drawYTicks(s *svgWriter, a *Axis, ys scale, area box, ticks []float64) {
	var d strings.Builder
	for _, v := range ticks {
		fmt.Fprintf(&d, "M%s %sh%d", num(area.x), num(ys.pos(v)), -tickLen)
	}
	for _, v := range minorTicks(ys) {
		fmt.Fprintf(&d, "M%s %sh%d", num(area.x), num(ys.pos(v)), -tickLen/2)
	}
	s.printf(`<path class="yticks" d="%s" stroke="#404040" stroke-width="1"/>`+"\n", d.String())
	if a.HideTickLabels {
		return
	}
	for i, l := range formatTicks(ticks) {
		s.text(area.x-tickLen-3, ys.pos(ticks[i])+tickSize*0.35, tickSize, "end", "ytick", ` fill="#262626"`, l)
	}
}
