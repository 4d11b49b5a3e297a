// Histograms: counting values into equal bins the way numpy.histogram does,
// and drawing the counts as bars. ch06's weight_init_activation_histogram.py
// shows each layer's activations with plt.hist(a.flatten(), 30, range=(0,1)).

package plot

import (
	"fmt"
	"math"
	"strings"
)

// Bars is a layer of histogram bars: bar k spans Edges[k] to Edges[k+1] and
// rises from 0 to Heights[k].
type Bars struct {
	Name    string // shown in the legend; an empty name stays out of it
	Edges   []float64
	Heights []float64
	Color   string // a CSS colour; "" takes Palette[i%10] for the i-th bar layer
}

// Histogram counts values into bins equal bins over [lo, hi], as
// numpy.histogram(values, bins, range=(lo, hi)) does: each bin holds the
// values v with edge[k] <= v < edge[k+1], except the last, which also holds
// v == hi; values outside the range and NaN are not counted. When lo == hi
// the range is that of the (finite) values, widened by 0.5 on each side if
// they are all equal, as NumPy does. bins must be at least 1.
func Histogram(values []float64, bins int, lo, hi float64) (edges []float64, counts []int, err error) {
	if bins < 1 {
		return nil, nil, fmt.Errorf("plot: histogram with %d bins; want at least 1", bins)
	}
	if lo == hi {
		var e extent
		for _, v := range values {
			e.add(v, false)
		}
		lo, hi = e.lo, e.hi
		if lo == hi {
			lo, hi = lo-0.5, hi+0.5
		}
	}
	if !finite(lo) || !finite(hi) || hi < lo {
		return nil, nil, fmt.Errorf("plot: histogram range [%v, %v] is not a finite interval", lo, hi)
	}
	// np.linspace(lo, hi, bins+1): k*step + lo, with the last edge exactly hi.
	edges = make([]float64, bins+1)
	step := (hi - lo) / float64(bins)
	for k := range edges {
		edges[k] = float64(k)*step + lo
	}
	edges[bins] = hi
	counts = make([]int, bins)
	norm := float64(bins) / (hi - lo)
	for _, v := range values {
		if !(v >= lo && v <= hi) {
			continue
		}
		// Compute the bin from the scaled value, then correct it against the
		// edges themselves, which rounding may put on the other side.
		k := min(int((v-lo)*norm), bins-1)
		if v < edges[k] {
			k--
		} else if k < bins-1 && v >= edges[k+1] {
			k++
		}
		counts[k]++
	}
	return edges, counts, nil
}

// Hist adds a histogram of values with bins equal bins over [lo, hi] (see
// Histogram) and returns its bars. It returns an error for bins < 1 or a
// range that is not finite.
func (c *Chart) Hist(name string, values []float64, bins int, lo, hi float64) (*Bars, error) {
	edges, counts, err := Histogram(values, bins, lo, hi)
	if err != nil {
		return nil, err
	}
	heights := make([]float64, len(counts))
	for k, n := range counts {
		heights[k] = float64(n)
	}
	b := &Bars{Name: name, Edges: edges, Heights: heights}
	c.Bars = append(c.Bars, b)
	return b, nil
}

// barColor is the layer's own colour or the i-th palette colour.
func barColor(b *Bars, i int) string {
	if b.Color != "" {
		return b.Color
	}
	return Palette[i%len(Palette)]
}

// render draws the bars as one <path> of rectangles, with a thin white edge
// so that neighbouring bars stay apart.
func (b *Bars) render(s *svgWriter, xs, ys scale, id, color string) {
	base := ys.lo // on a log axis the bars rise from the bottom of the plot
	if ys.shows(0) && ys.inside(0) {
		base = 0
	}
	var d strings.Builder
	for k, h := range b.Heights {
		if !ys.shows(h) || h == base || !xs.shows(b.Edges[k]) || !xs.shows(b.Edges[k+1]) {
			continue
		}
		x0, x1 := xs.pos(b.Edges[k]), xs.pos(b.Edges[k+1])
		y0, y1 := ys.pos(base), ys.pos(h)
		fmt.Fprintf(&d, "M%s %sH%sV%sH%sZ", num(x0), num(y0), num(x1), num(y1), num(x0))
	}
	edge := math.Min(0.6, 0.15*math.Abs(xs.pos(b.Edges[len(b.Edges)-1])-xs.pos(b.Edges[0]))/float64(max(len(b.Heights), 1)))
	s.printf(`<path class="bars" id="%s" data-name="%s" d="%s" fill="%s" stroke="#ffffff" stroke-width="%s"/>`+"\n",
		id, attr(b.Name), d.String(), attr(color), num(edge))
}
