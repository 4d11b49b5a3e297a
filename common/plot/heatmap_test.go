// Tests of Heatmap: cells, values, readable text colours, colour bar, errors.

package plot

import (
	"bytes"
	"slices"
	"strings"
	"testing"
)

func TestHeatmap(t *testing.T) {
	h := &Heatmap{
		Title:     "confusion",
		Values:    [][]float64{{950, 3, 0}, {7, 1100, 12}, {0, 25, 990}},
		ColLabels: []string{"a", "b", "c"},
		XLabel:    "predicted", YLabel: "true",
	}
	doc := parseSVG(t, render(t, h))
	cells := doc.class("cell")
	if len(cells) != 9 {
		t.Fatalf("got %d cells, want 9", len(cells))
	}
	values := doc.class("value")
	var texts []string
	for _, v := range values {
		texts = append(texts, v.text)
	}
	if want := []string{"950", "3", "0", "7", "1100", "12", "0", "25", "990"}; !slices.Equal(texts, want) {
		t.Errorf("cell texts %v, want %v", texts, want)
	}
	// The largest count gets the darkest blue and white text, the zeros the
	// lightest blue and dark text.
	if got := cells[4].attr["fill"]; got != cssColor(Blues.Stops[len(Blues.Stops)-1]) {
		t.Errorf("cell 1100 is %s, want the darkest blue", got)
	}
	if got := cells[2].attr["fill"]; got != cssColor(Blues.Stops[0]) {
		t.Errorf("cell 0 is %s, want the lightest blue", got)
	}
	if values[4].attr["fill"] != "#ffffff" || values[2].attr["fill"] == "#ffffff" {
		t.Errorf("text colours: %s on the darkest cell, %s on the lightest", values[4].attr["fill"], values[2].attr["fill"])
	}
	if got := doc.texts("rowlabel"); !slices.Equal(got, []string{"0", "1", "2"}) {
		t.Errorf("row labels %v, want numbers from 0", got)
	}
	if got := doc.texts("collabel"); !slices.Equal(got, []string{"a", "b", "c"}) {
		t.Errorf("column labels %v", got)
	}
	if len(doc.class("colorbar")) != 1 || len(doc.texts("cbartick")) < 2 {
		t.Errorf("want a colour bar with ticks")
	}
	h.HideColorbar, h.HideValues = true, true
	doc = parseSVG(t, render(t, h))
	if len(doc.class("colorbar")) != 0 || len(doc.class("value")) != 0 {
		t.Errorf("HideColorbar and HideValues left a colour bar or values")
	}
}

func TestHeatmapCenteredMap(t *testing.T) {
	h := &Heatmap{Values: [][]float64{{-1, 0, 3}}, Map: Diverging}
	doc := parseSVG(t, render(t, h))
	cells := doc.class("cell")
	// The range widens to [-3, 3]: 0 is the white middle, -1 a light blue.
	if got := cells[1].attr["fill"]; got != "#ffffff" {
		t.Errorf("0 on a centred map is %s, want white", got)
	}
	if got := cells[2].attr["fill"]; got != cssColor(Diverging.Stops[10]) {
		t.Errorf("3 is %s, want the darkest red", got)
	}
}

func TestHeatmapErrors(t *testing.T) {
	for name, h := range map[string]*Heatmap{
		"ragged": {Values: [][]float64{{1, 2}, {3}}},
		"empty":  {},
		"tiny":   {Values: [][]float64{{1}}, Width: 10, Height: 10},
	} {
		if _, err := h.WriteTo(&bytes.Buffer{}); err == nil {
			t.Errorf("%s heatmap: no error", name)
		} else if !strings.HasPrefix(err.Error(), "plot: heatmap") {
			t.Errorf("%s heatmap: error %q does not say what failed", name, err)
		}
	}
}

func TestTextColorContrast(t *testing.T) {
	// WCAG contrast of the chosen text colour must beat the other choice.
	contrast := func(a, b float64) float64 {
		if a < b {
			a, b = b, a
		}
		return (a + 0.05) / (b + 0.05)
	}
	for _, m := range []Colormap{Blues, Viridis, Gray, Diverging} {
		for k := 0; k <= 20; k++ {
			c := m.At(float64(k) / 20)
			l := relativeLuminance(c)
			white, dark := contrast(1, l), contrast(relativeLuminance(colorFromCSS(t, "#1a1a1a")), l)
			chosen := textColorOn(c)
			if (chosen == "#ffffff") != (white > dark) {
				t.Errorf("%s at %v (%s): chose %s with contrast white %.2f, dark %.2f", m.Name, float64(k)/20, cssColor(c), chosen, white, dark)
			}
		}
	}
}
