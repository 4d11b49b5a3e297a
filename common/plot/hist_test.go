// Tests of Histogram against numpy.histogram's rules and of chart bars.

package plot

import (
	"math"
	"slices"
	"testing"
)

func TestHistogram(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		name       string
		values     []float64
		bins       int
		lo, hi     float64
		wantCounts []int
		wantEdges  []float64
	}{
		{"half-open bins, last one closed", []float64{0, 0.1, 0.5, 1, 1.0001, -0.1, nan}, 2, 0, 1,
			[]int{2, 2}, []float64{0, 0.5, 1}},
		// np.linspace(0, 1, 11) has 3*0.1 = 0.30000000000000004 as its fourth
		// edge, so 0.3 falls in bin 2, as it does in NumPy.
		{"edges as NumPy computes them", []float64{0.3, 0.7, 0.1}, 10, 0, 1,
			[]int{0, 1, 1, 0, 0, 0, 1, 0, 0, 0}, nil},
		{"range from the data", []float64{1, 2, 3}, 2, 0, 0, []int{1, 2}, []float64{1, 2, 3}},
		{"all equal: widened by 0.5", []float64{5, 5}, 1, 0, 0, []int{2}, []float64{4.5, 5.5}},
	}
	for _, tt := range tests {
		edges, counts, err := Histogram(tt.values, tt.bins, tt.lo, tt.hi)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if !slices.Equal(counts, tt.wantCounts) {
			t.Errorf("%s: counts %v, want %v", tt.name, counts, tt.wantCounts)
		}
		if tt.wantEdges != nil && !slices.Equal(edges, tt.wantEdges) {
			t.Errorf("%s: edges %v, want %v", tt.name, edges, tt.wantEdges)
		}
	}
}

// TestHistogramAgainstEdges checks every count against the definition, bin k
// holds edges[k] <= v < edges[k+1], on values that sit on and next to edges.
func TestHistogramAgainstEdges(t *testing.T) {
	var values []float64
	for k := 0; k <= 300; k++ {
		v := float64(k) / 300
		values = append(values, v, math.Nextafter(v, -1), math.Nextafter(v, 2))
	}
	edges, counts, err := Histogram(values, 30, 0, 1)
	if err != nil {
		t.Fatal(err)
	}
	want := make([]int, 30)
	for _, v := range values {
		for k := 0; k < 30; k++ {
			if v >= edges[k] && (v < edges[k+1] || (k == 29 && v == edges[30])) {
				want[k]++
				break
			}
		}
	}
	if !slices.Equal(counts, want) {
		t.Errorf("counts %v\nwant   %v", counts, want)
	}
}

func TestHistogramErrors(t *testing.T) {
	if _, _, err := Histogram([]float64{1}, 0, 0, 1); err == nil {
		t.Error("0 bins: no error")
	}
	if _, _, err := Histogram([]float64{1}, 3, 2, 1); err == nil {
		t.Error("range [2, 1]: no error")
	}
	if _, _, err := Histogram([]float64{1}, 3, 0, math.Inf(1)); err == nil {
		t.Error("infinite range: no error")
	}
}

func TestChartHist(t *testing.T) {
	c := &Chart{Title: "1-layer", X: Axis{Min: 0, Max: 1}}
	values := []float64{0.05, 0.05, 0.5, 0.95, 0.95, 0.95}
	if _, err := c.Hist("activations", values, 10, 0, 1); err != nil {
		t.Fatal(err)
	}
	doc := parseSVG(t, render(t, c))
	bars := doc.class("bars")
	if len(bars) != 1 {
		t.Fatalf("got %d bar layers, want 1", len(bars))
	}
	// Three non-empty bins: three rectangles.
	if n := subpaths(bars[0].attr["d"]); n != 3 {
		t.Errorf("bars path has %d rectangles, want 3", n)
	}
	// The y axis starts at 0 exactly (no margin under the bars) and reaches 3.
	labels := doc.texts("ytick")
	if len(labels) == 0 || labels[0] != "0" || labels[len(labels)-1] != "3" {
		t.Errorf("y tick labels %v, want 0 ... 3", labels)
	}
	if got := doc.texts("legend-label"); !slices.Equal(got, []string{"activations"}) {
		t.Errorf("legend %v, want [activations]", got)
	}
}
