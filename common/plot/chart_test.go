// Tests of Chart: the structure of the SVG (one path per series, ticks,
// labels, legend), a golden file, log axes, bad input and atomic writes.

package plot

import (
	"bytes"
	"flag"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// goldenChart is a small chart that exercises most of the drawing code.
func goldenChart() *Chart {
	c := &Chart{
		Title:  "loss & accuracy <test>",
		X:      Axis{Label: "epochs"},
		Y:      Axis{Label: "accuracy", Min: 0, Max: 1},
		Legend: LegendLowerRight,
		Width:  400, Height: 300,
	}
	epochs := []float64{0, 1, 2, 3, 4, 5}
	train := c.Line("train", epochs, []float64{0.1, 0.6, 0.8, 0.9, 0.95, 0.97})
	train.Marker = Circle
	test := c.Line("test", epochs, []float64{0.1, 0.55, 0.75, 0.85, 0.88, 0.9})
	test.Dashed = true
	test.Marker = Square
	test.MarkEvery = 2
	return c
}

// TestGoldenChart compares a small chart with testdata/line.svg. After an
// intended change in the drawing, regenerate it with
// go test ./common/plot -run Golden -update and look at the new file.
func TestGoldenChart(t *testing.T) {
	got := render(t, goldenChart())
	path := filepath.Join("testdata", "line.svg")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("chart differs from %s; if the change is intended, run with -update and look at the file\ngot:\n%s", path, got)
	}
}

func TestChartStructure(t *testing.T) {
	doc := parseSVG(t, render(t, goldenChart()))
	series := doc.class("series")
	if len(series) != 2 {
		t.Fatalf("got %d series paths, want 2", len(series))
	}
	for i, name := range []string{"train", "test"} {
		if series[i].attr["data-name"] != name {
			t.Errorf("series %d is %q, want %q", i, series[i].attr["data-name"], name)
		}
		if n := strings.Count(series[i].attr["d"], "L"); n != 5 {
			t.Errorf("series %q: %d line segments, want 5", name, n)
		}
	}
	if series[0].attr["stroke"] != Palette[0] || series[1].attr["stroke"] != Palette[1] {
		t.Errorf("series colours %s, %s; want the first two palette colours", series[0].attr["stroke"], series[1].attr["stroke"])
	}
	if series[1].attr["stroke-dasharray"] == "" || series[0].attr["stroke-dasharray"] != "" {
		t.Errorf("only the test series should be dashed")
	}
	markers := doc.class("markers")
	if len(markers) != 2 || subpaths(markers[0].attr["d"]) != 6 || subpaths(markers[1].attr["d"]) != 3 {
		t.Errorf("want markers on all 6 train points and on every second of the 6 test points")
	}
	// A fixed 0..1 range: ticks every 0.2, numbers written compactly.
	if got, want := doc.texts("ytick"), []string{"0", "0.2", "0.4", "0.6", "0.8", "1"}; !slices.Equal(got, want) {
		t.Errorf("y tick labels %v, want %v", got, want)
	}
	if got := doc.texts("xtick"); len(got) < 3 || got[0] != "0" || got[len(got)-1] != "5" {
		t.Errorf("x tick labels %v, want 0 ... 5", got)
	}
	if got := doc.texts("title"); !slices.Equal(got, []string{"loss & accuracy <test>"}) {
		t.Errorf("title %q did not survive escaping", got)
	}
	if got := doc.texts("legend-label"); !slices.Equal(got, []string{"train", "test"}) {
		t.Errorf("legend labels %v", got)
	}
	if got := doc.texts("xlabel"); !slices.Equal(got, []string{"epochs"}) {
		t.Errorf("x label %v", got)
	}
	if got := doc.texts("ylabel"); !slices.Equal(got, []string{"accuracy"}) {
		t.Errorf("y label %v", got)
	}
	svg := doc
	if svg.attr["width"] != "400" || svg.attr["height"] != "300" {
		t.Errorf("size %sx%s, want 400x300", svg.attr["width"], svg.attr["height"])
	}
}

