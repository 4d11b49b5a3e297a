// Tests of chapter 4's figures: the tangent against the analytic
// derivative, the arrows against the direction of the minimum, the descent
// path against the closed form 0.8^i, and the files -out writes.

package main

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"dlfs/common/cli"
)

// The tangent at x = 5 has function_1's derivative there, 0.02*5 + 0.1 =
// 0.2, and touches the curve at (5, f(5)) = (5, 0.75).
func TestTangentLine(t *testing.T) {
	tf := tangentLine(function1, 5)
	if slope := tf(6) - tf(5); math.Abs(slope-0.2) > 1e-6 {
		t.Errorf("tangent slope %v, want 0.2", slope)
	}
	if math.Abs(tf(5)-0.75) > 1e-9 {
		t.Errorf("tangent at x = 5 is %v, want f(5) = 0.75", tf(5))
	}
	c := gradient1DChart()
	if len(c.Series) != 3 || len(c.Series[0].X) != 200 || c.Series[0].X[199] >= 20 {
		t.Fatalf("chart has %d series, the first of %d points; want f and its tangent over np.arange(0, 20, 0.1) (200 points) and the touching point", len(c.Series), len(c.Series[0].X))
	}
	for i, x := range c.Series[1].X {
		if want := 0.2*x - 0.25; math.Abs(c.Series[1].Y[i]-want) > 1e-6 {
			t.Fatalf("tangent at x = %v is %v, want 0.2x - 0.25 = %v", x, c.Series[1].Y[i], want)
		}
	}
}

// The field has the book's 18x18 points from -2 to 2.25, and each arrow is
// -∇f = (-2x0, -2x1): pointing at the origin, as long as twice the distance.
func TestGradientField(t *testing.T) {
	x0, x1, u, v := gradientField()
	if len(x0) != 18*18 || x0[0] != -2 || x0[17] != 2.25 || x1[17] != -2 || x1[18] != -1.75 {
		t.Fatalf("grid of %d points starting %v, %v; want 324 in rows of x0 from -2 to 2.25", len(x0), x0[:2], x1[:2])
	}
	for i := range x0 {
		if math.Abs(u[i]+2*x0[i]) > 1e-6 || math.Abs(v[i]+2*x1[i]) > 1e-6 {
			t.Fatalf("at (%v, %v): arrow (%v, %v), want (%v, %v)", x0[i], x1[i], u[i], v[i], -2*x0[i], -2*x1[i])
		}
		// Toward the minimum: the arrow and the way to the origin agree.
		if d := u[i]*-x0[i] + v[i]*-x1[i]; (x0[i] != 0 || x1[i] != 0) && !(d > 0) {
			t.Errorf("at (%v, %v) the arrow (%v, %v) does not point at the origin", x0[i], x1[i], u[i], v[i])
		}
	}
	c := gradient2DChart()
	if len(c.Arrows) != 1 || c.X.Label != "x0" || c.Y.Label != "x1" || c.X.Min != -2 || c.X.Max != 2 {
		t.Errorf("chart %+v: want one arrow field on x0, x1 in [-2, 2]", c)
	}
}

// The book's run: 20 points, x before each step, each 0.8 times the one
// before (x - 0.1*2x), the last near the origin; the chart shows them all.
func TestBookDescent(t *testing.T) {
	x, history, lr := bookDescent()
	if history.Rows != 20 || history.Cols != 2 || lr != 0.1 {
		t.Fatalf("history %dx%d with lr %v, want 20x2 with 0.1", history.Rows, history.Cols, lr)
	}
	for i := range history.Rows {
		f := math.Pow(0.8, float64(i))
		if math.Abs(history.At(i, 0)+3*f) > 1e-6 || math.Abs(history.At(i, 1)-4*f) > 1e-6 {
			t.Errorf("step %d at (%v, %v), want (%v, %v)", i, history.At(i, 0), history.At(i, 1), -3*f, 4*f)
		}
	}
	if last := math.Hypot(history.At(19, 0), history.At(19, 1)); last > 0.1 {
		t.Errorf("last point %v from the origin, want near it (5 * 0.8^19 = 0.072)", last)
	}
	if d := math.Hypot(x.Data[0], x.Data[1]); math.Abs(d-5*math.Pow(0.8, 20)) > 1e-6 {
		t.Errorf("x after 20 steps %v from the origin, want 5 * 0.8^20", d)
	}
	c := gradientMethodChart(history, lr)
	pts := c.Series[len(c.Series)-1]
	if len(pts.X) != 20 || pts.X[0] != -3 || pts.Y[0] != 4 {
		t.Errorf("chart shows %d points from (%v, %v), want the 20 of the history from (-3, 4)", len(pts.X), pts.X[0], pts.Y[0])
	}
}

// -out writes the three figures and the accuracy chart, well-formed SVGs
// with their titles, and nothing else.
func TestWriteFigures(t *testing.T) {
	path := filepath.Join(t.TempDir(), "figures")
	out, err := cli.OutputDir("-out", path)
	if err != nil {
		t.Fatal(err)
	}
	var stdout bytes.Buffer
	names, err := writeFigures(out, &stdout)
	if err != nil {
		t.Fatal(err)
	}
	if err := writeAccuracyChart(out, 50, []float64{0.1, 0.8, 0.9}, []float64{0.1, 0.81, 0.9}, &stdout); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(nil); err != nil {
		t.Fatal(err)
	}
	if want := []string{"gradient_1d.svg", "gradient_2d.svg", "gradient_method.svg"}; !slices.Equal(names, want) || !slices.Equal(outFiles(false), want) {
		t.Errorf("writeFigures wrote %v, -out checks %v, want %v", names, outFiles(false), want)
	}
	if got, want := stdout.String(), "wrote gradient_1d.svg, gradient_2d.svg, gradient_method.svg to "+path+"\nwrote accuracy.svg to "+path+"\n"; got != want {
		t.Errorf("printed %q, want %q", got, want)
	}
	entries, err := os.ReadDir(path)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	want := []string{"accuracy.svg", "gradient_1d.svg", "gradient_2d.svg", "gradient_method.svg"}
	if checked := slices.Sorted(slices.Values(outFiles(true))); !slices.Equal(got, want) || !slices.Equal(checked, want) {
		t.Errorf("-out folder holds %v, -backprop -out checks %v, want %v", got, checked, want)
	}
	for name, want := range map[string]string{
		"gradient_1d.svg":     "tangent at x = 5, slope 0.2000",
		"gradient_2d.svg":     `class="arrow-heads"`,
		"gradient_method.svg": "lr 0.1, 20 steps",
		"accuracy.svg":        "784-50-10",
	} {
		data, err := os.ReadFile(filepath.Join(path, name))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(string(data), "<?xml") || !strings.Contains(string(data), want) || !strings.HasSuffix(string(data), "</svg>\n") {
			t.Errorf("%s is not a whole SVG holding %q", name, want)
		}
	}
}
