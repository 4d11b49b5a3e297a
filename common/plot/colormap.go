// Colours: the series palette (matplotlib's default Tableau 10 cycle, so the
// charts look like the book's) and the colour maps that turn a number into a
// colour for heatmaps, contours and image tiles.

package plot

import (
	"fmt"
	"image/color"
	"math"
)

// Palette is the colour cycle given to series without a colour of their own:
// Tableau 10, matplotlib's default, whose ten colours stay distinct from one
// another (and for the most common colour blindness, the first six).
var Palette = []string{
	"#1f77b4", // blue
	"#ff7f0e", // orange
	"#2ca02c", // green
	"#d62728", // red
	"#9467bd", // purple
	"#8c564b", // brown
	"#e377c2", // pink
	"#7f7f7f", // grey
	"#bcbd22", // olive
	"#17becf", // cyan
}

// A Colormap maps t in [0, 1] to a colour by linear interpolation between
// evenly spaced Stops. A Centered map is meant for values on both sides of
// zero: users of the map widen the value range to [-m, m], so that zero
// lands on the middle colour.
type Colormap struct {
	Name     string
	Stops    []color.RGBA
	Centered bool
}

// The colour maps the figures use by default. Each is matplotlib's map of
// the same name, sampled at evenly spaced points.
var (
	// Gray runs from black (0) to white (1), for MNIST digits.
	Gray = Colormap{Name: "gray", Stops: []color.RGBA{{0, 0, 0, 255}, {255, 255, 255, 255}}}
	// GrayR runs from white (0) to black (1): matplotlib's gray_r, which the
	// book's visualize_filter uses for the ch07 filters.
	GrayR = Colormap{Name: "gray_r", Stops: []color.RGBA{{255, 255, 255, 255}, {0, 0, 0, 255}}}
	// Diverging runs from dark blue through white to dark red (matplotlib's
	// RdBu_r with a pure white middle), for weights: negative blue, positive red.
	Diverging = Colormap{Name: "diverging", Centered: true, Stops: hexStops(
		"#053061", "#2166ac", "#4393c3", "#92c5de", "#d1e5f0", "#ffffff",
		"#fddbc7", "#f4a582", "#d6604d", "#b2182b", "#67001f")}
	// Blues runs from near white to dark blue, for counts in a heatmap.
	Blues = Colormap{Name: "Blues", Stops: hexStops(
		"#f7fbff", "#deebf7", "#c6dbef", "#9ecae1", "#6baed6",
		"#4292c6", "#2171b5", "#08519c", "#08306b")}
	// Viridis runs from dark purple through teal to yellow: matplotlib's
	// default map, which colours contour lines.
	Viridis = Colormap{Name: "viridis", Stops: hexStops(
		"#440154", "#482475", "#414487", "#355f8d", "#2a788e", "#21918c",
		"#22a884", "#44bf70", "#7ad151", "#bddf26", "#fde725")}
)

// At returns the colour at t, clamped to [0, 1]. NaN gives the first stop.
// A map without stops is Gray.
func (m Colormap) At(t float64) color.RGBA {
	stops := m.Stops
	if len(stops) == 0 {
		stops = Gray.Stops
	}
	if len(stops) == 1 || !(t > 0) {
		return stops[0]
	}
	if t >= 1 {
		return stops[len(stops)-1]
	}
	pos := t * float64(len(stops)-1)
	i := int(pos)
	f := pos - float64(i)
	a, b := stops[i], stops[i+1]
	mix := func(x, y uint8) uint8 { return uint8(math.Round(float64(x) + f*(float64(y)-float64(x)))) }
	return color.RGBA{mix(a.R, b.R), mix(a.G, b.G), mix(a.B, b.B), 255}
}

// orDefault returns m, or def when m has no stops (the zero Colormap).
func (m Colormap) orDefault(def Colormap) Colormap {
	if len(m.Stops) == 0 {
		return def
	}
	return m
}

// hexStops parses "#rrggbb" strings; it panics on a malformed one, which
// can only be a typo in this file.
func hexStops(hex ...string) []color.RGBA {
	stops := make([]color.RGBA, len(hex))
	for i, h := range hex {
		var r, g, b uint8
		if _, err := fmt.Sscanf(h, "#%02x%02x%02x", &r, &g, &b); err != nil || len(h) != 7 {
			panic("plot: bad colour " + h)
		}
		stops[i] = color.RGBA{r, g, b, 255}
	}
	return stops
}

// cssColor writes c as "#rrggbb".
func cssColor(c color.RGBA) string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

// textColorOn returns the text colour, near-black or white, with the higher
// contrast against background c. Contrast follows WCAG 2: the ratio of the
// lighter to the darker relative luminance, each plus 0.05.
func textColorOn(c color.RGBA) string {
	const dark = "#1a1a1a"
	bg := relativeLuminance(c)
	onWhite := (1 + 0.05) / (bg + 0.05)
	onDark := (bg + 0.05) / (relativeLuminance(color.RGBA{0x1a, 0x1a, 0x1a, 255}) + 0.05)
	if onDark >= onWhite {
		return dark
	}
	return "#ffffff"
}

// relativeLuminance is WCAG's 0.2126 R + 0.7152 G + 0.0722 B over the
// linearised sRGB channels.
func relativeLuminance(c color.RGBA) float64 {
	lin := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.R) + 0.7152*lin(c.G) + 0.0722*lin(c.B)
}