// TestTickLabelsDoNotOverlap draws x axes of several widths and ranges and
// checks that neighbouring labels, by the width estimate, keep apart and
// stay inside the picture.
func TestTickLabelsDoNotOverlap(t *testing.T) {
	for _, width := range []float64{160, 240, 400, 640, 1200} {
		for _, xmax := range []float64{1, 19, 2000, 12345, 1e6} {
			c := &Chart{Width: width, Height: 200, X: Axis{Label: "x"}, Y: Axis{Label: "y"}}
			c.Line("", []float64{0, xmax}, []float64{0, 1})
			doc := parseSVG(t, render(t, c))
			labels := doc.class("xtick")
			if len(labels) < 2 {
				t.Errorf("width %v, x up to %v: only %d x tick labels", width, xmax, len(labels))
				continue
			}
			prevRight := math.Inf(-1)
			for _, l := range labels {
				x, _ := strconv.ParseFloat(l.attr["x"], 64)
				half := textWidth(l.text, tickSize) / 2
				if x-half < prevRight+4 {
					t.Errorf("width %v, x up to %v: label %q overlaps its left neighbour", width, xmax, l.text)
				}
				if x-half < 0 || x+half > width {
					t.Errorf("width %v, x up to %v: label %q sticks out of the picture", width, xmax, l.text)
				}
				prevRight = x + half
			}
		}
	}
}

func TestLogAxis(t *testing.T) {
	c := &Chart{Y: Axis{Log: true}}
	// A zero cannot be drawn on a log axis: the line breaks there.
	c.Line("loss", nil, []float64{2.3, 1.1, 0, 0.4, 0.2, 0.05})
	doc := parseSVG(t, render(t, c))
	series := doc.class("series")
	if len(series) != 1 || subpaths(series[0].attr["d"]) != 2 {
		t.Fatalf("want one series path in two pieces around the zero")
	}
	for _, l := range doc.texts("ytick") {
		v, err := strconv.ParseFloat(l, 64)
		if err != nil {
			t.Fatalf("y tick label %q is not a number", l)
		}
		m := v / math.Pow10(int(math.Floor(math.Log10(v)+1e-9)))
		if math.Abs(m-1) > 1e-9 && math.Abs(m-2) > 1e-9 && math.Abs(m-5) > 1e-9 {
			t.Errorf("log tick %q is not 1, 2 or 5 times a power of ten", l)
		}
	}
	bad := &Chart{Y: Axis{Log: true, Min: 0, Max: 1}}
	if _, err := bad.WriteTo(&bytes.Buffer{}); err == nil || !strings.Contains(err.Error(), "Min > 0") {
		t.Errorf("log axis from 0: error %v, want one asking for Min > 0", err)
	}
}

func TestLegendBestAvoidsData(t *testing.T) {
	// All points crowd the upper right corner; the legend must go elsewhere.
	c := &Chart{X: Axis{Min: 0, Max: 10}, Y: Axis{Min: 0, Max: 10}}
	var x, y []float64
	for i := 0; i < 400; i++ {
		x = append(x, 6+float64(i%20)/5)
		y = append(y, 6+float64(i/20)/5)
	}
	c.Scatter("crowd", x, y)
	doc := parseSVG(t, render(t, c))
	legend := doc.class("legend")
	if len(legend) != 1 {
		t.Fatalf("got %d legends, want 1", len(legend))
	}
	r := legend[0].children[0]
	lx, _ := strconv.ParseFloat(r.attr["x"], 64)
	ly, _ := strconv.ParseFloat(r.attr["y"], 64)
	w, h := c.size()
	if lx > w/2 && ly < h/2 {
		t.Errorf("legend at (%v, %v) sits in the upper right, over the data", lx, ly)
	}

	c.Legend = LegendNone
	if n := len(parseSVG(t, render(t, c)).class("legend")); n != 0 {
		t.Errorf("LegendNone drew %d legends", n)
	}
	c.Legend = LegendOutside
	doc = parseSVG(t, render(t, c))
	frame := doc.class("frame")[0]
	fx, _ := strconv.ParseFloat(frame.attr["x"], 64)
	fw, _ := strconv.ParseFloat(frame.attr["width"], 64)
	lx, _ = strconv.ParseFloat(doc.class("legend")[0].children[0].attr["x"], 64)
	if lx < fx+fw {
		t.Errorf("LegendOutside: legend at x = %v, inside the plot area ending at %v", lx, fx+fw)
	}

	unnamed := &Chart{}
	unnamed.Line("", nil, []float64{1, 2})
	if n := len(parseSVG(t, render(t, unnamed)).class("legend")); n != 0 {
		t.Errorf("a chart without named series drew %d legends", n)
	}
}

