// Tests of Grid: panels in their cells, unique ids, errors.

package plot

import (
	"bytes"
	"fmt"
	"image/color"
	"strings"
	"testing"
)

func TestGrid(t *testing.T) {
	var panels []Panel
	for i := 0; i < 3; i++ {
		c := &Chart{Title: fmt.Sprintf("panel %d", i)}
		c.Line("a", nil, []float64{1, 2, float64(i)})
		panels = append(panels, c)
	}
	panels = append(panels, &Heatmap{Values: [][]float64{{1, 2}, {3, 4}}})
	g := NewGrid(2, 2, panels...)
	g.Title = "four panels"
	g.CellWidth, g.CellHeight = 300, 200
	doc := parseSVG(t, render(t, g))
	charts := doc.class("chart")
	if len(charts) != 3 || len(doc.class("heatmap")) != 1 {
		t.Fatalf("got %d charts and %d heatmaps, want 3 and 1", len(charts), len(doc.class("heatmap")))
	}
	for i, c := range charts {
		if c.attr["id"] != fmt.Sprintf("p%d", i) {
			t.Errorf("chart %d has id %q", i, c.attr["id"])
		}
	}
	if doc.attr["width"] != "600" {
		t.Errorf("grid width %s, want 2 cells of 300", doc.attr["width"])
	}
	titles := doc.texts("title")
	if len(titles) != 4 || titles[0] != "four panels" {
		t.Errorf("titles %v, want the grid's and three panels'", titles)
	}
	// Each panel's frame lies inside its own cell.
	frames := doc.class("frame")
	for i, f := range frames[:3] {
		var x, y float64
		fmt.Sscan(f.attr["x"], &x)
		fmt.Sscan(f.attr["y"], &y)
		if col, row := i%2, i/2; x < float64(col)*300 || x > float64(col+1)*300 || y < float64(row)*200 {
			t.Errorf("panel %d's frame at (%v, %v) is outside its cell", i, x, y)
		}
	}
}

func TestGridErrors(t *testing.T) {
	c := &Chart{}
	if _, err := NewGrid(1, 1, c, c).WriteTo(&bytes.Buffer{}); err == nil || !strings.Contains(err.Error(), "2 panels for 1x1") {
		t.Errorf("too many panels: error %v", err)
	}
	if _, err := NewGrid(0, 2).WriteTo(&bytes.Buffer{}); err == nil {
		t.Error("0 rows: no error")
	}
	bad := &Chart{Title: "bad"}
	bad.Line("s", []float64{1}, nil)
	if _, err := NewGrid(1, 2, c, bad).WriteTo(&bytes.Buffer{}); err == nil || !strings.Contains(err.Error(), `"bad"`) {
		t.Errorf("bad panel: error %v", err)
	}
}

// colorFromCSS parses "#rrggbb" for tests.
func colorFromCSS(t *testing.T, s string) color.RGBA {
	t.Helper()
	var c color.RGBA
	if _, err := fmt.Sscanf(s, "#%02x%02x%02x", &c.R, &c.G, &c.B); err != nil {
		t.Fatalf("bad colour %q", s)
	}
	c.A = 255
	return c
}
