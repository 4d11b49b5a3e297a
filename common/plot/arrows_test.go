// Tests of Arrows: where the tails and heads land on the page, read back
// from the SVG against the frame of the plot area; the automatic scale;
// zero vectors; bad input.

package plot

import (
	"math"
	"strconv"
	"strings"
	"testing"
)

// pathPoints returns the points of the M and L commands of an SVG path,
// one list per subpath.
func pathPoints(t *testing.T, d string) [][][2]float64 {
	t.Helper()
	var out [][][2]float64
	for _, sub := range strings.Split(d, "M")[1:] {
		var pts [][2]float64
		for _, p := range strings.Split(strings.TrimSuffix(sub, "Z"), "L") {
			f := strings.Fields(p)
			if len(f) != 2 {
				t.Fatalf("path piece %q is not two numbers", p)
			}
			x, err1 := strconv.ParseFloat(f[0], 64)
			y, err2 := strconv.ParseFloat(f[1], 64)
			if err1 != nil || err2 != nil {
				t.Fatalf("path piece %q: %v %v", p, err1, err2)
			}
			pts = append(pts, [2]float64{x, y})
		}
		out = append(out, pts)
	}
	return out
}

// frame returns the plot area's rectangle, read from the chart's frame.
func frame(t *testing.T, doc *node) (x, y, w, h float64) {
	t.Helper()
	f := doc.class("frame")
	if len(f) != 1 {
		t.Fatalf("%d frames, want 1", len(f))
	}
	get := func(name string) float64 {
		v, err := strconv.ParseFloat(f[0].attr[name], 64)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	return get("x"), get("y"), get("width"), get("height")
}

// Four arrows from (±1, ±1) along -(x, y) with scale 0.5 end at (±0.5,
// ±0.5): each head's tip and each shaft's tail sit where the axes put those
// points, so every arrow points at the origin on the page.
func TestArrowsLandWhereTheAxesSay(t *testing.T) {
	c := &Chart{X: Axis{Min: -2, Max: 2}, Y: Axis{Min: -2, Max: 2}}
	x, y := []float64{1, -1, -1, 1}, []float64{1, 1, -1, -1}
	u, v := []float64{-1, 1, 1, -1}, []float64{-1, -1, 1, 1}
	c.Quiver(x, y, u, v).Scale = 0.5
	doc := parseSVG(t, render(t, c))
	ax, ay, aw, ah := frame(t, doc)
	page := func(dx, dy float64) [2]float64 { return [2]float64{ax + (dx+2)/4*aw, ay + (2-dy)/4*ah} }

	shafts := pathPoints(t, doc.class("arrow-shafts")[0].attr["d"])
	heads := pathPoints(t, doc.class("arrow-heads")[0].attr["d"])
	if len(shafts) != 4 || len(heads) != 4 {
		t.Fatalf("%d shafts and %d heads, want 4 of each", len(shafts), len(heads))
	}
	near := func(a, b [2]float64) bool { return math.Abs(a[0]-b[0]) < 0.02 && math.Abs(a[1]-b[1]) < 0.02 }
	origin := page(0, 0)
	for i := range 4 {
		tail, tip := page(x[i], y[i]), page(x[i]+0.5*u[i], y[i]+0.5*v[i])
		if !near(shafts[i][0], tail) {
			t.Errorf("arrow %d starts at %v, want %v", i, shafts[i][0], tail)
		}
		if len(heads[i]) != 3 || !near(heads[i][0], tip) {
			t.Errorf("arrow %d head %v, want a triangle with its tip at %v", i, heads[i], tip)
		}
		// The shaft ends where the head begins, on the line from tail to tip.
		end := shafts[i][1]
		cross := (end[0]-tail[0])*(tip[1]-tail[1]) - (end[1]-tail[1])*(tip[0]-tail[0])
		if math.Abs(cross) > 1 {
			t.Errorf("arrow %d: shaft end %v is off the line from %v to %v", i, end, tail, tip)
		}
		// Closer to the origin at the tip than at the tail.
		if math.Hypot(tip[0]-origin[0], tip[1]-origin[1]) >= math.Hypot(tail[0]-origin[0], tail[1]-origin[1]) {
			t.Errorf("arrow %d does not point at the origin", i)
		}
	}
}

// With Scale 0, the longest arrow is 1.5 point spacings: on a 5x5 grid of
// step 1 (spacing sqrt(16/25) = 0.8) the longest vector, of length 10,
// becomes 1.2 data units long. A zero vector draws nothing; the axes grow
// to hold the heads.
func TestArrowsAutoScale(t *testing.T) {
	var x, y, u, v []float64
	for i := range 5 {
		for j := range 5 {
			x, y = append(x, float64(i)), append(y, float64(j))
			u, v = append(u, 0), append(v, 0)
		}
	}
	u[24], v[24] = 6, 8 // at (4, 4), length 10
	u[0] = 1            // at (0, 0), length 1
	a := &Arrows{X: x, Y: y, U: u, V: v}
	if k, want := a.scale(), 1.5*0.8/10; math.Abs(k-want) > 1e-12 {
		t.Errorf("scale %v, want %v", k, want)
	}
	c := &Chart{}
	c.Arrows = append(c.Arrows, a)
	xe, ye, _ := c.ranges()
	if math.Abs(xe.hi-(4+6*0.12)) > 1e-12 || math.Abs(ye.hi-(4+8*0.12)) > 1e-12 {
		t.Errorf("data extent reaches (%v, %v), want the head at (4.72, 4.96)", xe.hi, ye.hi)
	}
	doc := parseSVG(t, render(t, c))
	if n := len(pathPoints(t, doc.class("arrow-heads")[0].attr["d"])); n != 2 {
		t.Errorf("%d arrows drawn, want 2 (the 23 zero vectors left out)", n)
	}
}

func TestArrowsBadInput(t *testing.T) {
	for _, a := range []*Arrows{
		{X: []float64{1}, Y: []float64{1}, U: []float64{1}},
		{X: []float64{1}, Y: []float64{1}, U: []float64{1}, V: []float64{1}, Scale: -1},
		{X: []float64{1}, Y: []float64{1}, U: []float64{1}, V: []float64{1}, Scale: math.NaN()},
	} {
		c := &Chart{Title: "field"}
		c.Arrows = append(c.Arrows, a)
		var b strings.Builder
		_, err := c.WriteTo(&b)
		if err == nil || !strings.Contains(err.Error(), `chart "field": arrows 0`) {
			t.Errorf("%+v: error %v, want one naming the chart and the layer", a, err)
		}
	}
	// Infinite or NaN vectors are left out, not drawn across the page.
	c := &Chart{}
	c.Quiver([]float64{0, 1}, []float64{0, 1}, []float64{math.Inf(1), 1}, []float64{0, math.NaN()})
	doc := parseSVG(t, render(t, c))
	if d := doc.class("arrow-heads")[0].attr["d"]; d != "" {
		t.Errorf("arrows drawn for non-finite vectors: %q", d)
	}
}
