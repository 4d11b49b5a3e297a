// Tests of marching squares against level sets whose shape is known:
// circles, the book's ellipses, lines, saddles and NaN holes.

package plot

import (
	"math"
	"strings"
	"testing"
)

// The oracle for marching squares is geometry: every point of a level line
// of a known function must lie on the curve the level set is known to be.

func TestContourLinesCircle(t *testing.T) {
	f := func(x, y float64) float64 { return x*x + y*y }
	lines := ContourLines(f, -3, 3, -3, 3, 61, 61, 4)
	if len(lines) != 1 {
		t.Fatalf("circle of radius 2: got %d lines, want 1", len(lines))
	}
	line := lines[0]
	if line[0] != line[len(line)-1] {
		t.Errorf("circle is not closed: starts at %v, ends at %v", line[0], line[len(line)-1])
	}
	// The grid step is 0.1; linear interpolation of x²+y² along an edge is
	// off by at most about h²/4 / (2r) in radius.
	for _, p := range line {
		if r := math.Hypot(p.X, p.Y); math.Abs(r-2) > 2e-3 {
			t.Fatalf("point %v is at radius %v, want 2", p, r)
		}
	}
	// The crossings go once round: about 2πr / h pieces, each crossing a
	// different cell edge.
	if n := len(line) - 1; n < 100 || n > 200 {
		t.Errorf("circle has %d pieces, want about 4*40 = 160 edge crossings", n)
	}
}

func TestContourLinesBookFunction(t *testing.T) {
	// The level sets of the book's f(x, y) = x²/20 + y² are ellipses with
	// half-axes sqrt(20c) along x and sqrt(c) along y.
	f := func(x, y float64) float64 { return x*x/20 + y*y }
	for _, c := range []float64{0.5, 1, 4} {
		lines := ContourLines(f, -10, 10, -5, 5, 201, 101, c)
		if len(lines) != 1 {
			t.Fatalf("level %v: got %d lines, want 1", c, len(lines))
		}
		for _, p := range lines[0] {
			if v := f(p.X, p.Y); math.Abs(v-c) > 0.01*c {
				t.Fatalf("level %v: point %v has f = %v", c, p, v)
			}
		}
	}
	// Level 6 is the ellipse x²/120 + y²/6 = 1, wider than the box: it
	// leaves through the sides x = ±10 at y = ±1, leaving an upper and a
	// lower open arc.
	lines := ContourLines(f, -10, 10, -5, 5, 201, 101, 6)
	if len(lines) != 2 {
		t.Fatalf("level 6: got %d lines, want 2 arcs", len(lines))
	}
	for _, l := range lines {
		if l[0] == l[len(l)-1] {
			t.Errorf("level 6: an arc is closed")
		}
		for _, end := range []Point{l[0], l[len(l)-1]} {
			if math.Abs(math.Abs(end.X)-10) > 1e-9 {
				t.Errorf("level 6: arc ends at %v, not on the box side x = ±10", end)
			}
		}
	}
}

func TestContourLinesOpenAndSeparate(t *testing.T) {
	// A plane: one straight open line x = 0.25 from bottom to top.
	plane := func(x, y float64) float64 { return x }
	lines := ContourLines(plane, -1, 1, -1, 1, 9, 5, 0.25)
	if len(lines) != 1 || len(lines[0]) != 5 {
		t.Fatalf("plane: got %v, want one line of 5 points", lines)
	}
	for _, p := range lines[0] {
		if math.Abs(p.X-0.25) > 1e-12 {
			t.Errorf("plane: point %v is off x = 0.25", p)
		}
	}
	// Two bumps: two separate closed loops.
	bumps := func(x, y float64) float64 {
		return math.Min((x-2)*(x-2)+y*y, (x+2)*(x+2)+y*y)
	}
	lines = ContourLines(bumps, -4, 4, -2, 2, 81, 41, 1)
	if len(lines) != 2 {
		t.Fatalf("two bumps: got %d lines, want 2", len(lines))
	}
	// A saddle x*y = 0.5: two hyperbola branches, in quadrants I and III.
	saddle := func(x, y float64) float64 { return x * y }
	lines = ContourLines(saddle, -2, 2, -2, 2, 41, 41, 0.5)
	if len(lines) != 2 {
		t.Fatalf("saddle: got %d lines, want 2 branches", len(lines))
	}
	for _, l := range lines {
		for _, p := range l {
			if math.Abs(p.X*p.Y-0.5) > 0.02 {
				t.Fatalf("saddle: point %v has xy = %v", p, p.X*p.Y)
			}
		}
	}
	// NaN marks cells to leave out: only the left half of the circle remains,
	// as one open arc.
	half := func(x, y float64) float64 {
		if x > 0.05 {
			return math.NaN()
		}
		return x*x + y*y
	}
	lines = ContourLines(half, -3, 3, -3, 3, 61, 61, 4)
	if len(lines) != 1 || lines[0][0] == lines[0][len(lines[0])-1] {
		t.Fatalf("half circle: got %d lines, want one open arc", len(lines))
	}
	for _, p := range lines[0] {
		if p.X > 0.1 {
			t.Fatalf("half circle: point %v lies in the NaN half", p)
		}
	}
	if got := ContourLines(plane, 0, 1, 0, 1, 1, 5, 0.5); got != nil {
		t.Errorf("a grid of one column has no cells, got %v", got)
	}
}

func TestChartContourLayer(t *testing.T) {
	c := &Chart{X: Axis{Min: -10, Max: 10}, Y: Axis{Min: -5, Max: 5}}
	c.AddContour(func(x, y float64) float64 { return x*x/20 + y*y }, 1, 2, 4)
	doc := parseSVG(t, render(t, c))
	paths := doc.class("contour")
	if len(paths) != 3 {
		t.Fatalf("got %d contour paths, want 3", len(paths))
	}
	for i, want := range []string{"1", "2", "4"} {
		if got := paths[i].attr["data-level"]; got != want {
			t.Errorf("contour %d has level %q, want %q", i, got, want)
		}
		if subpaths(paths[i].attr["d"]) != 1 {
			t.Errorf("contour %s: want one closed ellipse, d has %d pieces", want, subpaths(paths[i].attr["d"]))
		}
	}
	if paths[0].attr["stroke"] == paths[2].attr["stroke"] {
		t.Errorf("lowest and highest level have the same colour %s", paths[0].attr["stroke"])
	}

	// Filled: one embedded PNG under the lines, and automatic levels.
	c = &Chart{X: Axis{Min: -10, Max: 10}, Y: Axis{Min: -5, Max: 5}}
	c.AddContour(func(x, y float64) float64 { return x*x/20 + y*y }).Filled = true
	doc = parseSVG(t, render(t, c))
	bands := doc.class("contour-bands")
	if len(bands) != 1 || !strings.HasPrefix(bands[0].attr["href"], "data:image/png;base64,") {
		t.Fatalf("filled contour: want one embedded PNG image, got %d", len(bands))
	}
	// f ranges from 0 to 30 on screen; Ticks(0, 30, 10) steps by 5.
	if got := len(doc.class("contour")); got != 5 {
		t.Errorf("automatic levels: got %d lines, want 5 (5, 10, 15, 20, 25)", got)
	}
}
