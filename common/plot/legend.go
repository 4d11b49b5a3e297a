// The legend of a Chart: one row per named series or bar layer, with a
// sample of its line and marker, in the corner of the plot area that hides
// the least data (matplotlib's loc='best'), in a corner of the caller's
// choice, or outside the plot area on the right.

package plot

import (
	"math"
	"strings"
)

// legendEntry is one row of a legend.
type legendEntry struct {
	name   string
	color  string
	series *Series // nil for bars
}

const legendRow = 18.0 // pixels per legend row

// legendLayout is the content and size of a legend.
type legendLayout struct {
	entries  []legendEntry
	w, h     float64
	fontSize float64
}

// legendLayout lists the named bars and series and sizes the legend box.
func (c *Chart) legendLayout() legendLayout {
	l := legendLayout{fontSize: tickSize + 0.5}
	for i, b := range c.Bars {
		if b.Name != "" {
			l.entries = append(l.entries, legendEntry{b.Name, barColor(b, i), nil})
		}
	}
	for i, se := range c.Series {
		if se.Name != "" {
			l.entries = append(l.entries, legendEntry{se.Name, seriesColor(se, i), se})
		}
	}
	widest := 0.0
	for _, e := range l.entries {
		widest = math.Max(widest, textWidth(e.name, l.fontSize))
	}
	l.w = 8 + 28 + 6 + widest + 8
	l.h = 6 + legendRow*float64(len(l.entries)) + 2
	return l
}

// drawLegend draws legend l for the plot area.
func (c *Chart) drawLegend(s *svgWriter, l legendLayout, area box, xs, ys scale) {
	entries, fontSize := l.entries, l.fontSize
	lb := c.legendBox(area, xs, ys, l.w, l.h)

	s.printf(`<g class="legend">` + "\n")
	s.printf(`<rect x="%s" y="%s" width="%s" height="%s" rx="3" fill="#ffffff" fill-opacity="0.88" stroke="#c8c8c8"/>`+"\n",
		num(lb.x), num(lb.y), num(lb.w), num(lb.h))
	for i, e := range entries {
		y := lb.y + 6 + legendRow*(float64(i)+0.5)
		x0, x1 := lb.x+8, lb.x+8+28
		if e.series == nil {
			s.printf(`<rect x="%s" y="%s" width="28" height="10" fill="%s"/>`+"\n", num(x0), num(y-5), attr(e.color))
		} else {
			se := e.series
			if !se.NoLine {
				width, dash := se.stroke()
				s.printf(`<path d="M%s %sH%s" stroke="%s" stroke-width="%s"%s/>`+"\n", num(x0), num(y), num(x1), attr(e.color), num(width), dash)
			}
			if se.Marker != NoMarker {
				var d strings.Builder
				markerPath(&d, se.Marker, (x0+x1)/2, y, se.markerSize()/2)
				s.printf(`<path d="%s" %s/>`+"\n", d.String(), markerPaint(se.Marker, e.color))
			}
		}
		s.text(x1+6, y+fontSize*0.35, fontSize, "start", "legend-label", ` fill="#262626"`, e.name)
	}
	s.printf("</g>\n")
}

// legendBox returns the legend's rectangle for the chart's Legend setting;
// for LegendBest, the corner whose rectangle covers the fewest points and
// line segments, trying upper right, upper left, lower left, lower right in
// that order, as matplotlib does.
func (c *Chart) legendBox(area box, xs, ys scale, w, h float64) box {
	const inset = 8
	corner := func(p LegendPos) box {
		switch p {
		case LegendUpperLeft:
			return box{area.x + inset, area.y + inset, w, h}
		case LegendLowerLeft:
			return box{area.x + inset, area.y + area.h - inset - h, w, h}
		case LegendLowerRight:
			return box{area.x + area.w - inset - w, area.y + area.h - inset - h, w, h}
		}
		return box{area.x + area.w - inset - w, area.y + inset, w, h}
	}
	switch c.Legend {
	case LegendOutside:
		return box{area.x + area.w + 10, area.y, w, h}
	case LegendUpperRight, LegendUpperLeft, LegendLowerLeft, LegendLowerRight:
		return corner(c.Legend)
	}
	best, bestScore := corner(LegendUpperRight), -1
	for _, p := range []LegendPos{LegendUpperRight, LegendUpperLeft, LegendLowerLeft, LegendLowerRight} {
		r := corner(p)
		if score := c.covered(r, xs, ys); bestScore < 0 || score < bestScore {
			best, bestScore = r, score
		}
	}
	return best
}

// covered counts the points and segments of the series, and the bar tops,
// that fall inside r.
func (c *Chart) covered(r box, xs, ys scale) int {
	n := 0
	for _, se := range c.Series {
		m := r // a point counts when its marker would touch the legend
		if se.Marker != NoMarker {
			size := se.MarkerSize
			if size <= 0 {
				size = 7
			}
			m = box{r.x - size/2, r.y - size/2, r.w + size, r.h + size}
		}
		px, py, prev := 0.0, 0.0, false
		for i := range se.Y {
			x, y := se.xAt(i), se.Y[i]
			if !xs.shows(x) || !ys.shows(y) {
				prev = false
				continue
			}
			qx, qy := xs.pos(x), ys.pos(y)
			if qx >= m.x && qx <= m.x+m.w && qy >= m.y && qy <= m.y+m.h {
				n++
			}
			if prev && !se.NoLine && segmentHitsBox(px, py, qx, qy, r) {
				n++
			}
			px, py, prev = qx, qy, true
		}
	}
	for _, b := range c.Bars {
		for k, hgt := range b.Heights {
			if !ys.shows(hgt) {
				continue
			}
			x0, x1, y := xs.pos(b.Edges[k]), xs.pos(b.Edges[k+1]), ys.pos(hgt)
			if math.Max(x0, x1) >= r.x && math.Min(x0, x1) <= r.x+r.w && y <= r.y+r.h {
				n += 3 // a bar under the legend hides more than a point
			}
		}
	}
	return n
}

// segmentHitsBox reports whether the segment from (x0, y0) to (x1, y1)
// passes through r, by Liang-Barsky clipping: the segment meets r when the
// parameter interval left after clipping to each of r's four sides is not
// empty.
func segmentHitsBox(x0, y0, x1, y1 float64, r box) bool {
	t0, t1 := 0.0, 1.0
	dx, dy := x1-x0, y1-y0
	for _, side := range [4][2]float64{
		{-dx, x0 - r.x}, {dx, r.x + r.w - x0},
		{-dy, y0 - r.y}, {dy, r.y + r.h - y0},
	} {
		p, q := side[0], side[1]
		if p == 0 {
			if q < 0 {
				return false
			}
			continue
		}
		t := q / p
		if p < 0 {
			t0 = math.Max(t0, t)
		} else {
			t1 = math.Min(t1, t)
		}
		if t0 > t1 {
			return false
		}
	}
	return true
}