func TestSegmentHitsBox(t *testing.T) {
	r := box{0, 0, 10, 10}
	tests := []struct {
		x0, y0, x1, y1 float64
		want           bool
	}{
		{-5, 5, 15, 5, true},    // straight through
		{2, 2, 3, 3, true},      // inside
		{-5, -5, -1, 20, false}, // passes left of it
		{-5, 6, 6, -5, true},    // cuts the corner
		{-5, 3, 3, -5, false},   // misses the corner
		{11, 0, 11, 10, false},  // vertical, outside
	}
	for _, tt := range tests {
		if got := segmentHitsBox(tt.x0, tt.y0, tt.x1, tt.y1, r); got != tt.want {
			t.Errorf("segment (%v,%v)-(%v,%v): got %v, want %v", tt.x0, tt.y0, tt.x1, tt.y1, got, tt.want)
		}
	}
}

func TestChartErrors(t *testing.T) {
	c := &Chart{Title: "bad"}
	c.Line("short", []float64{1, 2, 3}, []float64{1, 2})
	_, err := c.WriteTo(&bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), `"short"`) || !strings.Contains(err.Error(), "3 x values and 2 y values") {
		t.Errorf("mismatched series: error %v", err)
	}
	c = &Chart{}
	c.Bars = append(c.Bars, &Bars{Edges: []float64{0, 1}, Heights: []float64{1, 2}})
	if _, err := c.WriteTo(&bytes.Buffer{}); err == nil {
		t.Error("bars with too few edges: no error")
	}
}

func TestEmptyChartAndOddValues(t *testing.T) {
	// No data at all, a single point, and NaN and infinite values must all
	// give a well-formed picture.
	charts := []*Chart{{}, {}, {}, {Y: Axis{Log: true}}}
	charts[1].Line("one", []float64{3}, []float64{7})
	charts[2].Line("odd", nil, []float64{math.NaN(), 1, math.Inf(1), 2, math.Inf(-1)})
	charts[3].Line("tiny and huge", nil, []float64{5e-324, 1e300})
	for i, c := range charts {
		doc := parseSVG(t, render(t, c))
		if len(doc.class("frame")) != 1 {
			t.Errorf("chart %d: no plot frame", i)
		}
		if d := doc.class("series"); len(d) == 1 && strings.Contains(d[0].attr["d"], "NaN") {
			t.Errorf("chart %d: the series has NaN coordinates", i)
		}
		if len(doc.texts("ytick")) < 2 {
			t.Errorf("chart %d: fewer than 2 y ticks", i)
		}
	}
}

func TestTooWideRange(t *testing.T) {
	c := &Chart{Y: Axis{Label: "loss"}}
	c.Line("huge", nil, []float64{-1e308, 1e308})
	if _, err := c.WriteTo(&bytes.Buffer{}); err == nil || !strings.Contains(err.Error(), `axis "loss"`) {
		t.Errorf("values spanning more than MaxFloat64: error %v", err)
	}
}

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "chart.svg")
	if err := goldenChart().WriteFile(path); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	parseSVG(t, data)
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("directory holds %d files after WriteFile, want just chart.svg", len(entries))
	}
	// A failed write names the file and leaves no temporary file behind.
	bad := &Chart{}
	bad.Line("x", []float64{1}, []float64{1, 2})
	if err := bad.WriteFile(path); err == nil || !strings.Contains(err.Error(), path) {
		t.Errorf("failed write: error %v, want one naming %s", err, path)
	}
	if got, _ := os.ReadFile(path); !bytes.Equal(got, data) {
		t.Error("a failed write changed the existing file")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("a failed write left %d files", len(entries))
	}
	missing := filepath.Join(dir, "no", "such", "dir", "c.svg")
	if err := goldenChart().WriteFile(missing); err == nil || !strings.Contains(err.Error(), missing) {
		t.Errorf("write into a missing directory: error %v", err)
	}
}

// BenchmarkLossChart writes the ch06 optimizer comparison: six smoothed loss
// curves of 2000 points on a log axis, with markers every 100.
func BenchmarkLossChart(b *testing.B) {
	c := &Chart{Y: Axis{Log: true}}
	for k := 0; k < 6; k++ {
		y := make([]float64, 2000)
		for i := range y {
			y[i] = 2.3*math.Exp(-float64(k+1)*float64(i)/1000) + 0.05 + 0.01*math.Sin(float64(i))
		}
		s := c.Line(strconv.Itoa(k), nil, SmoothCurve(y))
		s.Marker, s.MarkEvery = Circle, 100
	}
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if _, err := c.WriteTo(&buf); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "bytes/svg")
}
