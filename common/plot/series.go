// Drawing a Series: its line as one SVG path, broken where a point cannot
// be shown, and its markers (matplotlib's 'o', 's', 'D', '^', 'x', '+') as
// another.

package plot

import (
	"fmt"
	"strings"
)

// seriesColor is the series' own colour or the i-th palette colour.
func seriesColor(s *Series, i int) string {
	if s.Color != "" {
		return s.Color
	}
	return Palette[i%len(Palette)]
}

// stroke returns the series' line width in pixels (1.75 unless set) and,
// for a dashed line, the stroke-dasharray attribute of its path.
func (se *Series) stroke() (width float64, dash string) {
	width = se.LineWidth
	if width <= 0 {
		width = 1.75
	}
	if se.Dashed {
		dash = fmt.Sprintf(` stroke-dasharray="%s %s"`, num(4*width), num(2.5*width))
	}
	return width, dash
}

// markerSize returns the width of the series' markers in pixels, 7 unless
// set.
func (se *Series) markerSize() float64 {
	if se.MarkerSize <= 0 {
		return 7
	}
	return se.MarkerSize
}

// render draws the series' line as one <path> (broken where a point cannot
// be shown) and its markers as another.
func (se *Series) render(s *svgWriter, xs, ys scale, id, color string) {
	if !se.NoLine {
		var d strings.Builder
		pen := false
		for i := range se.Y {
			x, y := se.xAt(i), se.Y[i]
			if !xs.shows(x) || !ys.shows(y) {
				pen = false
				continue
			}
			cmd := "L"
			if !pen {
				cmd = "M"
			}
			fmt.Fprintf(&d, "%s%s %s", cmd, num(xs.pos(x)), num(ys.pos(y)))
			pen = true
		}
		width, dash := se.stroke()
		s.printf(`<path class="series" id="%s" data-name="%s" d="%s" fill="none" stroke="%s" stroke-width="%s" stroke-linejoin="round" stroke-linecap="round"%s/>`+"\n",
			id, attr(se.Name), d.String(), attr(color), num(width), dash)
	}
	if se.Marker != NoMarker {
		size := se.markerSize()
		every := max(se.MarkEvery, 1)
		var d strings.Builder
		for i := 0; i < len(se.Y); i += every {
			x, y := se.xAt(i), se.Y[i]
			if xs.shows(x) && ys.shows(y) {
				markerPath(&d, se.Marker, xs.pos(x), ys.pos(y), size/2)
			}
		}
		s.printf(`<path class="markers" id="%s-markers" d="%s" %s/>`+"\n", id, d.String(), markerPaint(se.Marker, color))
	}
}

// markerPath appends the outline of one marker of radius r centred at (x, y).
func markerPath(d *strings.Builder, m Marker, x, y, r float64) {
	switch m {
	case Circle:
		fmt.Fprintf(d, "M%s %sa%s %s 0 1 0 %s 0a%s %s 0 1 0 %s 0Z", num(x-r), num(y), num(r), num(r), num(2*r), num(r), num(r), num(-2*r))
	case Square:
		r *= 0.9
		fmt.Fprintf(d, "M%s %sh%sv%sh%sZ", num(x-r), num(y-r), num(2*r), num(2*r), num(-2*r))
	case Diamond:
		r *= 1.15
		fmt.Fprintf(d, "M%s %sl%s %sl%s %sl%s %sZ", num(x), num(y-r), num(r*0.75), num(r), num(-r*0.75), num(r), num(-r*0.75), num(-r))
	case Triangle:
		r *= 1.15
		fmt.Fprintf(d, "M%s %sL%s %sL%s %sZ", num(x), num(y-r), num(x+r), num(y+0.75*r), num(x-r), num(y+0.75*r))
	case Cross:
		r *= 0.85
		fmt.Fprintf(d, "M%s %sl%s %sM%s %sl%s %s", num(x-r), num(y-r), num(2*r), num(2*r), num(x-r), num(y+r), num(2*r), num(-2*r))
	case Plus:
		fmt.Fprintf(d, "M%s %sh%sM%s %sv%s", num(x-r), num(y), num(2*r), num(x), num(y-r), num(2*r))
	}
}

// markerPaint is the fill and stroke of a marker shape: solid shapes are
// filled, the cross and plus are strokes.
func markerPaint(m Marker, color string) string {
	if m == Cross || m == Plus {
		return fmt.Sprintf(`fill="none" stroke="%s" stroke-width="1.6"`, attr(color))
	}
	return fmt.Sprintf(`fill="%s" stroke="%s" stroke-width="0.8"`, attr(color), attr(color))
}
